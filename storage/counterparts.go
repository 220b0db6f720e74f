package storage

import (
	"context"
	"database/sql"
	"math"
	"sort"
	"strconv"
	"strings"

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
// sentences tell nothing, and only the sentences sharing the most keys are scored in full.
const (
	maxQueryKeys   = 24
	maxCandidates  = 300
	maxKeyPostings = 20000
)

// counterpartScheme is the version of the keys the index holds (counterpart.Sentence.IndexKeys):
// an article indexed with another version is indexed again.
const counterpartScheme = 1

// indexArticleTx (re)builds the counterpart index of one article. The index holds the keys a
// sentence has of itself (stems, name keys, figures), which need no lexicon: the query brings
// the translations.
func indexArticleTx(ctx context.Context, tx *sql.Tx, seq int64, text, lang string) error {
	if err := unindexArticleTx(ctx, tx, seq); err != nil {
		return err
	}
	insS, err := tx.PrepareContext(ctx, `INSERT INTO counterpart_sentences(article_seq, start, "end", language, text) VALUES (?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer insS.Close()
	insT, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO counterpart_terms(term, sentence_id) VALUES (?,?)`)
	if err != nil {
		return err
	}
	defer insT.Close()
	df := map[string]int{}
	for _, s := range counterpart.AnalyzeText(text, lang, nil) {
		keys := s.IndexKeys()
		if len(keys) == 0 {
			continue
		}
		r, err := insS.ExecContext(ctx, seq, s.Start, s.End, lang, s.Text)
		if err != nil {
			return err
		}
		id, err := r.LastInsertId()
		if err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := insT.ExecContext(ctx, k, id); err != nil {
				return err
			}
			df[k]++
		}
	}
	up, err := tx.PrepareContext(ctx, `INSERT INTO counterpart_df(term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return err
	}
	defer up.Close()
	for k, n := range df {
		if _, err := up.ExecContext(ctx, k, n); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO counterpart_indexed(article_seq, scheme) VALUES (?, ?)
		ON CONFLICT(article_seq) DO UPDATE SET scheme = excluded.scheme`, seq, counterpartScheme)
	return err
}

// unindexArticleTx removes an article's sentences from the index.
func unindexArticleTx(ctx context.Context, tx *sql.Tx, seq int64) error {
	for _, q := range []string{
		`UPDATE counterpart_df SET n = n - (SELECT count(*) FROM counterpart_terms t JOIN counterpart_sentences s ON s.id = t.sentence_id
			WHERE s.article_seq = ?1 AND t.term = counterpart_df.term)
			WHERE term IN (SELECT t.term FROM counterpart_terms t JOIN counterpart_sentences s ON s.id = t.sentence_id WHERE s.article_seq = ?1)`,
		`DELETE FROM counterpart_df WHERE n <= 0`,
		`DELETE FROM counterpart_terms WHERE sentence_id IN (SELECT id FROM counterpart_sentences WHERE article_seq = ?1)`,
		`DELETE FROM counterpart_sentences WHERE article_seq = ?1`,
		`DELETE FROM counterpart_indexed WHERE article_seq = ?1`,
	} {
		if strings.Contains(q, "?1") {
			if _, err := tx.ExecContext(ctx, q, seq); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// CounterpartsPending counts the live articles whose counterpart index is missing or was built
// by a version of Factdesk with other keys: IndexCounterparts builds them.
func (db *DB) CounterpartsPending(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM articles a LEFT JOIN counterpart_indexed i ON i.article_seq = a.seq
		WHERE a.deleted_at IS NULL AND (i.article_seq IS NULL OR i.scheme <> ?)`, counterpartScheme).Scan(&n)
	return n, classify(err, db.path)
}

// IndexCounterparts builds the counterpart index of the articles that lack it (a database made
// before the index existed, articles merged from another reviewer's file or imported while
// the disk was full), one article per transaction, calling progress after
// each. Cancelling ctx stops it between two articles; what was built stays. It returns the
// number of articles indexed.
func (db *DB) IndexCounterparts(ctx context.Context, progress func(done, total int)) (int, error) {
	if db.readOnly {
		return 0, db.errReadOnly()
	}
	type art struct {
		seq        int64
		text, lang string
	}
	rows, err := db.read.QueryContext(ctx, `SELECT a.seq FROM articles a LEFT JOIN counterpart_indexed i ON i.article_seq = a.seq
		WHERE a.deleted_at IS NULL AND (i.article_seq IS NULL OR i.scheme <> ?) ORDER BY a.seq`, counterpartScheme)
	if err != nil {
		return 0, classify(err, db.path)
	}
	var seqs []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return 0, classify(err, db.path)
		}
		seqs = append(seqs, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, classify(err, db.path)
	}
	for i, seq := range seqs {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		var a art
		if err := db.read.QueryRowContext(ctx, `SELECT seq, text, language FROM articles WHERE seq = ?`, seq).Scan(&a.seq, &a.text, &a.lang); err != nil {
			return i, classify(err, db.path)
		}
		if err := db.writeTx(ctx, func(tx *sql.Tx) error { return indexArticleTx(ctx, tx, a.seq, a.text, a.lang) }); err != nil {
			return i, err
		}
		if progress != nil {
			progress(i+1, len(seqs))
		}
	}
	return len(seqs), nil
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
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM counterpart_sentences`).Scan(&total); err != nil {
		return nil, classify(err, db.path)
	}
	// The query's keys and their translations, rarest first.
	keys := qs.LookupKeys()
	df, err := db.termDF(ctx, keys)
	if err != nil {
		return nil, err
	}
	var look []string
	for _, k := range keys {
		if n := df[k]; n > 0 && n <= maxKeyPostings {
			look = append(look, k)
		}
	}
	sort.Slice(look, func(i, j int) bool { return df[look[i]] < df[look[j]] })
	if len(look) > maxQueryKeys {
		look = look[:maxQueryKeys]
	}
	type cand struct {
		id    int64
		score float64
	}
	var ids []int64
	if len(look) > 0 {
		args := make([]any, 0, len(look)+len(fargs))
		for _, k := range look {
			args = append(args, k)
		}
		args = append(args, fargs...)
		rows, err := db.read.QueryContext(ctx, `SELECT t.term, t.sentence_id FROM counterpart_terms t
			JOIN counterpart_sentences s ON s.id = t.sentence_id JOIN articles a ON a.seq = s.article_seq
			JOIN counterpart_indexed i ON i.article_seq = a.seq AND i.scheme = `+strconv.Itoa(counterpartScheme)+`
			WHERE t.term IN (`+placeholders(len(look))+`) AND a.deleted_at IS NULL`+filter, args...)
		if err != nil {
			return nil, classify(err, db.path)
		}
		acc := map[int64]float64{}
		for rows.Next() {
			var term string
			var id int64
			if err := rows.Scan(&term, &id); err != nil {
				rows.Close()
				return nil, classify(err, db.path)
			}
			acc[id] += math.Log(float64(total+1) / float64(df[term]+1))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err, db.path)
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
		for _, c := range cs {
			ids = append(ids, c.id)
		}
	}
	var pool []*counterpart.Sentence
	var meta []CounterpartCandidate
	if len(ids) > 0 {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.title, s.start, s."end", s.language, s.text FROM counterpart_sentences s
			JOIN articles a ON a.seq = s.article_seq WHERE s.id IN (`+placeholders(len(ids))+`) ORDER BY s.id`, args...)
		if err != nil {
			return nil, classify(err, db.path)
		}
		for rows.Next() {
			var c CounterpartCandidate
			var lang string
			if err := rows.Scan(&c.ArticleID, &c.ArticleTitle, &c.Start, &c.End, &lang, &c.Text); err != nil {
				rows.Close()
				return nil, classify(err, db.path)
			}
			s := counterpart.Analyze(c.Text, lang, lex)
			s.Start, s.End = c.Start, c.End
			pool = append(pool, s)
			meta = append(meta, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err, db.path)
		}
	}
	// Articles not indexed yet are read whole.
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.title, a.language, a.text FROM articles a
		LEFT JOIN counterpart_indexed i ON i.article_seq = a.seq
		WHERE (i.article_seq IS NULL OR i.scheme <> ?) AND a.deleted_at IS NULL`+filter+` ORDER BY a.seq`, append([]any{counterpartScheme}, fargs...)...)
	if err != nil {
		return nil, classify(err, db.path)
	}
	for rows.Next() {
		var id, title, lang, text string
		if err := rows.Scan(&id, &title, &lang, &text); err != nil {
			rows.Close()
			return nil, classify(err, db.path)
		}
		for _, s := range counterpart.AnalyzeText(text, lang, lex) {
			pool = append(pool, s)
			meta = append(meta, CounterpartCandidate{ArticleID: id, ArticleTitle: title, Start: s.Start, End: s.End, Text: s.Text})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err, db.path)
	}
	// Weigh keys by their frequency in the whole index.
	var all []string
	seen := map[string]bool{}
	for _, s := range append(pool, qs) {
		for _, k := range s.Keys() {
			if _, ok := df[k]; !ok && !seen[k] {
				seen[k] = true
				all = append(all, k)
			}
		}
	}
	more, err := db.termDF(ctx, all)
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

// termDF reads the document frequencies of terms, in chunks that SQLite's limit of variables
// allows.
func (db *DB) termDF(ctx context.Context, terms []string) (map[string]int, error) {
	out := make(map[string]int, len(terms))
	for len(terms) > 0 {
		chunk := terms[:min(len(terms), 500)]
		terms = terms[len(chunk):]
		args := make([]any, len(chunk))
		for i, t := range chunk {
			args[i] = t
		}
		rows, err := db.read.QueryContext(ctx, `SELECT term, n FROM counterpart_df WHERE term IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, classify(err, db.path)
		}
		for rows.Next() {
			var t string
			var n int
			if err := rows.Scan(&t, &n); err != nil {
				rows.Close()
				return nil, classify(err, db.path)
			}
			out[t] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, classify(err, db.path)
		}
	}
	return out, nil
}

// placeholders returns "?,?,?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
