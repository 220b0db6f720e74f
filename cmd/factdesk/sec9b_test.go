package main

// End-to-end tests of the parts of issue 9 finished on branch sec9b, through the binary.

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Item 9: a path stored by an older database (or by import --keep-path) does not travel:
// share copies and JSON exports carry only the file name, unless --keep-path asks for it.
func TestShareAndExportCarryOnlyFileNamesOfStoredPaths(t *testing.T) {
	dir := t.TempDir()
	const secret = "Informant Karim"
	folder := filepath.Join(dir, secret)
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(folder, "leak.txt")
	if err := os.WriteFile(file, []byte(s9Text(1)), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "work.db")
	shMust(t, db, "Alice", "import", "--keep-path", file) // as an older version stored every path
	has := func(path string) bool {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Contains(b, []byte(secret))
	}
	share := filepath.Join(dir, "share.db")
	shMust(t, db, "Alice", "share", "--out", share)
	if has(share) {
		t.Error("the share copy holds the folder of the imported file")
	}
	export := filepath.Join(dir, "export.json")
	shMust(t, db, "Alice", "export", "--format", "json", "--out", export)
	if has(export) {
		t.Error("the JSON export holds the folder of the imported file")
	}
	if b, _ := os.ReadFile(export); !bytes.Contains(b, []byte(`"leak.txt"`)) {
		t.Error("the JSON export lost the file name")
	}
	// The copy is a good file: another reviewer merges it.
	shMust(t, filepath.Join(dir, "bob.db"), "Bob", "merge", "--yes", share)

	kept := filepath.Join(dir, "kept.db")
	shMust(t, db, "Alice", "share", "--keep-path", "--out", kept)
	keptJSON := filepath.Join(dir, "kept.json")
	shMust(t, db, "Alice", "export", "--keep-path", "--format", "json", "--out", keptJSON)
	if !has(kept) || !has(keptJSON) {
		t.Error("--keep-path did not keep the full path (or the working database lost it)")
	}
}
