package main

// End-to-end tests of the parts of issue 9 finished on branch sec9b, through the binary.

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
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

// Items 5 and 11 at merge: a shared file whose rows disagree with their own history (a source's
// title no entry gave, an article deleted with no entry), or that holds what a person could not
// type (a reviewer named with a bidirectional override, consistent with its creation entry), is
// refused by merge with the table, the id and the field; the database does not change.
func TestMergeRefusesRowsAgainstTheirHistoryAndOutOfBounds(t *testing.T) {
	dir := t.TempDir()
	bob := s9Project(t, dir, "bob.db", 2)
	var arts []struct {
		ID string `json:"id"`
	}
	shJSON(t, bob, "Bob", &arts, "articles", "--json")
	claim := strings.TrimSpace(shMust(t, bob, "Bob", "claim", "add", "--article", arts[0].ID, "--quote", "a record for the season"))
	shMust(t, bob, "Bob", "source", "add", claim, "--url", "https://port.example/bulletin", "--title", "Port bulletin")
	good := filepath.Join(dir, "good.db")
	shMust(t, bob, "Bob", "share", "--out", good)
	tamper := func(name string, stmts ...string) string {
		t.Helper()
		b, err := os.ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		raw, err := sql.Open("sqlite3", "file:"+p)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var guard string // the history's guard, put back as it was if a statement drops it
		if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'`).Scan(&guard); err != nil {
			t.Fatal(err)
		}
		for _, q := range append(stmts, "") {
			if q == "" {
				var n int
				if raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'history_no_update'`).Scan(&n); n == 1 {
					break
				}
				q = guard
			}
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		return p
	}
	alice := filepath.Join(dir, "alice.db")
	shMust(t, alice, "Alice", "import", filepath.Join(dir, "bob-0.txt"))
	before := s9Hash(t, alice)
	for _, tc := range []struct {
		file string
		says []string
	}{
		{tamper("title.db", `UPDATE sources SET title = 'Ministry press release'`), []string{"title of source", "table sources", "field title"}},
		{tamper("deleted.db", `UPDATE articles SET deleted_at = updated_at, deleted_by = updated_by WHERE id = '`+arts[1].ID+`'`), []string{"article " + arts[1].ID, "no entry deleting it"}},
		{tamper("bidi.db", `DROP TRIGGER history_no_update`,
			`UPDATE history SET new = json_set(new, '$.name', char(0x202e) || 'ecila') WHERE tbl = 'reviewers' AND field = 'create'`,
			`UPDATE reviewers SET name = char(0x202e) || 'ecila'`), []string{"bidirectional"}},
	} {
		out, errOut, code := shRun(t, alice, "Alice", "merge", "--yes", tc.file)
		if code != exitFailure {
			t.Errorf("%s: exit %d\n%s%s", filepath.Base(tc.file), code, out, errOut)
		}
		for _, s := range tc.says {
			if !strings.Contains(errOut, s) {
				t.Errorf("%s: %q does not say %q", filepath.Base(tc.file), errOut, s)
			}
		}
		if s9Hash(t, alice) != before {
			t.Fatalf("%s: the database changed", filepath.Base(tc.file))
		}
	}
	shMust(t, alice, "Alice", "merge", "--yes", good)
}
