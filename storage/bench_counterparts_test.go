package storage_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"factdesk/annotate/counterpart"
	"factdesk/corpus"
	"factdesk/corpus/synth"
	"factdesk/storage"
)

// counterpartArticles sizes BenchmarkCounterparts10k's corpus (10,000 by default).
var counterpartArticles = flag.Int("counterpart-articles", 10000, "articles in BenchmarkCounterparts10k's corpus")

// BenchmarkCounterparts10k: the counterparts of one claim (a sentence of a random article) among
// 10,000 other articles of about 3 KB, English and French, through the index built at import.
// It reports the median and 95th percentile of one query, and logs how long the import with the
// index took. -counterpart-articles N sizes the corpus.
func BenchmarkCounterparts10k(b *testing.B) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(b.TempDir(), "cp.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Bench"); err != nil {
		b.Fatal(err)
	}
	n := *counterpartArticles
	arts := make([]corpus.Article, n)
	for i := range arts {
		lang := "en"
		if i%2 == 1 {
			lang = "fr"
		}
		arts[i] = corpus.Article{Title: fmt.Sprint("article ", i), Text: synth.Article(3000, int64(i)), Language: lang, Origin: "bench"}
	}
	start := time.Now()
	var ids []string
	for i := 0; i < n; i += 500 {
		res, err := db.ImportArticles(ctx, arts[i:min(i+500, n)])
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			ids = append(ids, r.Article.ID)
		}
	}
	b.Logf("imported %d articles with their index in %s (%.0f articles/s)", n, time.Since(start).Round(time.Millisecond), float64(n)/time.Since(start).Seconds())
	if p, err := db.CounterpartsPending(ctx); err != nil || p != 0 {
		b.Fatalf("%d articles not indexed at import (%v)", p, err)
	}
	counterpart.DefaultLexicon() // loaded once per process, before the clock
	rng := rand.New(rand.NewPCG(13, 14))
	var times []time.Duration
	found := 0
	for b.Loop() {
		i := rng.IntN(n)
		ss := counterpart.AnalyzeText(arts[i].Text, arts[i].Language, nil)
		s := ss[rng.IntN(len(ss))]
		t0 := time.Now()
		got, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: s.Text, Language: arts[i].Language, Exclude: ids[i], Top: 5})
		times = append(times, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		if len(got) > 0 {
			found++
		}
	}
	reportQuantiles(b, times)
	b.ReportMetric(float64(found)/float64(len(times)), "found_ratio")
}
