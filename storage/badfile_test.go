package storage_test

// Bad files: every file that is not a Factdesk database this version can open is refused
// by CheckFile and Open (read-write and read-only) with the right Kind and a clear message,
// and is left byte-identical, with no -wal, -shm or -journal file appearing beside it.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// dirState maps every file under dir (recursively) to the SHA-256 of its bytes.
func dirState(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = "folder"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(s[:])
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func sameState(tb testing.TB, what string, before, after map[string]string) {
	tb.Helper()
	var diffs []string
	for k, v := range after {
		if before[k] == "" {
			diffs = append(diffs, "new file "+k)
		} else if before[k] != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range before {
		if after[k] == "" {
			diffs = append(diffs, "removed "+k)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		tb.Errorf("%s: the files were touched: %v", what, diffs)
	}
}

// makeProject creates a closed Factdesk database with n articles, a claim on each, a source
// and a link, and returns its path.
func makeProject(tb testing.TB, dir string, n int) string {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "project.db")
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		tb.Fatal(err)
	}
	var arts []corpus.Article
	for i := range n {
		arts = append(arts, testArticle(i, 3000))
	}
	res, err := db.ImportArticles(ctx, arts)
	if err != nil {
		tb.Fatal(err)
	}
	var prev string
	for i, r := range res {
		c, err := db.AddClaim(ctx, r.Article.ID, anchorOf(tb, arts[i].Text, "officials in Geneva"), annotate.Disputed, fmt.Sprintf("note %d", i))
		if err != nil {
			tb.Fatal(err)
		}
		if prev != "" {
			if _, err := db.LinkClaims(ctx, prev, c.ID, annotate.SameClaim); err != nil {
				tb.Fatal(err)
			}
		}
		if _, err := db.AddSource(ctx, c.ID, annotate.Source{URL: fmt.Sprintf("https://example.org/%d", i), Title: "Source"}, annotate.Supports); err != nil {
			tb.Fatal(err)
		}
		prev = c.ID
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	if left := dirListing(tb, dir); len(left) != 1 {
		tb.Fatalf("files beside the closed project: %v", left)
	}
	return path
}

// wantRefused checks that err is a *storage.Error of kind k whose message names the file
// and contains every one of words.
func wantRefused(tb testing.TB, what string, err error, k storage.Kind, path string, words ...string) {
	tb.Helper()
	var se *storage.Error
	if !errors.As(err, &se) {
		tb.Errorf("%s: err = %v (%T), want a *storage.Error of kind %d", what, err, err, k)
		return
	}
	if se.Kind != k {
		tb.Errorf("%s: kind %d (%q), want %d", what, se.Kind, se.Msg, k)
	}
	msg := err.Error()
	if !strings.Contains(msg, filepath.Base(path)) {
		tb.Errorf("%s: message %q does not name the file", what, msg)
	}
	for _, w := range words {
		if !strings.Contains(msg, w) {
			tb.Errorf("%s: message %q does not say %q", what, msg, w)
		}
	}
}

type badFile struct {
	name  string
	make  func(t *testing.T, dir string) string // writes the bad file(s), returns the path to open
	check storage.Kind                          // CheckFile's kind
	open  storage.Kind                          // Open's kind (read-write and read-only)
	ro    storage.Kind                          // Open's kind read-only, when it differs (0: same as open)
	words []string                              // words the messages must contain
}

func writeFile(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// truncated makes a project and cuts its file to size(original size).
func truncated(size func(int64) int64) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		path := makeProject(t, t.TempDir(), 40)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return writeFile(t, filepath.Join(dir, "project.db"), b[:size(int64(len(b)))])
	}
}

func TestBadFilesAreRefusedUntouched(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	randomBytes := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	cases := []badFile{
		{name: "random bytes", check: storage.KindNotOurs, open: storage.KindNotOurs, words: []string{"not a Factdesk database"},
			make: func(t *testing.T, dir string) string {
				return writeFile(t, filepath.Join(dir, "project.db"), randomBytes(64<<10))
			}},
		{name: "plain text", check: storage.KindNotOurs, open: storage.KindNotOurs, words: []string{"not a Factdesk database"},
			make: func(t *testing.T, dir string) string {
				return writeFile(t, filepath.Join(dir, "notes.db"), []byte(strings.Repeat("Le ministre a déclaré que 300 personnes étaient présentes.\n", 200)))
			}},
		{name: "SQLite header then garbage", check: storage.KindCorrupt, open: storage.KindCorrupt, words: []string{"damaged"},
			make: func(t *testing.T, dir string) string {
				return writeFile(t, filepath.Join(dir, "project.db"), append([]byte("SQLite format 3\x00"), randomBytes(16<<10)...))
			}},
		{name: "truncated to one page", check: storage.KindCorrupt, open: storage.KindCorrupt, words: []string{"damaged"},
			make: truncated(func(int64) int64 { return 4096 })},
		{name: "truncated to half", check: storage.KindCorrupt, open: storage.KindCorrupt, words: []string{"damaged"},
			make: truncated(func(n int64) int64 { return n / 2 / 4096 * 4096 })},
		{name: "last page missing", check: storage.KindCorrupt, open: storage.KindCorrupt, words: []string{"damaged"},
			make: truncated(func(n int64) int64 { return n - 4096 })},
		{name: "truncated mid-page", check: storage.KindCorrupt, open: storage.KindCorrupt, words: []string{"damaged"},
			make: truncated(func(n int64) int64 { return n/2 + 1000 })},
		{name: "another application's SQLite file", check: storage.KindNotOurs, open: storage.KindNotOurs, words: []string{"another application", "untouched"},
			make: func(t *testing.T, dir string) string {
				path := filepath.Join(dir, "zotero.sqlite")
				raw := openRaw(t, path)
				if _, err := raw.Exec(`CREATE TABLE items(id INTEGER PRIMARY KEY, title TEXT); INSERT INTO items(title) VALUES ('a'), ('b')`); err != nil {
					t.Fatal(err)
				}
				raw.Close()
				return path
			}},
		{name: "another application's id", check: storage.KindNotOurs, open: storage.KindNotOurs, words: []string{"another application", "0x5a4f5445"},
			make: func(t *testing.T, dir string) string {
				path := filepath.Join(dir, "other.db")
				raw := openRaw(t, path)
				if _, err := raw.Exec(`PRAGMA application_id = 0x5A4F5445; CREATE TABLE claims(id TEXT)`); err != nil {
					t.Fatal(err)
				}
				raw.Close()
				return path
			}},
		{name: "newer schema", check: storage.KindNewerSchema, open: storage.KindNewerSchema, words: []string{"newer version of Factdesk", "schema"},
			make: func(t *testing.T, dir string) string {
				path := makeProject(t, dir, 3)
				raw := openRaw(t, path)
				if _, err := raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, storage.SchemaVersion+1)); err != nil {
					t.Fatal(err)
				}
				raw.Close()
				return path
			}},
		{name: "-wal without its database", check: storage.KindNotFound, open: storage.KindCorrupt, words: []string{"project.db-wal", "moved"},
			make: func(t *testing.T, dir string) string {
				// A real WAL, copied while its database was open, then separated from it.
				src := filepath.Join(t.TempDir(), "project.db")
				db, err := storage.Open(ctx, src, storage.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
					t.Fatal(err)
				}
				if _, err := db.ImportArticle(ctx, testArticle(1, 3000)); err != nil {
					t.Fatal(err)
				}
				wal, err := os.ReadFile(src + "-wal")
				if err != nil || len(wal) == 0 {
					t.Fatalf("no WAL to copy: %d bytes, %v", len(wal), err)
				}
				writeFile(t, filepath.Join(dir, "project.db-wal"), wal)
				return filepath.Join(dir, "project.db")
			}},
		{name: "a -wal file given as the database", check: storage.KindNotOurs, open: storage.KindNotOurs, words: []string{"not a Factdesk database"},
			make: func(t *testing.T, dir string) string {
				path := makeProject(t, t.TempDir(), 1)
				db, err := storage.Open(ctx, path, storage.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
					t.Fatal(err)
				}
				wal, err := os.ReadFile(path + "-wal")
				if err != nil {
					t.Fatal(err)
				}
				return writeFile(t, filepath.Join(dir, "project.db-wal"), wal)
			}},
		{name: "a folder", check: storage.KindNotOurs, open: storage.KindNotOurs, words: []string{"folder"},
			make: func(t *testing.T, dir string) string {
				path := filepath.Join(dir, "project.db")
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(path, "inside.txt"), []byte("x"))
				return path
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.make(t, dir)
			before := dirState(t, dir)
			if len(before) == 0 {
				t.Fatal("nothing was written")
			}

			err := storage.CheckFile(ctx, path)
			wantRefused(t, "CheckFile", err, tc.check, path)
			sameState(t, "CheckFile", before, dirState(t, dir))

			for _, ro := range []bool{false, true} {
				what, want := "Open", tc.open
				if ro {
					what = "Open read-only"
					if tc.ro != 0 {
						want = tc.ro
					}
				}
				db, err := storage.Open(ctx, path, storage.Options{ReadOnly: ro})
				if err == nil {
					db.Close()
					t.Errorf("%s accepted the file", what)
				} else if want == tc.open {
					wantRefused(t, what, err, want, path, tc.words...)
				} else {
					wantRefused(t, what, err, want, path)
				}
				sameState(t, what, before, dirState(t, dir))
			}
		})
	}
}

// TestBitFlippedFileFailsCleanly damages pages of a real project, one at a time: the page
// headers of page 1's schema b-tree and of tables and indexes the queries read (which SQLite
// must notice), and random single bytes (which it may not). Open, or the first query that
// reads the page, fails as KindCorrupt; nothing panics; the file is left as it was.
func TestBitFlippedFileFailsCleanly(t *testing.T) {
	ctx := context.Background()
	good := makeProject(t, t.TempDir(), 30)
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096
	raw := openRaw(t, good, "mode=ro", "immutable=1")
	roots := map[string]int64{}
	rows, err := raw.Query(`SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var page int64
		if err := rows.Scan(&name, &page); err != nil {
			t.Fatal(err)
		}
		roots[name] = page
	}
	rows.Close()
	raw.Close()

	type flip struct {
		name   string
		offset int64 // first byte flipped
		n      int   // bytes flipped (XOR mask, 0xFF when 0)
		must   bool  // the damage must be noticed
		mask   byte
		also   []int64 // more single bytes flipped
	}
	var flips []flip
	flips = append(flips, flip{name: "schema page header", offset: 100, n: 8, must: true})
	// A letter of the stored CREATE statements turned into another letter: still valid SQL,
	// which SQLite cannot tell from the original; Factdesk's schema check must.
	for _, text := range []string{"rune_start INTEGER", "remove_diacritics", "content_rowid='seq'", "history is append-only"} {
		// Every copy of it: a free page may hold an old copy of the schema.
		var at []int64
		for i := 0; ; {
			j := bytes.Index(orig[i:], []byte(text))
			if j < 0 {
				break
			}
			at = append(at, int64(i+j+2))
			i += j + 1
		}
		if len(at) == 0 {
			t.Fatalf("%q is not in the file", text)
		}
		flips = append(flips, flip{name: "schema text " + text, offset: at[0], n: 1, must: true, mask: 0x01, also: at[1:]})
	}
	for _, name := range []string{"articles", "claims", "reviewers", "history", "links", "sources", "articles_fts_data", "claims_fts_data",
		"claims_by_article", "sqlite_autoindex_articles_1", "sqlite_autoindex_claims_1"} {
		p, ok := roots[name]
		if !ok {
			t.Fatalf("no root page for %s in %v", name, roots)
		}
		flips = append(flips, flip{name: "root page of " + name, offset: (p - 1) * pageSize, n: 8, must: true})
	}
	// The header of every other page too: leaves deep in a table are read while a query's
	// rows are being read, not when it starts.
	for p := int64(2); p <= int64(len(orig))/pageSize; p++ {
		flips = append(flips, flip{name: fmt.Sprintf("page %d header", p), offset: (p - 1) * pageSize, n: 8})
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 24 {
		off := pageSize + rng.Int64N(int64(len(orig))-pageSize)
		flips = append(flips, flip{name: fmt.Sprintf("random byte %d at %d", i, off), offset: off, n: 1})
	}

	for _, f := range flips {
		t.Run(f.name, func(t *testing.T) {
			dir := t.TempDir()
			b := bytes.Clone(orig)
			if f.mask == 0 {
				f.mask = 0xFF
			}
			for i := f.offset; i < f.offset+int64(f.n); i++ {
				b[i] ^= f.mask
			}
			for _, i := range f.also {
				b[i] ^= f.mask
			}
			path := writeFile(t, filepath.Join(dir, "project.db"), b)
			before := dirState(t, dir)
			noticed := 0
			clean := func(what string, err error) {
				t.Helper()
				if err == nil {
					return
				}
				noticed++
				if !storage.IsKind(err, storage.KindCorrupt) {
					t.Errorf("%s: err = %v (%T), want KindCorrupt", what, err, err)
				}
			}
			clean("CheckFile", storage.CheckFile(ctx, path))
			for _, ro := range []bool{false, true} {
				db, err := storage.Open(ctx, path, storage.Options{ReadOnly: ro})
				clean(fmt.Sprintf("Open(ReadOnly %v)", ro), err)
				if err != nil {
					continue
				}
				arts, err := db.Articles(ctx)
				clean("Articles", err)
				if len(arts) > 0 {
					_, err = db.Article(ctx, arts[len(arts)/2].ID)
					clean("Article", err)
					_, err = db.Claims(ctx, storage.ClaimFilter{ArticleID: arts[len(arts)/2].ID})
					clean("Claims of an article", err)
				}
				claims, err := db.Claims(ctx, storage.ClaimFilter{})
				clean("Claims", err)
				if len(claims) > 0 {
					_, err = db.Links(ctx, claims[len(claims)/2].ID)
					clean("Links", err)
				}
				_, err = db.Search(ctx, "delegation geneva", 20)
				clean("Search", err)
				_, err = db.Search(ctx, "note", 20)
				clean("Search claims", err)
				_, err = db.History(ctx, "", 0)
				clean("History", err)
				_, err = db.Reviewers(ctx)
				clean("Reviewers", err)
				_, err = db.ResolveID(ctx, "sources", "0000")
				if storage.IsKind(err, storage.KindNotFound) {
					err = nil
				}
				clean("ResolveID", err)
				if err := db.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}
			if f.must && noticed == 0 {
				t.Errorf("the damage went unnoticed")
			}
			sameState(t, "opening the damaged file", before, dirState(t, dir))
		})
	}
}

// TestReadOnlyOpenLeavesFileUntouched: looking at a good project read-only changes no byte
// of it and leaves nothing beside it.
func TestReadOnlyOpenLeavesFileUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := makeProject(t, dir, 5)
	before := dirState(t, dir)
	db, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if arts, err := db.Articles(ctx); err != nil || len(arts) != 5 {
		t.Fatalf("Articles = %d, %v", len(arts), err)
	}
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteArticle(ctx, "x"); !storage.IsKind(err, storage.KindReadOnly) && !storage.IsKind(err, storage.KindUsage) {
		t.Errorf("a change to a read-only database: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	sameState(t, "a read-only look", before, dirState(t, dir))

	// A zero-byte file has nothing to look at; it stays as it is.
	empty := writeFile(t, filepath.Join(dir, "empty.db"), nil)
	before = dirState(t, dir)
	if _, err := storage.Open(ctx, empty, storage.Options{ReadOnly: true}); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("read-only Open of an empty file: %v", err)
	}
	sameState(t, "a read-only look at an empty file", before, dirState(t, dir))
}
