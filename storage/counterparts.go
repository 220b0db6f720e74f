package storage

import (
	"context"
	"database/sql"
	"encoding/binary"
	"hash/fnv"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"factdesk/annotate/counterpart"
)

// CounterpartQuery asks for the sentences of other articles that state the same fact as Text.
type CounterpartQuery struct {
	Text     string
	Language string   // of Text, ISO 639-1 ("" when unknown)
	Exclude  string   // an article to leave out: the claim's own
	In       []string // the articles to search (ids); none: every live article
	Top      int      // how many candidates (default 5)
}

// CounterpartCandidate is a sentence found for a CounterpartQuery, best first.
type CounterpartCandidate struct {
	ArticleID    string
	ArticleTitle string
	Start, End   int // rune offsets of the sentence in the article text, as claims anchor
	Text         string
	counterpart.Match
}

// Index limits: the rarest keys of a query are looked up first, keys shared by too many
// sentences tell nothing, a query reads a bounded number of postings, and only the sentences
// sharing the most keys are scored in full.
const (
	maxQueryKeys    = 24
	minQueryKeys    = 2
	maxCandidates   = 300
	maxKeyPostings  = 20000
	maxPostingsRead = 40000 // by one query, in all
)

// counterpartScheme is the version of the keys the index holds (counterpart.IndexSentences and
// their hashing): when an article was indexed with another version, IndexCounterparts builds
// the whole index again.
const counterpartScheme = 2

// sentenceBits: a sentence's id in counterpart_postings is its article's seq << sentenceBits
// plus its number among the article's indexed sentences.
const (
	sentenceBits = 20
	maxSentences = 1 << sentenceBits
)

// CounterpartKeys is the counterpart index of one article's text: its sentences' offsets and
// hashed keys, computed apart from the transaction that stores it (PrepareArticle), so that
// an import computes it on every core while the previous batch is being written.
type CounterpartKeys struct {
	spans []byte    // uvarints: each sentence's rune start less the previous end, and its length
	terms [][]int64 // the hashed keys of each sentence
}

// PrepareCounterparts computes the counterpart index of an article's text in language lang.
func PrepareCounterparts(text, lang string) *CounterpartKeys {
	ss := counterpart.IndexSentences(text, lang)
	if len(ss) > maxSentences {
		ss = ss[:maxSentences]
	}
	k := &CounterpartKeys{spans: make([]byte, 0, len(ss)*3), terms: make([][]int64, len(ss))}
	prev := 0
	for i, s := range ss {
		k.spans = binary.AppendUvarint(k.spans, uint64(s.Start-prev))
		k.spans = binary.AppendUvarint(k.spans, uint64(s.End-s.Start))
		prev = s.End
		k.terms[i] = make([]int64, len(s.Keys))
		for j, key := range s.Keys {
			k.terms[i][j] = hashTerm(key)
		}
	}
	return k
}

// hashTerm is the index term of a key: its 64-bit FNV-1a hash (keys are in any script; two
// keys of one hash would only make a search look at a few more sentences).
func hashTerm(key string) int64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int64(h.Sum64())
}

// sentenceSpan is where an indexed sentence is in its article's text, in runes and bytes.
type sentenceSpan struct{ start, end, bstart, bend int }

// decodeSpans reads the spans of an article's indexed sentences and finds their byte offsets
// in its text (walking it once); a span past the text ends the list.
func decodeSpans(b []byte, text string) []sentenceSpan {
	var out []sentenceSpan
	prev, bi, ri := 0, 0, 0
	byteAt := func(r int) int {
		for ri < r && bi < len(text) {
			_, w := utf8.DecodeRuneInString(text[bi:])
			bi += w
			ri++
		}
		return bi
	}
	for len(b) > 0 {
		gap, n := binary.Uvarint(b)
		if n <= 0 {
			return out
		}
		b = b[n:]
		length, n := binary.Uvarint(b)
		if n <= 0 {
			return out
		}
		b = b[n:]
		start := prev + int(gap)
		end := start + int(length)
		bs := byteAt(start)
		be := byteAt(end)
		if ri < end {
			return out
		}
		out = append(out, sentenceSpan{start, end, bs, be})
		prev = end
	}
	return out
}

// The statements that store the counterpart index: an article's row, and the postings of one
// key for the articles of a transaction.
const (
	sqlCounterpartArticle  = `INSERT INTO counterpart_articles(article_seq, scheme, sentences, spans) VALUES (?,?,?,?)`
	sqlCounterpartPostings = `INSERT INTO counterpart_postings(bucket, term, chunk, n, ids) VALUES (?,?,?,?,?)`
)

// bucketBits: the postings of the articles whose seqs share their bits above bucketBits are
// kept together (counterpart_postings.bucket), so that storing a batch rewrites only the
// pages of the latest articles' postings, not pages all over the table; a search looks a key
// up in each bucket.
const bucketBits = 10

// postingWriter gathers the postings of the articles stored in one transaction, by key, and
// writes them as one row per key: the keys of a batch of articles repeat, so there are far
// fewer rows than pairs of key and article.
type postingWriter struct {
	exec  func(q string, args ...any) (sql.Result, error)
	terms map[int64][]int64 // term -> sentence ids, ascending
}

func newPostingWriter(exec func(q string, args ...any) (sql.Result, error)) *postingWriter {
	return &postingWriter{exec: exec, terms: make(map[int64][]int64, 4096)}
}

// add stores the article row of seq (not indexed yet) and gathers its postings.
func (w *postingWriter) add(seq int64, k *CounterpartKeys) error {
	for i, ts := range k.terms {
		id := seq<<sentenceBits | int64(i)
		for _, t := range ts {
			w.terms[t] = append(w.terms[t], id)
		}
	}
	_, err := w.exec(sqlCounterpartArticle, seq, counterpartScheme, len(k.terms), k.spans)
	return err
}

// flush writes the gathered postings, one row per key and bucket.
func (w *postingWriter) flush() error {
	var ids []byte
	for term, list := range w.terms {
		for len(list) > 0 {
			bucket := list[0] >> (sentenceBits + bucketBits)
			n := 0
			ids = ids[:0]
			prev := int64(0)
			for _, id := range list {
				if id>>(sentenceBits+bucketBits) != bucket {
					break
				}
				ids = binary.AppendUvarint(ids, uint64(id-prev))
				prev = id
				n++
			}
			if _, err := w.exec(sqlCounterpartPostings, bucket, term, list[0], n, ids); err != nil {
				return err
			}
			list = list[n:]
		}
	}
	clear(w.terms)
	return nil
}

// decodeIDs returns the sentence ids of a posting blob.
func decodeIDs(b []byte, out []int64) []int64 {
	prev := int64(0)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return out
		}
		prev += int64(d)
		out = append(out, prev)
		b = b[n:]
	}
	return out
}

// txExec runs statements in tx, each prepared once.
func txExec(ctx context.Context, tx *sql.Tx) (exec func(q string, args ...any) (sql.Result, error), closeAll func()) {
	stmts := map[string]*sql.Stmt{}
	exec = func(q string, args ...any) (sql.Result, error) {
		st, ok := stmts[q]
		if !ok {
			var err error
			if st, err = tx.PrepareContext(ctx, q); err != nil {
				return nil, err
			}
			stmts[q] = st
		}
		return st.ExecContext(ctx, args...)
	}
	return exec, func() {
		for _, st := range stmts {
			st.Close()
		}
	}
}

// CounterpartsPending counts the live articles whose counterpart index is missing or was built
// by a version of Factdesk with other keys: IndexCounterparts builds them.
func (db *DB) CounterpartsPending(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM articles a LEFT JOIN counterpart_articles i ON i.article_seq = a.seq
		WHERE a.deleted_at IS NULL AND (i.article_seq IS NULL OR i.scheme <> ?)`, counterpartScheme).Scan(&n)
	return n, classify(err, db.path)
}

// indexChunk is how many articles IndexCounterparts indexes per transaction.
var indexChunk = 64

// IndexCounterparts builds the counterpart index of the articles that lack it: a database made
// before the index was built at import, or by a Factdesk whose keys differ (then the whole
// index is built again). The texts are analysed on every core and stored indexChunk articles
// a transaction, calling progress after each. Cancelling ctx stops it between two
// transactions; what was built stays. It returns the number of articles indexed.
func (db *DB) IndexCounterparts(ctx context.Context, progress func(done, total int)) (int, error) {
	if db.readOnly {
		return 0, db.errReadOnly()
	}
	var stale int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM counterpart_articles WHERE scheme <> ?`, counterpartScheme).Scan(&stale); err != nil {
		return 0, classify(err, db.path)
	}
	if stale > 0 { // keys of another version: start again
		if err := db.writeTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM counterpart_postings`); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM counterpart_articles`)
			return err
		}); err != nil {
			return 0, err
		}
	}
	seqs, err := db.pendingCounterparts(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	for len(seqs) > 0 {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		chunk := seqs[:min(len(seqs), indexChunk)]
		seqs = seqs[len(chunk):]
		keys, err := db.prepareStored(ctx, chunk)
		if err != nil {
			return done, err
		}
		if err := db.writeTx(ctx, func(tx *sql.Tx) error {
			exec, closeAll := txExec(ctx, tx)
			defer closeAll()
			w := newPostingWriter(exec)
			for i, seq := range chunk {
				var have int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM counterpart_articles WHERE article_seq = ?`, seq).Scan(&have); err != nil {
					return err
				}
				if have > 0 { // indexed meanwhile (an import, another window)
					continue
				}
				if err := w.add(seq, keys[i]); err != nil {
					return err
				}
			}
			return w.flush()
		}); err != nil {
			return done, err
		}
		done += len(chunk)
		if progress != nil {
			progress(done, done+len(seqs))
		}
	}
	return done, nil
}

// pendingCounterparts lists the seqs of the live articles not indexed, in import order.
func (db *DB) pendingCounterparts(ctx context.Context) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.seq FROM articles a LEFT JOIN counterpart_articles i ON i.article_seq = a.seq
		WHERE a.deleted_at IS NULL AND i.article_seq IS NULL ORDER BY a.seq`)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	var seqs []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, classify(err, db.path)
		}
		seqs = append(seqs, s)
	}
	return seqs, classify(rows.Err(), db.path)
}

// prepareStored reads the stored articles seqs and computes their index on every core.
func (db *DB) prepareStored(ctx context.Context, seqs []int64) ([]*CounterpartKeys, error) {
	type text struct{ text, lang string }
	texts := make([]text, len(seqs))
	for i, seq := range seqs {
		if err := db.read.QueryRowContext(ctx, `SELECT text, language FROM articles WHERE seq = ?`, seq).Scan(&texts[i].text, &texts[i].lang); err != nil {
			return nil, classify(err, db.path)
		}
	}
	return prepareAll(len(texts), func(i int) (string, string) { return texts[i].text, texts[i].lang }), nil
}

// prepareAll computes the index of n texts on every core.
func prepareAll(n int, text func(i int) (text, lang string)) []*CounterpartKeys {
	out := make([]*CounterpartKeys, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(runtime.GOMAXPROCS(0), n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = PrepareCounterparts(text(i))
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// indexNewArticlesTx indexes, in tx, the articles with a seq above after that have no index:
// the articles a merge brought.
func indexNewArticlesTx(ctx context.Context, tx dbtx, after int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.seq, a.text, a.language FROM main.articles a LEFT JOIN main.counterpart_articles i ON i.article_seq = a.seq
		WHERE a.seq > ? AND i.article_seq IS NULL ORDER BY a.seq`, after)
	if err != nil {
		return err
	}
	type art struct {
		seq        int64
		text, lang string
	}
	var arts []art
	for rows.Next() {
		var a art
		if err := rows.Scan(&a.seq, &a.text, &a.lang); err != nil {
			rows.Close()
			return err
		}
		arts = append(arts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(arts) == 0 {
		return err
	}
	keys := prepareAll(len(arts), func(i int) (string, string) { return arts[i].text, arts[i].lang })
	w := newPostingWriter(func(q string, args ...any) (sql.Result, error) { return tx.ExecContext(ctx, q, args...) })
	for i, a := range arts {
		if err := w.add(a.seq, keys[i]); err != nil {
			return err
		}
	}
	return w.flush()
}

// dfStats are document frequencies read from the index.
type dfStats struct {
	df map[string]int
	n  int
}

func (s dfStats) DF(k string) int { return s.df[k] }
func (s dfStats) Docs() int       { return s.n }

// Counterparts ranks the sentences of the other articles by how likely they state the same fact
// as q.Text (annotate/counterpart), through the index; articles not indexed yet (see
// IndexCounterparts) are read in full, so the answer is complete either way.
func (db *DB) Counterparts(ctx context.Context, q CounterpartQuery) ([]CounterpartCandidate, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, &Error{Kind: KindUsage, Msg: "no text to find counterparts of"}
	}
	if q.Top <= 0 {
		q.Top = 5
	}
	lex := counterpart.DefaultLexicon()
	qs := counterpart.Analyze(q.Text, q.Language, lex)
	filter, fargs := "", []any{}
	if q.Exclude != "" {
		filter += ` AND a.id <> ?`
		fargs = append(fargs, q.Exclude)
	}
	if len(q.In) > 0 {
		filter += ` AND a.id IN (` + placeholders(len(q.In)) + `)`
		for _, id := range q.In {
			fargs = append(fargs, id)
		}
	}
	// The articles whose sentences may not be candidates: deleted, the claim's own, or not
	// among q.In.
	allowed, skip, err := db.counterpartScope(ctx, q)
	if err != nil {
		return nil, err
	}
	// How many sentences are indexed (for the keys' rarity), and whether every article is.
	var arts, indexed, total int
	var maxSeq int64
	if err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT coalesce(max(article_seq), 0) FROM counterpart_articles),
		count(*), coalesce(sum(sentences), 0) FROM counterpart_articles WHERE scheme = ?`, counterpartScheme).Scan(&arts, &maxSeq, &indexed, &total); err != nil {
		return nil, classify(err, db.path)
	}
	buckets := bucketList(maxSeq)

	// The query's keys and their translations, rarest first.
	keys := qs.LookupKeys()
	gen := [2]int{indexed, total}
	df, err := db.termDF(ctx, keys, gen, buckets)
	if err != nil {
		return nil, err
	}
	var rare []string
	for _, k := range keys {
		if n := df[k]; n > 0 && n <= maxKeyPostings {
			rare = append(rare, k)
		}
	}
	sort.Slice(rare, func(i, j int) bool {
		return df[rare[i]] < df[rare[j]] || df[rare[i]] == df[rare[j]] && rare[i] < rare[j]
	})
	// The rarest keys, as many as maxQueryKeys and maxPostingsRead allow (the two rarest
	// always): a common key tells little and costs much to read, and still counts in the
	// score of the sentences found.
	var look []string
	read := 0
	for _, k := range rare {
		if len(look) >= maxQueryKeys || len(look) >= minQueryKeys && read+df[k] > maxPostingsRead {
			break
		}
		look = append(look, k)
		read += df[k]
	}
	type cand struct {
		id    int64
		score float64
	}
	acc := map[int64]float64{}
	for _, k := range look {
		rows, err := db.read.QueryContext(ctx, `SELECT ids FROM counterpart_postings WHERE bucket IN (`+buckets+`) AND term = ?`, hashTerm(k))
		if err != nil {
			return nil, classify(err, db.path)
		}
		w := math.Log(float64(total+1) / float64(df[k]+1))
		var ids []int64
		for rows.Next() {
			var blob []byte
			if err := rows.Scan(&blob); err != nil {
				rows.Close()
				return nil, classify(err, db.path)
			}
			ids = decodeIDs(blob, ids[:0])
			for _, id := range ids {
				seq := id >> sentenceBits
				if skip[seq] || allowed != nil && !allowed[seq] {
					continue
				}
				acc[id] += w
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err, db.path)
		}
	}
	cs := make([]cand, 0, len(acc))
	for id, s := range acc {
		cs = append(cs, cand{id, s})
	}
	sort.Slice(cs, func(i, j int) bool {
		return cs[i].score > cs[j].score || cs[i].score == cs[j].score && cs[i].id < cs[j].id
	})
	if len(cs) > maxCandidates {
		cs = cs[:maxCandidates]
	}
	// The candidates' sentences, cut from their articles' texts.
	bySeq := map[int64][]int{}
	var seqs []any
	for _, c := range cs {
		seq := c.id >> sentenceBits
		if _, ok := bySeq[seq]; !ok {
			seqs = append(seqs, seq)
		}
		bySeq[seq] = append(bySeq[seq], int(c.id&(maxSentences-1)))
	}
	var pool []*counterpart.Sentence
	var meta []CounterpartCandidate
	for len(seqs) > 0 {
		chunk := seqs[:min(len(seqs), 500)]
		seqs = seqs[len(chunk):]
		rows, err := db.read.QueryContext(ctx, `SELECT a.seq, a.id, a.title, a.language, a.text, i.spans FROM articles a
			JOIN counterpart_articles i ON i.article_seq = a.seq AND i.scheme = `+strconv.Itoa(counterpartScheme)+`
			WHERE a.seq IN (`+placeholders(len(chunk))+`) AND a.deleted_at IS NULL ORDER BY a.seq`, chunk...)
		if err != nil {
			return nil, classify(err, db.path)
		}
		for rows.Next() {
			var seq int64
			var id, title, lang, text string
			var spans []byte
			if err := rows.Scan(&seq, &id, &title, &lang, &text, &spans); err != nil {
				rows.Close()
				return nil, classify(err, db.path)
			}
			sp := decodeSpans(spans, text)
			nums := bySeq[seq]
			sort.Ints(nums)
			for _, n := range nums {
				if n >= len(sp) {
					continue // a damaged entry: the article is read again by IndexCounterparts' next build
				}
				c := CounterpartCandidate{ArticleID: id, ArticleTitle: title, Start: sp[n].start, End: sp[n].end, Text: text[sp[n].bstart:sp[n].bend]}
				s := counterpart.Analyze(c.Text, lang, lex)
				s.Start, s.End = c.Start, c.End
				pool = append(pool, s)
				meta = append(meta, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err, db.path)
		}
	}
	// Articles not indexed yet are read whole.
	if indexed != arts { // counted through indexes: reading the articles would read their texts
		p, m, err := db.unindexedSentences(ctx, lex, filter, fargs)
		if err != nil {
			return nil, err
		}
		pool, meta = append(pool, p...), append(meta, m...)
	}
	// Weigh keys by their frequency in the whole index.
	var all []string
	seen := map[string]bool{}
	for _, s := range append(pool, qs) {
		for _, k := range s.Keys() {
			if strings.HasPrefix(k, "c:") {
				continue // cognate prefixes are not indexed (Sentence.IndexKeys)
			}
			if _, ok := df[k]; !ok && !seen[k] {
				seen[k] = true
				all = append(all, k)
			}
		}
	}
	more, err := db.termDF(ctx, all, gen, buckets)
	if err != nil {
		return nil, err
	}
	for k, n := range more {
		df[k] = n
	}
	var st counterpart.Stats = dfStats{df, total}
	if total < 20 {
		st = nil // too few sentences for frequencies: the pool's own counts
	}
	ranked := counterpart.Rank(qs, pool, st, q.Top)
	out := make([]CounterpartCandidate, 0, len(ranked))
	for _, r := range ranked {
		c := meta[r.Index]
		c.Match = r.Match
		out = append(out, c)
	}
	return out, nil
}

// unindexedSentences analyses the sentences of the live articles not in the counterpart index
// (filter and fargs narrow them as Counterparts does).
func (db *DB) unindexedSentences(ctx context.Context, lex *counterpart.Lexicon, filter string, fargs []any) (pool []*counterpart.Sentence, meta []CounterpartCandidate, err error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.title, a.language, a.text FROM articles a
		LEFT JOIN counterpart_articles i ON i.article_seq = a.seq
		WHERE (i.article_seq IS NULL OR i.scheme <> ?) AND a.deleted_at IS NULL`+filter+` ORDER BY a.seq`, append([]any{counterpartScheme}, fargs...)...)
	if err != nil {
		return nil, nil, classify(err, db.path)
	}
	for rows.Next() {
		var id, title, lang, text string
		if err := rows.Scan(&id, &title, &lang, &text); err != nil {
			rows.Close()
			return nil, nil, classify(err, db.path)
		}
		for _, s := range counterpart.AnalyzeText(text, lang, lex) {
			pool = append(pool, s)
			meta = append(meta, CounterpartCandidate{ArticleID: id, ArticleTitle: title, Start: s.Start, End: s.End, Text: s.Text})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, classify(err, db.path)
	}
	return pool, meta, nil
}

// counterpartScope returns the articles (seqs) a query may take sentences from: allowed, when
// q.In names them (nil: any), and skip, the claim's own. (Deleted articles are left out when
// the candidates are read: finding them here would read every article's row.)
func (db *DB) counterpartScope(ctx context.Context, q CounterpartQuery) (allowed, skip map[int64]bool, err error) {
	seqsOf := func(ids []string) (map[int64]bool, error) {
		out := map[int64]bool{}
		if len(ids) == 0 {
			return out, nil
		}
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		rows, err := db.read.QueryContext(ctx, `SELECT seq FROM articles WHERE id IN (`+placeholders(len(ids))+`)`, args...)
		if err != nil {
			return nil, classify(err, db.path)
		}
		defer rows.Close()
		for rows.Next() {
			var seq int64
			if err := rows.Scan(&seq); err != nil {
				return nil, classify(err, db.path)
			}
			out[seq] = true
		}
		return out, classify(rows.Err(), db.path)
	}
	var excl []string
	if q.Exclude != "" {
		excl = append(excl, q.Exclude)
	}
	if skip, err = seqsOf(excl); err != nil || len(q.In) == 0 {
		return nil, skip, err
	}
	allowed, err = seqsOf(q.In)
	return allowed, skip, err
}

// dfCache keeps the key frequencies read from one database's index while the index stays the
// same (same articles and sentences indexed): reading the frequency of a common key reads its
// whole posting list, and the queries of a session share most of their keys.
type dfCache struct {
	mu   sync.Mutex
	gen  [2]int // articles and sentences indexed when the frequencies were read
	freq map[string]int
}

// maxDFCache bounds a dfCache (it starts again when full).
const maxDFCache = 200_000

// dfCaches are the dfCaches by database path.
var dfCaches sync.Map

// termDF reads how many indexed sentences have each key, in chunks that SQLite's limit of
// variables allows, through the database's dfCache for the index generation gen.
func (db *DB) termDF(ctx context.Context, keys []string, gen [2]int, buckets string) (map[string]int, error) {
	v, _ := dfCaches.LoadOrStore(db.path, &dfCache{})
	c := v.(*dfCache)
	out := make(map[string]int, len(keys))
	var missing []string
	c.mu.Lock()
	if c.gen != gen || len(c.freq) > maxDFCache {
		c.gen, c.freq = gen, map[string]int{}
	}
	for _, k := range keys {
		if n, ok := c.freq[k]; ok {
			out[k] = n
		} else {
			missing = append(missing, k)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	read, err := db.readDF(ctx, missing, buckets)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range missing {
		out[k] = read[k]
		if c.gen == gen {
			c.freq[k] = read[k]
		}
	}
	return out, nil
}

// readDF reads the frequencies of keys from the index.
func (db *DB) readDF(ctx context.Context, keys []string, buckets string) (map[string]int, error) {
	out := make(map[string]int, len(keys))
	byTerm := make(map[int64]string, len(keys))
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), 500)]
		keys = keys[len(chunk):]
		args := make([]any, len(chunk))
		for i, k := range chunk {
			t := hashTerm(k)
			byTerm[t] = k
			args[i] = t
		}
		rows, err := db.read.QueryContext(ctx, `SELECT term, sum(n) FROM counterpart_postings WHERE bucket IN (`+buckets+`) AND term IN (`+placeholders(len(chunk))+`) GROUP BY term`, args...)
		if err != nil {
			return nil, classify(err, db.path)
		}
		for rows.Next() {
			var t int64
			var n int
			if err := rows.Scan(&t, &n); err != nil {
				rows.Close()
				return nil, classify(err, db.path)
			}
			out[byTerm[t]] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err, db.path)
		}
	}
	return out, nil
}

// bucketList returns the buckets of the postings of articles up to maxSeq, "0,1,2", for a
// search to look a key up in each.
func bucketList(maxSeq int64) string {
	var b []byte
	for i := int64(0); i <= maxSeq>>bucketBits; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, i, 10)
	}
	return string(b)
}

// placeholders returns "?,?,?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
