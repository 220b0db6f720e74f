package storage_test

// Benchmarks of sharing: saving a copy of a database with 10,000 articles and 100,000 claims,
// and merging a file with 100,000 claims (half new, 40% unchanged, 10% changed, some of those
// changed differently here: conflicts), against the floor of a bare ATTACH + INSERT OR IGNORE of
// the same rows in the same run. The databases are built with direct SQL in the schema (rows,
// history entries as Factdesk writes them, then the full-text indexes), once per process.
//
//	go test -run '^$' -bench 'SaveCopy|Merge100k' -benchtime 3x ./storage/

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// shWords are the words of generated article texts.
var shWords = strings.Fields(`the minister said that unemployment fell rose percent in march april last year according to
	official figures from statistics office while critics argued government report survey data showed million people
	workers students farmers prices rents wages inflation growth budget deficit debt tax police protest city council mayor
	bridge road hospital school teachers nurses doctors patients vaccine health climate rainfall drought harvest river
	flood storm energy gas oil electricity company profit jobs cuts factory export import trade europe region village
	election vote party candidate poll campaign court judge law ruling appeal press release spokesman interview denied
	confirmed claimed estimated reported announced warned promised expected average highest lowest since decade`)

// shBulk writes rows into a Factdesk schema with plain SQL, as Factdesk itself would.
type shBulk struct {
	tb       testing.TB
	tx       *sql.Tx
	reviewer string
	t        time.Time
	rng      *rand.Rand
	stmts    map[string]*sql.Stmt
}

func shNewBulk(tb testing.TB, raw *sql.DB, reviewer string, start time.Time, seed uint64) *shBulk {
	tx, err := raw.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	b := &shBulk{tb: tb, tx: tx, reviewer: reviewer, t: start, rng: rand.New(rand.NewPCG(seed, 3)), stmts: map[string]*sql.Stmt{}}
	return b
}

func (b *shBulk) exec(q string, args ...any) {
	st, ok := b.stmts[q]
	if !ok {
		var err error
		if st, err = b.tx.Prepare(q); err != nil {
			b.tb.Fatalf("%s: %v", q, err)
		}
		b.stmts[q] = st
	}
	if _, err := st.Exec(args...); err != nil {
		b.tb.Fatalf("%s: %v", q, err)
	}
}

func (b *shBulk) stamp() string {
	b.t = b.t.Add(time.Microsecond)
	return b.t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

func (b *shBulk) history(at, tbl, row, field string, old, new any) {
	b.exec(`INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
		uuid.Must(uuid.NewV7()).String(), at, b.reviewer, tbl, row, field, old, new)
}

func (b *shBulk) addReviewer(id, name string) {
	at := b.stamp()
	b.exec(`INSERT INTO reviewers(id, name, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?)`, id, name, at, id, at, id)
	j, _ := json.Marshal(map[string]any{"name": name})
	b.history(at, "reviewers", id, "create", nil, string(j))
}

// addArticle stores a generated article of about 300 words and returns its id and text.
func (b *shBulk) addArticle(n int) (string, string) {
	words := make([]string, 300)
	for i := range words {
		words[i] = shWords[b.rng.IntN(len(shWords))]
	}
	words[0] = fmt.Sprintf("Article %d:", n)
	text := strings.Join(words, " ") + "."
	id, at, hash := uuid.Must(uuid.NewV7()).String(), b.stamp(), corpus.HashText(text)
	title := fmt.Sprintf("Generated article %d", n)
	b.exec(`INSERT INTO articles(id, sha256, title, language, origin, format, text, imported_at, imported_by, created_at, created_by, updated_at, updated_by)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, id, hash, title, "en", "bench", "txt", text, at, b.reviewer, at, b.reviewer, at, b.reviewer)
	j, _ := json.Marshal(map[string]any{"sha256": hash, "title": title, "outlet": "", "url": "", "language": "en", "origin": "bench"})
	b.history(at, "articles", id, "create", nil, string(j))
	return id, text
}

// addClaims stores n claims on whole words of text.
func (b *shBulk) addClaims(articleID, text string, n int) []string {
	runes := []rune(text)
	var starts []int
	for i := range runes {
		if (i == 0 || runes[i-1] == ' ') && runes[i] != ' ' {
			starts = append(starts, i)
		}
	}
	ids := make([]string, 0, n)
	for range n {
		w := b.rng.IntN(len(starts) - 6)
		s, e := starts[w], starts[w+1+b.rng.IntN(5)]-1
		a, err := annotate.NewAnchor(text, s, e)
		if err != nil {
			b.tb.Fatal(err)
		}
		id, at := uuid.Must(uuid.NewV7()).String(), b.stamp()
		v := string(annotate.Verdicts[b.rng.IntN(3)])
		b.exec(`INSERT INTO claims(id, article_id, rune_start, rune_end, exact, prefix, suffix, verdict, note, created_at, created_by, updated_at, updated_by)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, id, articleID, a.Start, a.End, a.Exact, a.Prefix, a.Suffix, v, "", at, b.reviewer, at, b.reviewer)
		j, _ := json.Marshal(map[string]any{"article_id": articleID, "rune_start": a.Start, "rune_end": a.End, "exact": a.Exact,
			"prefix": a.Prefix, "suffix": a.Suffix, "verdict": v, "note": ""})
		b.history(at, "claims", id, "create", nil, string(j))
		ids = append(ids, id)
	}
	return ids
}

// setField changes a claim's verdict or note with its history entry.
func (b *shBulk) setField(claimID, field, value string) {
	at := b.stamp()
	var old string
	if err := b.tx.QueryRow(`SELECT `+field+` FROM claims WHERE id = ?`, claimID).Scan(&old); err != nil {
		b.tb.Fatal(err)
	}
	b.exec(`UPDATE claims SET `+field+` = ?, updated_at = ?, updated_by = ? WHERE id = ?`, value, at, b.reviewer, claimID)
	b.history(at, "claims", claimID, field, old, value)
}

// done commits and rebuilds the full-text indexes (every claim is live).
func (b *shBulk) done(raw *sql.DB) {
	for _, st := range b.stmts {
		st.Close()
	}
	if err := b.tx.Commit(); err != nil {
		b.tb.Fatal(err)
	}
	for _, q := range []string{`INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`, `INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')`} {
		if _, err := raw.Exec(q); err != nil {
			b.tb.Fatal(err)
		}
	}
}

// shNewSchema makes an empty Factdesk database at path and opens it with the plain driver.
func shNewSchema(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=OFF&_foreign_keys=on")
	if err != nil {
		tb.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	return raw
}

// shMergeSet is a pair of databases to merge: local, and the file of a remote reviewer made
// from the same base.
type shMergeSet struct {
	local, remote      string
	remoteClaims       int
	conflicts, changed int
}

// shBuildMergeSet builds a base of baseArticles articles with 10 claims each, then a local
// copy with a few local verdict changes, and a remote file with as many new articles and
// claims again, 1 claim in 5 of the base changed (verdict or note), some of them changed
// differently on the local side (conflicts).
func shBuildMergeSet(tb testing.TB, dir string, baseArticles int) shMergeSet {
	tb.Helper()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // in the past: merges refuse entries from the future
	base := filepath.Join(dir, "base.db")
	raw := shNewSchema(tb, base)
	alice, bob := uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String()
	b := shNewBulk(tb, raw, alice, t0, 1)
	b.addReviewer(alice, "Alice")
	b.addReviewer(bob, "Bob")
	var baseClaims []string
	for n := range baseArticles {
		id, text := b.addArticle(n)
		baseClaims = append(baseClaims, b.addClaims(id, text, 10)...)
	}
	b.done(raw)
	raw.Close()

	set := shMergeSet{local: filepath.Join(dir, "local.db"), remote: filepath.Join(dir, "remote.db")}
	shCopy(tb, base, set.local)
	shCopy(tb, base, set.remote)

	// Remote: 1 claim in 5 of the base changed, and as many new articles and claims again.
	raw = shNewSchema(tb, set.remote)
	b = shNewBulk(tb, raw, bob, t0.Add(time.Hour), 2)
	for i, id := range baseClaims {
		switch i % 10 {
		case 3:
			b.setField(id, "verdict", string(annotate.Verdicts[(i/10)%3]))
			set.changed++
		case 7:
			b.setField(id, "note", fmt.Sprintf("remote note %d", i))
			set.changed++
		}
	}
	for n := range baseArticles {
		id, text := b.addArticle(baseArticles + n)
		b.addClaims(id, text, 10)
	}
	b.done(raw)
	raw.QueryRow(`SELECT count(*) FROM claims`).Scan(&set.remoteClaims)
	raw.Close()

	// Local: a few verdicts changed here too, some of them on claims the remote changed.
	raw = shNewSchema(tb, set.local)
	b = shNewBulk(tb, raw, alice, t0.Add(2*time.Hour), 3)
	for i, id := range baseClaims {
		if i%50 == 3 || i%50 == 11 {
			v := string(annotate.Verdicts[((i/10)%3+1)%3]) // differs from the remote's change
			b.setField(id, "verdict", v)
			if i%10 == 3 {
				set.conflicts++
			}
		}
	}
	b.done(raw)
	raw.Close()
	return set
}

var (
	bigOnce sync.Once
	bigSet  shMergeSet
	bigDir  string
)

// shBigSet is the merge set of the benchmarks: a remote file of 10,000 articles and 100,000
// claims, built once per process.
func shBigSet(b *testing.B) shMergeSet {
	bigOnce.Do(func() {
		var err error
		if bigDir, err = os.MkdirTemp("", "factdesk-bench-merge-"); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		bigSet = shBuildMergeSet(b, bigDir, 5000)
		b.Logf("built the benchmark databases in %v: remote %d claims, %d changed, %d conflicting", time.Since(start), bigSet.remoteClaims, bigSet.changed, bigSet.conflicts)
	})
	if bigSet.remote == "" {
		b.Fatal("the benchmark databases could not be built")
	}
	return bigSet
}

func shFileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// BenchmarkSaveCopy saves a copy of a working database with 10,000 articles and 100,000 claims.
func BenchmarkSaveCopy(b *testing.B) {
	set := shBigSet(b)
	ctx := context.Background()
	work := filepath.Join(b.TempDir(), "work.db")
	shCopy(b, set.remote, work)
	db, err := storage.Open(ctx, work, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(b.TempDir(), "share.db")
	b.ResetTimer()
	for range b.N {
		if err := db.SaveCopy(ctx, out, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(shFileSize(out))/1e6, "MB")
}

// BenchmarkMerge100k merges a file with 100,000 claims into a database with 50,000; the floor
// is a bare ATTACH + INSERT OR IGNORE of the same rows into a copy of the same database,
// measured in the same run (reported as floor-s and ratio).
func BenchmarkMerge100k(b *testing.B) {
	set := shBigSet(b)
	ctx := context.Background()
	var mergeTime, floorTime time.Duration
	var rep storage.MergeReport
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		work := filepath.Join(dir, "work.db")
		shCopy(b, set.local, work)
		db, err := storage.Open(ctx, work, storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep, err = db.Merge(ctx, set.remote)
		mergeTime += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		// The verdicts changed differently on both sides are ratings of two reviewers: those
		// claims are contested, not conflicts (docs/shared-record.md).
		if len(rep.NewClaims) != set.remoteClaims/2 || len(rep.Conflicts) != 0 || len(rep.Ratings) < set.conflicts {
			b.Fatalf("merge: %d new claims, %d conflicts, %d ratings; want %d, 0 and at least %d",
				len(rep.NewClaims), len(rep.Conflicts), len(rep.Ratings), set.remoteClaims/2, set.conflicts)
		}
		floor := filepath.Join(dir, "floor.db")
		shCopy(b, set.local, floor)
		floorTime += shBareMerge(b, floor, set.remote)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(mergeTime.Seconds()/float64(b.N), "merge-s")
	b.ReportMetric(floorTime.Seconds()/float64(b.N), "floor-s")
	b.ReportMetric(float64(mergeTime)/float64(floorTime), "ratio")
	b.ReportMetric(float64(len(rep.Changes)), "changes")
	b.ReportMetric(float64(len(rep.Ratings)), "ratings")
}

// shBareMerge is the floor: ATTACH the file and INSERT OR IGNORE every row of every table, in
// one transaction, with the full-text index of the new rows; no checks, no decisions.
func shBareMerge(tb testing.TB, path, remote string) time.Duration {
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL&_foreign_keys=on")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	start := time.Now()
	if _, err := raw.Exec(`ATTACH DATABASE ? AS r`, "file:"+remote+"?mode=ro&immutable=1"); err != nil {
		tb.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA main.cache_size = -131072; PRAGMA r.cache_size = -65536`); err != nil { // as Merge does
		tb.Fatal(err)
	}
	tx, err := raw.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	var maxArt, maxClaim int64
	tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM articles`).Scan(&maxArt)
	tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM claims`).Scan(&maxClaim)
	for _, t := range []string{"reviewers", "articles", "sources", "claims", "links", "history"} {
		rows, err := tx.Query(`SELECT name FROM pragma_table_info(?) WHERE name <> 'seq'`, t)
		if err != nil {
			tb.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		list := strings.Join(cols, ", ")
		if _, err := tx.Exec(`INSERT OR IGNORE INTO main.` + t + `(` + list + `) SELECT ` + list + ` FROM r.` + t); err != nil {
			tb.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO articles_fts(rowid, title, text) SELECT seq, title, text FROM main.articles WHERE seq > ?`,
		`INSERT INTO claims_fts(rowid, exact, note) SELECT seq, exact, note FROM main.claims WHERE seq > ?`,
	} {
		arg := maxArt
		if strings.Contains(q, "claims") {
			arg = maxClaim
		}
		if _, err := tx.Exec(q, arg); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return time.Since(start)
}
