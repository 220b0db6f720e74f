package textview

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"factdesk/annotate"
)

const sample = "The ministry said that 1,200 people had crossed the border on Tuesday, according to a statement released in the evening by the defence ministry.\n" +
	"Les autorités de l’Azerbaïdjan ont démenti : « aucun civil n’a été blessé », a déclaré le porte-parole, ajoutant que l’Arménie exagérait.\n" +
	"Third paragraph, short."

// runeOffset returns the rune offset of the first occurrence of sub in text.
func runeOffset(t *testing.T, text, sub string) int {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return len([]rune(text[:i]))
}

// inView returns a point in view coordinates inside the glyph that starts at offset off.
func inView(v *View, off int) fyne.Position {
	p := v.PositionForOffset(off)
	return fyne.NewPos(p.X+1, p.Y-v.ScrollOffset()+v.LineHeight()/2)
}

// caretInView returns the point in view coordinates of the caret position at off.
func caretInView(v *View, off int) fyne.Position {
	p := v.PositionForOffset(off)
	return fyne.NewPos(p.X, p.Y-v.ScrollOffset()+v.LineHeight()/2)
}

// drag plays a drag the way the desktop driver reports it: each event carries the current
// position and the move since the previous event (test.Drag instead reports the start).
func drag(v *View, from, to fyne.Position, steps int) {
	dragSteps(v, from, to, steps)
	v.DragEnd()
}

// dragSteps plays the moves of a drag without ending it.
func dragSteps(v *View, from, to fyne.Position, steps int) {
	prev := from
	for i := 1; i <= steps; i++ {
		f := float32(i) / float32(steps)
		cur := fyne.NewPos(from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f)
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: fyne.NewDelta(cur.X-prev.X, cur.Y-prev.Y)})
		prev = cur
	}
}

func TestDragSelectsBetweenPressAndRelease(t *testing.T) {
	v, _ := laidOut(t, sample, 400, 300)
	var events [][2]int
	v.OnSelectionChanged = func(s, e int) { events = append(events, [2]int{s, e}) }

	a := runeOffset(t, sample, "Azerbaïdjan")
	b := runeOffset(t, sample, "exagérait") + len([]rune("exagérait"))
	if v.m.lineOf(a) == v.m.lineOf(b) {
		t.Fatal("the span should cross a line break at 400 px")
	}
	drag(v, caretInView(v, a), caretInView(v, b), 12)
	if s, e := v.Selection(); s != a || e != b {
		t.Fatalf("selection = [%d,%d), want [%d,%d)", s, e, a, b)
	}
	want := string([]rune(sample)[a:b])
	if got := v.SelectedText(); got != want || !strings.HasPrefix(got, "Azerbaïdjan") || !strings.HasSuffix(got, "exagérait") {
		t.Errorf("selected text = %q, want %q", got, want)
	}
	if len(events) < 3 || events[len(events)-1] != [2]int{a, b} {
		t.Errorf("selection events = %v, want several ending with [%d %d]", events, a, b)
	}

	// The same drag with the mouse events the desktop driver sends first, backwards.
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: caretInView(v, b)}, Button: desktop.MouseButtonPrimary})
	drag(v, caretInView(v, b), caretInView(v, a), 8)
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: caretInView(v, a)}, Button: desktop.MouseButtonPrimary})
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("backward selection = [%d,%d), want [%d,%d)", s, e, a, b)
	}
	if v.caret != a || v.anchor != b {
		t.Errorf("caret %d anchor %d, want the caret where the drag ended (%d)", v.caret, v.anchor, a)
	}
}

func TestDragNearBottomEdgeScrolls(t *testing.T) {
	text := article(30_000)
	v, _ := laidOut(t, text, 640, 300)
	visibleEnd := v.OffsetAt(fyne.NewPos(600, v.Size().Height-1))
	from := caretInView(v, 0)
	// Drag to below the view, then keep nudging there as a hand would.
	to := fyne.NewPos(300, v.Size().Height+30)
	dragSteps(v, from, to, 5)
	for i := 0; i < 10; i++ {
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(0, 1)})
	}
	v.DragEnd()
	if v.ScrollOffset() <= 0 {
		t.Fatal("dragging below the view did not scroll")
	}
	if _, e := v.Selection(); e <= visibleEnd {
		t.Errorf("selection ends at %d, not past the text first in view (%d)", e, visibleEnd)
	}
	s, e := v.Selection()
	if s != 0 || v.SelectedText() != string([]rune(text)[s:e]) {
		t.Errorf("selection [%d,%d) should start at the press", s, e)
	}

	// Back up past the top edge: scrolls up again.
	y := v.ScrollOffset()
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, -20)}, Dragged: fyne.NewDelta(0, -40)})
	v.DragEnd()
	if v.ScrollOffset() >= y {
		t.Errorf("dragging above the view did not scroll up (%v -> %v)", y, v.ScrollOffset())
	}
}

func TestShiftClickExtendsSelection(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	a := runeOffset(t, sample, "people")
	b := runeOffset(t, sample, "Tuesday")
	press := func(p fyne.Position, mod fyne.KeyModifier) {
		ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mod}
		v.MouseDown(ev)
		v.MouseUp(ev)
		v.in.pressTime = v.in.pressTime.Add(-v.doubleTapDelay() * 2) // not a double click
	}
	press(caretInView(v, a), 0)
	if s, e := v.Selection(); s != a || e != a {
		t.Fatalf("click: selection [%d,%d), want a caret at %d", s, e, a)
	}
	press(caretInView(v, b), fyne.KeyModifierShift)
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("shift+click: selection [%d,%d), want [%d,%d)", s, e, a, b)
	}
	v.Tapped(&fyne.PointEvent{Position: caretInView(v, b)}) // the late tap must not collapse it
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("after the tap: selection [%d,%d), want [%d,%d)", s, e, a, b)
	}

	// Without mouse events (touch, or a shift key tracked by KeyDown).
	v.Tapped(&fyne.PointEvent{Position: caretInView(v, a)})
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.Tapped(&fyne.PointEvent{Position: caretInView(v, b)})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("tap, shift+tap: selection [%d,%d), want [%d,%d)", s, e, a, b)
	}
}

func TestKeyboardSelection(t *testing.T) {
	v, w := laidOut(t, sample, 640, 300)
	w.Canvas().Focus(v)
	rs := []rune(sample)
	key := func(name fyne.KeyName) { v.TypedKey(&fyne.KeyEvent{Name: name}) }
	shift := func(f func()) {
		v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		f()
		v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}

	a := runeOffset(t, sample, "Azerbaïdjan")
	v.SetSelection(a, a)
	shift(func() {
		for i := 0; i < len([]rune("Azerbaïdjan")); i++ {
			key(fyne.KeyRight)
		}
	})
	if got := v.SelectedText(); got != "Azerbaïdjan" {
		t.Errorf("shift+right ×11 selected %q", got)
	}
	shift(func() { key(fyne.KeyLeft); key(fyne.KeyLeft) })
	if got := v.SelectedText(); got != "Azerbaïdj" {
		t.Errorf("then shift+left ×2 selected %q", got)
	}
	key(fyne.KeyRight) // collapses to the end
	if s, e := v.Selection(); s != e || s != a+9 {
		t.Errorf("right collapses to [%d,%d), want a caret at %d", s, e, a+9)
	}

	key(fyne.KeyHome)
	line := v.m.lines[v.m.lineOf(a)]
	if s, _ := v.Selection(); s != line.start {
		t.Errorf("home: caret %d, want line start %d", s, line.start)
	}
	shift(func() { key(fyne.KeyEnd) })
	s, e := v.Selection()
	if s != line.start || e != v.m.caretEnd(v.m.lineOf(a)) {
		t.Errorf("shift+end: [%d,%d), want the line [%d,%d)", s, e, line.start, v.m.caretEnd(v.m.lineOf(a)))
	}
	if got := v.SelectedText(); got != strings.TrimRight(string(rs[line.start:line.end]), " ") {
		t.Errorf("shift+end selected %q", got)
	}

	// Down keeps the column, Shift+Down extends over the line.
	v.SetSelection(3, 3)
	key(fyne.KeyDown)
	if li := v.m.lineOf(v.caret); li != 1 {
		t.Errorf("down: caret on line %d, want 1", li)
	}
	x0 := v.PositionForOffset(3).X
	if x1 := v.PositionForOffset(v.caret).X; math.Abs(float64(x1-x0)) > 8 {
		t.Errorf("down moved the caret from x=%v to x=%v", x0, x1)
	}

	// Ctrl+Shift+Right selects by word.
	v.SetSelection(0, 0)
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if got := v.SelectedText(); got != "The ministry" {
		t.Errorf("ctrl+shift+right ×2 selected %q", got)
	}

	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := v.SelectedText(); got != sample {
		t.Errorf("ctrl+A selected %d runes of %d", len([]rune(got)), len(rs))
	}
	v.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != sample {
		t.Errorf("ctrl+C copied %q", got)
	}
	key(fyne.KeyEscape)
	if s, e := v.Selection(); s != e {
		t.Errorf("escape left [%d,%d) selected", s, e)
	}
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyHome, Modifier: fyne.KeyModifierControl})
	if s, _ := v.Selection(); s != 0 {
		t.Errorf("ctrl+home: caret %d", s)
	}
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if s, e := v.Selection(); s != 0 || e != len(rs) {
		t.Errorf("ctrl+shift+end: [%d,%d)", s, e)
	}
}

func TestPageDownMovesAndScrolls(t *testing.T) {
	v, w := laidOut(t, article(30_000), 640, 300)
	w.Canvas().Focus(v)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if v.ScrollOffset() <= 0 {
		t.Fatal("page down did not scroll")
	}
	p := v.PositionForOffset(v.caret)
	if y := p.Y - v.ScrollOffset(); y < 0 || y > v.Size().Height {
		t.Errorf("caret at y=%v is out of view", y)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	if v.ScrollOffset() != 0 || v.caret != 0 {
		t.Errorf("page up: scroll %v caret %d, want both back at 0", v.ScrollOffset(), v.caret)
	}
}

func TestDoubleTapSelectsWord(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	for _, c := range []struct{ at, want string }{
		{"zerbaïdjan", "l’Azerbaïdjan"},
		{"Arménie", "l’Arménie"},
		{"1,200", "1,200"},
		{"déclaré", "déclaré"},
		{"porte-parole", "porte"},
	} {
		off := runeOffset(t, sample, c.at) + 2
		v.DoubleTapped(&fyne.PointEvent{Position: inView(v, off)})
		if got := v.SelectedText(); got != c.want {
			t.Errorf("double tap in %q selected %q, want %q", c.at, got, c.want)
		}
		s, e := v.Selection()
		if got := string([]rune(sample)[s:e]); got != c.want {
			t.Errorf("selection offsets [%d,%d) hold %q, want %q", s, e, got, c.want)
		}
		v.in.lastDouble = v.in.lastDouble.Add(-v.doubleTapDelay() * 2)
	}
}

func TestTripleTapSelectsParagraph(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	off := runeOffset(t, sample, "civil")
	p := inView(v, off)
	want := strings.Split(sample, "\n")[1]

	// Desktop: three presses; the driver sends DoubleTapped after the second, Tapped after the third.
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.MouseDown(ev)
	v.MouseUp(ev)
	if got := v.SelectedText(); got != "civil" {
		t.Errorf("second click selected %q, want the word", got)
	}
	v.DoubleTapped(&ev.PointEvent)
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.Tapped(&ev.PointEvent)
	if got := v.SelectedText(); got != want {
		t.Errorf("triple click selected %q, want the paragraph %q", got, want)
	}

	// Drag after a triple click extends by paragraphs (no tap comes after a drag).
	v.in.pressTime = v.in.pressTime.Add(-v.doubleTapDelay() * 2)
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.DoubleTapped(&ev.PointEvent)
	v.MouseDown(ev)
	drag(v, p, inView(v, runeOffset(t, sample, "Third")), 4)
	v.MouseUp(ev)
	if got := v.SelectedText(); got != strings.SplitN(sample, "\n", 2)[1] {
		t.Errorf("triple click and drag selected %q", got)
	}

	// Double click and drag: by words. The desktop driver then delivers the late Tapped of
	// the first click, which must leave the selection alone.
	v.in.pressTime = v.in.pressTime.Add(-v.doubleTapDelay() * 2)
	w1 := runeOffset(t, sample, "civil")
	w2 := runeOffset(t, sample, "déclaré")
	ev = &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: inView(v, w1+1)}, Button: desktop.MouseButtonPrimary}
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.MouseDown(ev)
	drag(v, ev.Position, inView(v, w2+2), 5)
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: inView(v, w2+2)}, Button: desktop.MouseButtonPrimary})
	v.Tapped(&ev.PointEvent)
	if got := v.SelectedText(); got != "civil n’a été blessé », a déclaré" {
		t.Errorf("double click and drag selected %q, want whole words", got)
	}

	// Touch or test driver: a double tap then a tap.
	v.SetSelection(0, 0)
	v.DoubleTapped(&fyne.PointEvent{Position: p})
	v.Tapped(&fyne.PointEvent{Position: p})
	if got := v.SelectedText(); got != want {
		t.Errorf("double tap and tap selected %q, want the paragraph", got)
	}
}

func TestSelectedTextWithMultibyteRunes(t *testing.T) {
	text := "Ça coûte 3\u202f€ — «\u00a0déjà vu\u00a0» 🙂 l’été.\nZweite Zeile: Größe."
	v, _ := laidOut(t, text, 640, 200)
	rs := []rune(text)
	for _, span := range [][2]int{{0, 2}, {9, 12}, {16, 25}, {26, 27}, {5, len(rs)}} {
		v.SetSelection(span[0], span[1])
		if got, want := v.SelectedText(), string(rs[span[0]:span[1]]); got != want {
			t.Errorf("SelectedText [%d,%d) = %q, want %q", span[0], span[1], got, want)
		}
	}
	v.SetSelection(len(rs)+10, -4)
	if s, e := v.Selection(); s != 0 || e != len(rs) {
		t.Errorf("out of range selection clamped to [%d,%d)", s, e)
	}
	// Drag over the emoji: offsets stay rune offsets.
	a := runeOffset(t, text, "🙂")
	drag(v, caretInView(v, a), caretInView(v, a+1), 3)
	if got := v.SelectedText(); got != "🙂" {
		t.Errorf("dragging over the emoji selected %q", got)
	}
}

func TestOffsetAtInvertsPositionForOffset(t *testing.T) {
	v, _ := laidOut(t, article(20_000), 640, 480)
	m := &v.m
	for li := 0; li < len(m.lines); li += 7 {
		l := m.lines[li]
		for off := l.start; off <= m.caretEnd(li); off += 3 {
			p := v.PositionForOffset(off)
			if got := v.OffsetAt(fyne.NewPos(p.X, p.Y+v.LineHeight()/2)); got != off {
				t.Fatalf("OffsetAt(PositionForOffset(%d)) = %d on line %d %q", off, got, li, m.lineText(li))
			}
		}
	}
	if got := v.OffsetAt(fyne.NewPos(10, -5)); got != 0 {
		t.Errorf("above the text: %d", got)
	}
	if got := v.OffsetAt(fyne.NewPos(10, v.contentHeight()+50)); got != m.runes.len() {
		t.Errorf("below the text: %d, want %d", got, m.runes.len())
	}
}

// rectsOf returns the rectangles of the visible window filled with c.
func rectsOf(v *View, c color.Color) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range v.content.r.objects {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == c {
			out = append(out, r)
		}
	}
	return out
}

func TestHighlightAcrossLineBreakHasOneRectanglePerLine(t *testing.T) {
	v, _ := laidOut(t, sample, 400, 300)
	a := runeOffset(t, sample, "people")
	b := runeOffset(t, sample, "evening")
	v.SetClaims([]Highlight{{ID: "x", Start: a, End: b, Verdict: annotate.Disputed}})
	la, lb := v.m.lineOf(a), v.m.lineOf(b)
	if lb-la < 1 {
		t.Fatalf("claim on lines %d..%d: it should cross a line break", la, lb)
	}
	fill := v.content.r.col.fill[annotate.Disputed]
	rects := rectsOf(v, fill)
	if len(rects) != lb-la+1 {
		t.Fatalf("%d fill rectangles, want one per line (%d)", len(rects), lb-la+1)
	}
	for i, r := range rects {
		li := la + i
		l := v.m.lines[li]
		s, e := max(a, l.start), min(b, l.end)
		ps, pe := v.PositionForOffset(s), v.PositionForOffset(e)
		if li < lb {
			// The end of a wrapped line: PositionForOffset(l.end) is the start of the next line.
			pe = fyne.NewPos(ps.X+v.m.x(s, l.end), ps.Y)
		}
		if r.Position().X != ps.X || math.Abs(float64(r.Size().Width-(pe.X-ps.X))) > 0.01 {
			t.Errorf("line %d: rectangle x=%v w=%v, want x=%v w=%v", li, r.Position().X, r.Size().Width, ps.X, pe.X-ps.X)
		}
		if r.Position().Y < ps.Y || r.Position().Y+r.Size().Height > ps.Y+v.LineHeight() {
			t.Errorf("line %d: rectangle y=%v h=%v outside the line at %v", li, r.Position().Y, r.Size().Height, ps.Y)
		}
	}
	// Disputed claims get a zig-zag under each line, in the marker colour.
	if n := len(marksOf(v, markZigzag, v.content.r.col.marker[annotate.Disputed])); n != len(rects) {
		t.Errorf("%d disputed zig-zags, want %d", n, len(rects))
	}
	// The text is drawn over the highlight.
	objs := v.content.r.objects
	firstText := -1
	for i, o := range objs {
		if _, ok := o.(*canvas.Text); ok && firstText < 0 {
			firstText = i
		}
		if o == rects[0] && firstText >= 0 {
			t.Error("a highlight is drawn over the text")
		}
	}
}

// marksOf returns the patterned underlines of the visible window of one shape and colour.
func marksOf(v *View, kind markKind, c color.NRGBA) []*patterned {
	r := v.content.r
	var out []*patterned
	for _, d := range r.marks[:r.nMarks] {
		for _, o := range r.objects {
			if o == d.r && d.kind == kind && d.col == c {
				out = append(out, d)
			}
		}
	}
	return out
}

// outlines returns the outlines of the visible window drawn in stroke colour c.
func outlines(v *View, c color.Color) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range v.content.r.objects {
		if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 && r.StrokeColor == c {
			out = append(out, r)
		}
	}
	return out
}

// A contested claim is drawn in its own colour with a double line, whatever its verdict field
// says, and a settled one goes back to its verdict's mark.
func TestContestedClaimHasItsOwnMark(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	v.SetClaims([]Highlight{{ID: "x", Start: 0, End: 12, Verdict: annotate.Confirmed, Contested: true}})
	col := v.content.r.col
	if n := len(rectsOf(v, col.marker[contested])); n != 2 {
		t.Errorf("contested: %d lines, want the 2 of a double line", n)
	}
	if n := len(rectsOf(v, col.marker[annotate.Confirmed])) + len(rectsOf(v, col.fill[annotate.Confirmed])); n != 0 {
		t.Errorf("contested claim drawn with %d confirmed marks or fills", n)
	}
	if n := len(rectsOf(v, col.fill[contested])); n != 1 {
		t.Errorf("contested: %d fills, want 1", n)
	}
	v.UpsertClaim(Highlight{ID: "x", Start: 0, End: 12, Verdict: annotate.Confirmed})
	if n := len(rectsOf(v, col.marker[contested])); n != 0 {
		t.Errorf("settled claim still drawn contested (%d lines)", n)
	}
	if n := len(rectsOf(v, col.marker[annotate.Confirmed])); n != 1 {
		t.Errorf("settled claim: %d solid lines, want 1", n)
	}
}

func TestMarkersDifferByVerdict(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	v.SetClaims([]Highlight{
		{ID: "c", Start: 0, End: 12, Verdict: annotate.Confirmed},
		{ID: "d", Start: 20, End: 30, Verdict: annotate.Disputed},
		{ID: "u", Start: 40, End: 50, Verdict: annotate.Unverified},
	})
	col := v.content.r.col
	if n := len(rectsOf(v, col.marker[annotate.Confirmed])); n != 1 {
		t.Errorf("confirmed: %d solid lines, want 1", n)
	}
	if n := len(rectsOf(v, col.marker[annotate.Disputed])); n != 0 {
		t.Errorf("disputed: %d solid lines, want none (a zig-zag)", n)
	}
	if n := len(marksOf(v, markZigzag, col.marker[annotate.Disputed])); n != 1 {
		t.Errorf("disputed: %d zig-zags, want 1", n)
	}
	if n := len(marksOf(v, markDotted, col.marker[annotate.Unverified])); n != 1 {
		t.Errorf("unverified: %d dotted lines, want 1", n)
	}
	if n := len(v.content.r.marks[:v.content.r.nMarks]); n != 2 {
		t.Errorf("%d patterned lines, want the zig-zag and the dotted line", n)
	}

	img := dotImage(40, 4, col.marker[annotate.Unverified])
	on, off := img.At(0, 0), img.At(5, 0)
	if _, _, _, a := off.RGBA(); a != 0 || on == off {
		t.Errorf("the dotted line has no gaps: %v %v", on, off)
	}
	// The zig-zag goes from the top row to the bottom one and back: every column is painted,
	// at heights that change along the line.
	zz := zigzagImage(24, 4, col.marker[annotate.Disputed])
	rowOf := func(x int) int {
		best, bestA := -1, uint32(0)
		for y := 0; y < 4; y++ {
			if _, _, _, a := zz.At(x, y).RGBA(); a > bestA {
				best, bestA = y, a
			}
		}
		return best
	}
	rows := map[int]bool{}
	for x := 0; x < 24; x++ {
		if rowOf(x) < 0 {
			t.Fatalf("zig-zag: column %d is empty", x)
		}
		rows[rowOf(x)] = true
	}
	if !rows[0] || !rows[3] {
		t.Errorf("zig-zag does not reach the top and bottom rows: %v", rows)
	}

	// The active claim gets an outline in the text colour.
	v.SetActiveClaim("d")
	if n := len(outlines(v, col.activeStroke)); n != 1 {
		t.Errorf("%d outlines for the active claim, want 1", n)
	}
	// Linked claims get a second outline, in the primary colour, also when they are active:
	// the active and linked claim shows both, the linked one outside the other.
	v.Emphasize([]string{"c", "u", "d"})
	active, linked := outlines(v, col.activeStroke), outlines(v, col.emphasisStroke)
	if len(active) != 1 || len(linked) != 3 {
		t.Fatalf("%d active and %d linked outlines, want 1 and 3", len(active), len(linked))
	}
	in := active[0]
	var out *canvas.Rectangle
	for _, o := range linked {
		if o.Position().Y <= in.Position().Y && o.Position().X < in.Position().X && o.Position().X+o.Size().Width > in.Position().X+in.Size().Width {
			out = o
		}
	}
	if out == nil || out.Position().Y+out.Size().Height <= in.Position().Y+in.Size().Height {
		t.Errorf("the linked outline of the active claim is not around its active outline")
	}
}

func TestTapOnOverlappingClaimsPicksShortest(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	a := runeOffset(t, sample, "1,200")
	v.SetClaims([]Highlight{
		{ID: "long", Start: 0, End: 80, Verdict: annotate.Confirmed},
		{ID: "short", Start: a, End: a + 12, Verdict: annotate.Disputed},
		{ID: "mid", Start: a - 5, End: a + 30, Verdict: annotate.Unverified},
	})
	var tapped []string
	v.OnClaimTapped = func(id string) { tapped = append(tapped, id) }

	if got := v.ClaimsAt(a + 2); strings.Join(got, ",") != "short,mid,long" {
		t.Errorf("ClaimsAt = %v, want shortest first", got)
	}
	v.Tapped(&fyne.PointEvent{Position: inView(v, a+2)})
	v.Tapped(&fyne.PointEvent{Position: inView(v, a-3)})
	v.Tapped(&fyne.PointEvent{Position: inView(v, 2)})
	if strings.Join(tapped, ",") != "short,mid,long" {
		t.Errorf("taps opened %v, want short, mid, long", tapped)
	}
	if v.ActiveClaim() != "long" {
		t.Errorf("active claim = %q, want the last tapped", v.ActiveClaim())
	}
	// A desktop click opens the claim on release.
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: inView(v, a+2)}, Button: desktop.MouseButtonPrimary}
	v.MouseDown(ev)
	v.MouseUp(ev)
	v.Tapped(&ev.PointEvent)
	if last := tapped[len(tapped)-1]; len(tapped) != 4 || last != "short" {
		t.Errorf("click opened %v", tapped)
	}
	// Beside the text nothing opens.
	v.Tapped(&fyne.PointEvent{Position: fyne.NewPos(630, inView(v, 2).Y)})
	if len(tapped) != 4 {
		t.Errorf("a tap past the end of the line opened %v", tapped[4:])
	}
	// The pointer shows a hand over a claim.
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: inView(v, a)}})
	if v.Cursor() != desktop.PointerCursor {
		t.Error("no pointer cursor over a claim")
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: inView(v, runeOffset(t, sample, "Third"))}})
	if v.Cursor() != desktop.TextCursor {
		t.Error("no text cursor over plain text")
	}
}

func TestEnterCreatesClaimFromSelection(t *testing.T) {
	v, w := laidOut(t, sample, 640, 300)
	var created [][2]int
	v.OnCreateClaim = func(s, e int) { created = append(created, [2]int{s, e}) }
	w.Canvas().Focus(v)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(created) != 0 {
		t.Fatalf("enter with no selection created %v", created)
	}
	a := runeOffset(t, sample, "aucun")
	v.DoubleTapped(&fyne.PointEvent{Position: inView(v, a)})
	test.Type(v, "x") // typing does not change a read-only text
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if len(created) != 2 || created[0] != [2]int{a, a + 5} {
		t.Errorf("created %v, want [%d %d] twice", created, a, a+5)
	}
	if v.Text() != sample {
		t.Error("typing changed the text")
	}
}

func TestContextMenu(t *testing.T) {
	v, w := laidOut(t, sample, 640, 300)
	a := runeOffset(t, sample, "people")
	v.SetClaims([]Highlight{
		{ID: "outer", Start: a - 10, End: a + 20, Verdict: annotate.Confirmed},
		{ID: "inner", Start: a, End: a + 6, Verdict: annotate.Disputed},
	})
	var extraFor []string
	v.ExtraMenuItems = func(ids []string) []*fyne.MenuItem {
		extraFor = ids
		return []*fyne.MenuItem{fyne.NewMenuItem("Link to…", func() {})}
	}
	labels := func(m *fyne.Menu) (out []string) {
		for _, it := range m.Items {
			label := it.Label
			if it.IsSeparator {
				label = "-"
			}
			if it.Disabled {
				label += " (disabled)"
			}
			out = append(out, label)
		}
		return out
	}

	m := v.contextMenu(fyne.NewPos(630, inView(v, a).Y))
	if got := strings.Join(labels(m), "|"); got != "Copy (disabled)|New claim from selection (disabled)|Open claim (disabled)|-|Link to…" {
		t.Errorf("menu beside the text = %s", got)
	}

	var opened, created []string
	v.OnClaimTapped = func(id string) { opened = append(opened, id) }
	v.OnCreateClaim = func(s, e int) { created = append(created, fmt.Sprint(s, e)) }
	v.SetSelection(a, a+6)
	m = v.contextMenu(inView(v, a+1))
	if got := strings.Join(labels(m), "|"); got != "Copy|New claim from selection|Open claim|-|Link to…" {
		t.Errorf("menu over two claims = %s", got)
	}
	if strings.Join(extraFor, ",") != "inner,outer" {
		t.Errorf("ExtraMenuItems got %v", extraFor)
	}
	sub := m.Items[2].ChildMenu
	if sub == nil || len(sub.Items) != 2 || !strings.HasPrefix(sub.Items[0].Label, "Disputed: “people") {
		t.Fatalf("open claim submenu = %v", sub)
	}
	sub.Items[1].Action()
	m.Items[1].Action()
	m.Items[0].Action()
	if strings.Join(opened, ",") != "outer" || strings.Join(created, ",") != fmt.Sprint(a, a+6) {
		t.Errorf("opened %v created %v", opened, created)
	}
	if got := fyne.CurrentApp().Clipboard().Content(); got != "people" {
		t.Errorf("copy put %q on the clipboard", got)
	}

	v.TappedSecondary(&fyne.PointEvent{Position: inView(v, a+1), AbsolutePosition: inView(v, a+1)})
	if w.Canvas().Overlays().Top() == nil {
		t.Error("right click showed no menu")
	}
}

func TestRevealClaimScrollsItIntoView(t *testing.T) {
	text := article(100_000)
	claims := claimsFor(text, 300)
	v, _ := laidOut(t, text, 640, 400)
	v.SetClaims(claims)
	var scrolled []float32
	v.OnScrolled = func(y float32) { scrolled = append(scrolled, y) }

	target := claims[250]
	if !v.RevealClaim(target.ID) {
		t.Fatal("RevealClaim did not find the claim")
	}
	top := v.PositionForOffset(target.Start).Y - v.ScrollOffset()
	bottom := v.PositionForOffset(target.End).Y + v.LineHeight() - v.ScrollOffset()
	if top < 0 || bottom > v.Size().Height {
		t.Fatalf("claim at %v..%v, view is 0..%v", top, bottom, v.Size().Height)
	}
	if mid := (top + bottom) / 2; math.Abs(float64(mid-v.Size().Height/2)) > float64(v.LineHeight()) {
		t.Errorf("claim centred at %v, view centre %v", mid, v.Size().Height/2)
	}
	if len(scrolled) == 0 || scrolled[len(scrolled)-1] != v.ScrollOffset() {
		t.Errorf("OnScrolled got %v, scroll offset is %v", scrolled, v.ScrollOffset())
	}
	if v.RevealClaim("nope") {
		t.Error("RevealClaim found a claim that does not exist")
	}
	// The claim's text objects are built.
	found := false
	for _, o := range v.content.r.objects {
		if tx, ok := o.(*canvas.Text); ok && strings.Contains(tx.Text, string([]rune(text)[target.Start:target.Start+3])) {
			found = true
		}
	}
	if !found {
		t.Error("the revealed lines are not drawn")
	}
}

func TestScrollRequestsBeforeLayoutRunAtFirstLayout(t *testing.T) {
	test.NewTempApp(t)
	text := article(50_000)
	claims := claimsFor(text, 100)

	v := New()
	v.SetText(text)
	v.SetClaims(claims)
	if !v.RevealClaim(claims[80].ID) {
		t.Fatal("RevealClaim before layout")
	}
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(640, 400))
	y := v.PositionForOffset(claims[80].Start).Y - v.ScrollOffset()
	if v.ScrollOffset() == 0 || y < 0 || y > 400 {
		t.Errorf("claim at y=%v after the first layout (scroll %v)", y, v.ScrollOffset())
	}

	// A pane restores its place by offset: after a resize it is still the top line.
	off := runeOffset(t, text, "Geneva") + 3000
	v2 := New()
	v2.SetText(text)
	v2.SetTopOffset(off)
	w2 := test.NewTempWindow(t, v2)
	w2.SetPadded(false)
	w2.Resize(fyne.NewSize(640, 400))
	if top := v2.TopOffset(); v2.m.lineOf(off) != v2.m.lineOf(top) {
		t.Errorf("top offset %d, want the line of %d", top, off)
	}
	w2.Resize(fyne.NewSize(500, 400))
	if top := v2.TopOffset(); v2.m.lineOf(off) != v2.m.lineOf(top) {
		t.Errorf("after a re-wrap the top line starts at %d, want the line holding %d", top, off)
	}
	// A divider dragged back and forth re-wraps many times: the place does not creep.
	for i := 0; i < 40; i++ {
		w2.Resize(fyne.NewSize(float32(420+(i*37)%300), 400))
	}
	w2.Resize(fyne.NewSize(640, 400))
	if top := v2.TopOffset(); v2.m.lineOf(off) != v2.m.lineOf(top) {
		t.Errorf("after 40 re-wraps the top line starts at %d, want the line holding %d", top, off)
	}
}

func TestOnlyVisibleLinesAreBuilt(t *testing.T) {
	text := article(2_000_000)
	v, _ := laidOut(t, text, 640, 480)
	v.SetClaims(claimsFor(text, 5000))
	r := v.content.r
	visible := int(480/v.LineHeight()) + 2
	count := func() (texts, all int) {
		for _, o := range r.objects {
			if _, ok := o.(*canvas.Text); ok {
				texts++
			}
		}
		return texts, len(r.objects)
	}
	for _, y := range []float32{0, v.contentHeight() / 2, v.contentHeight()} {
		v.SetScrollOffset(y)
		texts, all := count()
		if texts < visible-3 || texts > visible {
			t.Errorf("at y=%v: %d text objects for %d lines in view", y, texts, visible)
		}
		if all > 300 {
			t.Errorf("at y=%v: %d canvas objects for a 2 MB text", y, all)
		}
	}
	if n := len(v.m.lines); n < 20_000 {
		t.Errorf("only %d lines for 2 MB", n)
	}
}

func TestClaimChangesDoNotRewrap(t *testing.T) {
	text := article(50_000)
	claims := claimsFor(text, 200)
	v, _ := laidOut(t, text, 640, 480)
	wraps := v.m.wraps

	v.SetClaims(claims)
	first := claims[0]
	col := v.content.r.col
	if n := len(rectsOf(v, col.fill[first.Verdict])); n == 0 {
		t.Fatal("no fill for the first claim")
	}
	before := len(rectsOf(v, col.fill[annotate.Disputed]))
	first.Verdict = annotate.Disputed
	v.UpsertClaim(first)
	if got := len(rectsOf(v, col.fill[annotate.Disputed])); got <= before {
		t.Errorf("verdict change: %d disputed fills, had %d", got, before)
	}
	v.UpsertClaim(Highlight{ID: "new", Start: 5, End: 40, Verdict: annotate.Unverified})
	v.RemoveClaim(claims[1].ID)
	v.SetActiveClaim(claims[2].ID)
	v.Emphasize([]string{claims[3].ID})
	v.SetSelection(10, 400)
	v.SetScrollOffset(500)
	if v.m.wraps != wraps {
		t.Errorf("claim, selection and scroll changes wrapped the text %d times", v.m.wraps-wraps)
	}
	if _, ok := v.Claim(claims[1].ID); ok {
		t.Error("RemoveClaim left the claim")
	}

	// A new width does re-wrap, once.
	v.Resize(fyne.NewSize(600, 480))
	if v.m.wraps != wraps+1 {
		t.Errorf("resize wrapped %d times, want once", v.m.wraps-wraps)
	}
}

// sizedTheme is the default theme with another text size.
type sizedTheme struct {
	fyne.Theme
	text float32
}

func (t sizedTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return t.text
	}
	return t.Theme.Size(n)
}

func TestTextSizeChangeRewrapsAndKeepsPlace(t *testing.T) {
	text := article(40_000)
	v, _ := laidOut(t, text, 640, 400)
	lines, lh := len(v.m.lines), v.LineHeight()
	off := len([]rune(text)) / 2
	v.SetTopOffset(off)
	wraps := v.m.wraps

	v.SetTextSize(20)
	if v.m.wraps != wraps+1 || len(v.m.lines) <= lines || v.LineHeight() <= lh {
		t.Errorf("size 20: %d wraps, %d lines (had %d), line height %v (had %v)", v.m.wraps-wraps, len(v.m.lines), lines, v.LineHeight(), lh)
	}
	if top := v.TopOffset(); v.m.lineOf(top) != v.m.lineOf(off) {
		t.Errorf("after the size change the top line holds %d, want %d", top, off)
	}
	for li := v.content.r.first; li <= v.content.r.last; li++ {
		if tx := v.content.r.texts[li]; tx == nil || tx.TextSize != 20 {
			t.Fatalf("line %d is not drawn at size 20", li)
		}
	}

	// Back to the theme's size, then a theme with larger text: measured and wrapped again.
	v.SetTextSize(0)
	wraps = v.m.wraps
	fyne.CurrentApp().Settings().SetTheme(sizedTheme{theme.DefaultTheme(), 18})
	if v.TextSize() != 18 || v.m.wraps != wraps+1 {
		t.Errorf("theme text size 18: view at %v after %d wraps", v.TextSize(), v.m.wraps-wraps)
	}
	if top := v.TopOffset(); v.m.lineOf(top) != v.m.lineOf(off) {
		t.Errorf("after the theme change the top line holds %d, want %d", top, off)
	}
}

// A snapshot of what the view draws: two overlapping claims (one active), a selection, and
// the lines of a short text, in the light theme.
func TestRendersToMarkup(t *testing.T) {
	v, w := laidOut(t, sample, 360, 200)
	fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	a := runeOffset(t, sample, "1,200")
	v.SetClaims([]Highlight{
		{ID: "outer", Start: a - 5, End: a + 40, Verdict: annotate.Unverified},
		{ID: "inner", Start: a, End: a + 12, Verdict: annotate.Disputed},
		{ID: "fr", Start: runeOffset(t, sample, "aucun"), End: runeOffset(t, sample, "blessé") + 6, Verdict: annotate.Confirmed},
	})
	v.SetActiveClaim("inner")
	v.SetSelection(4, 12)
	test.AssertRendersToMarkup(t, "view.xml", w.Canvas())
}
