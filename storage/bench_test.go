//go:build unix

package storage_test

// Benchmarks for issue 2's figures, on the synthetic corpus of factdesk/corpus/synth (raw
// EN/FR articles of about 3 KB with web boilerplate). Figures and commands: docs/perf/storage.md.
// Besides wall-clock rates, the import reports rates per second of process CPU time
// (getrusage, hence unix only): the import runs on one goroutine, so those are what an idle
// core would give, whatever else the machine is doing.
//
//	go test ./storage/ -run '^$' -bench . -benchtime 1x    (the import: one run of 10,000)
//	go test ./storage/ -run '^$' -bench Queries10k          (queries on 10,000 articles, 100,000 claims)

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"factdesk/corpus"
	"factdesk/corpus/synth"
	"factdesk/storage"
)

const (
	benchArticles        = 10000
	benchClaimsPerArticl = 10
	benchSeed            = 2026
)

// rawCorpus is the synthetic corpus as files: generated once per benchmark process.
var rawCorpus = sync.OnceValue(func() []string { return synth.Texts(benchArticles, benchSeed) })

// parsedCorpus is rawCorpus through the import pipeline (decoding, cleaning, language
// detection, metadata): parsed once per benchmark process, for the benchmarks that need
// articles as stored rather than the pipeline's speed.
var parsedCorpus = sync.OnceValues(func() ([]corpus.Article, error) {
	raw := rawCorpus()
	out := make([]corpus.Article, len(raw))
	for i, text := range raw {
		a, err := corpus.Parse(fmt.Sprintf("article-%05d.txt", i), []byte(text))
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
})

// BenchmarkImport10k imports the 10,000 raw articles as `factdesk import` does: each file
// parsed (decoded, cleaned, language detected) and its counterpart keys computed
// (storage.PrepareArticle, the parse stage, which ingest runs on every core), then stored
// with its full-text index, its counterpart index and its history entry, 200 articles a
// transaction. It reports articles/s for the whole pipeline and
// for storage alone, and compares with bare INSERTs of the same clean texts into a plain table
// of a separate SQLite file with the same settings (WAL, synchronous=NORMAL), also 200 a
// transaction: x_bare is how many times longer storage takes than that floor.
func BenchmarkImport10k(b *testing.B) {
	raw := rawCorpus()
	parsed, err := parsedCorpus() // the clean texts, for the bare INSERT floor
	if err != nil {
		b.Fatal(err)
	}
	for _, batch := range []int{200, 25} { // the command line's batches, the GUI's
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			var pipeline, parse, store, bare time.Duration
			var pipelineCPU, parseCPU, prepCPU, storeCPU, bareCPU time.Duration
			for b.Loop() {
				dir := b.TempDir()
				db, err := storage.Open(ctx, filepath.Join(dir, "import.db"), storage.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.SetReviewer(ctx, "Bench"); err != nil {
					b.Fatal(err)
				}
				start, startCPU := time.Now(), cpuTime()
				arts := make([]storage.PreparedArticle, 0, batch)
				for i, text := range raw {
					t0, c0 := time.Now(), cpuTime()
					a, err := corpus.Parse(fmt.Sprintf("article-%05d.txt", i), []byte(text))
					if err != nil {
						b.Fatal(err)
					}
					cp := cpuTime()
					arts = append(arts, storage.PrepareArticle(a))
					parse += time.Since(t0)
					parseCPU += cpuTime() - c0
					prepCPU += cpuTime() - cp
					if len(arts) == batch || i == len(raw)-1 {
						t1, c1 := time.Now(), cpuTime()
						res, err := db.ImportPrepared(ctx, arts)
						if err != nil {
							b.Fatal(err)
						}
						store += time.Since(t1)
						storeCPU += cpuTime() - c1
						for _, r := range res {
							if r.Existing {
								b.Fatalf("synthetic article %s imported twice", r.Article.Origin)
							}
						}
						arts = arts[:0]
					}
				}
				pipeline += time.Since(start)
				pipelineCPU += cpuTime() - startCPU
				if got, err := db.Articles(ctx); err != nil || len(got) != len(raw) {
					b.Fatalf("%d articles stored (%v), want %d", len(got), err, len(raw))
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				t2, c2 := time.Now(), cpuTime()
				bareInsert(b, filepath.Join(dir, "bare.db"), parsed, batch)
				bare += time.Since(t2)
				bareCPU += cpuTime() - c2
			}
			n := float64(b.N * len(raw))
			b.ReportMetric(n/pipeline.Seconds(), "articles/s")
			b.ReportMetric(n/pipelineCPU.Seconds(), "articles/cpu_s")
			b.ReportMetric(n/parse.Seconds(), "parsed/s")
			b.ReportMetric(n/parseCPU.Seconds(), "parsed/cpu_s")
			b.ReportMetric(prepCPU.Seconds()*1e3/n, "index_keys_cpu_ms/article")
			b.ReportMetric(n/store.Seconds(), "stored/s")
			b.ReportMetric(n/storeCPU.Seconds(), "stored/cpu_s")
			b.ReportMetric(n/bare.Seconds(), "bare_inserts/s")
			b.ReportMetric(store.Seconds()/bare.Seconds(), "x_bare")
			b.ReportMetric(storeCPU.Seconds()/bareCPU.Seconds(), "x_bare_cpu")
			b.ReportMetric(pipeline.Seconds()/bare.Seconds(), "x_bare_pipeline")
		})
	}
}

// BenchmarkImport10kParallel imports the 10,000 raw articles the way `factdesk import` and the
// window do (storage/ingest): files parsed and their counterpart keys computed on every core,
// stored in order, 200 articles a transaction. It reports articles/s for the whole pipeline
// (issue 2's figure); BenchmarkImport10k measures each step alone for the ratios.
func BenchmarkImport10kParallel(b *testing.B) {
	raw := rawCorpus()
	ctx := context.Background()
	var pipeline, pipelineCPU time.Duration
	for b.Loop() {
		db, err := storage.Open(ctx, filepath.Join(b.TempDir(), "import.db"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.SetReviewer(ctx, "Bench"); err != nil {
			b.Fatal(err)
		}
		start, startCPU := time.Now(), cpuTime()
		prepared := make([]storage.PreparedArticle, len(raw))
		arts := make([]storage.PreparedArticle, 0, 200)
		err = corpus.ParseEach(ctx, len(raw), func(i int) (corpus.Article, error) {
			a, err := corpus.Parse(fmt.Sprintf("article-%05d.txt", i), []byte(raw[i]))
			if err == nil {
				prepared[i] = storage.PrepareArticle(a)
			}
			return a, err
		}, func(i int, _ corpus.Article, err error) error {
			if err != nil {
				return err
			}
			arts = append(arts, prepared[i])
			prepared[i] = storage.PreparedArticle{}
			if len(arts) == cap(arts) || i == len(raw)-1 {
				if _, err := db.ImportPrepared(ctx, arts); err != nil {
					return err
				}
				arts = arts[:0]
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		pipeline += time.Since(start)
		pipelineCPU += cpuTime() - startCPU
		if got, err := db.Articles(ctx); err != nil || len(got) != len(raw) {
			b.Fatalf("%d articles stored (%v), want %d", len(got), err, len(raw))
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	n := float64(b.N * len(raw))
	b.ReportMetric(n/pipeline.Seconds(), "articles/s")
	b.ReportMetric(n/pipelineCPU.Seconds(), "articles/cpu_s")
}

// cpuTime is the CPU time (user and system) this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// bareInsert writes the texts into a plain table of a new file, batch rows a transaction,
// with storage's settings.
func bareInsert(b *testing.B, path string, arts []corpus.Article, batch int) {
	b.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec(`CREATE TABLE texts(seq INTEGER PRIMARY KEY, text TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(arts); i += batch {
		tx, err := raw.Begin()
		if err != nil {
			b.Fatal(err)
		}
		ins, err := tx.Prepare(`INSERT INTO texts(text) VALUES (?)`)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range arts[i:min(i+batch, len(arts))] {
			if _, err := ins.Exec(a.Text); err != nil {
				b.Fatal(err)
			}
		}
		ins.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchDB is a closed database of the 10,000 parsed articles and 100,000 claims (10 on each
// article, with a note on every third, and their history), in a folder of the benchmark.
type benchDB struct {
	path   string
	arts   []corpus.Article
	ids    []string // article ids, in corpus order
	claims int
}

// buildBenchDB imports the articles with the public API (a few big transactions), then adds
// the claims, their search index rows and their history entries directly with database/sql
// in one transaction, since 100,000 AddClaim transactions would take minutes.
func buildBenchDB(b *testing.B, dir string) *benchDB {
	b.Helper()
	ctx := context.Background()
	arts, err := parsedCorpus()
	if err != nil {
		b.Fatal(err)
	}
	bd := &benchDB{path: filepath.Join(dir, "bench.db"), arts: arts}
	db, err := storage.Open(ctx, bd.path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rev, err := db.SetReviewer(ctx, "Bench")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(arts); i += 1000 {
		res, err := db.ImportArticles(ctx, arts[i:min(i+1000, len(arts))])
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			bd.ids = append(bd.ids, r.Article.ID)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}

	raw, err := sql.Open("sqlite3", "file:"+bd.path+"?_journal_mode=WAL&_synchronous=NORMAL&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	insClaim, err := tx.Prepare(`INSERT INTO claims(id, article_id, rune_start, rune_end, exact, prefix, suffix, verdict, note,
		created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		b.Fatal(err)
	}
	insFTS, err := tx.Prepare(`INSERT INTO claims_fts(rowid, exact, note) VALUES (?,?,?)`)
	if err != nil {
		b.Fatal(err)
	}
	insHist, err := tx.Prepare(`INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,'claims',?,'create',NULL,?)`)
	if err != nil {
		b.Fatal(err)
	}
	verdicts := []string{"unverified", "confirmed", "disputed"}
	at := time.Now().UTC()
	for i, a := range arts {
		runes := []rune(a.Text)
		for k, sp := range claimSpans(runes, benchClaimsPerArticl) {
			exact := string(runes[sp[0]:sp[1]])
			prefix := string(runes[max(0, sp[0]-32):sp[0]])
			suffix := string(runes[sp[1]:min(len(runes), sp[1]+32)])
			note := ""
			if k%3 == 0 {
				note = fmt.Sprintf("Checked against the agency wire, claim %d of article %d", k, i)
			}
			id, stamp := uuid.Must(uuid.NewV7()).String(), at.Add(time.Duration(bd.claims)*time.Microsecond).Format("2006-01-02T15:04:05.000000Z")
			v := verdicts[(i+k)%3]
			r, err := insClaim.Exec(id, bd.ids[i], sp[0], sp[1], exact, prefix, suffix, v, note, stamp, rev.ID, stamp, rev.ID)
			if err != nil {
				b.Fatal(err)
			}
			seq, _ := r.LastInsertId()
			if _, err := insFTS.Exec(seq, exact, note); err != nil {
				b.Fatal(err)
			}
			fields, _ := json.Marshal(map[string]any{"article_id": bd.ids[i], "rune_start": sp[0], "rune_end": sp[1], "exact": exact,
				"prefix": prefix, "suffix": suffix, "verdict": v, "note": note})
			if _, err := insHist.Exec(uuid.Must(uuid.NewV7()).String(), stamp, rev.ID, id, string(fields)); err != nil {
				b.Fatal(err)
			}
			bd.claims++
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	return bd
}

// claimSpans picks n sentence-like spans of the text, spread over it: from a word start to
// the end of the 8th word after it.
func claimSpans(runes []rune, n int) [][2]int {
	var starts []int
	for i := range runes {
		if unicode.IsLetter(runes[i]) && (i == 0 || unicode.IsSpace(runes[i-1])) {
			starts = append(starts, i)
		}
	}
	var out [][2]int
	for k := range n {
		w := k * len(starts) / n
		end := len(runes)
		if w+8 < len(starts) {
			end = starts[w+8] - 1
		}
		out = append(out, [2]int{starts[w], end})
	}
	return out
}

// benchQueries are two-word queries a person would type: pairs of words of 5 letters or more
// taken from the same sentence of random articles (so that most queries find something, as
// real ones do), and a few pairs from different articles.
func benchQueries(arts []corpus.Article, n int) []string {
	rng := rand.New(rand.NewPCG(7, 8))
	words := func(s string) []string {
		return slices.DeleteFunc(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }),
			func(w string) bool { return utf8.RuneCountInString(w) < 5 })
	}
	var out []string
	for len(out) < n {
		a := arts[rng.IntN(len(arts))]
		sentences := strings.Split(a.Text, ". ")
		ws := words(sentences[rng.IntN(len(sentences))])
		if len(out)%5 == 4 { // unrelated words
			ws = append(words(a.Text), words(arts[rng.IntN(len(arts))].Text)...)
		}
		if len(ws) < 2 {
			continue
		}
		i, j := rng.IntN(len(ws)), rng.IntN(len(ws))
		if ws[i] == ws[j] {
			continue
		}
		out = append(out, strings.ToLower(ws[i])+" "+strings.ToLower(ws[j]))
	}
	return out
}

// BenchmarkQueries10k runs the queries of issue 2 on a database of 10,000 articles and
// 100,000 claims, built once for its sub-benchmarks. It reports the median (and 95th
// percentile) time of one query in ms.
func BenchmarkQueries10k(b *testing.B) {
	ctx := context.Background()
	start := time.Now()
	bd := buildBenchDB(b, b.TempDir())
	b.Logf("built %d articles, %d claims in %s", len(bd.ids), bd.claims, time.Since(start).Round(time.Millisecond))
	db, err := storage.Open(ctx, bd.path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	b.Run("search_two_words", func(b *testing.B) {
		queries := benchQueries(bd.arts, 500)
		var times []time.Duration
		found := 0
		i := 0
		cpu := cpuTime()
		for b.Loop() {
			t0 := time.Now()
			hits, err := db.Search(ctx, queries[i%len(queries)], 0)
			times = append(times, time.Since(t0))
			if err != nil {
				b.Fatal(err)
			}
			if len(hits) > 0 {
				found++
			}
			i++
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(i)/1e6, "cpu_ms/op")
		reportQuantiles(b, times)
		b.ReportMetric(float64(found)/float64(i), "found_ratio")
	})

	// The same-run baseline of search_two_words: the same MATCH expressions on the same two
	// indexes, ordered by the same rank and limit, without the joins, the deleted-row filters
	// and the snippets. Its ratio to search_two_words is what make bench-check watches.
	b.Run("fts_match_two_words", func(b *testing.B) {
		raw, err := sql.Open("sqlite3", "file:"+bd.path+"?mode=ro&_query_only=1")
		if err != nil {
			b.Fatal(err)
		}
		defer raw.Close()
		raw.SetMaxOpenConns(1)
		queries := benchQueries(bd.arts, 500)
		var times []time.Duration
		i := 0
		cpu := cpuTime()
		for b.Loop() {
			m := storage.FTSQuery(queries[i%len(queries)])
			t0 := time.Now()
			for _, q := range []string{
				`SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rank LIMIT ?2`,
				`SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1 AND rank MATCH 'bm25(5.0, 1.0)' ORDER BY rank LIMIT ?2`,
			} {
				rows, err := raw.QueryContext(ctx, q, m, 50)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					var id int64
					var rank float64
					if err := rows.Scan(&id, &rank); err != nil {
						b.Fatal(err)
					}
				}
				if err := rows.Close(); err != nil {
					b.Fatal(err)
				}
			}
			times = append(times, time.Since(t0))
			i++
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(i)/1e6, "cpu_ms/op")
		reportQuantiles(b, times)
	})

	b.Run("claims_of_article", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(9, 10))
		var times []time.Duration
		for b.Loop() {
			id := bd.ids[rng.IntN(len(bd.ids))]
			t0 := time.Now()
			cs, err := db.Claims(ctx, storage.ClaimFilter{ArticleID: id})
			times = append(times, time.Since(t0))
			if err != nil || len(cs) != benchClaimsPerArticl {
				b.Fatalf("Claims(%s) = %d claims, %v", id, len(cs), err)
			}
		}
		reportQuantiles(b, times)
	})
}

func reportQuantiles(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	ms := func(q float64) float64 { return float64(times[int(q*float64(len(times)-1))]) / 1e6 }
	b.ReportMetric(ms(0.5), "ms_median")
	b.ReportMetric(ms(0.95), "ms_p95")
}
