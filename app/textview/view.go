// Package textview is the article pane's text widget: a virtualized view of a long text that
// wraps it, lets the reviewer select any span with mouse or keyboard, and draws claims as
// highlights coloured by verdict that can be clicked.
//
// Fyne's own text widgets cannot do this (RichText has no selection and no offsets, Entry
// and TextGrid are slow or monospace on a 200 KB article), so View is built on Fyne's public
// API alone: a vertical container.Scroll around a content widget as tall as the text, whose
// renderer creates canvas objects only for the wrapped lines in view, from a pool, and
// rebuilds that window on scroll. Lines are recomputed only when the width, the text size or
// the theme's font changes; a verdict change touches the visible highlights only.
//
// Offsets are rune offsets into the text, exactly the anchors' TextPositionSelector. Every
// callback runs on the Fyne goroutine.
package textview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// View shows an article's text with its claims. Put it straight into a layout: it scrolls by
// itself. Create it with New.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called whenever the selection changes, by the reviewer or by
	// SetSelection/SetText; start == end is a caret.
	OnSelectionChanged func(start, end int)
	// OnClaimTapped is called when the reviewer clicks a highlight (the shortest claim under
	// the pointer) or chooses "Open claim" in the context menu.
	OnClaimTapped func(id string)
	// OnCreateClaim is called with the selection when the reviewer presses Enter or chooses
	// "New claim from selection"; never with an empty span.
	OnCreateClaim func(start, end int)
	// OnScrolled is called with the new vertical scroll offset whenever it changes.
	OnScrolled func(offsetY float32)
	// ExtraMenuItems, if set, adds items to the context menu (after a separator). It gets the
	// ids of the claims under the pointer, shortest first (none when there are none).
	ExtraMenuItems func(claimIDs []string) []*fyne.MenuItem

	m          model
	claims     claimSet
	active     string
	emphasized map[string]bool
	marks      []Span // light marks beside the text (marks.go)

	anchor, caret        int // the selection is [min, max) of the two; the caret moves
	firedStart, firedEnd int
	goalX                float32 // x kept by Up/Down across short lines; < 0 when unset

	textSize float32 // 0: the theme's text size
	insets   insets
	gen      int // bumped by every change the visible window must redraw

	scroll      *container.Scroll
	content     *content
	pending     *pendingScroll
	lastScrollY float32
	keepTop     int // offset kept at the top across re-wraps; -1 after any other scroll

	focused bool
	in      inputState
}

type insets struct{ left, right, top, bottom float32 }

type pendingKind int

const (
	pendReveal pendingKind = iota // make offset a visible
	pendCentre                    // centre the span [a, b)
	pendTop                       // put the line of offset a at the top
	pendY                         // scroll to y
)

// pendingScroll is a scroll asked for before the view had a size; it runs at the first layout.
type pendingScroll struct {
	kind pendingKind
	a, b int
	y    float32
}

// New returns an empty View.
func New() *View {
	v := &View{m: newModel(), goalX: -1, keepTop: -1}
	v.content = newContent(v)
	v.scroll = container.NewVScroll(v.content)
	v.scroll.OnScrolled = func(fyne.Position) { v.scrolled() }
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer is a private method to Fyne which links this widget to its renderer.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return &viewRenderer{v: v, objects: []fyne.CanvasObject{v.scroll}}
}

type viewRenderer struct {
	v       *View
	objects []fyne.CanvasObject
}

func (r *viewRenderer) Destroy()                     {}
func (r *viewRenderer) Layout(size fyne.Size)        { r.v.layout(size) }
func (r *viewRenderer) MinSize() fyne.Size           { return r.v.scroll.MinSize() }
func (r *viewRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh follows theme changes: a new text size or font re-measures and re-wraps; a new
// variant only recolours.
func (r *viewRenderer) Refresh() {
	v := r.v
	top, had := v.topBeforeChange()
	if v.prepare(v.Size().Width, false) {
		v.syncScroll()
		if had {
			v.keepAtTop(top)
		}
	}
	v.invalidate()
}

// SetText replaces the text, clears the selection and scrolls to the top. Claims are kept
// (set them for the new text with SetClaims).
func (v *View) SetText(text string) {
	v.m.setText(text)
	v.anchor, v.caret, v.goalX = 0, 0, -1
	v.pending = nil
	v.in = inputState{}
	v.gen++
	v.prepare(v.Size().Width, false)
	v.syncScroll()
	v.scrollTo(0)
	v.invalidate()
	v.fireSelection()
}

// Text returns the text shown.
func (v *View) Text() string { return v.m.text }

// SetTextSize sets the size of the text; 0 follows the theme. The text is re-wrapped and the
// line at the top stays at the top.
func (v *View) SetTextSize(size float32) {
	if size == v.textSize {
		return
	}
	top, had := v.topBeforeChange()
	v.textSize = size
	if v.prepare(v.Size().Width, false) {
		v.syncScroll()
		if had {
			v.keepAtTop(top)
		}
	}
	v.invalidate()
}

// TextSize returns the size the text is drawn at.
func (v *View) TextSize() float32 {
	if v.textSize > 0 {
		return v.textSize
	}
	return v.Theme().Size(theme.SizeNameText)
}

// SetClaims replaces every highlight. It never re-wraps the text.
func (v *View) SetClaims(hs []Highlight) {
	v.claims.set(hs)
	v.invalidate()
}

// UpsertClaim adds a highlight or replaces the one with the same ID; a verdict change only
// recolours the visible highlights.
func (v *View) UpsertClaim(h Highlight) {
	v.claims.upsert(h)
	v.invalidate()
}

// RemoveClaim removes the highlight with the given id, if any.
func (v *View) RemoveClaim(id string) {
	if v.claims.remove(id) {
		v.invalidate()
	}
}

// Claim returns the highlight with the given id.
func (v *View) Claim(id string) (Highlight, bool) { return v.claims.get(id) }

// Claims returns every highlight, in order of start.
func (v *View) Claims() []Highlight {
	hs := make([]Highlight, len(v.claims.list))
	for i, c := range v.claims.list {
		hs[i] = c.Highlight
	}
	return hs
}

// ClaimsAt returns the ids of the claims covering the rune at off, shortest first.
func (v *View) ClaimsAt(off int) []string {
	if off < 0 || off >= v.m.runes.len() {
		return nil
	}
	return v.claims.at(off)
}

// SetActiveClaim outlines the claim with the given id as the current one ("" for none). The
// id is kept even while no claim has it (claims set later, or removed and put back).
func (v *View) SetActiveClaim(id string) {
	if id == v.active {
		return
	}
	v.active = id
	v.invalidate()
}

// ActiveClaim returns the id of the outlined claim, or "".
func (v *View) ActiveClaim() string { return v.active }

// Emphasize marks claims with a second outline, for claims linked to the one selected in
// another pane; nil clears it.
func (v *View) Emphasize(ids []string) {
	v.emphasized = make(map[string]bool, len(ids))
	for _, id := range ids {
		v.emphasized[id] = true
	}
	v.invalidate()
}

// Selection returns the selected span, start <= end; start == end is the caret.
func (v *View) Selection() (start, end int) {
	return min(v.anchor, v.caret), max(v.anchor, v.caret)
}

// SetSelection selects [start, end), clamped to the text; the caret goes to end. It does not
// scroll (see RevealOffset).
func (v *View) SetSelection(start, end int) {
	v.goalX = -1
	v.setSel(start, end)
}

// SelectedText returns the selected text.
func (v *View) SelectedText() string {
	s, e := v.Selection()
	return v.m.runes.str(s, e)
}

// OffsetAt returns the caret offset nearest to a point in content coordinates (the
// coordinates of PositionForOffset, which scroll with the text).
func (v *View) OffsetAt(pos fyne.Position) int {
	v.ensureLines()
	return v.m.offsetAt(pos.X-v.insets.left, pos.Y-v.insets.top)
}

// PositionForOffset returns the top-left corner of the caret at off, in content coordinates.
func (v *View) PositionForOffset(off int) fyne.Position {
	v.ensureLines()
	off = v.clamp(off)
	l := v.m.lines[v.m.lineOf(off)]
	return fyne.NewPos(v.insets.left+v.m.x(l.start, off), v.insets.top+l.y)
}

// LineHeight returns the distance between two lines of a paragraph.
func (v *View) LineHeight() float32 {
	v.ensureLines()
	return v.m.lineHeight
}

// RevealOffset scrolls as little as needed to show the line holding off. Before the view
// has a size, it happens at the first layout.
func (v *View) RevealOffset(off int) {
	off = v.clamp(off)
	if !v.hasLayout() {
		v.pending = &pendingScroll{kind: pendReveal, a: off}
		return
	}
	v.reveal(off)
}

// RevealClaim scrolls so that the claim with the given id is in view, centred when it fits.
// It reports whether the view has that claim.
func (v *View) RevealClaim(id string) bool {
	h, ok := v.claims.get(id)
	if !ok {
		return false
	}
	a, b := v.clamp(h.Start), v.clamp(h.End)
	if !v.hasLayout() {
		v.pending = &pendingScroll{kind: pendCentre, a: a, b: b}
		return true
	}
	v.centre(a, b)
	return true
}

// ScrollOffset returns the vertical scroll offset.
func (v *View) ScrollOffset() float32 { return v.scroll.Offset.Y }

// SetScrollOffset scrolls to a vertical offset, clamped to the text.
func (v *View) SetScrollOffset(y float32) {
	if !v.hasLayout() {
		v.pending = &pendingScroll{kind: pendY, y: y}
		return
	}
	v.scrollTo(y)
}

// TopOffset returns the offset at the start of the first line in view. Unlike the scroll
// offset, it survives a change of width, so panes save it to come back to the same place.
func (v *View) TopOffset() int {
	if !v.hasLayout() {
		if v.pending != nil && v.pending.kind == pendTop {
			return v.pending.a
		}
		return 0
	}
	return v.m.lines[v.m.lineAtY(v.scroll.Offset.Y-v.insets.top)].start
}

// SetTopOffset scrolls so that the line holding off is the first in view.
func (v *View) SetTopOffset(off int) {
	off = v.clamp(off)
	if !v.hasLayout() {
		v.pending = &pendingScroll{kind: pendTop, a: off}
		return
	}
	v.keepAtTop(off)
}

func (v *View) clamp(off int) int { return min(max(off, 0), v.m.runes.len()) }

// hasLayout reports whether the view has a size and its lines were wrapped to it.
func (v *View) hasLayout() bool {
	return v.Size().Height > 0 && v.m.fm != nil && v.m.wrapWidth > 0 && !math.IsInf(float64(v.m.wrapWidth), 1) &&
		len(v.m.lines) > 0
}

// ensureLines makes sure there are lines to answer geometry questions, even before a layout.
func (v *View) ensureLines() {
	if v.m.fm == nil || v.m.wrapWidth < 0 || len(v.m.lines) == 0 {
		v.prepare(v.Size().Width, true)
	}
}

// prepare measures the text for the current font and wraps it to a view width; it reports
// whether the lines were rebuilt. Before the view has a width it only measures, unless lines
// are needed now (force): they are then one per paragraph until the first layout.
func (v *View) prepare(width float32, force bool) bool {
	if fyne.CurrentApp() == nil {
		return false
	}
	th := v.Theme()
	size := v.TextSize()
	key := fontKey{size: size, font: th.Font(fyne.TextStyle{}).Name()}
	if v.m.fm == nil || v.m.fm.key != key {
		v.m.measure(metricsFor(key))
	}
	pad := th.Size(theme.SizeNameInnerPadding)
	v.insets = insets{left: pad, right: pad + th.Size(theme.SizeNameScrollBarSmall), top: pad, bottom: pad}
	fm := v.m.fm
	lh := float32(math.Ceil(float64(fm.height + th.Size(theme.SizeNameLineSpacing) + 4)))
	gap := float32(math.Round(float64(lh) * 0.5))
	if lh != v.m.lineHeight || gap != v.m.paraGap || fm.height != v.m.textHeight {
		v.m.lineHeight, v.m.paraGap = lh, gap
		v.m.textHeight, v.m.baseline = fm.height, fm.baseline
		v.m.wrapWidth = -1
	}
	maxW := unwrapped
	if width > 0 {
		maxW = max(width-v.insets.left-v.insets.right, 4*size)
	} else if !force {
		return false
	}
	if v.m.wrapWidth == maxW && len(v.m.lines) > 0 {
		return false
	}
	v.m.wrap(maxW)
	v.gen++
	return true
}

func (v *View) contentHeight() float32 {
	return v.insets.top + v.m.height + v.insets.bottom
}

// layout fits the view to a new size: re-wrap if the width changed, keeping the line that
// was at the top at the top, then run a scroll asked for before the first layout.
func (v *View) layout(size fyne.Size) {
	top, had := v.topBeforeChange()
	rewrapped := v.prepare(size.Width, false)
	v.syncScroll()
	if rewrapped && had && v.pending == nil {
		v.keepAtTop(top)
	}
	if p := v.pending; p != nil && v.hasLayout() {
		v.pending = nil
		switch p.kind {
		case pendReveal:
			v.reveal(p.a)
		case pendCentre:
			v.centre(p.a, p.b)
		case pendTop:
			v.keepAtTop(p.a)
		case pendY:
			v.scrollTo(p.y)
		}
	}
	v.rebuild()
}

// topBeforeChange returns the offset to keep at the top of the view across a re-wrap: the
// one of the last scroll the reviewer or the host made, so that a series of re-wraps (a
// divider being dragged) does not creep back a line at a time.
func (v *View) topBeforeChange() (int, bool) {
	if v.keepTop >= 0 {
		return v.keepTop, true
	}
	if !v.hasLayout() || v.scroll.Offset.Y <= 0 {
		return 0, false
	}
	v.keepTop = v.TopOffset()
	return v.keepTop, true
}

// keepAtTop scrolls the line of off to the top after a re-wrap and remembers off for the
// next one.
func (v *View) keepAtTop(off int) {
	v.scrollToTopOffset(off)
	v.keepTop = off
}

// syncScroll sizes the content to the text and the scroll to the view.
func (v *View) syncScroll() {
	size := v.Size()
	h := v.contentHeight()
	v.content.Resize(fyne.NewSize(size.Width, max(h, size.Height)))
	v.scroll.Resize(size)
	if maxY := max(0, h-size.Height); v.scroll.Offset.Y > maxY {
		v.scroll.Offset.Y = maxY
	}
	v.scroll.Refresh()
	v.fireScrolled()
}

func (v *View) viewHeight() float32 { return v.Size().Height }

// scrollTo scrolls to y, clamped, and rebuilds the visible window.
func (v *View) scrollTo(y float32) {
	v.keepTop = -1
	y = min(y, v.contentHeight()-v.viewHeight())
	y = max(y, 0)
	if y != v.scroll.Offset.Y {
		v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	}
	v.rebuild()
	v.fireScrolled()
}

func (v *View) scrollToTopOffset(off int) {
	li := v.m.lineOf(off)
	if li == 0 {
		v.scrollTo(0)
		return
	}
	v.scrollTo(v.insets.top + v.m.lines[li].y)
}

// reveal scrolls as little as needed to show the line of off, with half a line to spare.
func (v *View) reveal(off int) {
	l := v.m.lines[v.m.lineOf(off)]
	top := v.insets.top + l.y
	bottom := top + v.m.lineHeight
	y, h := v.scroll.Offset.Y, v.viewHeight()
	margin := v.m.lineHeight / 2
	switch {
	case top < y:
		v.scrollTo(top - margin)
	case bottom > y+h:
		v.scrollTo(bottom - h + margin)
	}
}

// centre scrolls the span [a, b) to the middle of the view, or its start near the top when
// it is taller than the view.
func (v *View) centre(a, b int) {
	top := v.insets.top + v.m.lines[v.m.lineOf(a)].y
	last := v.m.lineOf(max(a, b-1))
	bottom := v.insets.top + v.m.lines[last].y + v.m.lineHeight
	h := v.viewHeight()
	if bottom-top > h*0.8 {
		v.scrollTo(top - v.m.lineHeight)
		return
	}
	v.scrollTo((top+bottom)/2 - h/2)
}

// scrolled follows the scroll container (wheel, scroll bar).
func (v *View) scrolled() {
	v.keepTop = -1
	v.rebuild()
	v.fireScrolled()
}

func (v *View) fireScrolled() {
	y := v.scroll.Offset.Y
	if y == v.lastScrollY {
		return
	}
	v.lastScrollY = y
	if f := v.OnScrolled; f != nil {
		f(y)
	}
}

// setSel moves the selection: the anchor stays where the selection started, the caret
// follows the pointer or the keys.
func (v *View) setSel(anchor, caret int) {
	anchor, caret = v.clamp(anchor), v.clamp(caret)
	if anchor == v.anchor && caret == v.caret {
		return
	}
	v.anchor, v.caret = anchor, caret
	v.invalidate()
	v.fireSelection()
}

func (v *View) fireSelection() {
	s, e := v.Selection()
	if s == v.firedStart && e == v.firedEnd {
		return
	}
	v.firedStart, v.firedEnd = s, e
	if f := v.OnSelectionChanged; f != nil {
		f(s, e)
	}
}

// invalidate redraws the visible window with the current state; it never re-wraps.
func (v *View) invalidate() {
	v.gen++
	v.rebuild()
}

func (v *View) rebuild() {
	if r := v.content.r; r != nil {
		r.rebuild()
	}
}
