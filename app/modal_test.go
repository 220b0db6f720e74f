package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"factdesk/annotate"
)

// menuShortcuts is every menu item that has a shortcut, as the desktop driver finds them
// when a key is pressed (it calls the item's action).
func menuShortcuts(m *fyne.MainMenu) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Shortcut != nil && it.Action != nil {
				out = append(out, it)
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, menu := range m.Items {
		walk(menu.Items)
	}
	return out
}

// windowState is what a shortcut acting behind a dialog would change.
type windowState struct {
	change   int64
	verdict  annotate.Verdict
	claims   int
	panes    int
	selected string
	dialogs  []any
	top      fyne.CanvasObject
	left     bool
	right    bool
}

func (h *harness) state(claimID string) windowState {
	h.t.Helper()
	ctx := context.Background()
	n, err := h.db.LastChange(ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	s := windowState{change: n, panes: len(h.mw.panes.panes), top: h.win.Canvas().Overlays().Top(),
		left: h.mw.showLeft, right: h.mw.showRight}
	if c, err := h.db.Claim(ctx, claimID); err == nil {
		s.verdict = c.Verdict
	}
	s.claims = len(h.mw.claims.rows)
	if c, ok := h.mw.currentClaim(); ok {
		s.selected = c.ID
	}
	for _, d := range h.mw.dialogs {
		s.dialogs = append(s.dialogs, d)
	}
	return s
}

func sameState(a, b windowState) bool {
	if a.change != b.change || a.verdict != b.verdict || a.claims != b.claims || a.panes != b.panes ||
		a.selected != b.selected || a.top != b.top || a.left != b.left || a.right != b.right || len(a.dialogs) != len(b.dialogs) {
		return false
	}
	for i := range a.dialogs {
		if a.dialogs[i] != b.dialogs[i] {
			return false
		}
	}
	return true
}

// With each dialog the menus open, every shortcut is pressed: none acts on the window
// behind (database, panes, selection, columns unchanged) and none opens a dialog over it.
func TestShortcutsDoNothingBehindADialog(t *testing.T) {
	h := newHarness(t, nil)
	h.keepWindowOpen()
	en, fr := h.importTestArticles()
	p := h.mw.openArticle(en)
	h.mw.openArticle(fr)
	c := h.makeClaim(p, "300 to 400")
	h.wait()

	// Not pressed to open a dialog: these leave the window (quit), close what the others need
	// (the pane), or switch to another database (the demo desk).
	skip := map[string]bool{"Quit": true, "Close pane": true, "Load demo corpus": true, "Open the demo desk": true}
	all := menuShortcuts(h.mw.mainMenu)
	opened := 0
	for _, opener := range all {
		switch opener.Shortcut.(type) {
		case *fyne.ShortcutUndo, *fyne.ShortcutRedo:
			continue // would take back the claim the others need
		}
		if skip[opener.Label] {
			continue
		}
		if !h.mw.showClaim(c.ID) {
			t.Fatalf("claim not shown before %s", opener.Label)
		}
		opener.Action()
		h.wait()
		if !h.mw.modalOpen() {
			continue // not a dialog: its own tests check what it does
		}
		opened++
		if n := len(h.win.Canvas().Overlays().List()); n != len(h.mw.dialogs) {
			t.Errorf("%s: %d overlays shown, %d dialogs tracked: every dialog goes through showDialog", opener.Label, n, len(h.mw.dialogs))
		}
		before := h.state(c.ID)
		for _, sc := range all {
			sc.Action()
			h.wait()
			if after := h.state(c.ID); !sameState(before, after) {
				t.Errorf("with the dialog of %q open, %s (%s) acted behind it:\nbefore %+v\nafter  %+v",
					opener.Label, sc.Label, shortcutText(sc.Shortcut), before, after)
				break
			}
		}
		for h.mw.closeTopDialog() {
			h.wait()
		}
		h.dismissOverlays()
		h.wait()
	}
	if opened < 10 {
		t.Errorf("only %d shortcuts opened a dialog", opened)
	}
}

// Ctrl+Z in an entry of a dialog is the entry's undo, not the window's.
func TestUndoShortcutInADialogEntryIsTheEntrys(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "300 to 400")
	h.mw.onSetVerdict(annotate.Disputed)
	h.mw.onChooseArticle(false)
	var undo *fyne.MenuItem
	for _, it := range menuShortcuts(h.mw.mainMenu) {
		if _, ok := it.Shortcut.(*fyne.ShortcutUndo); ok {
			undo = it
		}
	}
	undo.Action()
	if got := h.claimInDB(c.ID).Verdict; got != annotate.Disputed {
		t.Errorf("Ctrl+Z in the Open article dialog undid the verdict (now %s)", got)
	}
}
