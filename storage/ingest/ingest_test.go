package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/corpus"
	"factdesk/storage"
	"factdesk/storage/ingest"
)

func openDB(tb testing.TB) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"), storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.SetReviewer(context.Background(), "Alice"); err != nil {
		tb.Fatal(err)
	}
	return db
}

func article(i int) string {
	return fmt.Sprintf("Council vote number %d\n\nThe council met on Tuesday and voted on the harbour budget number %d after a long debate.", i, i)
}

// fakeFetcher plays web addresses from a map.
type fakeFetcher map[string]corpus.Article

func (f fakeFetcher) FetchArticle(_ context.Context, url string) (corpus.Article, error) {
	a, ok := f[url]
	if !ok {
		return a, fmt.Errorf("%s: the site answered 404 Not Found: check the address", url)
	}
	return a, nil
}

// Files of a folder, a bad file, named bytes, a stream and web addresses all go in, in order,
// tallied alike; the same text twice is one article.
func TestRunEveryKindOfItem(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	for i := range 5 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(article(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte("\xff\xd8\xff"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.md"), nil, 0o644)
	fetched := time.Date(2026, 3, 12, 9, 30, 0, 0, time.UTC)
	web := fakeFetcher{"https://news.example/fire": {Title: "Fire at the port", Text: "The warehouse burned on Friday night, the fire service said.",
		URL: "https://news.example/fire", Format: "html", FetchedAt: fetched, Raw: []byte("<html>the page</html>"), RawType: "text/html", SourceSHA256: "ab"}}
	var steps []ingest.Progress
	var outcomes []ingest.Outcome
	tally := ingest.Run(context.Background(), db, []ingest.Item{
		{Path: dir},
		{Name: "pasted", Data: []byte(article(1))}, // the same text as a1.txt
		{Name: "stdin", Reader: strings.NewReader(article(9))},
		{URL: "https://news.example/fire"},
		{URL: "https://news.example/gone"},
		{Path: filepath.Join(dir, "missing.txt")},
	}, ingest.Options{Fetch: web, Batch: 2, Progress: func(p ingest.Progress) { steps = append(steps, p) },
		Outcome: func(o ingest.Outcome) { outcomes = append(outcomes, o) }})
	if tally.Err != nil || tally.Cancelled {
		t.Fatal(tally.Err, tally.Cancelled)
	}
	if tally.Added != 7 || tally.Existing != 1 || tally.Failed != 3 || tally.Skipped != 1 || len(tally.IDs) != 8 {
		t.Errorf("tally: added %d existing %d failed %d skipped %d ids %d", tally.Added, tally.Existing, tally.Failed, tally.Skipped, len(tally.IDs))
	}
	if len(outcomes) != 12 || len(tally.Outcomes) != 12 {
		t.Fatalf("%d outcomes", len(outcomes))
	}
	var failed []string
	for _, o := range tally.Failures() {
		failed = append(failed, o.Err.Error())
	}
	all := strings.Join(failed, "\n")
	for _, want := range []string{"photo.jpg: not an article file", "empty.md", "404", "missing.txt"} {
		if !strings.Contains(all, want) {
			t.Errorf("failures do not say %q:\n%s", want, all)
		}
	}
	if got := tally.Summary(); got != "Imported 7 new articles; 1 was already in the corpus." {
		t.Errorf("summary = %q", got)
	}
	if last := steps[len(steps)-1]; last.Done != last.Total || last.Total != 10 {
		t.Errorf("last progress = %+v", last)
	}
	// The web article keeps its evidence.
	var webID string
	for _, o := range tally.Outcomes {
		if o.Name == "https://news.example/fire" {
			webID = o.Result.Article.ID
		}
	}
	a, err := db.Article(context.Background(), webID)
	if err != nil {
		t.Fatal(err)
	}
	if !a.FetchedAt.Equal(fetched) || a.URL != "https://news.example/fire" || a.SourceSHA256 != "ab" || a.RawType != "text/html" {
		t.Errorf("web article: %+v", a.Article)
	}
	raw, typ, err := db.ArticleRaw(context.Background(), webID)
	if err != nil || string(raw) != "<html>the page</html>" || typ != "text/html" {
		t.Errorf("raw = %q %q %v", raw, typ, err)
	}
	if _, _, err := db.ArticleRaw(context.Background(), tally.IDs[0]); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("raw of a file: %v", err)
	}
}

// A cancel stops the import soon; what was stored is kept and nothing is half-stored.
func TestRunCancel(t *testing.T) {
	db := openDB(t)
	var items []ingest.Item
	for i := range 300 {
		items = append(items, ingest.Item{Name: fmt.Sprintf("a%d.txt", i), Data: []byte(article(i))})
	}
	ctx, cancel := context.WithCancel(context.Background())
	tally := ingest.Run(ctx, db, items, ingest.Options{Batch: 10, Outcome: func(o ingest.Outcome) {
		if o.Err == nil && o.Name == "a25.txt" {
			cancel()
		}
	}})
	if !tally.Cancelled || tally.Err != nil {
		t.Fatalf("cancelled %v err %v", tally.Cancelled, tally.Err)
	}
	arts, err := db.Articles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != tally.Added || tally.Added < 26 || tally.Added >= 300 {
		t.Errorf("stored %d, tallied %d", len(arts), tally.Added)
	}
}

// A storage error stops the import and is reported; the batches before it are kept.
func TestRunStorageError(t *testing.T) {
	db := openDB(t)
	tally := ingest.Run(context.Background(), db, []ingest.Item{
		{Name: "a.txt", Data: []byte(article(1))},
	}, ingest.Options{Parse: func(name string, data []byte) (corpus.Article, error) {
		return corpus.Article{Text: " ", Origin: name}, nil // no text: storage refuses the batch
	}})
	if tally.Err == nil || !storage.IsKind(tally.Err, storage.KindUsage) || tally.Added != 0 {
		t.Errorf("tally = %+v", tally)
	}
	if tally := ingest.Run(context.Background(), db, []ingest.Item{{URL: "https://x.example/"}}, ingest.Options{}); tally.Failed != 1 ||
		!strings.Contains(tally.Outcomes[0].Err.Error(), "not available") {
		t.Errorf("web address without a fetcher: %+v", tally)
	}
}

// PDFs, .docx and .odt go through the same pipeline, pages and notes kept.
func TestRunStoresPagesAndNotes(t *testing.T) {
	db := openDB(t)
	a := corpus.Article{Title: "Report", Text: "Page one text.\n\nPage two text.", Format: "pdf", Pages: []int{0, 16}, OCR: true, Notes: []string{"text read by OCR"}}
	tally := ingest.Run(context.Background(), db, []ingest.Item{{Name: "r.pdf"}}, ingest.Options{Parse: func(string, []byte) (corpus.Article, error) { return a, nil }})
	if tally.Added != 1 {
		t.Fatal(tally)
	}
	got, err := db.Article(context.Background(), tally.IDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !got.OCR || len(got.Pages) != 2 || got.Pages[1] != 16 || got.PageAt(20) != 2 || got.Notes[0] != "text read by OCR" {
		t.Errorf("stored: %+v", got.Article)
	}
}

// Run indexes every article for counterparts as it stores it (the keys computed in the parse
// stage): nothing is left for IndexCounterparts, and a sentence of one article finds its
// counterpart in the other.
func TestRunIndexesCounterparts(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	items := []ingest.Item{
		{Name: "en.txt", Data: []byte("Dam failure\n\nThe official death toll is 300 to 400, including around fifty civilians, the ministry said on Thursday.")},
		{Name: "fr.txt", Data: []byte("Rupture du barrage\n\nLe bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils, a indiqué le ministère jeudi.")},
	}
	tally := ingest.Run(ctx, db, items, ingest.Options{})
	if tally.Err != nil || tally.Added != 2 {
		t.Fatalf("tally %+v", tally)
	}
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 0 {
		t.Fatalf("%d articles left to index after the import (%v)", n, err)
	}
	got, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: "The official death toll is 300 to 400, including around fifty civilians.", Language: "en", Exclude: tally.IDs[0]})
	if err != nil || len(got) == 0 || got[0].ArticleID != tally.IDs[1] || !strings.Contains(got[0].Text, "300 à 400") {
		t.Fatalf("counterparts %+v, %v", got, err)
	}
}
