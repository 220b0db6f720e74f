package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// wantCode checks that err is a storage error with code and the facts check accepts (nil: any).
func wantCode(t *testing.T, what string, err error, code storage.Code, check func(storage.Error) bool) {
	t.Helper()
	se := storage.AsError(err)
	if se == nil {
		t.Errorf("%s: err = %v (%T), want a *storage.Error with the code %s", what, err, err, code)
		return
	}
	if se.Code != code || storage.CodeOf(err) != code {
		t.Errorf("%s: code %q (%q), want %q", what, se.Code, se.Msg, code)
		return
	}
	if check != nil && !check(*se) {
		t.Errorf("%s: facts %+v, path %q: not the ones expected", what, se.Facts, se.Path)
	}
}

// Storage says what went wrong as a code with its facts, which the front ends word.
func TestErrorsCarryACodeAndTheirFacts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	t.Run("no reviewer", func(t *testing.T) {
		db, err := storage.Open(ctx, filepath.Join(dir, "nobody.db"), storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, err = db.ImportArticle(ctx, corpus.Article{Title: "T", Text: frText, Language: "fr", Origin: "test"})
		wantCode(t, "import without a reviewer", err, storage.CodeNoReviewer, nil)
		_, err = db.SetReviewer(ctx, "  ")
		wantCode(t, "an empty name", err, storage.CodeReviewerNameEmpty, nil)
	})

	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	claim := mustClaim(t, db, art.ID, frText, "300 à 400 morts")

	t.Run("not found", func(t *testing.T) {
		err := db.DeleteLink(ctx, "ffffffff")
		wantCode(t, "DeleteLink", err, storage.CodeNotFound, func(e storage.Error) bool {
			return e.Facts.Object == "link" && e.Facts.ID == "ffffffff"
		})
		if !storage.IsKind(err, storage.KindNotFound) {
			t.Errorf("kind of %v: want not found", err)
		}
	})

	t.Run("article removed", func(t *testing.T) {
		if err := db.DeleteClaim(ctx, claim.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RemoveArticle(ctx, art.ID); err != nil {
			t.Fatal(err)
		}
		err := db.RestoreClaim(ctx, claim.ID)
		wantCode(t, "RestoreClaim", err, storage.CodeArticleRemoved, func(e storage.Error) bool {
			return e.Facts.Object == "claim" && e.Facts.ID == claim.ID && e.Facts.Article == art.ID
		})
	})

	t.Run("open read-only", func(t *testing.T) {
		ro, err := storage.Open(ctx, db.Path(), storage.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		_, err = ro.AddClaim(ctx, art.ID, annotate.Anchor{Start: 0, End: 2, Exact: "Le"}, annotate.Unverified, "")
		wantCode(t, "AddClaim read-only", err, storage.CodeOpenReadOnly, func(e storage.Error) bool { return e.Path == db.Path() })
	})

	t.Run("not SQLite", func(t *testing.T) {
		path := filepath.Join(dir, "notes.db")
		if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 20)), 0o644); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "CheckFile", storage.CheckFile(ctx, path), storage.CodeNotSQLite, func(e storage.Error) bool { return e.Path == path })
	})

	t.Run("a -wal journal given as the file", func(t *testing.T) {
		path := filepath.Join(dir, "copy.db-wal")
		head := make([]byte, 100)
		copy(head, []byte{0x37, 0x7f, 0x06, 0x82})
		if err := os.WriteFile(path, head, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := storage.ReceiveFile(ctx, path)
		wantCode(t, "ReceiveFile", err, storage.CodeWALNotDatabase, func(e storage.Error) bool { return e.Path == path })
		if storage.RefusalOf(err) != storage.RefusedNotSQLite {
			t.Errorf("refusal %q, want %q", storage.RefusalOf(err), storage.RefusedNotSQLite)
		}
	})

	t.Run("working file cut short", func(t *testing.T) {
		path := filepath.Join(dir, "cut.db")
		w, err := storage.Open(ctx, path, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.SetReviewer(ctx, "Alice"); err != nil {
			t.Fatal(err)
		}
		mustImport(t, w, frText)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, st.Size()/2); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(path)
		_, err = storage.Open(ctx, path, storage.Options{})
		wantCode(t, "Open", err, storage.CodeWorkingFileDamaged, func(e storage.Error) bool {
			return e.Path == path && strings.Contains(e.Facts.Detail, "cut short")
		})
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Error("the damaged file was changed")
		}
	})
}
