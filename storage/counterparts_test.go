package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

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
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 3 {
		t.Fatalf("pending after import = %d, %v; want 3 (the index is built on demand)", n, err)
	}
	if n, err := db.IndexCounterparts(ctx, nil); err != nil || n != 3 {
		t.Fatalf("IndexCounterparts = %d, %v; want the 3 articles", n, err)
	}
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 0 {
		t.Fatalf("pending after IndexCounterparts = %d, %v; want 0", n, err)
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
	if _, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: "  "}); !storage.IsKind(err, storage.KindUsage) {
		t.Errorf("empty text: %v", err)
	}
}

// TestIndexCounterpartsBuildsOldDatabases: articles stored without an index (as in a database
// made before the index existed) are found all the same, and IndexCounterparts builds their
// index once, with progress, and stops when cancelled.
func TestIndexCounterpartsBuildsOldDatabases(t *testing.T) {
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
	db.Close()
	// Drop the index as an older Factdesk would have left the file.
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DELETE FROM counterpart_terms`, `DELETE FROM counterpart_sentences`, `DELETE FROM counterpart_df`, `DELETE FROM counterpart_indexed`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
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
	q := storage.CounterpartQuery{Text: "The official death toll is 300 to 400, including around fifty civilians.", Language: "en", Exclude: en}
	before, err := db.Counterparts(ctx, q)
	if err != nil || len(before) == 0 || before[0].ArticleID != fr {
		t.Fatalf("without index: %+v, %v", before, err)
	}
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
	calls = nil
	n, err := db.IndexCounterparts(ctx, func(done, total int) { calls = append(calls, done*10+total) })
	if err != nil || n != 2 || len(calls) != 2 || calls[1] != 22 {
		t.Fatalf("build: %d, %v, progress %v", n, err, calls)
	}
	if n, _ := db.CounterpartsPending(ctx); n != 0 {
		t.Fatalf("pending after build = %d", n)
	}
	after, err := db.Counterparts(ctx, q)
	if err != nil || len(after) != len(before) || after[0].Text != before[0].Text || after[0].Start != before[0].Start {
		t.Fatalf("with index %+v, without %+v (%v)", after, before, err)
	}
}
