package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode"
)

// Hit is one full-text search result.
type Hit struct {
	Kind      string // "article" or "claim"
	ArticleID string
	ClaimID   string // for claim hits
	Title     string // the article's title
	Snippet   string // the matching passage, matches between « and » markers (SnippetOpen/SnippetClose)
	Rank      float64
}

// The markers around matched words in snippets.
const (
	SnippetOpen  = "\x02"
	SnippetClose = "\x03"
)

// ftsQuery turns what a person types into an FTS5 query: every word must match (as a prefix
// for the last word, so results come while typing); FTS5 syntax characters are neutralized.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '\'' && r != '’' })
	var parts []string
	for _, w := range words {
		w = strings.Trim(w, "'’")
		if w == "" {
			continue
		}
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	if len(parts) == 0 {
		return ""
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " ")
}

// Search finds articles and claims whose text (quote and note for claims) contains every word
// of q, ignoring case and accents ("azerbaidjan" finds "Azerbaïdjan"). Claims come first, then
// articles, each by relevance; at most limit of each (0 means 50).
func (db *DB) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	m := ftsQuery(q)
	if m == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	var out []Hit
	// ORDER BY rank (bm25, with the weights given by "rank MATCH"), not ORDER BY bm25(...): FTS5
	// then sorts the matches itself and the snippets and joins are computed for the returned
	// rows only, instead of for every match before SQLite's sorter keeps `limit` of them
	// (35 ms against 6 ms for two common words over 10,000 articles).
	rows, err := db.read.QueryContext(ctx, `SELECT c.id, c.article_id, a.title,
		snippet(claims_fts, -1, ?2, ?3, '…', 16), rank
		FROM claims_fts JOIN claims c ON c.seq = claims_fts.rowid JOIN articles a ON a.id = c.article_id
		WHERE claims_fts MATCH ?1 AND c.deleted_at IS NULL AND a.deleted_at IS NULL
		ORDER BY rank LIMIT ?4`, m, SnippetOpen, SnippetClose, limit)
	if err != nil {
		return nil, classify(err, db.path)
	}
	if err := scanHits(rows, "claim", &out); err != nil {
		return nil, classify(err, db.path)
	}
	// Article snippets are made in Go (makeSnippet), not with FTS5's snippet(), which is
	// quadratic in the matches of one document (minutes for a common word in a 19 MB article).
	rows, err = db.read.QueryContext(ctx, `SELECT '', a.id, a.title, '', rank
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		WHERE articles_fts MATCH ?1 AND rank MATCH 'bm25(5.0, 1.0)' AND a.deleted_at IS NULL
		ORDER BY rank LIMIT ?2`, m, limit)
	if err != nil {
		return nil, classify(err, db.path)
	}
	first := len(out)
	if err := scanHits(rows, "article", &out); err != nil {
		return nil, classify(err, db.path)
	}
	terms := newSnippetTerms(q)
	for i := first; i < len(out); i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var text string
		if err := db.read.QueryRowContext(ctx, `SELECT substr(text, 1, ?) FROM articles WHERE id = ?`, snippetScan+4096, out[i].ArticleID).Scan(&text); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				// The full-text index found a row the articles table cannot give again: the
				// two disagree, which only damage (a changed byte in an id) can cause.
				return nil, &Error{Kind: KindCorrupt, Code: CodeDamaged, Path: db.path, Err: err, Facts: Facts{Detail: "the search index names an article the file cannot read"},
					Msg: db.path + " is damaged: the search index names article " + out[i].ArticleID + ", which the file cannot read; open a backup or ask for a new copy"}
			}
			return nil, classify(err, db.path)
		}
		out[i].Snippet = makeSnippet(text, terms)
	}
	return out, nil
}

func scanHits(rows *sql.Rows, kind string, out *[]Hit) error {
	defer rows.Close()
	for rows.Next() {
		h := Hit{Kind: kind}
		if err := rows.Scan(&h.ClaimID, &h.ArticleID, &h.Title, &h.Snippet, &h.Rank); err != nil {
			return err
		}
		*out = append(*out, h)
	}
	return rows.Err()
}

// ResolveID finds the full id of a live row of table ("articles", "claims", "links",
// "sources") from what people type in the command line: the whole id, a unique prefix, or a
// unique suffix (the random end of a UUID v7, which is how lists print short ids).
func (db *DB) ResolveID(ctx context.Context, table, ref string) (string, error) {
	return db.resolveID(ctx, table, ref, ` AND deleted_at IS NULL`)
}

// ResolveAnyID is ResolveID over deleted rows too, for their history.
func (db *DB) ResolveAnyID(ctx context.Context, table, ref string) (string, error) {
	return db.resolveID(ctx, table, ref, "")
}

func (db *DB) resolveID(ctx context.Context, table, ref, live string) (string, error) {
	switch table {
	case "articles", "claims", "links", "sources":
	default:
		return "", &Error{Kind: KindUsage, Msg: "unknown table " + table}
	}
	what := strings.TrimSuffix(table, "s")
	ref = strings.ToLower(strings.TrimSpace(ref))
	if len(ref) < 4 {
		return "", &Error{Kind: KindUsage, Msg: "give at least 4 characters of the " + what + " id"}
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`SELECT id FROM ` + table + ` WHERE id = ?` + live, []any{ref}},
		{`SELECT id FROM ` + table + ` WHERE id >= ? AND id < ?` + live + ` LIMIT 2`, []any{ref, ref + "\U0010FFFF"}},
		{`SELECT id FROM ` + table + ` WHERE substr(id, -?) = ?` + live + ` LIMIT 2`, []any{len(ref), ref}},
	} {
		ids, err := db.queryStrings(ctx, q.sql, q.args...)
		if err != nil {
			return "", err
		}
		switch len(ids) {
		case 0:
			continue
		case 1:
			return ids[0], nil
		}
		return "", &Error{Kind: KindUsage, Msg: "the " + what + " id " + ref + " is ambiguous: give more characters"}
	}
	if table == "claims" {
		// A claim that became another on the same span: its id names the claim it became.
		ids, err := db.queryStrings(ctx, `SELECT DISTINCT claim_id FROM claim_aliases WHERE alias_id = ?1
			OR (alias_id >= ?1 AND alias_id < ?2) OR substr(alias_id, -length(?1)) = ?1 LIMIT 2`, ref, ref+"\U0010FFFF")
		if err != nil {
			return "", err
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
		if len(ids) > 1 {
			return "", &Error{Kind: KindUsage, Msg: "the claim id " + ref + " is ambiguous: give more characters"}
		}
	}
	return "", notFound(what, ref)
}

func (db *DB) queryStrings(ctx context.Context, q string, args ...any) ([]string, error) {
	out, err := queryStrings(ctx, db.read, q, args...)
	return out, classify(err, db.path)
}

// queryStrings runs a query whose rows are one text column and returns them.
func queryStrings(ctx context.Context, conn interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, q string, args ...any) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CompileOptions lists the options the SQLite library was built with (PRAGMA compile_options),
// to check the build's hardening.
func (db *DB) CompileOptions(ctx context.Context) ([]string, error) {
	return db.queryStrings(ctx, `PRAGMA compile_options`)
}
