package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"factdesk/annotate"
	"factdesk/annotate/report"
)

// reportKept is the SQL of the rows an export keeps: the live articles chosen (all of them,
// or those of a JSON array of ids), their live claims (with a verdict of a JSON array of
// verdicts, when filtered), the live links among those claims or from them to live sources,
// and those sources. Each query of ReportModel starts with these views, so the sets are
// computed by SQLite in the same read transaction (no id lists travel back and forth, and no
// N+1 queries). The parameters, in order: the article ids when byArticle, the verdicts when
// byVerdict.
func reportKept(byArticle, byVerdict bool) string {
	ka := `SELECT id FROM articles WHERE deleted_at IS NULL`
	if byArticle {
		ka = `SELECT a.id FROM json_each(?) j JOIN articles a ON a.id = j.value WHERE a.deleted_at IS NULL`
	}
	kc := `SELECT c.id FROM ka JOIN claims c ON c.article_id = ka.id WHERE c.deleted_at IS NULL`
	if byVerdict {
		kc += ` AND c.verdict IN (SELECT value FROM json_each(?))`
	}
	return `WITH
	ka AS (` + ka + `),
	kc AS (` + kc + `),
	kl AS (SELECT l.id, l.source_id FROM kc JOIN links l ON l.claim_id = kc.id
		WHERE l.deleted_at IS NULL AND (l.target_claim_id IN (SELECT id FROM kc)
			OR l.source_id IS NOT NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = l.source_id AND s.deleted_at IS NULL))),
	ks AS (SELECT DISTINCT source_id AS id FROM kl WHERE source_id IS NOT NULL)
`
}

// ReportModel loads what an export of the given articles contains: the live articles with
// their text (all of them when articleIDs is empty), their live claims whose verdict is in
// verdicts (all verdicts when empty), the links among those claims and from them to
// sources, those sources, the history of all these rows and the reviewers who appear in
// them. The result is what report.Model.Filter would keep of the whole database. Settings
// are left for the caller to fill in.
//
// It reads in one transaction with a handful of set queries, whatever the number of claims.
// An article id that is not in the database (or deleted) is a KindNotFound error; an unknown
// verdict is a KindUsage error.
func (db *DB) ReportModel(ctx context.Context, articleIDs []string, verdicts []annotate.Verdict) (report.Model, error) {
	var m report.Model
	for _, v := range verdicts {
		if !v.Valid() {
			return m, &Error{Kind: KindUsage, Msg: fmt.Sprintf("unknown verdict %q: use confirmed, disputed or unverified", v)}
		}
	}
	vs := make([]string, len(verdicts))
	for i, v := range verdicts {
		vs[i] = string(v)
	}
	var args []any
	if len(articleIDs) > 0 {
		args = append(args, sqlList(articleIDs))
	}
	if len(vs) > 0 {
		args = append(args, sqlList(vs))
	}
	kept := reportKept(len(articleIDs) > 0, len(vs) > 0)

	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return m, classify(err, db.path)
	}
	defer tx.Rollback()
	load := func(what, q string, scan func(sc interface{ Scan(...any) error }) error) error {
		rows, err := tx.QueryContext(ctx, kept+q, args...)
		if err != nil {
			return fmt.Errorf("loading the %s of the report: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}

	// Articles, in import order, with their text.
	index := map[string]int{}
	err = load("articles", `SELECT `+articleCols+`, a.text FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by
		WHERE a.id IN ka ORDER BY a.seq`, func(sc interface{ Scan(...any) error }) error {
		var text string
		a, err := scanArticle(sc, &text)
		if err != nil {
			return err
		}
		a.Text = text
		index[a.ID] = len(m.Articles)
		m.Articles = append(m.Articles, a)
		return nil
	})
	if err != nil {
		return report.Model{}, classify(err, db.path)
	}
	for _, id := range articleIDs {
		if _, ok := index[id]; !ok {
			return report.Model{}, notFound("article", id)
		}
	}

	// Claims, article by article, by position; counted on their article.
	err = load("claims", `SELECT `+claimCols+claimFrom+` WHERE c.id IN kc ORDER BY c.article_id, c.rune_start, c.rune_end, c.seq`,
		func(sc interface{ Scan(...any) error }) error {
			c, err := scanClaim(sc)
			if err != nil {
				return err
			}
			m.Articles[index[c.ArticleID]].Counts.Add(c.Verdict)
			m.Claims = append(m.Claims, c)
			return nil
		})
	if err != nil {
		return report.Model{}, classify(err, db.path)
	}

	// Links with their sources (scanLink loads the source of a claim-to-source link), oldest
	// first; the sources are collected from them in the same order.
	seenSource := map[string]bool{}
	err = load("links", `SELECT `+linkCols+linkFrom+` WHERE l.id IN (SELECT id FROM kl) ORDER BY l.created_at, l.seq`,
		func(sc interface{ Scan(...any) error }) error {
			l, err := scanLink(sc)
			if err != nil {
				return err
			}
			if l.Source != nil && !seenSource[l.Source.ID] {
				seenSource[l.Source.ID] = true
				m.Sources = append(m.Sources, *l.Source)
			}
			m.Links = append(m.Links, l)
			return nil
		})
	if err != nil {
		return report.Model{}, classify(err, db.path)
	}

	// The history of every kept row: the kept ids drive the index on history(row_id, at).
	reviewerIDs := map[string]bool{}
	err = load("history", `, kept(id) AS (SELECT id FROM ka UNION ALL SELECT id FROM kc UNION ALL SELECT id FROM kl UNION ALL SELECT id FROM ks)
		SELECT h.id, h.at, h.reviewer_id, coalesce(r.name, ''), h.tbl, h.row_id, h.field, coalesce(h.old, ''), coalesce(h.new, '')
		FROM kept k JOIN history h ON h.row_id = k.id LEFT JOIN reviewers r ON r.id = h.reviewer_id
		ORDER BY h.seq`, func(sc interface{ Scan(...any) error }) error {
		var h annotate.HistoryEntry
		var at string
		if err := sc.Scan(&h.ID, &at, &h.ReviewerID, &h.Reviewer, &h.Table, &h.RowID, &h.Field, &h.Old, &h.New); err != nil {
			return err
		}
		h.At = parseTime(at)
		reviewerIDs[h.ReviewerID] = true
		m.History = append(m.History, h)
		return nil
	})
	if err != nil {
		return report.Model{}, classify(err, db.path)
	}
	// In time order, entries of the same time in the order they were written: sorting here
	// costs a fraction of SQLite's sort of the whole rows.
	slices.SortStableFunc(m.History, func(a, b annotate.HistoryEntry) int { return a.At.Compare(b.At) })

	// Reviewers: those who appear in what is kept (rows name them, history entries give ids).
	names := map[string]bool{}
	for _, a := range m.Articles {
		names[a.ImportedBy] = true
	}
	for _, c := range m.Claims {
		names[c.CreatedBy] = true
		names[c.UpdatedBy] = true
	}
	for _, l := range m.Links {
		names[l.CreatedBy] = true
	}
	for _, s := range m.Sources {
		names[s.CreatedBy] = true
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, created_at FROM reviewers ORDER BY name, seq`)
	if err != nil {
		return report.Model{}, classify(err, db.path)
	}
	defer rows.Close()
	for rows.Next() {
		var r annotate.Reviewer
		var at string
		if err := rows.Scan(&r.ID, &r.Name, &at); err != nil {
			return report.Model{}, classify(err, db.path)
		}
		if names[r.Name] || reviewerIDs[r.ID] {
			r.CreatedAt = parseTime(at)
			m.Reviewers = append(m.Reviewers, r)
		}
	}
	if err := rows.Err(); err != nil {
		return report.Model{}, classify(err, db.path)
	}
	return m, nil
}

// sqlList is a JSON array of strings, for json_each in queries.
func sqlList(values []string) string {
	if len(values) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(values)
	return string(b)
}
