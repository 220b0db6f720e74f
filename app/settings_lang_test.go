package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"factdesk/app/i18n"
)

// Choosing Français in Preferences switches the window at once: menus, tabs, the inspector,
// with the articles that were open still open; the choice is kept; English switches back.
func TestSettingsLanguageSwitchesTheWindowLive(t *testing.T) {
	t.Setenv(i18n.EnvVar, "")
	t.Cleanup(func() { i18n.Use(i18n.English) })
	h := newHarness(t, nil)
	h.keepWindowOpen()
	en, _ := h.importTestArticles()
	h.mw.openArticle(en)
	h.wait()

	choose := func(label string) {
		t.Helper()
		h.mw.onSettings()
		s := h.mw.settings
		s.languageSelect.SetSelected(label)
		test.Tap(s.saveButton)
		h.wait()
		if h.mw.modalOpen() {
			t.Fatalf("Preferences still open after saving %s: %q", label, s.problem.Text)
		}
	}
	choose("Français")
	if got := h.mw.mainMenu.Items[0].Label; got != "Fichier" {
		t.Errorf("first menu after choosing Français: %q", got)
	}
	if got := h.mw.claimsTab.Text; got != "Affirmations" {
		t.Errorf("claims tab after choosing Français: %q", got)
	}
	if got := h.mw.status.Text; got != "Préférences enregistrées" {
		t.Errorf("status after choosing Français: %q", got)
	}
	if len(h.mw.panes.panes) != 1 || h.mw.panes.panes[0].article.ID != en {
		t.Errorf("the open article did not stay open: %d panes", len(h.mw.panes.panes))
	}
	if got := readSettings(h.mw.prefs).Language; got != i18n.French {
		t.Errorf("language kept in preferences: %q", got)
	}
	h.mw.onSettings()
	if got := h.mw.settings.languageSelect.Selected; got != "Français" {
		t.Errorf("Preferences show the language %q", got)
	}
	h.closeDialogs()

	choose("English")
	if got := h.mw.mainMenu.Items[0].Label; got != "File" {
		t.Errorf("first menu after choosing English: %q", got)
	}
	if len(h.mw.panes.panes) != 1 {
		t.Errorf("the open article did not stay open: %d panes", len(h.mw.panes.panes))
	}
}

// FACTDESK_LANG wins over the language chosen in Preferences.
func TestEnvironmentLanguageWinsOverPreferences(t *testing.T) {
	t.Cleanup(func() { i18n.Use(i18n.English) })
	t.Setenv(i18n.EnvVar, "fr")
	i18n.Setup(i18n.English)
	h := newHarness(t, nil)
	if got := h.mw.mainMenu.Items[0].Label; got != "Fichier" {
		t.Errorf("FACTDESK_LANG=fr with English chosen: first menu %q", got)
	}
}
