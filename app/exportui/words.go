package exportui

import (
	"fyne.io/fyne/v2/lang"

	"factdesk/annotate/report"
)

// formatLabel is a format's name in the interface language (report.Format.Label in
// English, word for word).
func formatLabel(f report.Format) string {
	switch f {
	case report.HTML:
		return lang.L("HTML report")
	case report.PDF:
		return lang.L("PDF report")
	case report.Markdown:
		return lang.L("Markdown")
	case report.CSV:
		return lang.L("CSV (one row per claim)")
	case report.JSON:
		return lang.L("Factdesk JSON (full content, re-importable)")
	case report.ClaimReview:
		return lang.L("schema.org ClaimReview (JSON-LD)")
	case report.W3C:
		return lang.L("W3C Web Annotation (JSON-LD)")
	}
	return f.Label()
}
