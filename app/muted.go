package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mutedText is secondary text (metadata, counts, hints) in the theme's placeholder colour,
// readable in the light and the dark variant. A low-importance label would be drawn in the
// disabled colour, which is almost invisible on the light theme.
type mutedText struct {
	*widget.RichText
	seg *widget.TextSegment
}

func newMutedText(text string) *mutedText {
	style := widget.RichTextStyleInline
	style.ColorName = theme.ColorNamePlaceHolder
	seg := &widget.TextSegment{Style: style, Text: text}
	return &mutedText{RichText: widget.NewRichText(seg), seg: seg}
}

// newMutedLine is one line of muted text, cut with an ellipsis when too long.
func newMutedLine(text string) *mutedText {
	m := newMutedText(text)
	m.Truncation = fyne.TextTruncateEllipsis
	return m
}

// newMutedWrapped is muted text that wraps at word boundaries.
func newMutedWrapped(text string) *mutedText {
	m := newMutedText(text)
	m.Wrapping = fyne.TextWrapWord
	return m
}

// SetText replaces the text.
func (m *mutedText) SetText(s string) {
	if m.seg.Text == s {
		return
	}
	m.seg.Text = s
	m.Refresh()
}

// Text returns the text.
func (m *mutedText) Text() string { return m.seg.Text }
