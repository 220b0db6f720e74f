package app

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver, to write a newer schema version by hand

	"factdesk/storage"
)

// Opening a file made by a newer version fails with what happened (the version that made it)
// and what to do with this window's menus, in one message dialog of the window's stack: the
// window behind it takes no menu action until Return closes it; the current database stays.
func TestOpeningANewerFileSaysToUpdateWithTheMenus(t *testing.T) {
	h := newHarness(t, nil)
	mw := h.mw
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newer.db")
	db, err := storage.Open(ctx, path, storage.Options{AppVersion: "9.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", storage.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	current := mw.db
	if mw.switchDB(path) {
		t.Fatal("a file made by a newer version was opened")
	}
	h.wait()
	if mw.db != current {
		t.Fatal("the working database was changed")
	}
	shown := h.overlayText()
	for _, want := range []string{"Opening newer.db failed.", "was made by Factdesk 9.1.0, a newer version",
		"Update Factdesk (Help > About Factdesk shows this version), then open the file again."} {
		if !strings.Contains(shown, want) {
			t.Errorf("the error dialog says:\n%s\nwant %q", shown, want)
		}
	}
	if strings.Contains(shown, "--") {
		t.Errorf("the error dialog names a flag:\n%s", shown)
	}
	if len(mw.dialogs) != 1 || !mw.modalOpen() {
		t.Fatalf("%d dialogs on the stack, want the error alone", len(mw.dialogs))
	}
	if !strings.Contains(mw.status.Text, "failed") {
		t.Errorf("status bar: %q", mw.status.Text)
	}
	mw.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(mw.dialogs) != 0 {
		t.Errorf("Return left %d dialogs open", len(mw.dialogs))
	}
}
