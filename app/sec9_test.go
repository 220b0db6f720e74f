package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/corpus"
	"factdesk/storage"
)

// Save a copy never writes over another project's database (it says so and keeps the file),
// and asks before replacing an earlier copy of this project.
func TestSaveCopyRefusesAnotherProjectAndAsksBeforeReplacing(t *testing.T) {
	dir := t.TempDir()
	other := openDB(t, filepath.Join(dir, "other.db"), storage.Options{})
	if _, err := other.SetReviewer(context.Background(), "Bob"); err != nil {
		t.Fatal(err)
	}
	a, err := corpus.Parse("note.txt", []byte("Port notes\n\nThe harbour master counted 120 ships this week.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.ImportArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	other.Close()
	before, err := os.ReadFile(other.Path())
	if err != nil {
		t.Fatal(err)
	}

	h := newHarness(t, nil)
	h.mw.onSaveCopyPath(other.Path())
	h.wait()
	if msg := h.overlayText(); !strings.Contains(msg, "not overwritten") {
		t.Fatalf("no refusal shown: %q", msg)
	}
	h.dismissOverlays()
	h.mw.dialogs = nil
	if after, _ := os.ReadFile(other.Path()); string(after) != string(before) {
		t.Fatal("Save a copy wrote over another project's database")
	}

	out := filepath.Join(dir, "copy.db")
	h.mw.onSaveCopyPath(out)
	h.wait()
	h.dismissOverlays()
	h.mw.dialogs = nil
	h.mw.onSaveCopyPath(out)
	h.wait()
	if msg := h.overlayText(); !strings.Contains(msg, "Replace the earlier copy?") {
		t.Fatalf("no question before replacing the earlier copy: %q", msg)
	}
}

// Each keystroke's search cancels the one still running (down to SQLite's interrupt), and
// only the last one's hits are shown.
func TestNewSearchCancelsTheRunningOne(t *testing.T) {
	h := newHarness(t, nil)
	cp := h.mw.corpus
	cp.search.SetText("harbour")
	cp.runSearch()
	first := cp.searchCtx
	cp.search.SetText("harbour master")
	cp.runSearch()
	if first == nil || first.Err() != context.Canceled {
		t.Fatal("the superseded search was not cancelled")
	}
	h.wait()
	if cp.query != "harbour master" {
		t.Errorf("the hits shown are for %q", cp.query)
	}
}
