//go:build unix

package storage_test

// The search benchmark of issue 9: two-word searches on a database holding one article of
// 19 MB (under the 20 MB import limit) beside the 10,000 articles of the synthetic corpus.
// Figures and command: docs/perf/search.md.
//
//	go test ./storage/ -run '^$' -bench SearchHugeArticle -count 3

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/corpus"
	"factdesk/corpus/synth"
	"factdesk/storage"
)

// BenchmarkSearchHugeArticle reports the median, 95th percentile and worst time of one
// search (its first page: up to 50 claims and 50 articles, with snippets) for two-word
// queries: words of the corpus, words of the huge article (so it is among the hits), and the
// issue's own ("minister", "line 5").
func BenchmarkSearchHugeArticle(b *testing.B) {
	ctx := context.Background()
	arts, err := parsedCorpus()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	path := filepath.Join(b.TempDir(), "huge.db")
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Bench"); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(arts); i += 1000 {
		if _, err := db.ImportArticles(ctx, arts[i:min(i+1000, len(arts))]); err != nil {
			b.Fatal(err)
		}
	}
	huge := synth.Article(19<<20, benchSeed)
	var lines strings.Builder
	for i := 0; lines.Len() < 1<<20; i++ {
		lines.WriteString("line ")
		lines.WriteString(strings.Repeat("5", 1+i%6))
		lines.WriteString(" of the minister's report\n")
	}
	for _, a := range []corpus.Article{
		{Title: "The huge report", Text: huge, Language: "en", Origin: "huge.txt"},
		{Title: "The many lines", Text: lines.String(), Language: "en", Origin: "lines.txt"},
	} {
		if _, err := db.ImportArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built %d articles and a %.1f MB one in %s", len(arts)+1, float64(len(huge))/1e6, time.Since(start).Round(time.Millisecond))

	queries := benchQueries(arts, 200)
	hugeWords := strings.Fields(strings.ToLower(strings.Map(func(r rune) rune {
		if r == '.' || r == ',' || r == '\n' {
			return ' '
		}
		return r
	}, huge[:200000])))
	for i := 0; len(queries) < 300; i += 7 {
		queries = append(queries, hugeWords[i%len(hugeWords)]+" "+hugeWords[(i*13+5)%len(hugeWords)])
	}
	queries = append(queries, "minister said", "line 5", "the minister", "of the")

	var times []time.Duration
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		q := queries[i%len(queries)]
		t0 := time.Now()
		if _, err := db.Search(ctx, q, 0); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(i)/1e6, "cpu_ms/op")
	reportQuantiles(b, times)
	worst := times[len(times)-1]
	b.ReportMetric(float64(worst)/1e6, "ms_max")
}
