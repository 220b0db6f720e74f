package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The window's opt-in to keep full paths (issue 9, item 9): off by default, kept in the
// preferences, shown in Settings, and used by the window's import.
func TestKeepPathsSettingDrivesTheWindowsImport(t *testing.T) {
	h := newHarness(t, nil)
	mw := h.mw
	if readSettings(mw.prefs).KeepPaths {
		t.Fatal("full paths are kept by default")
	}

	// The Settings screen shows the choice and saves it.
	var saved settings
	s := newSettingsScreen(settings{Theme: themeSystem, Reviewer: "Ada"}, func(v settings) error { saved = v; return nil })
	test.NewTempWindow(t, s.buildUI())
	if s.keepPaths.Checked {
		t.Error("the check box is ticked for a setting that is off")
	}
	test.Tap(s.keepPaths)
	test.Tap(s.saveButton)
	if !saved.KeepPaths {
		t.Fatalf("saved %+v, want KeepPaths", saved)
	}
	writeSettings(mw.prefs, saved)
	if !readSettings(mw.prefs).KeepPaths {
		t.Fatal("the choice did not survive in the preferences")
	}

	dir := filepath.Join(t.TempDir(), "Informant Karim")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	importOne := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var sum importSummary
		mw.runImport("Import", []importItem{{path: path}}, func(s importSummary) { sum = s })
		h.wait()
		if len(sum.ids) != 1 {
			t.Fatalf("import of %s: %+v", name, sum)
		}
		a, err := h.db.Article(context.Background(), sum.ids[0])
		if err != nil {
			t.Fatal(err)
		}
		return a.Origin
	}
	full := "Harbour report\n\nThe harbour master said on Monday that 120 ships had docked in the week, a record for the season.\n"
	if got, want := importOne("kept.txt", full), filepath.Join(dir, "kept.txt"); got != want {
		t.Errorf("with the setting on, the origin is %q, want %q", got, want)
	}
	writeSettings(mw.prefs, settings{Theme: themeSystem, Reviewer: "Ada"})
	other := "Port report\n\nThe port authority said on Tuesday that 80 ships had left in the week, fewer than last year.\n"
	if got := importOne("name-only.txt", other); got != "name-only.txt" {
		t.Errorf("with the setting off, the origin is %q, want the file name only", got)
	}
}
