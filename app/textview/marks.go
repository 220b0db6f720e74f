package textview

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Span is a range of rune offsets of the text, End exclusive.
type Span struct{ Start, End int }

// SetMarks marks spans lightly, apart from claims: a thin bar in the left margin beside the
// lines of each span, in the theme's placeholder colour. It is for suggestions (sentences worth
// checking) and deliberately looks like no verdict: no fill, no underline, no verdict colour.
// nil removes the marks.
func (v *View) SetMarks(spans []Span) {
	v.marks = append(v.marks[:0], spans...)
	sort.Slice(v.marks, func(i, j int) bool { return v.marks[i].Start < v.marks[j].Start })
	v.invalidate()
}

// Marks returns the marked spans, by start.
func (v *View) Marks() []Span { return append([]Span(nil), v.marks...) }

// markBarWidth is the width of a mark's margin bar.
const markBarWidth = 2

// drawMarks places the margin bars of the marks on lines first..last.
func (r *contentRenderer) drawMarks(first, last int) {
	v := r.c.v
	m := &v.m
	if len(v.marks) == 0 || len(m.lines) == 0 {
		return
	}
	col := v.Theme().Color(theme.ColorNamePlaceHolder, fyne.CurrentApp().Settings().ThemeVariant())
	a, b := m.lines[first].start, m.lines[last].end
	n := m.runes.len()
	x := max(v.insets.left-markBarWidth-1, 0)
	for _, s := range v.marks {
		if s.Start > b {
			break
		}
		if s.End <= a || s.End <= s.Start {
			continue
		}
		from := max(first, m.lineOf(min(s.Start, n)))
		to := min(last, m.lineOf(min(s.End, n)-1))
		if to < from {
			continue
		}
		y0 := v.insets.top + m.lines[from].y + 2
		y1 := v.insets.top + m.lines[to].y + m.lineHeight - 2
		r.fillRect(col, x, y0, markBarWidth, y1-y0)
	}
}
