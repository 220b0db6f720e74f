package storage_test

// Reliability tests: migrations from empty, history written with every change in the same
// transaction, tombstones, a simulated full disk, a kill -9 crash test and several writer
// processes on one file. The crash and writer tests re-execute the test binary as child
// processes (TestCrashChild, TestWriterChild), chosen by the environment variable childEnv.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the plain "sqlite3" driver, to look at files from outside storage

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// ---------------------------------------------------------------------------------------
// Helpers shared by the reliability, bad-file and benchmark files.

// openRaw opens path with the plain sqlite3 driver (not storage's), with DSN parameters.
func openRaw(tb testing.TB, path string, params ...string) *sql.DB {
	tb.Helper()
	dsn := "file:" + path
	if len(params) > 0 {
		dsn += "?" + strings.Join(params, "&")
	}
	raw, err := sql.Open("sqlite3", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// queryInt runs a query returning one integer.
func queryInt(tb testing.TB, q interface {
	QueryRow(string, ...any) *sql.Row
}, query string, args ...any) int64 {
	tb.Helper()
	var n int64
	if err := q.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// queryStrings runs a query returning one text column.
func queryStrings(tb testing.TB, raw *sql.DB, query string, args ...any) []string {
	tb.Helper()
	rows, err := raw.Query(query, args...)
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			tb.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return out
}

// fileSHA256 is the hex SHA-256 of a file's bytes.
func fileSHA256(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// dirListing lists the names (and sizes) of the entries of dir.
func dirListing(tb testing.TB, dir string) []string {
	tb.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// dataTables are the tables whose rows make up a project.
var dataTables = []string{"reviewers", "articles", "claims", "sources", "links", "history"}

// dbDigest reads every row of every data table (and the full-text indexes' content) and
// returns a digest of it: equal digests mean nothing was written.
func dbDigest(tb testing.TB, raw *sql.DB) string {
	tb.Helper()
	h := sha256.New()
	for _, t := range append(dataTables, "articles_fts_data", "claims_fts_data") {
		rows, err := raw.Query(`SELECT * FROM ` + t + ` ORDER BY rowid`)
		if err != nil {
			tb.Fatalf("digest of %s: %v", t, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			fmt.Fprintf(h, "%s%q\n", t, vals)
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkFileIntegrity opens path with the plain driver, checks it and closes it.
func checkFileIntegrity(tb testing.TB, path string) {
	tb.Helper()
	raw := openRaw(tb, path)
	defer raw.Close()
	checkIntegrity(tb, raw)
}

// checkIntegrity runs SQLite's and FTS5's own consistency checks: integrity_check,
// foreign_key_check, and the full-text indexes' internal integrity-check.
func checkIntegrity(tb testing.TB, raw *sql.DB) {
	tb.Helper()
	if got := queryStrings(tb, raw, `PRAGMA integrity_check`); len(got) != 1 || got[0] != "ok" {
		tb.Fatalf("integrity_check: %q", got)
	}
	if n := len(queryStrings(tb, raw, `SELECT "table" FROM pragma_foreign_key_check`)); n != 0 {
		tb.Fatalf("foreign_key_check: %d violations", n)
	}
	for _, fts := range []string{"articles_fts", "claims_fts"} {
		if _, err := raw.Exec(`INSERT INTO ` + fts + `(` + fts + `) VALUES ('integrity-check')`); err != nil {
			tb.Fatalf("%s integrity-check: %v", fts, err)
		}
	}
}

// anchorOf builds the anchor of the first occurrence of quote in text (rune offsets).
func anchorOf(tb testing.TB, text, quote string) annotate.Anchor {
	tb.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		tb.Fatalf("quote %q not in text", quote)
	}
	start := len([]rune(text[:i]))
	return annotate.Anchor{Start: start, End: start + len([]rune(quote)), Exact: quote}
}

// histRow is a history entry as stored, NULLs kept apart from empty strings.
type histRow struct {
	Seq                        int64
	ID, At, Reviewer, Tbl, Row string
	Field                      string
	Old, New                   sql.NullString
}

func historyAfter(tb testing.TB, raw *sql.DB, seq int64) []histRow {
	tb.Helper()
	rows, err := raw.Query(`SELECT seq, id, at, reviewer_id, tbl, row_id, field, old, new FROM history WHERE seq > ? ORDER BY seq`, seq)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []histRow
	for rows.Next() {
		var h histRow
		if err := rows.Scan(&h.Seq, &h.ID, &h.At, &h.Reviewer, &h.Tbl, &h.Row, &h.Field, &h.Old, &h.New); err != nil {
			tb.Fatal(err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// ---------------------------------------------------------------------------------------
// 1. Migrations from empty.

func TestMigrationsFromEmpty(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		setup func(path string)
	}{
		{"missing file", func(string) {}},
		{"missing folder", func(string) {}},
		{"zero-byte file", func(path string) {
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.name == "missing folder" {
				dir = filepath.Join(dir, "new", "folder")
			}
			path := filepath.Join(dir, "project.db")
			tc.setup(path)
			db, err := storage.Open(ctx, path, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			raw := openRaw(t, path, "mode=ro", "immutable=1") // immutable: no lock, no -shm beside it
			if got := queryInt(t, raw, `PRAGMA application_id`); got != storage.ApplicationID {
				t.Errorf("application_id = %#x, want %#x", got, storage.ApplicationID)
			}
			if got := queryInt(t, raw, `PRAGMA user_version`); got != storage.SchemaVersion || got < 1 {
				t.Errorf("user_version = %d, want %d", got, storage.SchemaVersion)
			}
			if head, err := os.ReadFile(path); err != nil || len(head) < 100 || head[18] != 2 || head[19] != 2 {
				t.Errorf("the file is not in WAL mode (header bytes 18-19), %v", err)
			}
			tables := queryStrings(t, raw, `SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
			for _, want := range strings.Fields("reviewers articles claims sources links history articles_fts claims_fts") {
				if !slices.Contains(tables, want) {
					t.Errorf("no table %s in %v", want, tables)
				}
			}
			if n := queryInt(t, raw, `SELECT count(*) FROM history`); n != 0 {
				t.Errorf("a new project has %d history entries", n)
			}
			raw.Close()
			checkFileIntegrity(t, path)

			// Reopening is a no-op: same bytes, same schema, nothing logged, no file left beside it.
			before, schema := fileSHA256(t, path), schemaOf(t, path)
			for range 2 {
				db, err := storage.Open(ctx, path, storage.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if arts, err := db.Articles(ctx); err != nil || len(arts) != 0 {
					t.Fatalf("Articles after reopen = %v, %v", arts, err)
				}
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
			}
			if after := fileSHA256(t, path); after != before {
				t.Errorf("reopening changed the file")
			}
			if s := schemaOf(t, path); s != schema {
				t.Errorf("reopening changed the schema:\n%s\nwas\n%s", s, schema)
			}
			if got := dirListing(t, dir); strings.Join(got, " ") != "project.db" {
				t.Errorf("files beside the closed database: %v", got)
			}
		})
	}
}

func schemaOf(tb testing.TB, path string) string {
	tb.Helper()
	raw := openRaw(tb, path, "mode=ro", "immutable=1")
	defer raw.Close()
	s := queryStrings(tb, raw, `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name`)
	return strings.Join(s, "\n") + fmt.Sprintf("\nuser_version %d", queryInt(tb, raw, `PRAGMA user_version`))
}

// ---------------------------------------------------------------------------------------
// 2. Every write path writes history, in the same transaction.

// wantEntry describes an expected history entry; empty Old/New mean NULL unless set.
type wantEntry struct {
	tbl, row, field string
	old, new        *string        // nil: NULL
	newJSON         map[string]any // when set, New must be a JSON object with these fields
	newSet          bool           // New must be set (to a time, for deletes)
}

func s(v string) *string { return &v }

func expectHistory(t *testing.T, raw *sql.DB, mark *int64, reviewerID, what string, want ...wantEntry) []histRow {
	t.Helper()
	got := historyAfter(t, raw, *mark)
	if len(got) > 0 {
		*mark = got[len(got)-1].Seq
	}
	if len(got) != len(want) {
		t.Fatalf("%s wrote %d history entries, want %d: %+v", what, len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Tbl != w.tbl || g.Row != w.row || g.Field != w.field || g.Reviewer != reviewerID {
			t.Errorf("%s entry %d = %s %s %s by %s, want %s %s %s by %s", what, i, g.Tbl, g.Row, g.Field, g.Reviewer, w.tbl, w.row, w.field, reviewerID)
		}
		if len(g.ID) != 36 || g.At == "" {
			t.Errorf("%s entry %d has id %q at %q", what, i, g.ID, g.At)
		}
		checkNull := func(name string, got sql.NullString, want *string) {
			if want == nil && got.Valid {
				t.Errorf("%s entry %d: %s = %q, want NULL", what, i, name, got.String)
			}
			if want != nil && (!got.Valid || got.String != *want) {
				t.Errorf("%s entry %d: %s = %+v, want %q", what, i, name, got, *want)
			}
		}
		checkNull("old", g.Old, w.old)
		if w.newJSON == nil && !w.newSet {
			checkNull("new", g.New, w.new)
		} else if !g.New.Valid {
			t.Errorf("%s entry %d: new is NULL", what, i)
		}
		if w.newJSON != nil {
			var m map[string]any
			if err := json.Unmarshal([]byte(g.New.String), &m); err != nil {
				t.Errorf("%s entry %d: new is not JSON: %q", what, i, g.New.String)
			}
			for k, v := range w.newJSON {
				if fmt.Sprint(m[k]) != fmt.Sprint(v) {
					t.Errorf("%s entry %d: new[%s] = %v, want %v", what, i, k, m[k], v)
				}
			}
		}
	}
	return got
}

// rowStamp returns a row's updated_at and the deleted_at/deleted_by of its tombstone.
func rowStamp(t *testing.T, raw *sql.DB, table, id string) (updatedAt, updatedBy string, deletedAt, deletedBy sql.NullString) {
	t.Helper()
	err := raw.QueryRow(`SELECT updated_at, updated_by, deleted_at, deleted_by FROM `+table+` WHERE id = ?`, id).
		Scan(&updatedAt, &updatedBy, &deletedAt, &deletedBy)
	if err != nil {
		t.Fatalf("%s %s: %v", table, id, err)
	}
	return
}

func TestEveryWritePathWritesHistory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw := openRaw(t, path, "mode=ro")
	var mark int64

	// SetReviewer creating a reviewer: one entry, the reviewer recorded as its own author.
	alice, err := db.SetReviewer(ctx, "Alice")
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, alice.ID, "SetReviewer(new)",
		wantEntry{tbl: "reviewers", row: alice.ID, field: "create", newJSON: map[string]any{"name": "Alice"}})
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, alice.ID, "SetReviewer(existing)")

	// ImportArticles: one entry per new article, none for one already there.
	en := "The minister said 300 people attended the summit in Geneva on Monday. Officials disputed the figure."
	fr := "Le ministre a déclaré que 300 personnes ont assisté au sommet de Genève lundi. Les chiffres sont contestés."
	res, err := db.ImportArticles(ctx, []corpus.Article{
		{Title: "Summit", Text: en, Language: "en", Origin: "en.txt", URL: "https://example.org/en"},
		{Title: "Sommet", Text: fr, Language: "fr", Origin: "fr.txt"},
		{Title: "Summit again", Text: en, Origin: "copy.txt"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Existing || res[1].Existing || !res[2].Existing || res[2].Article.ID != res[0].Article.ID {
		t.Fatalf("import results = %+v", res)
	}
	a1, a2 := res[0].Article.ID, res[1].Article.ID
	entries := expectHistory(t, raw, &mark, alice.ID, "ImportArticles",
		wantEntry{tbl: "articles", row: a1, field: "create", newJSON: map[string]any{"sha256": corpus.HashText(en), "title": "Summit", "language": "en", "url": "https://example.org/en"}},
		wantEntry{tbl: "articles", row: a2, field: "create", newJSON: map[string]any{"sha256": corpus.HashText(fr), "title": "Sommet", "language": "fr"}})
	if up, by, _, _ := rowStamp(t, raw, "articles", a1); up != entries[0].At || by != alice.ID {
		t.Errorf("article updated_at %s by %s, history at %s", up, by, entries[0].At)
	}

	// AddClaim.
	c1, err := db.AddClaim(ctx, a1, anchorOf(t, en, "300 people"), annotate.Unverified, "first note")
	if err != nil {
		t.Fatal(err)
	}
	entries = expectHistory(t, raw, &mark, alice.ID, "AddClaim",
		wantEntry{tbl: "claims", row: c1.ID, field: "create", newJSON: map[string]any{"article_id": a1, "rune_start": 18, "rune_end": 28,
			"exact": "300 people", "verdict": "unverified", "note": "first note"}})
	if up, _, _, _ := rowStamp(t, raw, "claims", c1.ID); up != entries[0].At {
		t.Errorf("claim updated_at %s, history at %s", up, entries[0].At)
	}

	// SetVerdict and SetNote, by another reviewer: old and new values; no change, no entry.
	bob, err := db.SetReviewer(ctx, "Bob")
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "SetReviewer(Bob)", wantEntry{tbl: "reviewers", row: bob.ID, field: "create", newJSON: map[string]any{"name": "Bob"}})
	if _, err := db.SetVerdict(ctx, c1.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	entries = expectHistory(t, raw, &mark, bob.ID, "SetVerdict",
		wantEntry{tbl: "claims", row: c1.ID, field: "verdict", old: s("unverified"), new: s("disputed")})
	if up, by, _, _ := rowStamp(t, raw, "claims", c1.ID); up != entries[0].At || by != bob.ID {
		t.Errorf("claim updated_at %s by %s, history at %s by %s", up, by, entries[0].At, bob.ID)
	}
	if _, err := db.SetVerdict(ctx, c1.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "SetVerdict(same)")
	if _, err := db.SetNote(ctx, c1.ID, "AFP says 250"); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "SetNote",
		wantEntry{tbl: "claims", row: c1.ID, field: "note", old: s("first note"), new: s("AFP says 250")})
	if _, err := db.SetNote(ctx, c1.ID, "AFP says 250"); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "SetNote(same)")

	// AddSource: the source and its link.
	l1, err := db.AddSource(ctx, c1.ID, annotate.Source{URL: "https://afp.example/250", Title: "AFP", Quote: "250 people"}, annotate.Contradicts)
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "AddSource",
		wantEntry{tbl: "sources", row: l1.SourceID, field: "create", newJSON: map[string]any{"url": "https://afp.example/250", "title": "AFP", "quote": "250 people"}},
		wantEntry{tbl: "links", row: l1.ID, field: "create", newJSON: map[string]any{"claim_id": c1.ID, "relation": "contradicts", "source_id": l1.SourceID}})

	// LinkSource: a link to a source already stored (the GUI's undo), then its deletion.
	l1b, err := db.LinkSource(ctx, c1.ID, l1.SourceID, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "LinkSource",
		wantEntry{tbl: "links", row: l1b.ID, field: "create", newJSON: map[string]any{"claim_id": c1.ID, "relation": "supports", "source_id": l1.SourceID}})
	if err := db.DeleteLink(ctx, l1b.ID); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "DeleteLink(source link)", wantEntry{tbl: "links", row: l1b.ID, field: "delete", newSet: true})

	// LinkClaims, again (no entry), DeleteLink.
	c2, err := db.AddClaim(ctx, a2, anchorOf(t, fr, "300 personnes"), annotate.Confirmed, "")
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "AddClaim(c2)", wantEntry{tbl: "claims", row: c2.ID, field: "create", newJSON: map[string]any{"verdict": "confirmed"}})
	l2, err := db.LinkClaims(ctx, c1.ID, c2.ID, annotate.SameClaim)
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "LinkClaims",
		wantEntry{tbl: "links", row: l2.ID, field: "create", newJSON: map[string]any{"claim_id": c1.ID, "target_claim_id": c2.ID, "relation": "same"}})
	if again, err := db.LinkClaims(ctx, c2.ID, c1.ID, annotate.SameClaim); err != nil || again.ID != l2.ID {
		t.Fatalf("LinkClaims again = %+v, %v", again, err)
	}
	expectHistory(t, raw, &mark, bob.ID, "LinkClaims(again)")
	if err := db.DeleteLink(ctx, l2.ID); err != nil {
		t.Fatal(err)
	}
	entries = expectHistory(t, raw, &mark, bob.ID, "DeleteLink", wantEntry{tbl: "links", row: l2.ID, field: "delete", newSet: true})
	if _, _, del, delBy := rowStamp(t, raw, "links", l2.ID); del.String != entries[0].At || delBy.String != bob.ID || entries[0].New.String != del.String {
		t.Errorf("link tombstone %v by %v, history at %s new %v", del, delBy, entries[0].At, entries[0].New)
	}

	// DeleteClaim takes its live links with it.
	l3, err := db.LinkClaims(ctx, c2.ID, c1.ID, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "LinkClaims(supports)", wantEntry{tbl: "links", row: l3.ID, field: "create", newJSON: map[string]any{"relation": "supports"}})
	if err := db.DeleteClaim(ctx, c2.ID); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "DeleteClaim",
		wantEntry{tbl: "claims", row: c2.ID, field: "delete", newSet: true},
		wantEntry{tbl: "links", row: l3.ID, field: "delete", newSet: true})

	// DeleteArticle takes its claims, and their links, with it.
	if err := db.DeleteArticle(ctx, a1); err != nil {
		t.Fatal(err)
	}
	entries = expectHistory(t, raw, &mark, bob.ID, "DeleteArticle",
		wantEntry{tbl: "articles", row: a1, field: "delete", newSet: true},
		wantEntry{tbl: "claims", row: c1.ID, field: "delete", newSet: true},
		wantEntry{tbl: "links", row: l1.ID, field: "delete", newSet: true})
	_, _, del, _ := rowStamp(t, raw, "articles", a1)

	// Importing the deleted article again brings it back, and the history says so.
	if _, err := db.ImportArticles(ctx, []corpus.Article{{Title: "Summit", Text: en}}); err != nil {
		t.Fatal(err)
	}
	expectHistory(t, raw, &mark, bob.ID, "ImportArticles(deleted)",
		wantEntry{tbl: "articles", row: a1, field: "deleted_at", old: s(del.String)})
	_ = entries

	// The public History agrees with the table: every entry, in order.
	all, err := db.History(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(all)) != queryInt(t, raw, `SELECT count(*) FROM history`) {
		t.Fatalf("History returned %d entries", len(all))
	}
	checkFileIntegrity(t, path)
}

// TestFailedWriteLeavesNoTrace makes writes fail at their start, in their middle and at their
// very last statement (the history entry), and checks that neither rows nor history nor the
// search index changed.
func TestFailedWriteLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	raw := openRaw(t, db.Path(), "_foreign_keys=off")
	a := mustImport(t, db, frText)
	c := mustClaim(t, db, a.ID, frText, "300 à 400 morts")
	if _, err := db.SetNote(ctx, c.ID, "premier avis"); err != nil {
		t.Fatal(err)
	}
	other := "Another article about the Geneva talks, and the 300 delegates who attended them."
	b := mustImport(t, db, other)
	cb := mustClaim(t, db, b.ID, other, "300 delegates")
	alice := db.Reviewer()

	unchanged := func(what string, before string, err error, kind storage.Kind) {
		t.Helper()
		if !storage.IsKind(err, kind) {
			t.Errorf("%s: err = %v, want kind %d", what, err, kind)
		}
		if err != nil && strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%s: empty error message", what)
		}
		if after := dbDigest(t, raw); after != before {
			t.Errorf("%s: the failed write changed the database", what)
		}
	}

	// Refused before writing anything.
	before := dbDigest(t, raw)
	_, err := db.AddClaim(ctx, a.ID, annotate.Anchor{Start: 0, End: 5, Exact: "Nope!"}, "", "")
	unchanged("AddClaim with an anchor not in the text", before, err, storage.KindUsage)
	_, err = db.AddClaim(ctx, "0000-no-such-article", annotate.Anchor{Start: 0, End: 2, Exact: "Le"}, "", "")
	unchanged("AddClaim on a missing article", before, err, storage.KindNotFound)
	_, err = db.SetVerdict(ctx, c.ID, "maybe")
	unchanged("SetVerdict with an unknown verdict", before, err, storage.KindUsage)
	_, err = db.LinkClaims(ctx, c.ID, "no-such-claim", annotate.SameClaim)
	unchanged("LinkClaims to a missing claim", before, err, storage.KindNotFound)

	// A batch import fails on its third article: the first two are not stored either.
	_, err = db.ImportArticles(ctx, []corpus.Article{{Title: "x", Text: "Un texte tout neuf sur le sommet."}, {Title: "y", Text: "Another brand new text."}, {Title: "empty", Text: "  \n"}})
	unchanged("ImportArticles with an empty article", before, err, storage.KindUsage)
	if hits, _ := db.Search(ctx, "brand new", 10); len(hits) != 0 {
		t.Errorf("a rolled-back import is searchable: %+v", hits)
	}

	// A foreign key failure in the middle of the transaction: the current reviewer's row
	// vanished behind storage's back (written by another program with foreign keys off).
	if _, err := db.SetReviewer(ctx, "Mallory"); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TEMP TABLE mallory AS SELECT * FROM main.reviewers WHERE name = 'Mallory';
		DELETE FROM main.reviewers WHERE name = 'Mallory'`); err != nil {
		t.Fatal(err)
	}
	before = dbDigest(t, raw)
	_, err = db.AddClaim(ctx, a.ID, anchorOf(t, frText, "Genève"), annotate.Confirmed, "")
	unchanged("AddClaim by a reviewer missing from the table", before, err, storage.KindConflict)
	_, err = db.SetVerdict(ctx, c.ID, annotate.Confirmed)
	unchanged("SetVerdict by a reviewer missing from the table", before, err, storage.KindConflict)
	if _, err := raw.Exec(`INSERT INTO main.reviewers SELECT * FROM temp.mallory`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil || db.Reviewer() != alice {
		t.Fatalf("SetReviewer(Alice) = %v, reviewer %s", err, db.Reviewer())
	}

	// A failure at the last statement of each write, the history entry (a trigger stands in
	// for a full disk or any other error there): the row changes must be rolled back too.
	type failing struct {
		tbl, field string
		write      func() error
	}
	l, err := db.LinkClaims(ctx, c.ID, cb.ID, annotate.Contradicts)
	if err != nil {
		t.Fatal(err)
	}
	cases := []failing{
		{"reviewers", "create", func() error { _, err := db.SetReviewer(ctx, "Zoé"); return err }},
		{"articles", "create", func() error {
			_, err := db.ImportArticles(ctx, []corpus.Article{{Title: "new", Text: "Un article entièrement nouveau."}})
			return err
		}},
		{"claims", "create", func() error {
			_, err := db.AddClaim(ctx, a.ID, anchorOf(t, frText, "Genève"), annotate.Confirmed, "note neuve")
			return err
		}},
		{"claims", "verdict", func() error { _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); return err }},
		{"claims", "note", func() error { _, err := db.SetNote(ctx, c.ID, "avis remplacé"); return err }},
		{"links", "create", func() error {
			_, err := db.AddSource(ctx, c.ID, annotate.Source{URL: "https://example.org/src"}, annotate.Supports)
			return err
		}},
		{"links", "create", func() error { _, err := db.LinkClaims(ctx, c.ID, cb.ID, annotate.SameClaim); return err }},
		{"claims", "delete", func() error { return db.DeleteClaim(ctx, c.ID) }},
		{"articles", "delete", func() error { return db.DeleteArticle(ctx, a.ID) }},
		// DeleteArticle fails at its claim's entry, or its claim's link's: the article's
		// tombstone, written first, is undone too.
		{"claims", "delete", func() error { return db.DeleteArticle(ctx, a.ID) }},
		{"links", "delete", func() error { return db.DeleteArticle(ctx, a.ID) }},
		{"links", "delete", func() error { return db.DeleteLink(ctx, l.ID) }},
		{"links", "delete", func() error { return db.DeleteClaim(ctx, cb.ID) }},
	}
	for _, fc := range cases {
		if _, err := raw.Exec(fmt.Sprintf(`CREATE TRIGGER inject_failure BEFORE INSERT ON history WHEN NEW.tbl = '%s' AND NEW.field = '%s'
			BEGIN SELECT RAISE(ABORT, 'injected failure'); END`, fc.tbl, fc.field)); err != nil {
			t.Fatal(err)
		}
		before := dbDigest(t, raw)
		err := fc.write()
		unchanged("failure at the "+fc.tbl+"."+fc.field+" history entry", before, err, storage.KindConflict)
		if _, err := raw.Exec(`DROP TRIGGER inject_failure`); err != nil {
			t.Fatal(err)
		}
		if db.Reviewer() != alice {
			t.Fatalf("after a failed %s.%s the current reviewer is %q, want Alice's id %s", fc.tbl, fc.field, db.Reviewer(), alice)
		}
	}
	// The note change was rolled back in the search index too.
	if hits, _ := db.Search(ctx, "remplacé", 10); len(hits) != 0 {
		t.Errorf("the rolled-back note is searchable: %+v", hits)
	}
	if hits, _ := db.Search(ctx, "premier avis", 10); len(hits) != 1 {
		t.Errorf("the kept note is not searchable: %+v", hits)
	}
	checkIntegrity(t, raw)

	// And the database still takes changes, recorded for Alice.
	if got, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil || got.UpdatedBy != "Alice" {
		t.Fatalf("SetVerdict after the failures = %+v, %v", got, err)
	}
}

// ---------------------------------------------------------------------------------------
// 3. Tombstones.

func TestTombstonesHideRowsEverywhere(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	raw := openRaw(t, db.Path(), "mode=ro")
	aliceID := db.Reviewer()
	other := "Selon Reuters, la conférence de Genève a réuni 300 délégués venus de quarante pays."
	a := mustImport(t, db, frText)
	b := mustImport(t, db, other)
	c1 := mustClaim(t, db, a.ID, frText, "300 à 400 morts")
	c2 := mustClaim(t, db, a.ID, frText, "une cinquantaine de civils")
	c3 := mustClaim(t, db, b.ID, other, "300 délégués")
	for id, note := range map[string]string{c1.ID: "bilan xylophone", c2.ID: "civils zeppelin", c3.ID: "délégués quokka"} {
		if _, err := db.SetNote(ctx, id, note); err != nil {
			t.Fatal(err)
		}
	}
	link, err := db.LinkClaims(ctx, c1.ID, c3.ID, annotate.SameClaim)
	if err != nil {
		t.Fatal(err)
	}
	src, err := db.AddSource(ctx, c1.ID, annotate.Source{URL: "https://example.org/bilan", Title: "Bilan"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}

	claimIDs := func(f storage.ClaimFilter) string {
		t.Helper()
		cs, err := db.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		sort.Strings(ids)
		return strings.Join(ids, ",")
	}
	sorted := func(ids ...string) string { sort.Strings(ids); return strings.Join(ids, ",") }
	searchHits := func(q string) int {
		t.Helper()
		hits, err := db.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	hidden := func(table, id string) {
		t.Helper()
		if _, err := db.ResolveID(ctx, table, id); !storage.IsKind(err, storage.KindNotFound) {
			t.Errorf("ResolveID(%s, %s) of a deleted row: %v", table, id, err)
		}
		var n int64
		if err := raw.QueryRow(`SELECT count(*) FROM `+table+` WHERE id = ? AND deleted_at IS NOT NULL AND deleted_by = ?`, id, aliceID).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s %s is not kept as a tombstone by Alice (%d, %v)", table, id, n, err)
		}
	}

	// Delete one claim.
	if err := db.DeleteClaim(ctx, c2.ID); err != nil {
		t.Fatal(err)
	}
	if got := claimIDs(storage.ClaimFilter{}); got != sorted(c1.ID, c3.ID) {
		t.Errorf("Claims() after DeleteClaim = %s", got)
	}
	for _, f := range []storage.ClaimFilter{{ArticleID: a.ID}, {Verdict: annotate.Unverified, ArticleID: a.ID}, {ReviewerID: aliceID, ArticleID: a.ID}} {
		if got := claimIDs(f); got != c1.ID {
			t.Errorf("Claims(%+v) = %s, want only %s", f, got, c1.ID)
		}
	}
	if got := claimIDs(storage.ClaimFilter{Text: "civils"}); got != "" {
		t.Errorf("Claims(Text: civils) = %s, want none", got)
	}
	if _, err := db.Claim(ctx, c2.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("Claim(deleted) = %v", err)
	}
	if n := searchHits("zeppelin"); n != 0 {
		t.Errorf("Search finds a deleted claim's note (%d hits)", n)
	}
	if art, err := db.Article(ctx, a.ID); err != nil || art.Counts.Total() != 1 {
		t.Errorf("Article counts after DeleteClaim = %+v, %v", art.Counts, err)
	}
	hidden("claims", c2.ID)
	if err := db.DeleteClaim(ctx, c2.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	if _, err := db.SetVerdict(ctx, c2.ID, annotate.Confirmed); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("SetVerdict on a deleted claim: %v", err)
	}

	// Delete an article: its claims and their links go with it.
	if n := searchHits("xylophone"); n != 1 {
		t.Fatalf("before DeleteArticle: %d hits", n)
	}
	if err := db.DeleteArticle(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	arts, err := db.Articles(ctx)
	if err != nil || len(arts) != 1 || arts[0].ID != b.ID {
		t.Errorf("Articles after DeleteArticle = %+v, %v", arts, err)
	}
	if _, err := db.Article(ctx, a.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("Article(deleted) = %v", err)
	}
	if got := claimIDs(storage.ClaimFilter{}); got != c3.ID {
		t.Errorf("Claims() after DeleteArticle = %s, want %s", got, c3.ID)
	}
	if got := claimIDs(storage.ClaimFilter{ArticleID: a.ID}); got != "" {
		t.Errorf("Claims(deleted article) = %s", got)
	}
	for _, q := range []string{"xylophone", "cinquantaine civils", "bilan officiel"} {
		if n := searchHits(q); n != 0 {
			t.Errorf("Search(%q) finds the deleted article or its claims (%d hits)", q, n)
		}
	}
	if n := searchHits("quokka"); n != 1 {
		t.Errorf("Search for the live claim: %d hits", n)
	}
	if ls, err := db.Links(ctx, c3.ID); err != nil || len(ls) != 0 {
		t.Errorf("Links of a claim linked to a deleted claim = %+v, %v", ls, err)
	}
	if ls, err := db.Links(ctx, c1.ID); err != nil || len(ls) != 0 {
		t.Errorf("Links of a deleted claim = %+v, %v", ls, err)
	}
	hidden("articles", a.ID)
	hidden("claims", c1.ID)
	hidden("links", link.ID)
	hidden("links", src.ID)
	if _, err := db.AddClaim(ctx, a.ID, anchorOf(t, frText, "Genève"), "", ""); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("AddClaim on a deleted article: %v", err)
	}
	if err := db.DeleteArticle(ctx, a.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("deleting an article twice: %v", err)
	}
	if n := queryInt(t, raw, `SELECT count(*) FROM claims WHERE article_id = ? AND deleted_at IS NULL`, a.ID); n != 0 {
		t.Errorf("%d claims of the deleted article are live", n)
	}
	// The history of a deleted claim is still there.
	hist, err := db.History(ctx, c1.ID, 0)
	if err != nil || !slices.ContainsFunc(hist, func(h annotate.HistoryEntry) bool { return h.RowID == c1.ID && h.Field == "delete" }) {
		t.Errorf("History(deleted claim) = %+v, %v", hist, err)
	}

	// Importing the deleted article again brings the article back (the claims stay deleted).
	res, err := db.ImportArticle(ctx, corpus.Article{Title: "again", Text: frText})
	if err != nil || !res.Existing || res.Article.ID != a.ID {
		t.Fatalf("re-import = %+v, %v", res, err)
	}
	if id, err := db.ResolveID(ctx, "articles", a.ID); err != nil || id != a.ID {
		t.Errorf("ResolveID after re-import = %q, %v", id, err)
	}
	if n := searchHits("bilan officiel"); n != 1 {
		t.Errorf("Search after re-import: %d hits", n)
	}
	if arts, _ := db.Articles(ctx); len(arts) != 2 || arts[0].Counts.Total() != 0 {
		t.Errorf("Articles after re-import = %+v", arts)
	}
	hist, err = db.History(ctx, a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, h := range hist {
		fields = append(fields, h.Field)
	}
	if strings.Join(fields, " ") != "create delete deleted_at" || hist[2].Old != hist[1].New || hist[2].New != "" {
		t.Errorf("article history = %+v", hist)
	}
	checkFileIntegrity(t, db.Path())
}

// ---------------------------------------------------------------------------------------
// 5. Disk full.

// testArticle makes a distinct article of about size bytes.
func testArticle(i, size int) corpus.Article {
	var b strings.Builder
	fmt.Fprintf(&b, "Article %d. ", i)
	for n := 0; b.Len() < size; n++ {
		fmt.Fprintf(&b, "The delegation number %d met officials in Geneva on day %d, and %d people attended. ", i*1000+n, n, i+n)
	}
	return corpus.Article{Title: fmt.Sprintf("Article %d", i), Text: b.String(), Language: "en", Origin: fmt.Sprintf("a%d.txt", i)}
}

func TestDiskFullRollsBackAndKeepsWorking(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "full.db")
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	var first []corpus.Article
	for i := range 20 {
		first = append(first, testArticle(i, 3000))
	}
	res, err := db.ImportArticles(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.AddClaim(ctx, res[0].Article.ID, anchorOf(t, first[0].Text, "officials in Geneva"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, path)
	pages := queryInt(t, raw, `PRAGMA page_count`)
	before := dbDigest(t, raw)

	// The file may grow by 8 pages only: a big import cannot fit.
	db, err = storage.Open(ctx, path, storage.Options{MaxPages: int(pages) + 8})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	var big []corpus.Article
	for i := 100; i < 400; i++ {
		big = append(big, testArticle(i, 3000))
	}
	_, err = db.ImportArticles(ctx, big)
	if !storage.IsKind(err, storage.KindDiskFull) {
		t.Fatalf("import into a full database: err = %v, want KindDiskFull", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "full") || !strings.Contains(msg, "not saved") {
		t.Errorf("disk-full message %q does not say what happened", msg)
	}
	if after := dbDigest(t, raw); after != before {
		t.Fatal("the failed import left rows behind")
	}
	if arts, err := db.Articles(ctx); err != nil || len(arts) != 20 {
		t.Fatalf("Articles after the failed import: %d, %v", len(arts), err)
	}
	if hits, err := db.Search(ctx, "delegation", 100); err != nil || len(hits) != 20 {
		t.Fatalf("Search after the failed import: %d hits, %v", len(hits), err)
	}
	// Small changes still fit, and are saved.
	if got, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil || got.Verdict != annotate.Confirmed {
		t.Fatalf("SetVerdict after disk full = %+v, %v", got, err)
	}
	if _, err := db.ImportArticles(ctx, big[:1]); err != nil {
		t.Fatalf("importing one article after disk full: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, raw)

	// With room again, the same import goes through.
	db, err = storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	if res, err := db.ImportArticles(ctx, big); err != nil || len(res) != len(big) {
		t.Fatalf("import with room: %v", err)
	}
	if arts, _ := db.Articles(ctx); len(arts) != 20+len(big) {
		t.Fatalf("%d articles after the import with room", len(arts))
	}
	if cl, err := db.Claim(ctx, c.ID); err != nil || cl.Verdict != annotate.Confirmed {
		t.Fatalf("claim after reopening = %+v, %v", cl, err)
	}
}

// ---------------------------------------------------------------------------------------
// 6. Crash test: kill -9 a writer at random moments.

const (
	childEnv   = "FACTDESK_STORAGE_TEST_CHILD" // the role of a child process
	childDBEnv = "FACTDESK_STORAGE_TEST_DB"    // the database it writes to
	childArg   = "FACTDESK_STORAGE_TEST_ARG"   // its argument (writer number)
	childGoEnv = "FACTDESK_STORAGE_TEST_GO"    // a file whose existence starts the writers
)

var crashRuns = flag.Int("crash.runs", envInt("FACTDESK_CRASH_RUNS", 100), "how many times TestCrashRecovery kills its child writer")

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// childFail reports a child's failure to the parent (stderr, exit status 3).
func childFail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "child: "+format+"\n", args...)
	os.Exit(3)
}

// crashText is the text of the crash child's article n.
func crashText(n int) string {
	return fmt.Sprintf("Crash article %06d. The minister said %d people attended the summit in Geneva, and officials disputed the figure. "+
		"Le ministre a déclaré que %d personnes étaient présentes à Genève.", n, n*7, n*7)
}

// TestCrashChild is the writer that TestCrashRecovery kills; it does nothing unless started
// by it. It writes forever: import an article, add a claim, set its verdict, set its note,
// each change its own transaction.
func TestCrashChild(t *testing.T) {
	if os.Getenv(childEnv) != "crash" {
		return
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, os.Getenv(childDBEnv), storage.Options{})
	if err != nil {
		childFail("open: %v", err)
	}
	if _, err := db.SetReviewer(ctx, "Crash"); err != nil {
		childFail("reviewer: %v", err)
	}
	arts, err := db.Articles(ctx)
	if err != nil {
		childFail("articles: %v", err)
	}
	fmt.Println("ready")
	// The parent kills this process within a minute; should the parent itself die, stop anyway.
	stop := time.Now().Add(2 * time.Minute)
	for n := len(arts) + 1; time.Now().Before(stop); n++ {
		text := crashText(n)
		res, err := db.ImportArticle(ctx, corpus.Article{Title: fmt.Sprintf("crash %06d", n), Text: text, Language: "en"})
		if err != nil {
			childFail("import %d: %v", n, err)
		}
		quote := fmt.Sprintf("%d people", n*7)
		c, err := db.AddClaim(ctx, res.Article.ID, anchorOfChild(text, quote), "", fmt.Sprintf("created %d", n))
		if err != nil {
			childFail("claim %d: %v", n, err)
		}
		if _, err := db.SetVerdict(ctx, c.ID, []annotate.Verdict{annotate.Confirmed, annotate.Disputed}[n%2]); err != nil {
			childFail("verdict %d: %v", n, err)
		}
		if _, err := db.SetNote(ctx, c.ID, fmt.Sprintf("note %d", n)); err != nil {
			childFail("note %d: %v", n, err)
		}
	}
	childFail("not killed within 2 minutes")
}

// childCmd prepares a re-execution of this test binary running only the test named run.
func childCmd(run, role, dbPath string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+run+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+role, childDBEnv+"="+dbPath)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func TestCrashRecovery(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "crash.db")
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill times from seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 42))
	// The default 100 runs take 12-45 s on 2 cores, depending on the load: the count is what
	// the test promises, not a time (a hung child is caught by the 20 s wait below and by go
	// test's -timeout).
	killedWriting, lastArticles := 0, 0
	for run := 0; run < *crashRuns; run++ {
		cmd := childCmd("TestCrashChild", "crash", path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Most runs are killed while writing; every fifth one at any moment, opening
		// (creating, migrating, recovering) included.
		ready := make(chan bool, 1)
		go func() {
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			ready <- line == "ready\n"
			io.Copy(io.Discard, stdout)
		}()
		if run%5 == 0 {
			time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
		} else {
			select {
			case ok := <-ready:
				if !ok {
					cmd.Wait()
					t.Fatalf("run %d: the child failed before writing: %s", run, stderr.String())
				}
				killedWriting++
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("run %d: the child did not start: %s", run, stderr.String())
			}
			time.Sleep(time.Duration(5+rng.IntN(56)) * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		if strings.Contains(stderr.String(), "child:") {
			t.Fatalf("run %d: the child failed: %s", run, stderr.String())
		}
		if err == nil {
			t.Fatalf("run %d: the child exited by itself", run)
		}
		lastArticles = verifyCrashDB(t, ctx, path, run, lastArticles)
	}
	if killedWriting < *crashRuns/2 || lastArticles < *crashRuns {
		t.Fatalf("only %d kills while writing, %d articles written: the test did not test much", killedWriting, lastArticles)
	}
	t.Logf("%d kills (%d while writing), %d articles written", *crashRuns, killedWriting, lastArticles)
}

// verifyCrashDB reopens the database after a kill and checks that every transaction is all
// or nothing and that no committed one was lost. It returns the number of articles.
func verifyCrashDB(t *testing.T, ctx context.Context, path string, run, prevArticles int) int {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if prevArticles != 0 {
			t.Fatalf("run %d: the database vanished", run)
		}
		return 0
	}
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatalf("run %d: reopening after kill -9: %v", run, err)
	}
	arts, err := db.Articles(ctx)
	if err != nil {
		t.Fatalf("run %d: %v", run, err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("run %d: close: %v", run, err)
	}
	// Committed articles are never lost, and come in order: 1, 2, ... n.
	if len(arts) < prevArticles {
		t.Fatalf("run %d: %d articles, there were %d: a committed transaction was lost", run, len(arts), prevArticles)
	}
	for i, a := range arts {
		if want := fmt.Sprintf("crash %06d", i+1); a.Title != want {
			t.Fatalf("run %d: article %d is %q, want %q", run, i, a.Title, want)
		}
	}
	raw := openRaw(t, path)
	defer raw.Close()
	checkIntegrity(t, raw)
	for what, q := range map[string]string{
		"articles without their create entry": `SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.row_id = a.id AND h.field = 'create')`,
		"claims without their create entry":   `SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.row_id = c.id AND h.field = 'create')`,
		"create entries without their row": `SELECT count(*) FROM history h WHERE h.field = 'create' AND NOT EXISTS (
			SELECT 1 FROM articles WHERE id = h.row_id UNION ALL SELECT 1 FROM claims WHERE id = h.row_id UNION ALL SELECT 1 FROM reviewers WHERE id = h.row_id)`,
		"verdicts unlike their last history entry": `SELECT count(*) FROM claims c WHERE c.verdict IS NOT coalesce(
			(SELECT h.new FROM history h WHERE h.row_id = c.id AND h.field = 'verdict' ORDER BY h.seq DESC LIMIT 1),
			(SELECT json_extract(h.new, '$.verdict') FROM history h WHERE h.row_id = c.id AND h.field = 'create'))`,
		"notes unlike their last history entry": `SELECT count(*) FROM claims c WHERE c.note IS NOT coalesce(
			(SELECT h.new FROM history h WHERE h.row_id = c.id AND h.field = 'note' ORDER BY h.seq DESC LIMIT 1),
			(SELECT json_extract(h.new, '$.note') FROM history h WHERE h.row_id = c.id AND h.field = 'create'))`,
		"claims updated at a time no history entry has": `SELECT count(*) FROM claims c WHERE NOT EXISTS (
			SELECT 1 FROM history h WHERE h.row_id = c.id AND h.at = c.updated_at)`,
		"articles with more than one claim": `SELECT count(*) FROM (SELECT article_id FROM claims GROUP BY article_id HAVING count(*) > 1)`,
	} {
		if n := queryInt(t, raw, q); n != 0 {
			t.Fatalf("run %d: %d %s", run, n, what)
		}
	}
	// Nothing is deleted here, so the search indexes must match their tables exactly.
	for _, fts := range []string{"articles_fts", "claims_fts"} {
		if _, err := raw.Exec(`INSERT INTO ` + fts + `(` + fts + `, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Fatalf("run %d: %s does not match its table: %v", run, fts, err)
		}
	}
	return len(arts)
}

// ---------------------------------------------------------------------------------------
// 7. Several writer processes on one file, and a reader.

const writerRounds = 100 // each round is 4 writes: import, claim, verdict, note

// TestWriterChild is one of TestSeveralWriters' writer processes; it does nothing unless
// started by it. It waits for the start signal, opens (maybe creating) the database and
// writes writerRounds rounds of 4 transactions.
func TestWriterChild(t *testing.T) {
	if os.Getenv(childEnv) != "writer" {
		return
	}
	ctx := context.Background()
	k := os.Getenv(childArg)
	for wait := time.Now(); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(os.Getenv(childGoEnv)); err == nil {
			break
		}
		if time.Since(wait) > time.Minute {
			childFail("writer %s: no start signal", k)
		}
	}
	db, err := storage.Open(ctx, os.Getenv(childDBEnv), storage.Options{})
	if err != nil {
		childFail("writer %s: open: %v", k, err)
	}
	if _, err := db.SetReviewer(ctx, "Writer "+k); err != nil {
		childFail("writer %s: reviewer: %v", k, err)
	}
	for n := range writerRounds {
		text := fmt.Sprintf("Writer %s, article %d: the summit gathered %d delegates in Geneva, officials said.", k, n, 1000+n)
		res, err := db.ImportArticle(ctx, corpus.Article{Title: fmt.Sprintf("w%s-%03d", k, n), Text: text})
		if err != nil {
			childFail("writer %s: import %d: %v", k, n, err)
		}
		quote := fmt.Sprintf("%d delegates", 1000+n)
		c, err := db.AddClaim(ctx, res.Article.ID, anchorOfChild(text, quote), "", "")
		if err != nil {
			childFail("writer %s: claim %d: %v", k, n, err)
		}
		if _, err := db.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil {
			childFail("writer %s: verdict %d: %v", k, n, err)
		}
		if _, err := db.SetNote(ctx, c.ID, "checked by writer "+k); err != nil {
			childFail("writer %s: note %d: %v", k, n, err)
		}
	}
	if err := db.Close(); err != nil {
		childFail("writer %s: close: %v", k, err)
	}
}

func anchorOfChild(text, quote string) annotate.Anchor {
	i := strings.Index(text, quote)
	start := len([]rune(text[:i]))
	return annotate.Anchor{Start: start, End: start + len([]rune(quote)), Exact: quote}
}

func TestSeveralWriters(t *testing.T) {
	const writers = 4
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db") // created by whichever process comes first
	goFile := filepath.Join(dir, "go")
	var cmds []*exec.Cmd
	var stderrs []*bytes.Buffer
	for k := range writers {
		cmd := childCmd("TestWriterChild", "writer", path, childArg+"="+strconv.Itoa(k), childGoEnv+"="+goFile)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, stderrs = append(cmds, cmd), append(stderrs, &stderr)
	}
	time.Sleep(300 * time.Millisecond) // let every child reach its wait loop
	if err := os.WriteFile(goFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatalf("the reader's Open while writers create the file: %v", err)
	}
	defer db.Close()

	// The reader polls while the writers write; counts only grow.
	done := make(chan struct{})
	var wg sync.WaitGroup
	var readErrs []error
	reads := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		prev := 0
		for {
			select {
			case <-done:
				return
			default:
			}
			reads++
			arts, err := db.Articles(ctx)
			if err == nil && len(arts) < prev {
				err = fmt.Errorf("articles went from %d to %d", prev, len(arts))
			}
			if err == nil {
				prev = len(arts)
				_, err = db.Claims(ctx, storage.ClaimFilter{Verdict: annotate.Disputed})
			}
			if err == nil {
				_, err = db.Search(ctx, "summit delegates", 20)
			}
			if err == nil {
				_, err = db.LastChange(ctx)
			}
			if err != nil {
				readErrs = append(readErrs, err)
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	for k, cmd := range cmds {
		if err := cmd.Wait(); err != nil || stderrs[k].Len() > 0 && strings.Contains(stderrs[k].String(), "child:") {
			t.Errorf("writer %d: %v\n%s", k, err, stderrs[k].String())
		}
	}
	close(done)
	wg.Wait()
	for _, err := range readErrs {
		t.Errorf("reader: %v", err)
	}
	if t.Failed() {
		return
	}
	arts, err := db.Articles(ctx)
	if err != nil || len(arts) != writers*writerRounds {
		t.Fatalf("%d articles (%v), want %d", len(arts), err, writers*writerRounds)
	}
	claims, err := db.Claims(ctx, storage.ClaimFilter{Verdict: annotate.Disputed})
	if err != nil || len(claims) != writers*writerRounds {
		t.Fatalf("%d disputed claims (%v), want %d", len(claims), err, writers*writerRounds)
	}
	perWriter := map[string]int{}
	for _, c := range claims {
		if c.CreatedBy != c.UpdatedBy || c.Note != "checked by writer "+strings.TrimPrefix(c.CreatedBy, "Writer ") {
			t.Fatalf("claim %+v mixes writers", c)
		}
		perWriter[c.CreatedBy]++
	}
	revs, _ := db.Reviewers(ctx)
	if len(revs) != writers || len(perWriter) != writers {
		t.Fatalf("reviewers %+v, claims per writer %v", revs, perWriter)
	}
	for w, n := range perWriter {
		if n != writerRounds {
			t.Errorf("%s has %d claims, want %d", w, n, writerRounds)
		}
	}
	hist, err := db.History(ctx, "", 0)
	if err != nil || len(hist) != writers+writers*writerRounds*4 {
		t.Fatalf("%d history entries (%v), want %d", len(hist), err, writers+writers*writerRounds*4)
	}
	if hits, err := db.Search(ctx, "summit delegates", 1000); err != nil || len(hits) != writers*writerRounds {
		t.Fatalf("Search found %d (%v), want %d", len(hits), err, writers*writerRounds)
	}
	checkFileIntegrity(t, path)
	t.Logf("%d writes by %d processes, %d reads meanwhile", writers*writerRounds*4, writers, reads)
}
