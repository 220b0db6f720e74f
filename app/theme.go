package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/app/textview"
)

// appTheme is Fyne's default theme (so light and dark follow the system) with success,
// warning and error colours chosen to be readable as text and as button backgrounds in both
// variants: the stock light-theme green is too pale on white. These colours mark verdicts.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

// Colours of the verdicts: dark shades on the light theme (white text on them is at least
// 4.5:1), light shades on the dark theme (dark text on them).
var (
	lightConfirmed  = color.NRGBA{R: 0x1b, G: 0x7a, B: 0x35, A: 0xff}
	lightDisputed   = color.NRGBA{R: 0xc0, G: 0x26, B: 0x26, A: 0xff}
	lightUnverified = color.NRGBA{R: 0x95, G: 0x58, B: 0x00, A: 0xff}
	darkConfirmed   = color.NRGBA{R: 0x5f, G: 0xd4, B: 0x7a, A: 0xff}
	darkDisputed    = color.NRGBA{R: 0xff, G: 0x80, B: 0x78, A: 0xff}
	darkUnverified  = color.NRGBA{R: 0xf2, G: 0xb8, B: 0x3a, A: 0xff}
)

// Color returns the verdict colours for success, error and warning, the rest unchanged.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	switch n {
	case theme.ColorNameSuccess:
		if dark {
			return darkConfirmed
		}
		return lightConfirmed
	case theme.ColorNameError:
		if dark {
			return darkDisputed
		}
		return lightDisputed
	case theme.ColorNameWarning:
		if dark {
			return darkUnverified
		}
		return lightUnverified
	case colorNameContested:
		return textview.ContestedMarker(v)
	case theme.ColorNameForegroundOnSuccess, theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnWarning:
		if dark {
			return color.NRGBA{R: 0x12, G: 0x12, B: 0x14, A: 0xff}
		}
		return color.White
	}
	return t.Theme.Color(n, v)
}

// verdictImportance is the importance that colours a label or button in the verdict's colour.
func verdictImportance(v annotate.Verdict) widget.Importance {
	switch v {
	case annotate.Confirmed:
		return widget.SuccessImportance
	case annotate.Disputed:
		return widget.DangerImportance
	default:
		return widget.WarningImportance
	}
}

// contestedSymbol marks a contested claim: reviewers gave different verdicts, nobody settled.
const contestedSymbol = "≠"

// claimVerdictText is a claim's desk verdict as people read it: "≠ Contested" while its
// reviewers disagree and nobody settled it, else its verdict ("✓ Confirmed").
func claimVerdictText(c annotate.Claim) string {
	if c.Contested {
		return contestedSymbol + " " + i18n.ClaimVerdictLabel(c)
	}
	return verdictText(c.Verdict)
}

// verdictText is the verdict as people read it without colour: symbol and word ("✗ Disputed").
func verdictText(v annotate.Verdict) string {
	if v == "" {
		v = annotate.Unverified
	}
	return v.Symbol() + " " + i18n.VerdictLabel(v)
}
