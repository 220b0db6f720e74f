package annotate

import (
	"fmt"
	"time"
)

// CheckOutcome is what a look at a source's live page found, compared with its snapshot.
type CheckOutcome string

// What a check of a source's live page found.
const (
	CheckUnchanged CheckOutcome = "unchanged" // the page is as the snapshot kept it
	CheckSameText  CheckOutcome = "same_text" // the page changed around a main text that did not
	CheckChanged   CheckOutcome = "changed"   // the main text changed since the snapshot
	CheckGone      CheckOutcome = "gone"      // the site says the page is not there (404, 410)
	CheckFailed    CheckOutcome = "failed"    // the page could not be fetched (site down, time-out…)
)

// SourceCheck is the latest check of a source's live page, as reports and lists show it.
type SourceCheck struct {
	At      time.Time
	Outcome CheckOutcome
	Status  int // the HTTP status (0 when the site did not answer)
}

// CheckOutcomeOf names what a check found from its facts: the HTTP status, whether it
// failed, and whether the page's bytes and main text changed.
func CheckOutcomeOf(status int, failed, pageChanged, textChanged bool) CheckOutcome {
	switch {
	case failed && (status == 404 || status == 410):
		return CheckGone
	case failed:
		return CheckFailed
	case textChanged:
		return CheckChanged
	case pageChanged:
		return CheckSameText
	}
	return CheckUnchanged
}

// Describe words the check in English for reports and the CLI, for example
// "checked 2026-12-03 14:02 UTC: changed since the snapshot".
func (c SourceCheck) Describe() string {
	what := map[CheckOutcome]string{
		CheckUnchanged: "unchanged since the snapshot",
		CheckSameText:  "same text as the snapshot (the page around it changed)",
		CheckChanged:   "changed since the snapshot",
		CheckFailed:    "could not be fetched",
	}[c.Outcome]
	if c.Outcome == CheckGone {
		what = fmt.Sprintf("page gone (%d)", c.Status)
	} else if c.Outcome == CheckFailed && c.Status != 0 {
		what += fmt.Sprintf(" (%d)", c.Status)
	}
	return "checked " + c.At.UTC().Format("2006-01-02 15:04") + " UTC: " + what
}

// Words says in a few English words what a check found: "page gone", "changed since the
// snapshot"…
func (o CheckOutcome) Words() string {
	switch o {
	case CheckUnchanged:
		return "unchanged since the snapshot"
	case CheckSameText:
		return "same text as the snapshot"
	case CheckChanged:
		return "changed since the snapshot"
	case CheckGone:
		return "page gone"
	}
	return "could not be fetched"
}
