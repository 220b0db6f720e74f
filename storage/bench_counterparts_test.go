//go:build unix

package storage_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"factdesk/annotate/counterpart"
	"factdesk/corpus"
	"factdesk/corpus/synth"
	"factdesk/storage"
)

// counterpartArticles sizes BenchmarkCounterparts10k's corpus (10,000 by default).
var counterpartArticles = flag.Int("counterpart-articles", 10000, "articles in BenchmarkCounterparts10k's corpus")

// cpCorpusArticle is article i of the counterparts benchmark's corpus: about 3 KB of the
// synthetic news templates (corpus/synth: varied figures, names, places and dates), English
// for even i, French for odd i.
func cpCorpusArticle(i int) corpus.Article {
	lang := "en"
	if i%2 == 1 {
		lang = "fr"
	}
	return corpus.Article{Title: fmt.Sprint("article ", i), Text: synth.Article(3000, int64(i)), Language: lang, Origin: "bench"}
}

// cpCorpus is the database of the counterparts benchmark: n articles imported as `factdesk
// import` does (counterpart keys computed on every core, 200 articles a transaction), built
// once and kept in the temporary folder (factdesk-bench-counterparts-N.db) for later runs.
var cpCorpus = sync.OnceValues(func() (string, error) {
	n := *counterpartArticles
	path := filepath.Join(os.TempDir(), fmt.Sprintf("factdesk-bench-counterparts-%d-v%d.db", n, storage.SchemaVersion))
	ctx := context.Background()
	if _, err := os.Stat(path); err == nil {
		db, err := storage.Open(ctx, path, storage.Options{})
		if err == nil {
			arts, err1 := db.Articles(ctx)
			pending, err2 := db.CounterpartsPending(ctx)
			db.Close()
			if err1 == nil && err2 == nil && len(arts) == n && pending == 0 {
				return path, nil
			}
		}
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
	}
	tmp := path + ".building"
	os.Remove(tmp)
	db, err := storage.Open(ctx, tmp, storage.Options{})
	if err != nil {
		return "", err
	}
	if _, err := db.SetReviewer(ctx, "Bench"); err != nil {
		return "", err
	}
	start, c0 := time.Now(), cpuTime()
	const batch = 200
	for i := 0; i < n; i += batch {
		prep := make([]storage.PreparedArticle, min(batch, n-i))
		var wg sync.WaitGroup
		next := make(chan int)
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range next {
					prep[j] = storage.PrepareArticle(cpCorpusArticle(i + j))
				}
			}()
		}
		for j := range prep {
			next <- j
		}
		close(next)
		wg.Wait()
		if _, err := db.ImportPrepared(ctx, prep); err != nil {
			return "", err
		}
	}
	el, cpu := time.Since(start), cpuTime()-c0
	if err := db.Close(); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "BenchmarkCounterparts10k: imported %d articles with their counterpart index in %s, %.0f articles/s, %.0f per CPU-second (text generation included)\n",
		n, el.Round(time.Millisecond), float64(n)/el.Seconds(), float64(n)/cpu.Seconds())
	return path, os.Rename(tmp, path)
})

// BenchmarkCounterparts10k: the counterparts of one claim (a sentence of a random article of the
// corpus) among 10,000 other articles of about 3 KB, English and French, through the index
// built at import. It reports the median and 95th percentile of one query (wall), the first
// query of the run (before the key frequencies are cached) and the CPU time per query.
// -counterpart-articles N sizes the corpus.
func BenchmarkCounterparts10k(b *testing.B) {
	path, err := cpCorpus()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	arts, err := db.Articles(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if p, err := db.CounterpartsPending(ctx); err != nil || p != 0 {
		b.Fatalf("%d articles not indexed (%v)", p, err)
	}
	counterpart.DefaultLexicon() // loaded once per process, before the clock
	rng := rand.New(rand.NewPCG(13, 14))
	var times []time.Duration
	found := 0
	var cpu time.Duration
	for b.Loop() {
		i := rng.IntN(len(arts))
		a := cpCorpusArticle(i)
		ss := corpus.Sentences(a.Text, a.Language)
		s := ss[rng.IntN(len(ss))]
		t0, c0 := time.Now(), cpuTime()
		got, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: s.Text, Language: a.Language, Exclude: arts[i].ID, Top: 5})
		times = append(times, time.Since(t0))
		cpu += cpuTime() - c0
		if err != nil {
			b.Fatal(err)
		}
		if len(got) > 0 {
			found++
		}
	}
	b.ReportMetric(float64(times[0].Microseconds())/1e3, "ms_first") // before the frequencies are cached
	reportQuantiles(b, times)
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(len(times)), "cpu_ms/op")
	b.ReportMetric(float64(found)/float64(len(times)), "found_ratio")
}
