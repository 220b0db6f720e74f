package annotate

import (
	"testing"
	"time"
)

func TestSourceCheckOutcomeAndWording(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.UTC)
	for _, tc := range []struct {
		status                      int
		failed, pageChanged, textCh bool
		want                        CheckOutcome
		says                        string
	}{
		{200, false, false, false, CheckUnchanged, "checked 2026-12-03 14:02 UTC: unchanged since the snapshot"},
		{200, false, true, false, CheckSameText, "checked 2026-12-03 14:02 UTC: same text as the snapshot (the page around it changed)"},
		{200, false, true, true, CheckChanged, "checked 2026-12-03 14:02 UTC: changed since the snapshot"},
		{404, true, false, false, CheckGone, "checked 2026-12-03 14:02 UTC: page gone (404)"},
		{410, true, false, false, CheckGone, "checked 2026-12-03 14:02 UTC: page gone (410)"},
		{503, true, false, false, CheckFailed, "checked 2026-12-03 14:02 UTC: could not be fetched (503)"},
		{0, true, false, false, CheckFailed, "checked 2026-12-03 14:02 UTC: could not be fetched"},
	} {
		got := CheckOutcomeOf(tc.status, tc.failed, tc.pageChanged, tc.textCh)
		if got != tc.want {
			t.Errorf("%+v: outcome %q", tc, got)
		}
		if says := (SourceCheck{At: at, Outcome: got, Status: tc.status}).Describe(); says != tc.says {
			t.Errorf("%+v: %q", tc, says)
		}
	}
}

// The history says what a snapshot and a check of a source's page were, in words.
func TestDescribeSnapshotAndCheckEntries(t *testing.T) {
	for _, tc := range []struct {
		table, new, want string
	}{
		{"source_snapshots", `{"url":"https://news.example/toll","sha256":"aa"}`, "created the source snapshot of https://news.example/toll"},
		{"source_checks", `{"url":"https://news.example/toll","status":404,"error":"not found","page_changed":false,"text_changed":false}`,
			"created the source check of https://news.example/toll: page gone"},
		{"source_checks", `{"url":"https://news.example/toll","status":200,"error":"","page_changed":true,"text_changed":true}`,
			"created the source check of https://news.example/toll: changed since the snapshot"},
	} {
		if got := DescribeChange(HistoryEntry{Table: tc.table, Field: "create", New: tc.new}).Describe(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.table, got, tc.want)
		}
	}
}
