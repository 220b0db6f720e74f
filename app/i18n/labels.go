package i18n

import (
	"fyne.io/fyne/v2/lang"

	"factdesk/annotate"
)

// VerdictLabel is v's name in the interface language ("Confirmed", "Confirmée"); an empty
// verdict is "".
func VerdictLabel(v annotate.Verdict) string {
	switch v {
	case annotate.Confirmed:
		return lang.L("Confirmed")
	case annotate.Disputed:
		return lang.L("Disputed")
	case annotate.Unverified:
		return lang.L("Unverified")
	}
	return v.Label()
}

// ClaimVerdictLabel is a claim's desk verdict in the interface language: "Contested"
// ("Avis divergents") while its reviewers disagree and nobody settled it, else its verdict.
func ClaimVerdictLabel(c annotate.Claim) string {
	if c.Contested {
		return lang.L("Contested")
	}
	return VerdictLabel(c.Verdict)
}

// RelationLabel is r's name in the interface language ("Same claim", "Même affirmation").
func RelationLabel(r annotate.Relation) string {
	switch r {
	case annotate.SameClaim:
		return lang.L("Same claim")
	case annotate.Supports:
		return lang.L("Supports")
	case annotate.Contradicts:
		return lang.L("Contradicts")
	}
	return r.Label()
}
