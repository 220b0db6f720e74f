package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/annotate/report"
	"factdesk/corpus"
	"factdesk/storage"
)

const (
	cpEN  = "The Kremlin invited the two foreign ministers to Moscow on October 9.\n\nThe official death toll is 300 to 400, including around fifty civilians.\n\nThe fighting continued on Thursday."
	cpFR  = "Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils.\n\nLe 9 octobre, les ministres des Affaires étrangères sont invités à Moscou."
	cpFR2 = "Selon les séparatistes, le bilan officiel est de 200 morts.\n\nLa météo était clémente."
)

func importLang(tb testing.TB, db *storage.DB, title, text, lang string) string {
	tb.Helper()
	res, err := db.ImportArticle(context.Background(), corpus.Article{Title: title, Text: text, Language: lang, Origin: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return res.Article.ID
}

func TestCounterpartsThroughTheIndex(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	en := importLang(t, db, "EN", cpEN, "en")
	fr := importLang(t, db, "FR", cpFR, "fr")
	fr2 := importLang(t, db, "FR2", cpFR2, "fr")
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 0 {
		t.Fatalf("pending after import = %d, %v; want 0 (indexed at import)", n, err)
	}
	if n, err := db.IndexCounterparts(ctx, nil); err != nil || n != 0 {
		t.Fatalf("IndexCounterparts = %d, %v; want nothing left to index", n, err)
	}
	got, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: "The official death toll is 300 to 400, including around fifty civilians.", Language: "en", Exclude: en, Top: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 || got[0].ArticleID != fr || !strings.HasPrefix(got[0].Text, "Le bilan officiel fait état de 300 à 400") {
		t.Fatalf("candidates %+v", got)
	}
	frRunes := []rune(cpFR)
	if string(frRunes[got[0].Start:got[0].End]) != got[0].Text {
		t.Errorf("offsets %d-%d do not give %q", got[0].Start, got[0].End, got[0].Text)
	}
	if got[0].Contradiction {
		t.Errorf("the same toll is flagged: %+v", got[0])
	}
	var other bool
	for _, c := range got {
		if c.ArticleID == fr2 && strings.Contains(c.Text, "200 morts") {
			other = c.Contradiction
		}
		if c.ArticleID == en {
			t.Errorf("the claim's own article is searched: %+v", c)
		}
	}
	if !other {
		t.Errorf("the other toll is not flagged: %+v", got)
	}
	// --in limits the search.
	got, err = db.Counterparts(ctx, storage.CounterpartQuery{Text: "death toll 300 to 400", Language: "en", In: []string{fr2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range got {
		if c.ArticleID != fr2 {
			t.Errorf("In ignored: %+v", c)
		}
	}
	// A deleted article's sentences are no longer candidates.
	if err := db.DeleteArticle(ctx, fr); err != nil {
		t.Fatal(err)
	}
	got, err = db.Counterparts(ctx, storage.CounterpartQuery{Text: "The official death toll is 300 to 400, including around fifty civilians.", Language: "en", Exclude: en, Top: 3})
	if err != nil || len(got) == 0 {
		t.Fatalf("after deleting FR: %+v, %v", got, err)
	}
	for _, c := range got {
		if c.ArticleID == fr {
			t.Errorf("a deleted article's sentence is a candidate: %+v", c)
		}
	}
	if _, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: "  "}); !storage.IsKind(err, storage.KindUsage) {
		t.Errorf("empty text: %v", err)
	}
}

// dropCounterpartIndex empties the counterpart index of a closed database file, as a
// database made before the index was built at import has it.
func dropCounterpartIndex(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{`DELETE FROM counterpart_postings`, `DELETE FROM counterpart_articles`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIndexCounterpartsBuildsOldDatabases: articles stored without an index (as in a database
// made before the index was built at import) are found all the same, IndexCounterparts builds
// their index once, with progress, and stops when cancelled, and the answers with the index
// are the answers without it.
func TestIndexCounterpartsBuildsOldDatabases(t *testing.T) {
	defer storage.SetIndexChunk(1)()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	en := importLang(t, db, "EN", cpEN, "en")
	fr := importLang(t, db, "FR", cpFR, "fr")
	importLang(t, db, "FR2", cpFR2, "fr")
	q := storage.CounterpartQuery{Text: "The official death toll is 300 to 400, including around fifty civilians.", Language: "en", Exclude: en}
	indexed, err := db.Counterparts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	dropCounterpartIndex(t, path)
	db, err = storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CounterpartsPending(ctx); n != 3 {
		t.Fatalf("pending = %d, want 3", n)
	}
	before, err := db.Counterparts(ctx, q)
	if err != nil || len(before) == 0 || before[0].ArticleID != fr {
		t.Fatalf("without index: %+v, %v", before, err)
	}
	sameCandidates(t, "not indexed", before, indexed)
	cctx, cancel := context.WithCancel(ctx)
	var calls []int
	_, err = db.IndexCounterparts(cctx, func(done, total int) {
		calls = append(calls, done)
		if done == 1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(calls) != 1 {
		t.Fatalf("cancelled build: err %v, progress %v", err, calls)
	}
	if n, _ := db.CounterpartsPending(ctx); n != 2 {
		t.Fatalf("pending after cancelling = %d, want 2", n)
	}
	half, err := db.Counterparts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	sameCandidates(t, "one article indexed", half, indexed)
	calls = nil
	n, err := db.IndexCounterparts(ctx, func(done, total int) { calls = append(calls, done*10+total) })
	if err != nil || n != 2 || len(calls) != 2 || calls[0] != 12 || calls[1] != 22 {
		t.Fatalf("build: %d, %v, progress %v", n, err, calls)
	}
	if n, _ := db.CounterpartsPending(ctx); n != 0 {
		t.Fatalf("pending after build = %d", n)
	}
	if n, err := db.IndexCounterparts(ctx, nil); err != nil || n != 0 {
		t.Fatalf("a second build indexed %d articles (%v): the index is built once", n, err)
	}
	after, err := db.Counterparts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	sameCandidates(t, "rebuilt", after, indexed)
}

// sameCandidates fails unless got and want are the same sentences with the same scores.
func sameCandidates(t *testing.T, what string, got, want []storage.CounterpartCandidate) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d candidates, want %d: %+v", what, len(got), len(want), got)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.ArticleID != w.ArticleID || g.Start != w.Start || g.End != w.End || g.Text != w.Text || g.Contradiction != w.Contradiction || math.Abs(g.Score-w.Score) > 1e-9 {
			t.Errorf("%s: candidate %d is %q (%s %.4f), want %q (%s %.4f)", what, i, g.Text, g.ArticleID, g.Score, w.Text, w.ArticleID, w.Score)
		}
	}
}

// TestCounterpartsIndexedOnEveryWayIn: articles imported, restored from a JSON export and
// merged from another reviewer's file are indexed as they arrive, and found.
func TestCounterpartsIndexedOnEveryWayIn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	en := importLang(t, alice, "EN", cpEN, "en")
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	importLang(t, bob, "FR", cpFR, "fr")
	importLang(t, bob, "FR2", cpFR2, "fr")
	rep := shMerge(t, alice, shShare(t, bob, "bob-share.db"))
	if !rep.Committed {
		t.Fatalf("merge not committed: %+v", rep)
	}
	if n, err := alice.CounterpartsPending(ctx); err != nil || n != 0 {
		t.Fatalf("%d articles not indexed after the merge (%v)", n, err)
	}
	q := storage.CounterpartQuery{Text: "The official death toll is 300 to 400, including around fifty civilians.", Language: "en", Exclude: en}
	got, err := alice.Counterparts(ctx, q)
	if err != nil || len(got) == 0 || !strings.HasPrefix(got[0].Text, "Le bilan officiel fait état de 300 à 400") {
		t.Fatalf("after the merge: %+v, %v", got, err)
	}
	// A JSON export restored into a new database.
	m, err := alice.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	carol := rpOpen(t, filepath.Join(dir, "carol.db"), "Carol")
	if _, err := carol.ImportJSON(ctx, rpReadJSON(t, rpExport(t, report.JSON, m)), "export.json"); err != nil {
		t.Fatal(err)
	}
	if n, err := carol.CounterpartsPending(ctx); err != nil || n != 0 {
		t.Fatalf("%d articles not indexed after import-json (%v)", n, err)
	}
	got2, err := carol.Counterparts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	sameCandidates(t, "restored from JSON", got2, got)
}
