package storage_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"factdesk/annotate/counterpart"
	"factdesk/storage"
)

// BenchmarkCounterparts10k: the counterparts of one claim (a sentence of a random article of the
// 10,000) among all the other articles, through the index built at import. The claims are
// sentences of the corpus, so each has at least its own article's counterparts to find.
func BenchmarkCounterparts10k(b *testing.B) {
	ctx := context.Background()
	start := time.Now()
	bd := buildBenchDB(b, b.TempDir())
	b.Logf("built %d articles in %s", len(bd.ids), time.Since(start).Round(time.Millisecond))
	db, err := storage.Open(ctx, bd.path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 0 {
		b.Fatalf("%d articles not indexed at import (%v)", n, err)
	}
	counterpart.DefaultLexicon() // loaded once per process, before the clock
	rng := rand.New(rand.NewPCG(13, 14))
	var times []time.Duration
	found := 0
	for b.Loop() {
		i := rng.IntN(len(bd.arts))
		a := bd.arts[i]
		ss := counterpart.AnalyzeText(a.Text, a.Language, nil)
		s := ss[rng.IntN(len(ss))]
		t0 := time.Now()
		got, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: s.Text, Language: a.Language, Exclude: bd.ids[i], Top: 5})
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
