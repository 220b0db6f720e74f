package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"factdesk/storage"
)

// A working database cut inside its last page (a copy or sync that did not finish) is refused
// before SQLite writes anything to it, with what to do, and stays byte-identical.
func TestOpenRefusesAWorkingDatabaseCutInsideItsLastPage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := makeProject(t, t.TempDir(), 20)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, filepath.Join(dir, "project.db"), b[:len(b)-3996])
	before := dirState(t, dir)
	for _, ro := range []bool{false, true} {
		db, err := storage.Open(ctx, path, storage.Options{ReadOnly: ro})
		if err == nil {
			db.Close()
			t.Fatalf("Open (read-only %v) accepted a file cut inside its last page", ro)
		}
		wantRefused(t, "Open", err, storage.KindCorrupt, path, "cut short")
		if c := storage.CodeOf(err); c != storage.CodeWorkingFileDamaged {
			t.Errorf("Open: code %q, want %q (the front ends say to restore it)", c, storage.CodeWorkingFileDamaged)
		}
		sameState(t, "Open", before, dirState(t, dir))
	}
}

// A page damaged in the middle of the file fails PRAGMA quick_check: Open refuses the file
// (nothing written) instead of building on it.
func TestOpenRefusesAWorkingDatabaseFailingQuickCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := makeProject(t, t.TempDir(), 40)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// Scramble the cells of the last page (a leaf of some table or index), leaving its
	// page header alone: the schema reads fine, quick_check does not.
	last := len(b) - 4096
	for i := last + 200; i < len(b)-8; i += 7 {
		b[i] ^= 0x5a
	}
	path := writeFile(t, filepath.Join(dir, "project.db"), b)
	before := dirState(t, dir)
	db, err := storage.Open(ctx, path, storage.Options{})
	if err == nil {
		db.Close()
		t.Fatal("Open accepted a file that fails quick_check")
	}
	wantRefused(t, "Open", err, storage.KindCorrupt, path, "damaged")
	if c := storage.CodeOf(err); c != storage.CodeWorkingFileDamaged {
		t.Errorf("Open: code %q, want %q (the front ends say to restore it)", c, storage.CodeWorkingFileDamaged)
	}
	sameState(t, "Open", before, dirState(t, dir))
}

// liveWAL opens a new project at path, lets fill write to it, and returns a copy of its -wal
// taken while it is open (as a crash or a sync would leave it), with the project still open
// until the test ends.
func liveWAL(t *testing.T, path string, fill func(db *storage.DB)) []byte {
	t.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fill(db)
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal to copy: %d bytes, %v", len(wal), err)
	}
	main, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Put the main file back as it was while open: the WAL holds what it lacks.
	writeFile(t, path, main)
	return wal
}

// A -wal copied beside a database from another one would replace its rows when replayed:
// Open replays it on a private copy, sees another project's identity and broken references,
// and refuses with what to do, leaving the database and the journal as they were.
func TestOpenRefusesAForeignWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := makeProject(t, dir, 3)
	other := filepath.Join(t.TempDir(), "other.db")
	wal := liveWAL(t, other, func(db *storage.DB) {
		if _, err := db.SetReviewer(ctx, "Mallory"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportArticle(ctx, testArticle(7, 2000)); err != nil {
			t.Fatal(err)
		}
	})
	writeFile(t, path+"-wal", wal)
	before := dirState(t, dir)
	for _, ro := range []bool{false, true} {
		db, err := storage.Open(ctx, path, storage.Options{ReadOnly: ro})
		if err == nil {
			db.Close()
			t.Fatalf("Open (read-only %v) replayed another database's -wal", ro)
		}
		wantRefused(t, "Open", err, storage.KindCorrupt, path, "-wal", "does not fit", "Move")
		sameState(t, "Open", before, dirState(t, dir))
	}
}

// The -wal a crashed session left is the database's own: Open checks it and takes its
// transactions.
func TestOpenKeepsTheWALOfACrashedSession(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "project.db")
	var want string
	wal := liveWAL(t, path, func(db *storage.DB) {
		if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
			t.Fatal(err)
		}
		a, err := db.ImportArticle(ctx, testArticle(3, 2000))
		if err != nil {
			t.Fatal(err)
		}
		want = a.Article.ID
	})
	writeFile(t, path+"-wal", wal)
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatalf("Open refused the database's own -wal: %v", err)
	}
	defer db.Close()
	if _, err := db.Article(ctx, want); err != nil {
		t.Fatalf("the article written before the crash is missing: %v", err)
	}
}
