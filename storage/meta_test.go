package storage_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"factdesk/storage"
)

// openAs opens path as the given version of Factdesk would.
func openAs(t *testing.T, path, version string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{AppVersion: version})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func writtenBy(t *testing.T, db *storage.DB) string {
	t.Helper()
	v, err := db.WrittenBy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDatabaseRecordsTheVersionThatLastChangedIt(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "project.db")

	db := openAs(t, path, "0.1.0")
	if got := writtenBy(t, db); got != "" {
		t.Errorf("a new file, not changed yet: written by %q, want \"\"", got)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportArticle(ctx, testArticle(1, 2000)); err != nil {
		t.Fatal(err)
	}
	if got := writtenBy(t, db); got != "0.1.0" {
		t.Errorf("after changes by 0.1.0: written by %q", got)
	}
	db.Close()

	// Opening and looking does not change who wrote it; a change by another version does.
	db = openAs(t, path, "0.2.0")
	if _, err := db.Articles(ctx); err != nil {
		t.Fatal(err)
	}
	if got := writtenBy(t, db); got != "0.1.0" {
		t.Errorf("after only looking with 0.2.0: written by %q, want 0.1.0", got)
	}
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportArticle(ctx, testArticle(2, 2000)); err != nil {
		t.Fatal(err)
	}
	if got := writtenBy(t, db); got != "0.2.0" {
		t.Errorf("after a change by 0.2.0: written by %q", got)
	}
	db.Close()

	// A program that does not say its version (tests, tools) leaves the record as it is.
	db = openAs(t, path, "")
	if _, err := db.SetReviewer(ctx, "Carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportArticle(ctx, testArticle(3, 2000)); err != nil {
		t.Fatal(err)
	}
	if got := writtenBy(t, db); got != "0.2.0" {
		t.Errorf("after a change by an unversioned program: written by %q, want 0.2.0", got)
	}
	db.Close()
}

func TestMergeRecordsTheVersion(t *testing.T) {
	ctx := context.Background()
	theirs := makeProject(t, t.TempDir(), 2)
	mine := filepath.Join(t.TempDir(), "mine.db")
	db := openAs(t, mine, "0.3.0")
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openAs(t, mine, "0.3.1")
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	rep, err := db.Merge(ctx, theirs)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Committed {
		t.Fatalf("merge not committed: %+v", rep)
	}
	if got := writtenBy(t, db); got != "0.3.1" {
		t.Errorf("after a merge by 0.3.1: written by %q", got)
	}
}

// A file last changed by a newer version, with a schema this version does not know, is refused
// by Open, CheckFile and ReceiveFile with a message that names the version that made it, and
// is left byte-identical.
func TestNewerFileRefusalNamesTheVersionThatMadeIt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "project.db")
	db := openAs(t, path, "7.4.1")
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, path)
	if _, err := raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, storage.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	words := []string{"Factdesk 7.4.1", fmt.Sprint("schema ", storage.SchemaVersion+1)}
	wantRefused(t, "CheckFile", storage.CheckFile(ctx, path), storage.KindNewerSchema, path, words...)
	_, err = storage.Open(ctx, path, storage.Options{AppVersion: "0.1.0"})
	wantRefused(t, "Open", err, storage.KindNewerSchema, path, words...)
	_, err = storage.Open(ctx, path, storage.Options{ReadOnly: true})
	wantRefused(t, "Open read-only", err, storage.KindNewerSchema, path, words...)
	in, err := storage.ReceiveFile(ctx, path)
	if err == nil {
		in.Close()
	}
	wantRefused(t, "ReceiveFile", err, storage.KindNewerSchema, path, words...)
	want := storage.Facts{MadeBy: "7.4.1", Schema: storage.SchemaVersion + 1, Supported: storage.SchemaVersion}
	if se := storage.AsError(err); se == nil || se.Code != storage.CodeNewerFile || se.Facts != want || se.Path != path {
		t.Errorf("ReceiveFile: %+v, want the code %s with the facts %+v", se, storage.CodeNewerFile, want)
	}

	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Error("the refused file changed")
	}
}
