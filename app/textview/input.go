package textview

import (
	"factdesk/app/i18n"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// The View takes input itself (the content inside its scroll container takes none), so event
// positions are in view coordinates: content coordinates minus the scroll offset.
var (
	_ fyne.Tappable          = (*View)(nil)
	_ fyne.DoubleTappable    = (*View)(nil)
	_ fyne.SecondaryTappable = (*View)(nil)
	_ fyne.Draggable         = (*View)(nil)
	_ fyne.Focusable         = (*View)(nil)
	_ fyne.Shortcutable      = (*View)(nil)
	_ desktop.Mouseable      = (*View)(nil)
	_ desktop.Hoverable      = (*View)(nil)
	_ desktop.Cursorable     = (*View)(nil)
	_ desktop.Keyable        = (*View)(nil)
)

// Selection units: what a drag extends the selection by after one, two or three clicks.
const (
	unitChar = iota + 1
	unitWord
	unitPara
)

// clickSlop is how far apart (in points) two clicks may be and still count as a double click.
const clickSlop = 6

// inputState is what the View remembers between input events.
//
// With a mouse, the desktop driver sends MouseDown at once but Tapped only after the
// double-tap delay, and DoubleTapped on the second click; a third click is a plain Tapped. So
// the View acts on MouseDown (caret, word, paragraph, shift-extend, counting clicks itself)
// and MouseUp (open the claim), and ignores the late Tapped. Without MouseDown (touch, or a
// test tapping the widget), Tapped and DoubleTapped do the work, and a tap soon after a
// double tap at the same place is the third click.
type inputState struct {
	pressSeen   bool // a MouseDown came first: the Tapped that follows has nothing left to do
	pressTime   time.Time
	pressPos    fyne.Position
	clicks      int  // presses in a row at the same place
	noTapAction bool // the press extended the selection or selected a unit: no claim opens

	lastDouble    time.Time
	lastDoublePos fyne.Position

	dragging           bool
	unit               int
	unitStart, unitEnd int // the word or paragraph a multi-click drag started from
	dragPos            fyne.Position
	autoRunning        bool
	autoLast           time.Time

	shift      bool // a shift key is down (desktop.Keyable)
	hoverClaim bool // the pointer is over a claim
}

func near(a, b fyne.Position) bool {
	dx, dy := a.X-b.X, a.Y-b.Y
	return dx*dx+dy*dy <= clickSlop*clickSlop
}

func (v *View) doubleTapDelay() time.Duration {
	return fyne.CurrentApp().Driver().DoubleTapDelay()
}

// textPoint converts a point in view coordinates to text coordinates.
func (v *View) textPoint(p fyne.Position) (float32, float32) {
	return p.X - v.insets.left, p.Y + v.scroll.Offset.Y - v.insets.top
}

func (v *View) offsetAtView(p fyne.Position) int {
	v.ensureLines()
	return v.m.offsetAt(v.textPoint(p))
}

func (v *View) runeAtView(p fyne.Position) int {
	v.ensureLines()
	return v.m.runeAt(v.textPoint(p))
}

// claimsUnder returns the claims under a point in view coordinates, shortest first.
func (v *View) claimsUnder(p fyne.Position) []string {
	i := v.runeAtView(p)
	if i < 0 {
		return nil
	}
	return v.claims.at(i)
}

// unitAt returns the word or paragraph (by unit) around a point in view coordinates.
func (v *View) unitAt(p fyne.Position, unit int) (int, int) {
	i := v.runeAtView(p)
	if i < 0 {
		i = max(v.offsetAtView(p)-1, 0)
	}
	if unit == unitPara {
		return v.m.paraAt(i)
	}
	return v.m.wordAt(i)
}

func (v *View) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

func (v *View) shiftHeld() bool {
	if v.in.shift {
		return true
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// MouseDown places the caret, or with Shift extends the selection; a second and third click
// at the same place select the word and the paragraph.
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	v.requestFocus()
	in := &v.in
	now := time.Now()
	if in.clicks > 0 && now.Sub(in.pressTime) <= v.doubleTapDelay() && near(ev.Position, in.pressPos) {
		in.clicks++
	} else {
		in.clicks = 1
	}
	in.pressTime, in.pressPos, in.pressSeen = now, ev.Position, true
	shift := ev.Modifier&fyne.KeyModifierShift != 0 || v.shiftHeld()
	v.goalX = -1
	in.noTapAction = shift || in.clicks > 1
	switch {
	case shift:
		in.unit = unitChar
		v.setSel(v.anchor, v.offsetAtView(ev.Position))
	case in.clicks == 1:
		in.unit = unitChar
		off := v.offsetAtView(ev.Position)
		v.setSel(off, off)
	default:
		in.unit = unitWord
		if in.clicks > 2 {
			in.unit = unitPara
		}
		in.unitStart, in.unitEnd = v.unitAt(ev.Position, in.unit)
		v.setSel(in.unitStart, in.unitEnd)
	}
}

// MouseUp opens the claim under a single click that did not drag.
func (v *View) MouseUp(ev *desktop.MouseEvent) {
	in := &v.in
	if ev.Button != desktop.MouseButtonPrimary || !in.pressSeen || in.dragging || in.noTapAction || in.clicks != 1 {
		return
	}
	v.openClaimAt(ev.Position)
}

// Tapped places the caret and opens the shortest claim under it, unless a MouseDown already
// handled the click; a tap right after a double tap selects the paragraph.
func (v *View) Tapped(ev *fyne.PointEvent) {
	in := &v.in
	if in.pressSeen {
		in.pressSeen = false
		return
	}
	v.requestFocus()
	v.goalX = -1
	if !in.lastDouble.IsZero() && time.Since(in.lastDouble) <= v.doubleTapDelay() && near(ev.Position, in.lastDoublePos) {
		in.lastDouble = time.Time{}
		v.setSel(v.unitAt(ev.Position, unitPara))
		return
	}
	off := v.offsetAtView(ev.Position)
	if v.shiftHeld() {
		v.setSel(v.anchor, off)
		return
	}
	v.setSel(off, off)
	v.openClaimAt(ev.Position)
}

// DoubleTapped selects the word under the pointer.
func (v *View) DoubleTapped(ev *fyne.PointEvent) {
	in := &v.in
	if in.pressSeen && in.clicks > 2 { // a fourth click: the paragraph stays selected
		in.pressSeen = false
		return
	}
	in.pressSeen = false
	in.lastDouble, in.lastDoublePos = time.Now(), ev.Position
	v.goalX = -1
	v.setSel(v.unitAt(ev.Position, unitWord))
}

// TappedSecondary shows the context menu: Copy, New claim from selection, Open claim, and
// the host's ExtraMenuItems.
func (v *View) TappedSecondary(ev *fyne.PointEvent) {
	v.requestFocus()
	c := fyne.CurrentApp().Driver().CanvasForObject(v)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(v.contextMenu(ev.Position), c, ev.AbsolutePosition)
}

// contextMenu builds the menu for a right click at a point in view coordinates.
func (v *View) contextMenu(p fyne.Position) *fyne.Menu {
	s, e := v.Selection()
	copyItem := fyne.NewMenuItem(lang.L("Copy"), v.copySelection)
	copyItem.Shortcut = &fyne.ShortcutCopy{}
	copyItem.Disabled = s == e
	newItem := fyne.NewMenuItem(lang.L("New claim from selection"), v.createClaim)
	newItem.Disabled = s == e || v.OnCreateClaim == nil
	items := []*fyne.MenuItem{copyItem, newItem}

	ids := v.claimsUnder(p)
	open := fyne.NewMenuItem(lang.L("Open claim"), nil)
	switch len(ids) {
	case 0:
		open.Disabled = true
	case 1:
		id := ids[0]
		open.Action = func() { v.openClaim(id) }
	default: // overlapping claims: one entry each, shortest first
		var sub []*fyne.MenuItem
		for _, id := range ids {
			id := id
			sub = append(sub, fyne.NewMenuItem(v.claimLabel(id), func() { v.openClaim(id) }))
		}
		open.ChildMenu = fyne.NewMenu("", sub...)
	}
	items = append(items, open)

	if f := v.ExtraMenuItems; f != nil {
		if extra := f(ids); len(extra) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
			items = append(items, extra...)
		}
	}
	return fyne.NewMenu("", items...)
}

// claimLabel names a claim in a menu by its verdict and the start of its text.
func (v *View) claimLabel(id string) string {
	h, _ := v.claims.get(id)
	s, e := v.clamp(h.Start), v.clamp(h.End)
	const most = 40
	quote := []rune(nil)
	for i := s; i < min(e, s+most); i++ {
		r := v.m.runes.at(i)
		if r == '\n' {
			r = ' '
		}
		quote = append(quote, r)
	}
	ellipsis := ""
	if e-s > most {
		ellipsis = "…"
	}
	label := i18n.VerdictLabel(known(h.Verdict))
	if h.Contested {
		label = lang.L("Contested")
	}
	return lang.L("{{.Verdict}}: “{{.Quote}}”", map[string]any{"Verdict": label, "Quote": string(quote) + ellipsis})

}

func (v *View) openClaimAt(p fyne.Position) {
	if ids := v.claimsUnder(p); len(ids) > 0 {
		v.openClaim(ids[0])
	}
}

func (v *View) openClaim(id string) {
	v.SetActiveClaim(id)
	if f := v.OnClaimTapped; f != nil {
		f(id)
	}
}

func (v *View) copySelection() {
	if text := v.SelectedText(); text != "" {
		fyne.CurrentApp().Clipboard().SetContent(text)
	}
}

func (v *View) createClaim() {
	if s, e := v.Selection(); s < e && v.OnCreateClaim != nil {
		v.OnCreateClaim(s, e)
	}
}

// Dragged extends the selection to the pointer, by words or paragraphs after a double or
// triple click, and scrolls when the pointer nears the top or bottom edge.
func (v *View) Dragged(ev *fyne.DragEvent) {
	in := &v.in
	if !in.dragging {
		in.dragging = true
		if !in.pressSeen { // no MouseDown: the drag started where the pointer was before it moved
			off := v.offsetAtView(ev.Position.Subtract(ev.Dragged))
			if !v.shiftHeld() {
				v.setSel(off, off)
			}
			in.unit = unitChar
		}
		v.goalX = -1
	}
	in.dragPos = ev.Position
	if d := v.edgeDistance(ev.Position.Y); d != 0 {
		v.scrollTo(v.scroll.Offset.Y + d/2)
		v.startAutoScroll()
	}
	v.dragTo(ev.Position)
}

// DragEnd ends a drag selection. A press that started a drag stays "seen": the desktop
// driver may still deliver the late Tapped of a click just before it (click, then press
// again and drag by words), which must not collapse the selection.
func (v *View) DragEnd() {
	v.in.dragging = false
	v.in.autoRunning = false
}

func (v *View) dragTo(p fyne.Position) {
	in := &v.in
	off := v.offsetAtView(p)
	if in.unit != unitWord && in.unit != unitPara {
		v.setSel(v.anchor, off)
		return
	}
	unitOf := v.m.wordAt
	if in.unit == unitPara {
		unitOf = v.m.paraAt
	}
	i := v.runeAtView(p) // the word or paragraph under the pointer, or else before the caret
	if i < 0 {
		i = off
		if off >= in.unitStart {
			i = max(off-1, 0)
		}
	}
	if i < in.unitStart {
		s, _ := unitOf(i)
		v.setSel(in.unitEnd, s)
		return
	}
	_, e := unitOf(i)
	v.setSel(in.unitStart, max(e, in.unitEnd))
}

// edgeDistance returns how far y (view coordinates) is into the band along the top
// (negative) or bottom (positive) edge where a drag scrolls, or 0 outside both.
func (v *View) edgeDistance(y float32) float32 {
	band := v.m.lineHeight
	h := v.viewHeight()
	switch {
	case y < band:
		return y - band
	case y > h-band:
		return y - (h - band)
	}
	return 0
}

// autoScrollSpeed is how many points per second the view scrolls per point the pointer is
// into the edge band, so that holding the pointer still near an edge keeps scrolling.
const autoScrollSpeed = 10

func (v *View) startAutoScroll() {
	in := &v.in
	if in.autoRunning {
		return
	}
	in.autoRunning = true
	in.autoLast = time.Now()
	a := fyne.NewAnimation(time.Second, nil)
	a.RepeatCount = fyne.AnimationRepeatForever
	a.Curve = fyne.AnimationLinear
	a.Tick = func(float32) {
		d := v.edgeDistance(in.dragPos.Y)
		if !in.dragging || !in.autoRunning || d == 0 {
			in.autoRunning = false
			a.Stop()
			return
		}
		now := time.Now()
		dt := float32(now.Sub(in.autoLast).Seconds())
		in.autoLast = now
		v.scrollTo(v.scroll.Offset.Y + d*autoScrollSpeed*dt)
		v.dragTo(in.dragPos)
	}
	a.Start()
}

// MouseIn follows the pointer to show a pointing hand over claims.
func (v *View) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved follows the pointer to show a pointing hand over claims.
func (v *View) MouseMoved(ev *desktop.MouseEvent) {
	v.in.hoverClaim = len(v.claimsUnder(ev.Position)) > 0
}

// MouseOut forgets the pointer.
func (v *View) MouseOut() { v.in.hoverClaim = false }

// Cursor is the text cursor, or a pointing hand over a claim.
func (v *View) Cursor() desktop.Cursor {
	if v.in.hoverClaim {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

// FocusGained shows the caret.
func (v *View) FocusGained() {
	v.focused = true
	v.invalidate()
}

// FocusLost hides the caret.
func (v *View) FocusLost() {
	v.focused = false
	v.in.shift = false
	v.invalidate()
}

// TypedRune does nothing: the text is read-only.
func (v *View) TypedRune(rune) {}

// KeyDown notes the shift keys, for Shift+arrows and Shift+click.
func (v *View) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.in.shift = true
	}
}

// KeyUp notes the shift keys.
func (v *View) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.in.shift = false
	}
}

// TypedKey moves the caret (arrows, Home/End, PgUp/PgDn; with Shift they extend the
// selection), makes a claim of the selection (Enter) or clears it (Escape).
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	v.ensureLines()
	shift := v.shiftHeld()
	switch ev.Name {
	case fyne.KeyLeft:
		v.moveHoriz(-1, shift, false)
	case fyne.KeyRight:
		v.moveHoriz(1, shift, false)
	case fyne.KeyUp:
		v.moveVert(-1, shift)
	case fyne.KeyDown:
		v.moveVert(1, shift)
	case fyne.KeyHome:
		v.moveTo(v.m.lines[v.m.lineOf(v.caret)].start, shift)
	case fyne.KeyEnd:
		v.moveTo(v.m.caretEnd(v.m.lineOf(v.caret)), shift)
	case fyne.KeyPageUp:
		v.movePage(-1, shift)
	case fyne.KeyPageDown:
		v.movePage(1, shift)
	case fyne.KeyReturn, fyne.KeyEnter:
		v.createClaim()
	case fyne.KeyEscape:
		v.setSel(v.caret, v.caret)
	}
}

// TypedShortcut handles Copy, Select All, and word and document moves (Ctrl or Alt with
// Left/Right, Ctrl with Home/End, plus Shift to extend); other shortcuts go to the window.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		v.copySelection()
		return
	case *fyne.ShortcutSelectAll:
		v.goalX = -1
		v.setSel(0, v.m.runes.len())
		return
	case *desktop.CustomShortcut:
		shift := sc.Modifier&fyne.KeyModifierShift != 0
		mod := sc.Modifier &^ fyne.KeyModifierShift
		word := mod == fyne.KeyModifierControl || mod == fyne.KeyModifierAlt
		doc := mod == fyne.KeyModifierControl || mod == fyne.KeyModifierSuper
		v.ensureLines()
		switch {
		case word && sc.KeyName == fyne.KeyLeft:
			v.moveHoriz(-1, shift, true)
			return
		case word && sc.KeyName == fyne.KeyRight:
			v.moveHoriz(1, shift, true)
			return
		case doc && (sc.KeyName == fyne.KeyHome || sc.KeyName == fyne.KeyUp):
			v.moveTo(0, shift)
			return
		case doc && (sc.KeyName == fyne.KeyEnd || sc.KeyName == fyne.KeyDown):
			v.moveTo(v.m.runes.len(), shift)
			return
		}
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		if sc, ok := c.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
	}
}

// moveTo puts the caret at off, extending the selection with shift, and scrolls to it.
func (v *View) moveTo(off int, shift bool) {
	v.goalX = -1
	v.moveKeepGoal(off, shift)
}

func (v *View) moveKeepGoal(off int, shift bool) {
	if shift {
		v.setSel(v.anchor, off)
	} else {
		v.setSel(off, off)
	}
	if v.hasLayout() {
		v.reveal(v.caret)
	}
}

func (v *View) moveHoriz(dir int, shift, byWord bool) {
	s, e := v.Selection()
	if !shift && s != e && !byWord { // an arrow collapses a selection to its side
		if dir < 0 {
			v.moveTo(s, false)
		} else {
			v.moveTo(e, false)
		}
		return
	}
	off := v.caret + dir
	if byWord {
		if dir < 0 {
			off = v.m.prevWordStart(v.caret)
		} else {
			off = v.m.nextWordEnd(v.caret)
		}
	}
	v.moveTo(off, shift)
}

// moveVert moves the caret a line up or down, keeping its x across short lines.
func (v *View) moveVert(dir int, shift bool) {
	m := &v.m
	li := m.lineOf(v.caret)
	if v.goalX < 0 {
		v.goalX = m.x(m.lines[li].start, v.caret)
	}
	target := li + dir
	switch {
	case target < 0:
		v.moveKeepGoal(0, shift)
	case target >= len(m.lines):
		v.moveKeepGoal(m.runes.len(), shift)
	default:
		v.moveKeepGoal(m.offsetInLine(target, v.goalX), shift)
	}
}

// movePage moves the caret and the view by a page less one line.
func (v *View) movePage(dir int, shift bool) {
	m := &v.m
	page := max(v.viewHeight()-m.lineHeight, m.lineHeight)
	li := m.lineOf(v.caret)
	if v.goalX < 0 {
		v.goalX = m.x(m.lines[li].start, v.caret)
	}
	y := m.lines[li].y + float32(dir)*page
	if v.hasLayout() {
		v.scrollTo(v.scroll.Offset.Y + float32(dir)*page)
	}
	switch {
	case y < 0:
		v.moveKeepGoal(0, shift)
	case y > m.lines[len(m.lines)-1].y:
		v.moveKeepGoal(m.runes.len(), shift)
	default:
		v.moveKeepGoal(m.offsetInLine(m.lineAtY(y), v.goalX), shift)
	}
}
