package app

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"factdesk/storage"
)

// checkText words each outcome of a check, and both catalogs hold its strings with the same
// template fields.
func TestCheckTextAndCatalogs(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.Local)
	for _, tc := range []struct {
		c    storage.SourceCheck
		want string
	}{
		{storage.SourceCheck{CheckedAt: at, Status: 200, SHA256: "a"}, "Checked 2026-12-03 14:02: unchanged since the snapshot"},
		{storage.SourceCheck{CheckedAt: at, Status: 200, SHA256: "a", PageChanged: true}, "Checked 2026-12-03 14:02: same text, only the page around it changed"},
		{storage.SourceCheck{CheckedAt: at, Status: 200, SHA256: "a", PageChanged: true, TextChanged: true}, "Checked 2026-12-03 14:02: changed since the snapshot"},
		{storage.SourceCheck{CheckedAt: at, Status: 404, Error: "not found"}, "Checked 2026-12-03 14:02: page gone (404)"},
		{storage.SourceCheck{CheckedAt: at, Error: "no such site"}, "Checked 2026-12-03 14:02: the page could not be fetched (no such site)"},
	} {
		if got := checkText(tc.c); got != tc.want {
			t.Errorf("checkText = %q, want %q", got, tc.want)
		}
	}

	keys := []string{"Checked {{.When}}: changed since the snapshot", "Checked {{.When}}: same text, only the page around it changed",
		"Checked {{.When}}: page gone ({{.Status}})", "Checked {{.When}}: the page could not be fetched ({{.Error}})",
		"Checked {{.When}}: unchanged since the snapshot", "Checking the live page…", "Could not check the live page: {{.Error}}",
		"New snapshot", "Snapshot"}
	fields := regexp.MustCompile(`{{\.\w+}}`)
	for _, name := range []string{"en", "fr"} {
		data, err := os.ReadFile("i18n/translations/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var cat map[string]string
		if err := json.Unmarshal(data, &cat); err != nil {
			t.Fatalf("%s.json: %v", name, err)
		}
		for _, k := range keys {
			v, ok := cat[k]
			if !ok || v == "" {
				t.Errorf("%s.json lacks %q", name, k)
				continue
			}
			want, got := fields.FindAllString(k, -1), fields.FindAllString(v, -1)
			sort.Strings(want)
			sort.Strings(got)
			if strings.Join(want, " ") != strings.Join(got, " ") {
				t.Errorf("%s.json: %q has fields %v, want %v", name, v, got, want)
			}
			if name == "fr" && strings.Contains(v, " :") {
				t.Errorf("fr.json: %q has a plain space before a colon (a no-break space goes there)", v)
			}
		}
	}
}
