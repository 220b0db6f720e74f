package app

import (
	"testing"
	"time"

	"factdesk/storage"
)

// checkText words each outcome of a check (the catalogs are checked by app/i18n's test).
func TestCheckText(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.Local)
	for _, tc := range []struct {
		c    storage.SourceCheck
		want string
	}{
		{storage.SourceCheck{CheckedAt: at, Status: 200, SHA256: "a"}, "Checked 2026-12-03 14:02: unchanged since the snapshot"},
		{storage.SourceCheck{CheckedAt: at, Status: 200, SHA256: "a", PageChanged: true}, "Checked 2026-12-03 14:02: same text as the snapshot"},
		{storage.SourceCheck{CheckedAt: at, Status: 200, SHA256: "a", PageChanged: true, TextChanged: true}, "Checked 2026-12-03 14:02: changed since the snapshot"},
		{storage.SourceCheck{CheckedAt: at, Status: 404, Error: "not found"}, "Checked 2026-12-03 14:02: page gone (404)"},
		{storage.SourceCheck{CheckedAt: at, Error: "no such site"}, "Checked 2026-12-03 14:02: could not be fetched (no such site)"},
	} {
		if got := checkText(tc.c); got != tc.want {
			t.Errorf("checkText = %q, want %q", got, tc.want)
		}
	}
}
