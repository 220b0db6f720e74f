package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"factdesk/annotate"
	"factdesk/annotate/report"
)

// reportScope is the SQL of the rows an export holds, as common table expressions that each
// query of ReportModel starts with, so the sets are computed by SQLite in the same read
// transaction (no id lists travel back and forth, and no N+1 queries). Parameters: ?1 is a
// JSON array of article ids (used when byArticle), ?2 one of verdicts (used when byVerdict);
// both are always bound.
//
//   - ka, kc, kl, ks: the live articles chosen (all of them, or those of ?1), their live claims
//     (with a verdict of ?2, when filtered), the live links among those claims or from them to
//     live sources, and the live sources cited by kept links, live or deleted;
//   - da, dc, dl, ds: the tombstones: the deleted articles (only when no article is named), the
//     deleted claims of kept and deleted articles (verdict filtered), the deleted links among
//     kept and deleted claims or from them to a source, and the deleted sources they cite;
//   - kx, rc, rl: what kept claims are linked to out of scope (report.Related): the live links
//     between a kept claim and a live claim (of a live article) not kept, the claims at their
//     other end and those joined to them by same-claim links through claims not kept, and the
//     links joining those.
func reportScope(byArticle, byVerdict bool) string {
	ka := `SELECT id FROM articles WHERE deleted_at IS NULL`
	da := `SELECT id FROM articles WHERE deleted_at IS NOT NULL`
	if byArticle {
		ka = `SELECT a.id FROM json_each((SELECT articles FROM p)) j JOIN articles a ON a.id = j.value WHERE a.deleted_at IS NULL`
		da = `SELECT id FROM articles WHERE 0`
	}
	verdict := ""
	if byVerdict {
		verdict = ` AND c.verdict IN (SELECT value FROM json_each((SELECT verdicts FROM p)))`
	}
	dc := `SELECT c.id FROM claims c WHERE c.deleted_at IS NOT NULL AND c.article_id IN (SELECT id FROM articles)` + verdict
	if byArticle { // the claims of the chosen articles, by the index on claims(article_id)
		dc = `SELECT c.id FROM ka JOIN claims c ON c.article_id = ka.id WHERE c.deleted_at IS NOT NULL` + verdict
	}
	const liveClaim = `EXISTS (SELECT 1 FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = %s AND c.deleted_at IS NULL AND a.deleted_at IS NULL)`
	return `WITH
	p(articles, verdicts) AS (SELECT ?1, ?2),
	ka AS (` + ka + `),
	kc AS (SELECT c.id FROM ka JOIN claims c ON c.article_id = ka.id WHERE c.deleted_at IS NULL` + verdict + `),
	kl AS (SELECT l.id, l.source_id FROM kc JOIN links l ON l.claim_id = kc.id
		WHERE l.deleted_at IS NULL AND (l.target_claim_id IN kc
			OR l.source_id IS NOT NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = l.source_id AND s.deleted_at IS NULL))),
	da AS (` + da + `),
	dc AS (` + dc + `),
	dl AS (SELECT l.id, l.source_id FROM (SELECT id FROM kc UNION ALL SELECT id FROM dc) x JOIN links l ON l.claim_id = x.id
		WHERE l.deleted_at IS NOT NULL AND (l.target_claim_id IN kc OR l.target_claim_id IN dc
			OR l.source_id IS NOT NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = l.source_id))),
	cited AS (SELECT source_id AS id FROM kl WHERE source_id IS NOT NULL UNION SELECT source_id FROM dl WHERE source_id IS NOT NULL),
	ks AS (SELECT s.id FROM cited JOIN sources s ON s.id = cited.id WHERE s.deleted_at IS NULL),
	ds AS (SELECT s.id FROM cited JOIN sources s ON s.id = cited.id WHERE s.deleted_at IS NOT NULL),
	kx AS (SELECT id, other, relation FROM (
			SELECT l.id, l.target_claim_id AS other, l.relation FROM kc JOIN links l ON l.claim_id = kc.id
				WHERE l.deleted_at IS NULL AND l.target_claim_id IS NOT NULL AND l.target_claim_id NOT IN kc
			UNION ALL
			SELECT l.id, l.claim_id, l.relation FROM kc JOIN links l ON l.target_claim_id = kc.id
				WHERE l.deleted_at IS NULL AND l.claim_id NOT IN kc)
		WHERE ` + fmt.Sprintf(liveClaim, "other") + `),
	rs(id) AS (
		SELECT other FROM kx WHERE relation = 'same'
		UNION
		SELECT l.target_claim_id FROM rs JOIN links l ON l.claim_id = rs.id
			WHERE l.relation = 'same' AND l.deleted_at IS NULL AND l.target_claim_id NOT IN kc AND ` + fmt.Sprintf(liveClaim, "l.target_claim_id") + `
		UNION
		SELECT l.claim_id FROM rs JOIN links l ON l.target_claim_id = rs.id
			WHERE l.relation = 'same' AND l.deleted_at IS NULL AND l.claim_id NOT IN kc AND ` + fmt.Sprintf(liveClaim, "l.claim_id") + `),
	rc AS (SELECT other AS id FROM kx UNION SELECT id FROM rs),
	rl AS (SELECT id FROM kx UNION
		SELECT l.id FROM rc JOIN links l ON l.claim_id = rc.id WHERE l.relation = 'same' AND l.deleted_at IS NULL AND l.target_claim_id IN rc)
`
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// reportClaimCols are the columns of a claim (as claimCols, with claimFrom) and of its
// tombstone (its deletion time and who deleted it), for scanReportClaim.
const reportClaimCols = claimCols + `, coalesce(c.deleted_at, ''), coalesce(rdel.name, '')`

const reportClaimFrom = claimFrom + ` LEFT JOIN reviewers rdel ON rdel.id = c.deleted_by`

func scanReportClaim(sc rowScanner) (annotate.Claim, string, string, error) {
	var c annotate.Claim
	var created, updated, verdict, deletedAt, deletedBy string
	err := sc.Scan(&c.ID, &c.ArticleID, &c.Start, &c.End, &c.Exact, &c.Prefix, &c.Suffix, &verdict, &c.Note,
		&created, &updated, &c.CreatedBy, &c.UpdatedBy, &deletedAt, &deletedBy)
	c.Verdict = annotate.Verdict(verdict)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, deletedAt, deletedBy, err
}

// reportLinkCols are a link's columns (as linkCols, with linkFrom) and its tombstone.
const reportLinkCols = linkCols + `, coalesce(l.deleted_at, ''), coalesce(rldel.name, '')`

const reportLinkFrom = linkFrom + ` LEFT JOIN reviewers rldel ON rldel.id = l.deleted_by`

func scanReportLink(sc rowScanner) (annotate.Link, string, string, error) {
	var l annotate.Link
	var rel, at, sat, deletedAt, deletedBy string
	var s annotate.Source
	err := sc.Scan(&l.ID, &l.ClaimID, &rel, &l.SourceID, &l.TargetClaimID, &at, &l.CreatedBy,
		&s.ID, &s.URL, &s.Title, &s.Publisher, &s.Accessed, &s.Quote, &sat, &s.CreatedBy, &deletedAt, &deletedBy)
	l.Relation = annotate.Relation(rel)
	l.CreatedAt = parseTime(at)
	if s.ID != "" {
		s.CreatedAt = parseTime(sat)
		l.Source = &s
	}
	return l, deletedAt, deletedBy, err
}

const reportSourceQuery = `SELECT s.id, s.url, s.title, s.publisher, s.accessed, s.quote, s.created_at, coalesce(r.name, ''),
	coalesce(s.deleted_at, ''), coalesce(rd.name, '')
	FROM sources s LEFT JOIN reviewers r ON r.id = s.created_by LEFT JOIN reviewers rd ON rd.id = s.deleted_by`

func scanReportSource(sc rowScanner) (annotate.Source, string, string, error) {
	var s annotate.Source
	var at, deletedAt, deletedBy string
	err := sc.Scan(&s.ID, &s.URL, &s.Title, &s.Publisher, &s.Accessed, &s.Quote, &at, &s.CreatedBy, &deletedAt, &deletedBy)
	s.CreatedAt = parseTime(at)
	return s, deletedAt, deletedBy, err
}

// ReportModel loads what an export of the given articles contains (the model
// report.Model.Filter would keep of the whole database; see reportScope):
//
//   - the live articles with their text (all of them when articleIDs is empty), their live
//     claims whose verdict is in verdicts (all verdicts when empty), the links among those
//     claims and from them to sources, and the sources cited;
//   - Related: the live claims out of scope those claims are linked to (directly, and through
//     same-claim links), the metadata of their articles (no text), and the links joining them;
//   - Deleted: the tombstones of that scope, with when and by whom each row was deleted;
//   - the history of all these rows (live and deleted), oldest first, and the reviewers who
//     appear in them, matched by id (two reviewers of the same name are two reviewers).
//
// Settings are left for the caller to fill in. It reads in one transaction with a handful of
// set queries, whatever the number of claims. An article id that is not in the database (or
// deleted) is a KindNotFound error; an unknown verdict is a KindUsage error.
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
	args := []any{sqlList(articleIDs), sqlList(vs)}
	scoped := len(articleIDs) > 0 || len(vs) > 0
	scope := reportScope(len(articleIDs) > 0, len(vs) > 0)

	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return m, classify(err, db.path)
	}
	defer tx.Rollback()
	load := func(what, q string, scan func(sc rowScanner) error) error {
		rows, err := tx.QueryContext(ctx, scope+q, args...)
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
	fail := func(err error) (report.Model, error) { return report.Model{}, classify(err, db.path) }

	// Articles, live then deleted, in import order, with their text.
	index := map[string]int{}
	err = load("articles", `SELECT `+articleCols+`, a.text, coalesce(a.deleted_at, ''), coalesce(rd.name, '')
		FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by LEFT JOIN reviewers rd ON rd.id = a.deleted_by
		WHERE a.id IN ka OR a.id IN da ORDER BY a.seq`, func(sc rowScanner) error {
		var text, deletedAt, deletedBy string
		a, err := scanArticle(sc, &text, &deletedAt, &deletedBy)
		if err != nil {
			return err
		}
		a.Text = text
		if deletedAt != "" {
			m.Deleted.Articles = append(m.Deleted.Articles, report.Deleted[annotate.Article]{Row: a, At: parseTime(deletedAt), By: deletedBy})
			return nil
		}
		index[a.ID] = len(m.Articles)
		m.Articles = append(m.Articles, a)
		return nil
	})
	if err != nil {
		return fail(err)
	}
	for _, id := range articleIDs {
		if _, ok := index[id]; !ok {
			return report.Model{}, notFound("article", id)
		}
	}

	// Claims, live and deleted, article by article, by position; the live ones counted on
	// their article.
	err = load("claims", `SELECT `+reportClaimCols+reportClaimFrom+` WHERE c.id IN kc OR c.id IN dc
		ORDER BY c.article_id, c.rune_start, c.rune_end, c.seq`, func(sc rowScanner) error {
		c, deletedAt, deletedBy, err := scanReportClaim(sc)
		if err != nil {
			return err
		}
		if deletedAt != "" {
			m.Deleted.Claims = append(m.Deleted.Claims, report.Deleted[annotate.Claim]{Row: c, At: parseTime(deletedAt), By: deletedBy})
			return nil
		}
		m.Articles[index[c.ArticleID]].Counts.Add(c.Verdict)
		m.Claims = append(m.Claims, c)
		return nil
	})
	if err != nil {
		return fail(err)
	}

	// Sources, live and deleted, oldest first.
	err = load("sources", reportSourceQuery+` WHERE s.id IN cited ORDER BY s.created_at, s.seq`, func(sc rowScanner) error {
		s, deletedAt, deletedBy, err := scanReportSource(sc)
		if err != nil {
			return err
		}
		if deletedAt != "" {
			m.Deleted.Sources = append(m.Deleted.Sources, report.Deleted[annotate.Source]{Row: s, At: parseTime(deletedAt), By: deletedBy})
		} else {
			m.Sources = append(m.Sources, s)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}

	// Links, live and deleted, with their sources, oldest first.
	err = load("links", `SELECT `+reportLinkCols+reportLinkFrom+` WHERE l.id IN (SELECT id FROM kl UNION ALL SELECT id FROM dl)
		ORDER BY l.created_at, l.seq`, func(sc rowScanner) error {
		l, deletedAt, deletedBy, err := scanReportLink(sc)
		if err != nil {
			return err
		}
		if deletedAt != "" {
			m.Deleted.Links = append(m.Deleted.Links, report.Deleted[annotate.Link]{Row: l, At: parseTime(deletedAt), By: deletedBy})
		} else {
			m.Links = append(m.Links, l)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}

	// What the kept claims are linked to out of scope. Without a filter every live claim of a
	// live article is in scope: there is nothing to look for.
	if scoped {
		if err := db.loadRelated(load, &m); err != nil {
			return fail(err)
		}
	}

	// The history of every row exported, live or deleted: the ids drive the index on
	// history(row_id, at).
	reviewerIDs := map[string]bool{}
	err = load("history", `, kept(id) AS (SELECT id FROM ka UNION ALL SELECT id FROM kc UNION ALL SELECT id FROM kl UNION ALL SELECT id FROM ks
			UNION ALL SELECT id FROM da UNION ALL SELECT id FROM dc UNION ALL SELECT id FROM dl UNION ALL SELECT id FROM ds)
		SELECT h.id, h.at, h.reviewer_id, coalesce(r.name, ''), h.tbl, h.row_id, h.field, coalesce(h.old, ''), coalesce(h.new, '')
		FROM kept k JOIN history h ON h.row_id = k.id LEFT JOIN reviewers r ON r.id = h.reviewer_id
		ORDER BY h.seq`, func(sc rowScanner) error {
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
		return fail(err)
	}
	// In time order, entries of the same time in the order they were written: sorting here
	// costs a fraction of SQLite's sort of the whole rows.
	slices.SortStableFunc(m.History, func(a, b annotate.HistoryEntry) int { return a.At.Compare(b.At) })

	// Reviewers, by id: those the rows exported name (as author, last editor or deleter) and
	// those of their history entries.
	named := map[string]bool{}
	err = load("reviewers", `
		SELECT imported_by FROM articles WHERE id IN ka
		UNION SELECT imported_by FROM articles WHERE id IN da UNION SELECT deleted_by FROM articles WHERE id IN da
		UNION SELECT created_by FROM claims WHERE id IN kc UNION SELECT updated_by FROM claims WHERE id IN kc
		UNION SELECT created_by FROM claims WHERE id IN dc UNION SELECT updated_by FROM claims WHERE id IN dc
		UNION SELECT deleted_by FROM claims WHERE id IN dc
		UNION SELECT created_by FROM links WHERE id IN (SELECT id FROM kl)
		UNION SELECT created_by FROM links WHERE id IN (SELECT id FROM dl) UNION SELECT deleted_by FROM links WHERE id IN (SELECT id FROM dl)
		UNION SELECT created_by FROM sources WHERE id IN ks
		UNION SELECT created_by FROM sources WHERE id IN ds UNION SELECT deleted_by FROM sources WHERE id IN ds`,
		func(sc rowScanner) error {
			var id sql.NullString
			if err := sc.Scan(&id); err != nil {
				return err
			}
			named[id.String] = true
			return nil
		})
	if err != nil {
		return fail(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, created_at FROM reviewers ORDER BY name, seq`)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r annotate.Reviewer
		var at string
		if err := rows.Scan(&r.ID, &r.Name, &at); err != nil {
			return fail(err)
		}
		if named[r.ID] || reviewerIDs[r.ID] {
			r.CreatedAt = parseTime(at)
			m.Reviewers = append(m.Reviewers, r)
		}
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return m, nil
}

// loadRelated fills m.Related (see reportScope: rc, rl).
func (db *DB) loadRelated(load func(what, q string, scan func(rowScanner) error) error, m *report.Model) error {
	err := load("linked claims", `SELECT `+claimCols+claimFrom+` WHERE c.id IN rc ORDER BY c.article_id, c.rune_start, c.rune_end, c.seq`,
		func(sc rowScanner) error {
			c, err := scanClaim(sc)
			if err != nil {
				return err
			}
			m.Related.Claims = append(m.Related.Claims, c)
			return nil
		})
	if err != nil {
		return err
	}
	if len(m.Related.Claims) == 0 {
		return nil
	}
	err = load("articles of linked claims", `SELECT `+articleCols+` FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by
		WHERE a.id IN (SELECT c.article_id FROM rc JOIN claims c ON c.id = rc.id) AND a.id NOT IN ka ORDER BY a.seq`,
		func(sc rowScanner) error {
			a, err := scanArticle(sc)
			if err != nil {
				return err
			}
			m.Related.Articles = append(m.Related.Articles, a)
			return nil
		})
	if err != nil {
		return err
	}
	return load("links to linked claims", `SELECT `+linkCols+linkFrom+` WHERE l.id IN rl ORDER BY l.created_at, l.seq`,
		func(sc rowScanner) error {
			l, err := scanLink(sc)
			if err != nil {
				return err
			}
			m.Related.Links = append(m.Related.Links, l)
			return nil
		})
}

// sqlList is a JSON array of strings, for json_each in queries.
func sqlList(values []string) string {
	if len(values) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(values)
	return string(b)
}
