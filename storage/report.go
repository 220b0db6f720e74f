package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"factdesk/annotate"
	"factdesk/annotate/report"
)

// reportScope is the SQL of the live rows an export keeps, as common table expressions that
// each query of ReportModel starts with, so the sets are computed by SQLite in the same read
// transaction (no list of the kept ids travels back and forth, and no N+1 queries): ka, the
// live articles chosen (all of them, or those of the JSON array ?1); kc, their live claims
// (with a verdict of the JSON array ?2, when filtered); kl, the live links among those claims
// or from them to live sources. ?3 is a JSON array of ids that some queries use (the
// tombstones found by an earlier query, which are few); all three are always bound.
func reportScope(byArticle, byVerdict bool) string {
	ka := `SELECT id FROM articles WHERE deleted_at IS NULL`
	if byArticle {
		ka = `SELECT a.id FROM json_each((SELECT articles FROM p)) j JOIN articles a ON a.id = j.value WHERE a.deleted_at IS NULL`
	}
	return `WITH
	p(articles, verdicts, ids) AS (SELECT ?1, ?2, ?3),
	ka AS (` + ka + `),
	kc AS (SELECT c.id FROM ka JOIN claims c ON c.article_id = ka.id WHERE c.deleted_at IS NULL` + verdictFilter(byVerdict) + `),
	kl AS (SELECT l.id FROM kc JOIN links l ON l.claim_id = kc.id
		WHERE l.deleted_at IS NULL AND (l.target_claim_id IN kc
			OR l.source_id IS NOT NULL AND EXISTS (SELECT 1 FROM sources s WHERE s.id = l.source_id AND s.deleted_at IS NULL)))
`
}

// verdictFilter is the condition on a claim c's verdict, when the export has one.
func verdictFilter(byVerdict bool) string {
	if byVerdict {
		return ` AND c.verdict IN (SELECT value FROM json_each((SELECT verdicts FROM p)))`
	}
	return ""
}

// reportRelated is the SQL of what kept claims are linked to out of scope (report.Related),
// after reportScope: kx, the live links between a kept claim and a live claim (of a live
// article) not kept, with that claim; rs, the claims joined to those by same-claim links
// through claims not kept, transitively; rc, both.
const reportRelated = `,
	kx AS (SELECT id, other, relation FROM (
			SELECT l.id, l.target_claim_id AS other, l.relation FROM kc JOIN links l ON l.claim_id = kc.id
				WHERE l.deleted_at IS NULL AND l.target_claim_id IS NOT NULL AND l.target_claim_id NOT IN kc
			UNION ALL
			SELECT l.id, l.claim_id, l.relation FROM kc JOIN links l ON l.target_claim_id = kc.id
				WHERE l.deleted_at IS NULL AND l.claim_id NOT IN kc)
		WHERE ` + liveClaimSQL + `),
	rs(id) AS (
		SELECT other FROM kx WHERE relation = 'same'
		UNION
		SELECT l.target_claim_id AS other FROM rs JOIN links l ON l.claim_id = rs.id
			WHERE l.relation = 'same' AND l.deleted_at IS NULL AND l.target_claim_id NOT IN kc AND ` + liveClaimSQL + `
		UNION
		SELECT l.claim_id AS other FROM rs JOIN links l ON l.target_claim_id = rs.id
			WHERE l.relation = 'same' AND l.deleted_at IS NULL AND l.claim_id NOT IN kc AND ` + liveClaimSQL + `),
	rc AS (SELECT other AS id FROM kx UNION SELECT id FROM rs)
`

// liveClaimSQL is true when the claim "other" is live, in a live article.
const liveClaimSQL = `EXISTS (SELECT 1 FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = other AND c.deleted_at IS NULL AND a.deleted_at IS NULL)`

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// The columns of ReportModel's rows: those of the package's scanners (articleCols, claimCols,
// linkCols with the link's source) and then the tombstone (deletion time and deleter's name)
// and the reviewer ids the rows name, so the export lists its reviewers by id.
const (
	reportArticleCols = articleCols + `, a.text, coalesce(a.deleted_at, ''), coalesce(rd.name, ''), a.imported_by, coalesce(a.deleted_by, '')`
	reportArticleFrom = ` FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by LEFT JOIN reviewers rd ON rd.id = a.deleted_by`
	reportClaimCols   = claimCols + `, coalesce(c.deleted_at, ''), coalesce(rdel.name, ''), c.created_by, c.updated_by, coalesce(c.deleted_by, '')`
	reportClaimFrom   = claimFrom + ` LEFT JOIN reviewers rdel ON rdel.id = c.deleted_by`
	reportLinkCols    = linkCols + `, coalesce(l.deleted_at, ''), coalesce(rldel.name, ''), coalesce(s.deleted_at, ''), coalesce(rsdel.name, ''),
	l.created_by, coalesce(l.deleted_by, ''), coalesce(s.created_by, ''), coalesce(s.deleted_by, '')`
	reportLinkFrom = linkFrom + ` LEFT JOIN reviewers rldel ON rldel.id = l.deleted_by LEFT JOIN reviewers rsdel ON rsdel.id = s.deleted_by`
)

// deletion is a row's tombstone as read: its time ("" for a live row) and deleter's name.
type deletion struct{ at, by string }

func (d deletion) live() bool { return d.at == "" }

func scanReportClaim(sc rowScanner, ids *[3]string) (annotate.Claim, deletion, error) {
	var c annotate.Claim
	var created, updated, verdict string
	var del deletion
	err := sc.Scan(&c.ID, &c.ArticleID, &c.Start, &c.End, &c.Exact, &c.Prefix, &c.Suffix, &verdict, &c.Note,
		&created, &updated, &c.CreatedBy, &c.UpdatedBy, &c.Contested, &del.at, &del.by, &ids[0], &ids[1], &ids[2])
	c.Verdict = annotate.Verdict(verdict)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, del, err
}

func scanReportLink(sc rowScanner, ids *[4]string) (annotate.Link, deletion, deletion, error) {
	var l annotate.Link
	var rel, at, sat string
	var s annotate.Source
	var del, sdel deletion
	err := sc.Scan(&l.ID, &l.ClaimID, &rel, &l.SourceID, &l.TargetClaimID, &at, &l.CreatedBy,
		&s.ID, &s.URL, &s.Title, &s.Publisher, &s.Accessed, &s.Quote, &sat, &s.CreatedBy, &s.ArchiveURL, lastCheckOf(&s),
		&del.at, &del.by, &sdel.at, &sdel.by, &ids[0], &ids[1], &ids[2], &ids[3])
	l.Relation = annotate.Relation(rel)
	l.CreatedAt = parseTime(at)
	if s.ID != "" {
		s.CreatedAt = parseTime(sat)
		l.Source = &s
	}
	return l, del, sdel, err
}

// ReportModel loads what an export of the given articles contains (the model
// report.Model.Filter would keep of the whole database):
//
//   - the live articles with their text (all of them when articleIDs is empty), their live
//     claims whose verdict is in verdicts (all verdicts when empty), the links among those
//     claims and from them to sources, and the sources cited;
//   - Related: the live claims out of scope those claims are linked to (directly, and through
//     same-claim links), the metadata of their articles (no text), and the links joining them;
//   - Deleted: the tombstones of that scope (the deleted articles when articleIDs is empty, the
//     deleted claims of the articles exported, the deleted links among the claims exported,
//     live or deleted, and the deleted sources cited), with when and by whom each was deleted;
//   - Snapshots: the live snapshots of the sources exported, oldest first, without their
//     pages (their SHA-256 is there);
//   - Checks: the live checks of those snapshots ("check again"), oldest first;
//   - the history of all these rows, live and deleted, oldest first, and the reviewers who
//     appear in them, by id (two reviewers of the same name are two reviewers).
//
// Settings are left for the caller to fill in. It reads in one transaction with a handful of
// set queries, whatever the number of claims. An article id that is not in the database (or
// deleted) is a KindNotFound error; an unknown verdict is a KindUsage error.
//
// The model carries only the file name of every article's origin (ReportModelWith keeps full
// paths when the person opted in).
func (db *DB) ReportModel(ctx context.Context, articleIDs []string, verdicts []annotate.Verdict) (report.Model, error) {
	return db.ReportModelWith(ctx, articleIDs, verdicts, ReportOptions{})
}

func (db *DB) reportModel(ctx context.Context, articleIDs []string, verdicts []annotate.Verdict) (report.Model, error) {
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
	byArticle, byVerdict := len(articleIDs) > 0, len(vs) > 0
	scope := reportScope(byArticle, byVerdict)
	articlesArg, verdictsArg := sqlList(articleIDs), sqlList(vs)

	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return m, classify(err, db.path)
	}
	defer tx.Rollback()
	// load runs a query after the scope, with ids as ?3.
	load := func(what, q string, ids []string, scan func(sc rowScanner) error) error {
		rows, err := tx.QueryContext(ctx, scope+q, articlesArg, verdictsArg, sqlList(ids))
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
	named := map[string]bool{} // the reviewer ids the rows name
	name := func(ids ...string) {
		for _, id := range ids {
			if id != "" {
				named[id] = true
			}
		}
	}
	var tombstoneIDs []string // every deleted row exported, for its history

	// Articles in import order, with their text: the chosen ones, or all of them, the
	// deleted ones as tombstones.
	where := `WHERE a.id IN ka`
	if !byArticle {
		where = `WHERE TRUE`
	}
	index := map[string]int{}
	var deletedArticles []string
	err = load("articles", `SELECT `+reportArticleCols+reportArticleFrom+` `+where+` ORDER BY a.seq`, nil, func(sc rowScanner) error {
		var text string
		var del deletion
		var by, deletedBy string
		a, err := scanArticle(sc, &text, &del.at, &del.by, &by, &deletedBy)
		if err != nil {
			return err
		}
		a.Text = text
		name(by, deletedBy)
		if !del.live() {
			m.Deleted.Articles = append(m.Deleted.Articles, report.Deleted[annotate.Article]{Row: a, At: parseTime(del.at), By: del.by})
			deletedArticles = append(deletedArticles, a.ID)
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
	tombstoneIDs = append(tombstoneIDs, deletedArticles...)

	// Claims, article by article, by position: the live and deleted claims of the articles
	// kept, then the deleted claims of the deleted articles; the live ones counted on their
	// article.
	var deletedClaims []string
	claim := func(sc rowScanner) error {
		var ids [3]string
		c, del, err := scanReportClaim(sc, &ids)
		if err != nil {
			return err
		}
		name(ids[:]...)
		if !del.live() {
			m.Deleted.Claims = append(m.Deleted.Claims, report.Deleted[annotate.Claim]{Row: c, At: parseTime(del.at), By: del.by})
			deletedClaims = append(deletedClaims, c.ID)
			return nil
		}
		m.Articles[index[c.ArticleID]].Counts.Add(c.Verdict)
		m.Claims = append(m.Claims, c)
		return nil
	}
	err = load("claims", `SELECT `+reportClaimCols+reportClaimFrom+` JOIN ka ON ka.id = c.article_id
		WHERE TRUE`+verdictFilter(byVerdict)+` ORDER BY c.article_id, c.rune_start, c.rune_end, c.seq`, nil, claim)
	if err != nil {
		return fail(err)
	}
	if len(deletedArticles) > 0 {
		err = load("claims of deleted articles", `SELECT `+reportClaimCols+reportClaimFrom+`
			WHERE c.article_id IN (SELECT value FROM json_each((SELECT ids FROM p))) AND c.deleted_at IS NOT NULL`+verdictFilter(byVerdict)+`
			ORDER BY c.article_id, c.rune_start, c.rune_end, c.seq`, deletedArticles, claim)
		if err != nil {
			return fail(err)
		}
	}
	tombstoneIDs = append(tombstoneIDs, deletedClaims...)

	// Links with their sources, oldest first: the live links among the live claims kept or to
	// live sources, and the deleted links among the claims kept (live or deleted) or to any
	// source. The sources come with them, in that order.
	seenSource := map[string]bool{}
	err = load("links", `, dc(id) AS (SELECT value FROM json_each((SELECT ids FROM p))),
			x(id, live) AS (SELECT id, 1 FROM kc UNION ALL SELECT id, 0 FROM dc)
		SELECT `+reportLinkCols+reportLinkFrom+` JOIN x ON x.id = l.claim_id
		WHERE l.deleted_at IS NULL AND x.live AND (l.target_claim_id IN kc OR s.id IS NOT NULL AND s.deleted_at IS NULL)
			OR l.deleted_at IS NOT NULL AND (l.target_claim_id IN kc OR l.target_claim_id IN dc OR s.id IS NOT NULL)
		ORDER BY l.created_at, l.seq`, deletedClaims, func(sc rowScanner) error {
		var ids [4]string
		l, del, sdel, err := scanReportLink(sc, &ids)
		if err != nil {
			return err
		}
		name(ids[:]...)
		if l.Source != nil && !seenSource[l.Source.ID] {
			seenSource[l.Source.ID] = true
			tombstoneIDs = append(tombstoneIDs, l.Source.ID) // for its history, live or deleted
			if sdel.live() {
				m.Sources = append(m.Sources, *l.Source)
			} else {
				m.Deleted.Sources = append(m.Deleted.Sources, report.Deleted[annotate.Source]{Row: *l.Source, At: parseTime(sdel.at), By: sdel.by})
			}
		}
		if !del.live() {
			m.Deleted.Links = append(m.Deleted.Links, report.Deleted[annotate.Link]{Row: l, At: parseTime(del.at), By: del.by})
			tombstoneIDs = append(tombstoneIDs, l.ID)
			return nil
		}
		m.Links = append(m.Links, l)
		return nil
	})
	if err != nil {
		return fail(err)
	}

	// The snapshots of the sources exported (their pages kept), oldest first, with their history.
	if len(seenSource) > 0 {
		if err := loadSnapshots(load, slices.Sorted(maps.Keys(seenSource)), &m, name); err != nil {
			return fail(err)
		}
		for _, s := range m.Snapshots {
			tombstoneIDs = append(tombstoneIDs, s.ID)
		}
		if err := loadChecks(load, slices.Sorted(maps.Keys(seenSource)), &m, name); err != nil {
			return fail(err)
		}
		for _, c := range m.Checks {
			tombstoneIDs = append(tombstoneIDs, c.ID)
		}
	}

	// What the kept claims are linked to out of scope. Without a filter every live claim of a
	// live article is in scope: there is nothing to look for.
	if byArticle || byVerdict {
		if err := loadRelated(load, index, &m); err != nil {
			return fail(err)
		}
	}

	// The history of every row exported, live or deleted, in time order: the ids drive the
	// index on history(row_id, at). The kept rows come from the scope; the tombstones and the
	// sources (few) from the queries above.
	reviewerIDs := map[string]bool{}
	err = load("history", `, kept(id) AS (SELECT id FROM ka UNION ALL SELECT id FROM kc UNION ALL SELECT id FROM kl
			UNION ALL SELECT value FROM json_each((SELECT ids FROM p)))
		SELECT h.id, h.at, h.reviewer_id, coalesce(r.name, ''), h.tbl, h.row_id, h.field, coalesce(h.old, ''), coalesce(h.new, '')
		FROM kept k JOIN history h ON h.row_id = k.id LEFT JOIN reviewers r ON r.id = h.reviewer_id
		ORDER BY h.seq`, tombstoneIDs, func(sc rowScanner) error {
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
	// Every reviewer's rating of each claim, and who settled it: the reports show them.
	events, err := ratingEvents(ctx, tx, "")
	if err != nil {
		return fail(err)
	}
	withRatings(m.Claims, events)
	withRatings(m.Related.Claims, events)
	return m, nil
}

// loadRelated fills m.Related: the claims of reportRelated's rc, the articles of those not in
// the model (index, without text), and the live links between a kept claim and one of them or,
// for same-claim links, between two of them.
func loadRelated(load func(what, q string, ids []string, scan func(rowScanner) error) error, index map[string]int, m *report.Model) error {
	var ids []string
	articles := map[string]bool{}
	err := load("linked claims", reportRelated+`SELECT `+claimCols+claimFrom+` WHERE c.id IN rc`, nil, func(sc rowScanner) error {
		c, err := scanClaim(sc)
		if err != nil {
			return err
		}
		m.Related.Claims = append(m.Related.Claims, c)
		ids = append(ids, c.ID)
		if _, kept := index[c.ArticleID]; !kept {
			articles[c.ArticleID] = true
		}
		return nil
	})
	if err != nil || len(ids) == 0 {
		return err
	}
	slices.SortFunc(m.Related.Claims, func(a, b annotate.Claim) int {
		return cmp.Or(strings.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.ID, b.ID))
	})
	if len(articles) > 0 {
		err = load("articles of linked claims", `SELECT `+articleCols+` FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by
			WHERE a.id IN (SELECT value FROM json_each((SELECT ids FROM p))) ORDER BY a.seq`, slices.Collect(maps.Keys(articles)),
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
	}
	return load("links to linked claims", `, rc(id) AS (SELECT value FROM json_each((SELECT ids FROM p)))
		SELECT `+linkCols+linkFrom+` WHERE l.deleted_at IS NULL AND (
			l.claim_id IN kc AND l.target_claim_id IN rc OR l.claim_id IN rc AND l.target_claim_id IN kc
			OR l.relation = 'same' AND l.claim_id IN rc AND l.target_claim_id IN rc)
			AND l.id IN (SELECT l2.id FROM rc JOIN links l2 ON l2.claim_id = rc.id UNION SELECT l2.id FROM rc JOIN links l2 ON l2.target_claim_id = rc.id)
		ORDER BY l.created_at, l.seq`, ids, func(sc rowScanner) error {
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

// loadSnapshots loads the live snapshots of the sources, oldest first (without the pages
// themselves, which exports do not carry: their SHA-256 is there).
func loadSnapshots(load func(what, q string, ids []string, scan func(sc rowScanner) error) error, sources []string, m *report.Model, name func(...string)) error {
	return load("source snapshots", ` SELECT s.id, s.source_id, s.url, s.final_url, s.fetched_at, s.sha256, s.text, s.raw_type, s.archive_url,
			s.created_at, s.created_by, coalesce(r.name, '')
		FROM source_snapshots s LEFT JOIN reviewers r ON r.id = s.created_by
		WHERE s.source_id IN (SELECT value FROM json_each((SELECT ids FROM p))) AND s.deleted_at IS NULL
		ORDER BY s.fetched_at, s.seq`, sources, func(sc rowScanner) error {
		var s report.SourceSnapshot
		var fetched, created, by string
		if err := sc.Scan(&s.ID, &s.SourceID, &s.URL, &s.FinalURL, &fetched, &s.SHA256, &s.Text, &s.RawType, &s.ArchiveURL, &created, &by, &s.CreatedBy); err != nil {
			return err
		}
		s.FetchedAt, s.CreatedAt = parseTime(fetched), parseTime(created)
		name(by)
		m.Snapshots = append(m.Snapshots, s)
		return nil
	})
}

// loadChecks loads the live checks of the sources' live snapshots, oldest first.
func loadChecks(load func(what, q string, ids []string, scan func(sc rowScanner) error) error, sources []string, m *report.Model, name func(...string)) error {
	return load("source checks", ` SELECT c.id, c.source_id, c.snapshot_id, c.url, c.final_url, c.checked_at, c.status, c.sha256,
			c.page_changed, c.text_changed, c.error, c.created_at, c.created_by, coalesce(r.name, '')
		FROM source_checks c JOIN source_snapshots ss ON ss.id = c.snapshot_id LEFT JOIN reviewers r ON r.id = c.created_by
		WHERE c.source_id IN (SELECT value FROM json_each((SELECT ids FROM p))) AND c.deleted_at IS NULL AND ss.deleted_at IS NULL
		ORDER BY c.checked_at, c.seq`, sources, func(sc rowScanner) error {
		var c report.SourceCheck
		var checked, created, by string
		if err := sc.Scan(&c.ID, &c.SourceID, &c.SnapshotID, &c.URL, &c.FinalURL, &checked, &c.Status, &c.SHA256,
			&c.PageChanged, &c.TextChanged, &c.Error, &created, &by, &c.CreatedBy); err != nil {
			return err
		}
		c.CheckedAt, c.CreatedAt = parseTime(checked), parseTime(created)
		name(by)
		m.Checks = append(m.Checks, c)
		return nil
	})
}
