package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"factdesk/corpus"
)

func TestSettingsCheck(t *testing.T) {
	ok := settings{Theme: themeDark, TextSize: 18, Reviewer: "Ada"}
	if err := ok.check(); err != nil {
		t.Fatalf("%+v: %v", ok, err)
	}
	for _, tc := range []struct {
		name  string
		s     settings
		words string
	}{
		{"unknown theme", settings{Theme: "pink", Reviewer: "Ada"}, "system, light or dark"},
		{"text too small", settings{Theme: themeLight, TextSize: 4, Reviewer: "Ada"}, "10 to 28"},
		{"text too big", settings{Theme: themeLight, TextSize: 90, Reviewer: "Ada"}, "10 to 28"},
		{"no name", settings{Theme: themeSystem, Reviewer: "   "}, "type your name"},
	} {
		err := tc.s.check()
		if err == nil || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%s: check = %v, want an error saying %q", tc.name, err, tc.words)
		}
	}
}

func TestSettingsSurviveInPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if got := readSettings(p); got != (settings{Theme: themeSystem}) {
		t.Errorf("defaults: %+v", got)
	}
	want := settings{Theme: themeDark, TextSize: 20, Reviewer: "Ada Lovelace"}
	writeSettings(p, want)
	if got := readSettings(p); got != want {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	// A hand-edited preferences file with values Factdesk does not offer falls back to the defaults.
	p.SetString(prefTheme, "purple")
	p.SetFloat(prefTextSize, 300)
	if got := readSettings(p); got.Theme != themeSystem || got.TextSize != 0 {
		t.Errorf("bad values read as %+v, want the system theme and the standard size", got)
	}
}

func TestThemeForFixesTheVariant(t *testing.T) {
	light, dark := theme.VariantLight, theme.VariantDark
	bg := theme.ColorNameBackground
	base := newAppTheme()
	for _, tc := range []struct {
		c    themeChoice
		asks fyne.ThemeVariant
		want fyne.ThemeVariant
	}{
		{themeDark, light, dark}, {themeDark, dark, dark},
		{themeLight, dark, light}, {themeLight, light, light},
		{themeSystem, dark, dark}, {themeSystem, light, light},
	} {
		if got, want := themeFor(tc.c).Color(bg, tc.asks), base.Color(bg, tc.want); got != want {
			t.Errorf("%s theme asked for variant %d: background %v, want %v", tc.c, tc.asks, got, want)
		}
	}
	// The verdict colours stay the app's own.
	if got, want := themeFor(themeDark).Color(theme.ColorNameSuccess, light), darkConfirmed; got != want {
		t.Errorf("dark theme's success colour %v, want %v", got, want)
	}
}

func TestSettingsScreen(t *testing.T) {
	test.NewTempApp(t)
	var saved []settings
	s := newSettingsScreen(settings{Theme: themeSystem, Reviewer: "Ada"}, func(v settings) error {
		saved = append(saved, v)
		return nil
	})
	test.NewTempWindow(t, s.buildUI())
	if s.themeRadio.Selected != "Same as the system" || s.sizeSelect.Selected != textSizeDefault || s.reviewerEntry.Text != "Ada" {
		t.Fatalf("shown: theme %q, size %q, name %q", s.themeRadio.Selected, s.sizeSelect.Selected, s.reviewerEntry.Text)
	}

	// No name: Save is disabled and the dialog says why.
	s.reviewerEntry.SetText("")
	if !s.saveButton.Disabled() || !s.problem.Visible() || !strings.Contains(s.problem.Text, "your name") {
		t.Errorf("empty name: save disabled %v, problem %q shown %v", s.saveButton.Disabled(), s.problem.Text, s.problem.Visible())
	}
	test.Tap(s.saveButton)
	if len(saved) != 0 {
		t.Fatalf("saved with no name: %+v", saved)
	}

	test.Type(s.reviewerEntry, "Grace Hopper")
	s.themeRadio.SetSelected("Dark")
	s.sizeSelect.SetSelected("18")
	if s.saveButton.Disabled() || s.problem.Visible() {
		t.Error("valid values: Save disabled or a problem shown")
	}
	test.Tap(s.saveButton)
	want := settings{Theme: themeDark, TextSize: 18, Reviewer: "Grace Hopper"}
	if len(saved) != 1 || saved[0] != want {
		t.Fatalf("saved %+v, want %+v", saved, want)
	}

	// Back to the standard size and the light theme.
	s.sizeSelect.SetSelected(textSizeDefault)
	s.themeRadio.SetSelected("Light")
	test.Tap(s.saveButton)
	if got := saved[len(saved)-1]; got.TextSize != 0 || got.Theme != themeLight {
		t.Errorf("saved %+v, want the standard size and the light theme", got)
	}
}

// File > Settings… in the main window: the theme, the panes' text size and the reviewer change
// at once, and a new window (the next launch) starts with them.
func TestSettingsDialogAppliesAndRemembers(t *testing.T) {
	h := newHarness(t, nil)
	mw := h.mw
	ctx := context.Background()
	art, err := corpus.Parse("budget.txt", []byte("City budget grows\n\nThe city council approved a budget of 12 million euros on Monday, "+
		"three percent more than last year, the mayor said in a statement to the press.\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := h.db.ImportArticle(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	mw.reloadArticles(nil)
	h.wait()
	p, err := mw.panes.open(res.Article.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	h.wait()
	standard := p.view.TextSize()

	mw.onSettings()
	s := mw.settings
	if s == nil || h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("File > Settings… showed no dialog")
	}
	if s.reviewerEntry.Text != testReviewer {
		t.Errorf("the dialog shows reviewer %q, want %q", s.reviewerEntry.Text, testReviewer)
	}
	s.themeRadio.SetSelected("Dark")
	s.sizeSelect.SetSelected("22")
	s.reviewerEntry.SetText("Grace Hopper")
	test.Tap(s.saveButton)
	h.wait()
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("Save left the dialog open")
	}
	th := h.app.Settings().Theme()
	if got, want := th.Color(theme.ColorNameBackground, theme.VariantLight), newAppTheme().Color(theme.ColorNameBackground, theme.VariantDark); got != want {
		t.Errorf("after choosing Dark the background is %v, want the dark one %v", got, want)
	}
	if got := p.view.TextSize(); got != 22 {
		t.Errorf("the open pane's text size is %g, want 22 (standard was %g)", got, standard)
	}
	if mw.sess.Reviewer() != "Grace Hopper" {
		t.Errorf("reviewer now %q, want Grace Hopper", mw.sess.Reviewer())
	}
	if got := readSettings(h.app.Preferences()); got != (settings{Theme: themeDark, TextSize: 22, Reviewer: "Grace Hopper"}) {
		t.Errorf("preferences hold %+v", got)
	}

	// A pane opened later gets the size too.
	mw.panes.closeAll()
	p2, err := mw.panes.open(res.Article.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	h.wait()
	if got := p2.view.TextSize(); got != 22 {
		t.Errorf("a pane opened after saving has text size %g, want 22", got)
	}

	// Cancel changes nothing.
	mw.onSettings()
	mw.settings.themeRadio.SetSelected("Light")
	mw.closeTopDialog()
	h.wait()
	if got := readSettings(h.app.Preferences()).Theme; got != themeDark {
		t.Errorf("after Cancel the theme preference is %q, want dark", got)
	}
}

func TestAboutShowsTheBuild(t *testing.T) {
	h := newHarness(t, nil)
	mw := h.mw
	mw.cfg.Build = BuildInfo{Version: "1.4.2", Commit: "abc123def456", Date: "2026-12-06T05:00:00Z"}
	mw.onAbout()
	s := mw.about
	if s == nil || h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Help > About Factdesk showed no dialog")
	}
	shown := h.overlayText()
	for _, want := range []string{"Factdesk 1.4.2", "abc123def456", "2026-12-06T05:00:00Z", h.db.Path(), testReviewer} {
		if !strings.Contains(shown, want) {
			t.Errorf("About does not show %q:\n%s", want, shown)
		}
	}
	test.Tap(s.copyButton)
	got := h.app.Clipboard().Content()
	for _, want := range []string{"Version: 1.4.2", "Commit: abc123def456", "Built: 2026-12-06T05:00:00Z", "Database: " + h.db.Path()} {
		if !strings.Contains(got, want) {
			t.Errorf("copied details miss %q:\n%s", want, got)
		}
	}
	if s.copied.Text != "Copied" {
		t.Errorf("after Copy the dialog says %q", s.copied.Text)
	}
}
