package report

import (
	"testing"
	"time"

	"factdesk/annotate"
)

// The last check of a source's live page reads in the report's language.
func TestSourceCheckInTheReportsLanguage(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.UTC)
	cases := []struct {
		check  annotate.SourceCheck
		en, fr string
	}{
		{annotate.SourceCheck{At: at, Outcome: annotate.CheckUnchanged, Status: 200},
			"checked 2026-12-03 14:02 UTC: unchanged since the snapshot",
			"page contrôlée le 3\u00a0décembre\u00a02026 à 14\u00a0h\u00a002 UTC\u00a0: inchangée depuis la capture"},
		{annotate.SourceCheck{At: at, Outcome: annotate.CheckChanged, Status: 200},
			"checked 2026-12-03 14:02 UTC: changed since the snapshot",
			"page contrôlée le 3\u00a0décembre\u00a02026 à 14\u00a0h\u00a002 UTC\u00a0: modifiée depuis la capture"},
		{annotate.SourceCheck{At: at, Outcome: annotate.CheckGone, Status: 404},
			"checked 2026-12-03 14:02 UTC: page gone (404)",
			"page contrôlée le 3\u00a0décembre\u00a02026 à 14\u00a0h\u00a002 UTC\u00a0: disparue (404)"},
		{annotate.SourceCheck{At: at, Outcome: annotate.CheckFailed, Status: 503},
			"checked 2026-12-03 14:02 UTC: could not be fetched (503)",
			"page contrôlée le 3\u00a0décembre\u00a02026 à 14\u00a0h\u00a002 UTC\u00a0: inaccessible (503)"},
		{annotate.SourceCheck{At: at, Outcome: annotate.CheckFailed},
			"checked 2026-12-03 14:02 UTC: could not be fetched",
			"page contrôlée le 3\u00a0décembre\u00a02026 à 14\u00a0h\u00a002 UTC\u00a0: inaccessible"},
	}
	for _, c := range cases {
		if got := localeOf(English).sourceCheck(c.check); got != c.en || got != c.check.Describe() {
			t.Errorf("English: got %q, want %q (as annotate words it)", got, c.en)
		}
		if got := localeOf(French).sourceCheck(c.check); got != c.fr {
			t.Errorf("French: got %q, want %q", got, c.fr)
		}
	}
}
