package exportui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/annotate/report"
)

// The export dialog writes the reports in the interface language Fyne found.
func TestExportFollowsTheInterfaceLanguage(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ locale, want string }{
		{"fr_FR.UTF-8", `<html lang="fr">`},
		{"en_GB.UTF-8", `<html lang="en">`},
	} {
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_ALL", c.locale)
		path := filepath.Join(f.dir, "report-"+c.locale+".html")
		out := export(context.Background(), f.db, request{format: report.HTML}, path, nil, func(string) {})
		if out.err != nil {
			t.Fatal(out.err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), c.want) {
			t.Errorf("LC_ALL=%s: the report is not %s", c.locale, c.want)
		}
	}
}
