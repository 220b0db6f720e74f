package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/app/i18n/i18ntest"
	"factdesk/app/sharing"
	fdstorage "factdesk/storage"
)

// inFrench switches the interface to French for the rest of the test.
func inFrench(t *testing.T) {
	t.Helper()
	t.Setenv(i18n.EnvVar, "")
	i18n.Use(i18n.French)
	t.Cleanup(func() { i18n.Use(i18n.English) })
	if got := i18n.Current().String(); got != "fr" {
		t.Fatalf("the interface language is %s after choosing French", got)
	}
}

// checkScreen checks what the window shows now, the top dialog if one is open, in French at
// 1280×800: corpus list, article panes, claims list, inspector, menus and dialogs.
func (h *harness) checkScreen(name string) {
	h.t.Helper()
	h.wait()
	root := h.win.Canvas().Content()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		root = top
	}
	if w := h.win.Canvas().Content().MinSize().Width; w > 1280 {
		h.t.Errorf("%s: the window needs %.0f pixels of width in French, more than 1280", name, w)
	}
	i18ntest.Check(h.t, name, root, "fr", h.win.Canvas().Size().Width)
}

// checkDialog checks the dialog on top, which must be open.
func (h *harness) checkDialog(name string) {
	h.t.Helper()
	h.wait()
	if h.win.Canvas().Overlays().Top() == nil {
		h.t.Fatalf("%s: no dialog open", name)
	}
	h.checkScreen(name)
}

// closeDialogs closes every dialog the way a person would (Escape), then whatever is left.
func (h *harness) closeDialogs() {
	for h.mw.closeTopDialog() {
		h.wait()
	}
	h.dismissOverlays()
	h.wait()
}

// A French window at 1280×800: the main window with two articles and a claim, every menu, and
// every dialog a menu opens show no English string of ours, and no label or button is cut.
func TestFrenchWindowMenusAndDialogs(t *testing.T) {
	inFrench(t)
	dir := t.TempDir()
	bob, _ := bobsFile(t, dir)
	h := newHarness(t, openDB(t, filepath.Join(dir, "alice.db"), fdstorage.Options{}))
	h.keepWindowOpen()
	en, fr := h.importTestArticles()
	p := h.mw.openArticle(en)
	h.mw.openArticle(fr)
	c := h.makeClaim(p, "300 to 400")
	h.mw.setVerdict(c.ID, annotate.Confirmed)
	h.mw.inspector.note.SetText("Vérifié auprès du ministère")
	h.wait()
	h.checkScreen("main window, inspector")
	h.mw.showLeftTab(h.mw.claimsTab)
	h.checkScreen("main window, claims list")
	h.mw.showLeftTab(h.mw.corpusTab)

	english, err := i18ntest.English("fr")
	if err != nil {
		t.Fatal(err)
	}
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if english[it.Label] {
				t.Errorf("menu item in English: %q", it.Label)
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range h.mw.mainMenu.Items {
		if english[m.Label] {
			t.Errorf("menu in English: %q", m.Label)
		}
		walk(m.Items)
	}
	if got := h.mw.mainMenu.Items[0].Label; got != "Fichier" {
		t.Errorf("first menu %q, want Fichier", got)
	}

	// Every dialog a menu item opens (those that leave the window or the database aside).
	leave := map[string]bool{"Quitter": true, "Fermer le volet": true, "Charger le corpus de démonstration…": true}
	opened := 0
	var items []*fyne.MenuItem
	for _, m := range h.mw.mainMenu.Items {
		items = append(items, m.Items...)
	}
	for _, it := range items {
		if it.IsSeparator || it.Action == nil || leave[it.Label] || it == h.mw.undoItem || it == h.mw.redoItem {
			continue
		}
		if !h.mw.showClaim(c.ID) {
			t.Fatalf("claim not shown before %s", it.Label)
		}
		it.Action()
		h.wait()
		if h.mw.modalOpen() {
			opened++
			h.checkScreen(strings.TrimSuffix(it.Label, "…"))
		}
		h.closeDialogs()
	}
	if opened < 15 {
		t.Errorf("only %d menu items opened a dialog", opened)
	}

	// Dialogs with more to show: a confirmation, the merge preview of Bob's file, its
	// conflicts, the agreement between the two.
	h.mw.showClaim(c.ID)
	h.mw.onDeleteClaim()
	h.checkDialog("delete the claim")
	h.closeDialogs()

	m := sharing.NewMergeDialog(h.db, h.win)
	h.mw.host(&m.Presenter)
	m.PreviewFile(bob)
	h.checkDialog("merge preview")
	h.closeDialogs()

	// Bob disputed the claim Alice confirmed: after the merge, it is contested.
	if _, err := h.db.Merge(context.Background(), bob); err != nil {
		t.Fatal(err)
	}
	h.mw.reloadAll()
	h.wait()
	h.mw.showClaim(c.ID)
	h.checkScreen("main window, contested claim")
	h.mw.onAgreement()
	h.checkDialog("agreement between reviewers")
	h.closeDialogs()
	h.mw.onConflicts()
	h.checkDialog("conflicts to settle")
	h.closeDialogs()
	h.mw.onRatings()
	h.checkDialog("ratings by reviewer")
	h.closeDialogs()
}

// The shortcuts are the same in French: Ctrl+1, 2, 3 rate the claim, Ctrl+F goes to the
// search field, Ctrl+K and Ctrl+Shift+K switch the lists.
func TestFrenchShortcutsStillWork(t *testing.T) {
	inFrench(t)
	h := newHarness(t, nil)
	h.keepWindowOpen()
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "300 to 400")
	h.wait()
	press := func(sc fyne.Shortcut) {
		t.Helper()
		for _, it := range menuShortcuts(h.mw.mainMenu) {
			if it.Shortcut.ShortcutName() == sc.ShortcutName() {
				it.Action()
				h.wait()
				return
			}
		}
		t.Fatalf("no menu item has the shortcut %s", shortcutText(sc))
	}
	ctrlKey := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	for _, tc := range []struct {
		key  fyne.KeyName
		want annotate.Verdict
	}{{fyne.Key1, annotate.Confirmed}, {fyne.Key2, annotate.Disputed}, {fyne.Key3, annotate.Unverified}} {
		h.mw.showClaim(c.ID)
		press(ctrlKey(tc.key))
		if got := h.claimInDB(c.ID).Verdict; got != tc.want {
			t.Errorf("Ctrl+%s: verdict %s, want %s", tc.key, got, tc.want)
		}
	}
	if !strings.HasPrefix(h.mw.status.Text, "Votre avis") {
		t.Errorf("status after rating in French: %q", h.mw.status.Text)
	}
	press(ctrlKey(fyne.KeyF))
	if h.mw.leftTabs.Selected() != h.mw.corpusTab || h.mw.focused() == nil {
		t.Error("Ctrl+F did not put the keyboard in the corpus search")
	}
	press(&desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if h.mw.leftTabs.Selected() != h.mw.claimsTab {
		t.Error("Ctrl+Shift+K did not show the claims list")
	}
	if got := shortcutText(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}); got != "Ctrl+Maj+L" {
		t.Errorf("Ctrl+Shift+L reads %q in French, want Ctrl+Maj+L", got)
	}
}

// French takes no more width than English where the window is narrowest: the inspector of a
// contested claim with the source form open, and the claims list, at the same content.
func TestFrenchNeedsNoMoreWidthThanEnglish(t *testing.T) {
	t.Setenv(i18n.EnvVar, "")
	widths := map[i18n.Choice][2]float32{}
	for _, l := range []i18n.Choice{i18n.English, i18n.French} {
		i18n.Use(l)
		h := newHarness(t, nil)
		h.keepWindowOpen()
		en, _ := h.importTestArticles()
		p := h.mw.openArticle(en)
		c := h.makeClaim(p, "300 to 400")
		h.mw.inspector.settleBox.Show()
		h.mw.inspector.sourceForm.Open(0)
		h.mw.showClaim(c.ID)
		h.wait()
		widths[l] = [2]float32{h.mw.inspector.root.MinSize().Width, h.mw.claimsTab.Content.MinSize().Width}
	}
	i18n.Use(i18n.English)
	en, fr := widths[i18n.English], widths[i18n.French]
	if fr[0] > en[0]+1 {
		t.Errorf("the inspector needs %.0f pixels in French, %.0f in English", fr[0], en[0])
	}
	if fr[1] > en[1]+1 {
		t.Errorf("the claims list needs %.0f pixels in French, %.0f in English", fr[1], en[1])
	}
}
