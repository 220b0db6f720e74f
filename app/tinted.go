package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
)

// colorNameContested is the theme colour of a contested claim in lists and the inspector:
// the violet the text view draws contested claims in (textview.ContestedMarker), in the
// light and the dark variant (appTheme.Color).
const colorNameContested fyne.ThemeColorName = "factdesk-contested"

// tintedText is one line of text in a theme colour of any name: a verdict's colour, or the
// contested violet, which no label importance gives. Text is what it shows.
type tintedText struct {
	*widget.RichText
	Text string
	seg  *widget.TextSegment
}

// newTintedText is bold text in the foreground colour until set.
func newTintedText() *tintedText {
	style := widget.RichTextStyleStrong
	style.Inline = true
	seg := &widget.TextSegment{Style: style}
	return &tintedText{RichText: widget.NewRichText(seg), seg: seg}
}

// set shows text in the theme colour named colour.
func (t *tintedText) set(text string, colour fyne.ThemeColorName) {
	if t.Text == text && t.seg.Style.ColorName == colour {
		return
	}
	t.Text, t.seg.Text, t.seg.Style.ColorName = text, text, colour
	t.Refresh()
}

// verdictColour is the theme colour of a verdict: success, error, warning (appTheme makes
// them readable as text in both variants).
func verdictColour(v annotate.Verdict) fyne.ThemeColorName {
	switch v {
	case annotate.Confirmed:
		return theme.ColorNameSuccess
	case annotate.Disputed:
		return theme.ColorNameError
	default:
		return theme.ColorNameWarning
	}
}

// claimColour is the colour of a claim's desk verdict: its verdict's, or the contested violet
// the text view uses, while its reviewers disagree and nobody settled it.
func claimColour(c annotate.Claim) fyne.ThemeColorName {
	if c.Contested {
		return colorNameContested
	}
	return verdictColour(c.Verdict)
}
