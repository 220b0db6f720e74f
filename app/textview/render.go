package textview

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
)

// content is the widget inside the scroll container: as tall as the text, it draws only the
// lines in view. Input goes to the View around it.
type content struct {
	widget.BaseWidget
	v *View
	r *contentRenderer
}

func newContent(v *View) *content {
	c := &content{v: v}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is a private method to Fyne which links this widget to its renderer.
func (c *content) CreateRenderer() fyne.WidgetRenderer {
	c.r = &contentRenderer{c: c, texts: map[int]*canvas.Text{}, first: -1, gen: -1}
	return c.r
}

// MinSize is the height of the whole text, so that the scroll container scrolls over it.
func (c *content) MinSize() fyne.Size {
	v := c.v
	return fyne.NewSize(v.insets.left+v.insets.right+4*v.TextSize(), v.contentHeight())
}

// markKind is the shape of an underline drawn as an image: the shapes that rectangles cannot
// draw.
type markKind int

const (
	markDotted markKind = iota // unverified
	markZigzag                 // disputed
)

// patterned is a pooled underline image (dotted or zig-zag); its generator reads the shape
// and colour it was last given.
type patterned struct {
	r    *canvas.Raster
	kind markKind
	col  color.NRGBA
	size fyne.Size
}

func newPatterned() *patterned {
	d := &patterned{}
	d.r = canvas.NewRaster(func(w, h int) image.Image {
		if d.kind == markZigzag {
			return zigzagImage(w, h, d.col)
		}
		return dotImage(w, h, d.col)
	})
	return d
}

// colours are the theme colours of one rebuild.
type colours struct {
	fg, selection, primary       color.Color
	fill, marker                 map[annotate.Verdict]color.NRGBA
	activeStroke, emphasisStroke color.Color
}

// contentRenderer keeps the canvas objects of the visible window: one canvas.Text per visible
// line, reused while the line stays in view, and rectangles and patterned lines for highlights,
// the selection and the caret, taken from pools at each rebuild.
type contentRenderer struct {
	c       *content
	objects []fyne.CanvasObject

	texts     map[int]*canvas.Text // by line index, for the lines built
	freeTexts []*canvas.Text
	textsGen  int // lines generation the texts belong to

	rects  []*canvas.Rectangle
	nRects int
	marks  []*patterned
	nMarks int

	first, last int // lines built
	gen         int // View.gen built
	rebuilds    int // number of rebuilds, for tests
	col         colours
}

func (r *contentRenderer) Destroy()                     {}
func (r *contentRenderer) Layout(fyne.Size)             { r.rebuild() }
func (r *contentRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *contentRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh redraws with the theme's current colours.
func (r *contentRenderer) Refresh() {
	r.gen = -1
	r.rebuild()
}

func (r *contentRenderer) rect() *canvas.Rectangle {
	if r.nRects == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(color.Transparent))
	}
	rc := r.rects[r.nRects]
	r.nRects++
	rc.StrokeWidth, rc.StrokeColor, rc.CornerRadius = 0, nil, 0
	return rc
}

func (r *contentRenderer) place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	r.objects = append(r.objects, o)
}

func (r *contentRenderer) fillRect(c color.Color, x, y, w, h float32) *canvas.Rectangle {
	rc := r.rect()
	rc.FillColor = c
	r.place(rc, x, y, w, h)
	return rc
}

// pattern places a dotted or zig-zag underline from the pool.
func (r *contentRenderer) pattern(kind markKind, c color.NRGBA, x, y, w, h float32) {
	if r.nMarks == len(r.marks) {
		r.marks = append(r.marks, newPatterned())
	}
	d := r.marks[r.nMarks]
	r.nMarks++
	size := fyne.NewSize(w, h)
	d.r.Move(fyne.NewPos(x, y))
	if d.kind != kind || d.col != c || d.size != size {
		d.kind, d.col, d.size = kind, c, size
		d.r.Resize(size)
		d.r.Refresh()
	}
	r.objects = append(r.objects, d.r)
}

func (r *contentRenderer) readColours() {
	v := r.c.v
	th := v.Theme()
	appVariant := fyne.CurrentApp().Settings().ThemeVariant()
	bg := th.Color(theme.ColorNameBackground, appVariant)
	variant := variantOf(bg)
	fill := map[annotate.Verdict]color.NRGBA{}
	marker := map[annotate.Verdict]color.NRGBA{}
	for _, verdict := range shades {
		fill[verdict] = VerdictFill(verdict, variant)
		marker[verdict] = VerdictMarker(verdict, variant)
	}
	r.col = colours{
		fg:             th.Color(theme.ColorNameForeground, appVariant),
		selection:      th.Color(theme.ColorNameSelection, appVariant),
		primary:        th.Color(theme.ColorNamePrimary, appVariant),
		fill:           fill,
		marker:         marker,
		activeStroke:   th.Color(theme.ColorNameForeground, appVariant),
		emphasisStroke: th.Color(theme.ColorNamePrimary, appVariant),
	}
}

// visibleLines returns the lines that intersect the viewport.
func (r *contentRenderer) visibleLines() (int, int) {
	v := r.c.v
	m := &v.m
	top := v.scroll.Offset.Y - v.insets.top
	h := v.scroll.Size().Height
	if h <= 0 {
		h = v.Size().Height
	}
	return m.lineAtY(top), m.lineAtY(top + h)
}

// rebuild makes the canvas objects of the visible window. It does nothing when neither the
// visible lines nor the state changed since the last rebuild.
func (r *contentRenderer) rebuild() {
	v := r.c.v
	m := &v.m
	if m.fm == nil || len(m.lines) == 0 || fyne.CurrentApp() == nil {
		r.objects = r.objects[:0]
		r.first = -1
		return
	}
	first, last := r.visibleLines()
	if first == r.first && last == r.last && v.gen == r.gen {
		return
	}
	if r.gen == -1 || r.col.fg == nil {
		r.readColours()
	}
	if r.textsGen != m.wraps {
		r.dropTexts()
	}
	r.first, r.last, r.gen = first, last, v.gen
	r.rebuilds++
	r.objects = r.objects[:0]
	r.nRects, r.nMarks = 0, 0

	a, b := m.lines[first].start, m.lines[last].end
	// Layer 1: claim fills, blending where claims overlap.
	v.claims.overlapping(a, b+1, func(c *claim) {
		r.claimSegments(c, first, last, func(x0, x1, y float32) {
			r.fillRect(r.col.fill[c.shade()], x0, y+1, x1-x0, m.textHeight+2)
		})
	})
	// Layer 2: the selection, and the light marks in the margin (marks.go).
	r.selection(first, last)
	r.drawMarks(first, last)
	// Layer 3: markers under each claim, in its lane; outlines for the active and linked claims.
	v.claims.overlapping(a, b+1, func(c *claim) {
		r.marker(c, first, last)
	})
	// Layer 4: the text.
	r.lineTexts(first, last)
	// Layer 5: the caret.
	if v.focused && v.anchor == v.caret {
		pos := v.PositionForOffset(v.caret)
		caret := r.fillRect(r.col.primary, pos.X-1, pos.Y+1, 2, m.textHeight+2)
		caret.CornerRadius = 1
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.c); c != nil {
		c.Refresh(r.c)
	}
}

func (r *contentRenderer) dropTexts() {
	for li, t := range r.texts {
		r.freeTexts = append(r.freeTexts, t)
		delete(r.texts, li)
	}
	r.textsGen = r.c.v.m.wraps
}

// lineTexts places one canvas.Text per visible line, keeping the objects of lines that stay
// in view and recycling the others.
func (r *contentRenderer) lineTexts(first, last int) {
	v := r.c.v
	m := &v.m
	for li, t := range r.texts {
		if li < first || li > last {
			r.freeTexts = append(r.freeTexts, t)
			delete(r.texts, li)
		}
	}
	size := v.TextSize()
	for li := first; li <= last; li++ {
		l := m.lines[li]
		t, ok := r.texts[li]
		if !ok {
			if n := len(r.freeTexts); n > 0 {
				t = r.freeTexts[n-1]
				r.freeTexts = r.freeTexts[:n-1]
			} else {
				t = canvas.NewText("", nil)
			}
			t.Text = m.lineText(li)
			r.texts[li] = t
		}
		t.Color, t.TextSize = r.col.fg, size
		t.Move(fyne.NewPos(v.insets.left, v.insets.top+l.y+1))
		t.Resize(fyne.NewSize(m.x(l.start, l.end), m.textHeight))
		r.objects = append(r.objects, t)
	}
	r.textsGen = m.wraps
}

// claimSegments calls fn with the horizontal extent and line top (content coordinates) of
// each visible line that claim c touches.
func (r *contentRenderer) claimSegments(c *claim, first, last int, fn func(x0, x1, y float32)) {
	v := r.c.v
	m := &v.m
	n := m.runes.len()
	start, end := min(c.Start, n), min(c.End, n)
	if end <= start {
		return
	}
	from := max(first, m.lineOf(start))
	to := min(last, m.lineOf(end-1))
	for li := from; li <= to; li++ {
		l := m.lines[li]
		s, e := max(start, l.start), min(end, l.end)
		if e <= s {
			continue
		}
		fn(v.insets.left+m.x(l.start, s), v.insets.left+m.x(l.start, e), v.insets.top+l.y)
	}
}

// marker draws the underline of a claim, whose shape tells its verdict without colour: a
// solid line for confirmed, a zig-zag for disputed, a dotted line for unverified, a double
// line for a contested claim.
// Overlapping claims use different lanes, one below the other. The active claim gets an
// outline in the text colour; a claim linked to the one selected in another pane gets a
// second outline in the primary colour, outside the first, so a claim that is both shows
// both.
func (r *contentRenderer) marker(c *claim, first, last int) {
	v := r.c.v
	m := &v.m
	verdict := c.shade()
	col := r.col.marker[verdict]
	active := c.ID == v.active
	linked := v.emphasized[c.ID]
	r.claimSegments(c, first, last, func(x0, x1, y float32) {
		w := x1 - x0
		// Whole points, so that the marks keep their shape at scale 1.
		ly := float32(math.Round(float64(y+1+m.baseline+2.5))) + float32(c.lane)*laneGap
		switch verdict {
		case annotate.Confirmed:
			r.fillRect(col, x0, ly, w, 2)
		case annotate.Disputed:
			r.pattern(markZigzag, col, x0, ly-1, w, zigzagHeight)
		case contested:
			r.fillRect(col, x0, ly-1, w, 1)
			r.fillRect(col, x0, ly+2, w, 1)
		default:
			r.pattern(markDotted, col, x0, ly, w, 2)
		}
		if linked {
			o := r.rect()
			o.FillColor = color.Transparent
			o.CornerRadius = 3
			o.StrokeColor, o.StrokeWidth = r.col.emphasisStroke, 2
			r.place(o, x0-4, y-2, w+8, m.textHeight+8)
		}
		if active {
			o := r.rect()
			o.FillColor = color.Transparent
			o.CornerRadius = 2
			o.StrokeColor, o.StrokeWidth = r.col.activeStroke, 1.5
			r.place(o, x0-1, y, w+2, m.textHeight+4)
		}
	})
}

// selection draws one rectangle per visible line the selection touches; a selected newline
// shows as a space's width past the end of its line.
func (r *contentRenderer) selection(first, last int) {
	v := r.c.v
	m := &v.m
	s, e := v.Selection()
	if s == e {
		return
	}
	nl := m.spaceW
	from, to := max(first, m.lineOf(s)), min(last, m.lineOf(e))
	for li := from; li <= to; li++ {
		l := m.lines[li]
		a, b := max(s, l.start), min(e, l.end)
		x0, x1 := m.x(l.start, a), m.x(l.start, b)
		if e > l.end && !m.softEnd(li) && l.end < m.runes.len() {
			x1 += nl
		}
		if b < a || x1 <= x0 {
			continue
		}
		r.fillRect(r.col.selection, v.insets.left+x0, v.insets.top+l.y, x1-x0, m.lineHeight)
	}
}
