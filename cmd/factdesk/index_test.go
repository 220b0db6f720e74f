package main

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// `factdesk index` has nothing to do after an import (the index is built at import); on a
// database whose index is missing (made by an older Factdesk) it builds it once, with
// progress, and `suggest links` finds the same counterparts before and after.
func TestIndexCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	ids := importTexts(t, db, suggestEN, suggestFR, suggestFR2)
	if out := mustRun(t, db, "index"); !strings.Contains(out, "already indexed") {
		t.Fatalf("index after import: %q", out)
	}
	claim := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", ids[0], "--quote", "The flood killed at least 23 people in the valley on Tuesday, local officials said."))
	want := mustRun(t, db, "suggest", "links", claim, "--json")
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DELETE FROM counterpart_postings`, `DELETE FROM counterpart_articles`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	out, errOut, code := factdesk(t, db, "", "index", "--json")
	var got indexJSON
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got.Indexed != 3 {
		t.Fatalf("index: exit %d, %q, %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "indexing 3 articles") || !strings.Contains(errOut, "3/3 articles") {
		t.Errorf("no progress on the error stream: %q", errOut)
	}
	if out := mustRun(t, db, "index"); !strings.Contains(out, "already indexed") {
		t.Errorf("a second index: %q", out)
	}
	if got := mustRun(t, db, "suggest", "links", claim, "--json"); got != want {
		t.Errorf("suggest links after rebuilding the index:\n%s\nbefore:\n%s", got, want)
	}
}
