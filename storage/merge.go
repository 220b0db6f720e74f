package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"factdesk/annotate"
)

// MergeReport tells what merging another reviewer's file does (PreviewMerge) or did (Merge).
type MergeReport struct {
	// File is the file merged, as given.
	File string
	// Reviewers are the names of the reviewers whose work the file holds.
	Reviewers []string
	// Committed is true when the changes were written (Merge), false for a preview.
	Committed bool
	// NewArticles are the file's articles not here yet (matched by their text's SHA-256).
	NewArticles []MergeArticle
	// MatchedArticles counts the file's articles already here under another id: the same
	// article imported by two reviewers is one article; the file's claims on it come here.
	MatchedArticles int
	// NewClaims are the file's claims not here yet.
	NewClaims []MergeClaim
	// NewSources and NewLinks count the file's sources and links not here yet.
	NewSources, NewLinks int
	// Changes are the fields taken from the file: changed there only, or (low-stakes fields)
	// changed on both sides, the file's change being later.
	Changes []MergeChange
	// Ratings are the file's ratings not here yet (Field "verdict", New the reviewer's verdict,
	// By the reviewer): they join the ratings here, never replacing one.
	Ratings []MergeChange
	// Deleted are the rows deleted in the file and unchanged here: deleted here too.
	Deleted []MergeChange
	// Restored are rows deleted here that the file restored after seeing the delete.
	Restored []MergeChange
	// Reanchored are new claims whose quote was not at their offsets in the article text and
	// was found again nearby (annotate.Reanchor).
	Reanchored []MergeChange
	// Conflicts are the conflicts this merge opens: found now, or open in the file and new
	// here. Until a person resolves them the local value stays.
	Conflicts []Conflict
	// ResolvedConflicts counts the conflicts whose resolution comes from the file (open here, or
	// resolved here differently before the file's later resolution).
	ResolvedConflicts int
	// NewHistory counts the file's history entries not here yet.
	NewHistory int
	// Unified are the claims made on a span that already had a claim: one claim each after the
	// merge (the smaller id survives, the other is its alias), rated by both reviewers.
	Unified []Unified
	// Overlaps are claims of the file on spans that overlap heavily a claim here without being
	// the same span: they stay two claims, offered to be linked as the same claim.
	Overlaps []SpanOverlap
}

// MergeArticle is an article a merge brings.
type MergeArticle struct {
	ID, Title, SHA256 string
}

// MergeClaim is a claim a merge brings.
type MergeClaim struct {
	ID, ArticleID, ArticleTitle string
	Quote                       string
	Verdict                     annotate.Verdict
	Note                        string
	By                          string // reviewer name
	Deleted                     bool   // it comes already deleted (a tombstone)
}

// MergeChange is one field or row a merge changes.
type MergeChange struct {
	Table, RowID, Field string
	Label               string // the claim's quote, the article's or source's title
	Old, New            string
	By                  string // reviewer name of the change taken
	At                  time.Time
	Why                 string
}

// Empty reports whether the merge changes nothing.
func (r MergeReport) Empty() bool {
	return len(r.NewArticles) == 0 && r.MatchedArticles == 0 && len(r.NewClaims) == 0 && r.NewSources == 0 && r.NewLinks == 0 &&
		len(r.Changes) == 0 && len(r.Deleted) == 0 && len(r.Restored) == 0 && len(r.Reanchored) == 0 &&
		len(r.Conflicts) == 0 && r.ResolvedConflicts == 0 && r.NewHistory == 0 && len(r.Unified) == 0
}

// changesContent reports whether the merge changes rows or conflicts, not only the history.
func (r MergeReport) changesContent() bool {
	r.NewHistory = 0
	return !r.Empty()
}

// ChangedVerdicts are the ratings the merge brings from the file (and, for reports of older
// merges, verdict fields it took).
func (r MergeReport) ChangedVerdicts() []MergeChange {
	out := append([]MergeChange(nil), r.Ratings...)
	for _, c := range r.Changes {
		if c.Table == "claims" && c.Field == "verdict" {
			out = append(out, c)
		}
	}
	return out
}

// Summary is the report in one line.
func (r MergeReport) Summary() string {
	if r.Empty() {
		return "nothing new: everything in the file is already here"
	}
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(len(r.NewArticles), "new article", "new articles")
	add(r.MatchedArticles, "article already here", "articles already here")
	add(len(r.NewClaims), "new claim", "new claims")
	add(len(r.Unified), "claim on a span already claimed (now one claim, rated by both)", "claims on spans already claimed (now one claim each, rated by both)")
	add(r.NewSources, "new source", "new sources")
	add(r.NewLinks, "new link", "new links")
	add(len(r.ChangedVerdicts()), "new rating", "new ratings")
	add(len(r.Changes)-len(r.ChangedVerdicts()), "other change", "other changes")
	add(len(r.Deleted), "deletion", "deletions")
	add(len(r.Restored), "restored row", "restored rows")
	add(len(r.Reanchored), "re-anchored claim", "re-anchored claims")
	add(len(r.Conflicts), "conflict", "conflicts")
	add(r.ResolvedConflicts, "conflict resolved in the file", "conflicts resolved in the file")
	if len(parts) == 0 {
		add(r.NewHistory, "history entry", "history entries")
	}
	return strings.Join(parts, ", ")
}

// PreviewMerge checks file (see ReceiveFile) and tells what Merge would do, changing nothing.
func (db *DB) PreviewMerge(ctx context.Context, file string) (MergeReport, error) {
	in, err := ReceiveFile(ctx, file)
	if err != nil {
		return MergeReport{File: file}, err
	}
	defer in.Close()
	return db.PreviewMergeIncoming(ctx, in)
}

// Merge checks file (see ReceiveFile) and merges it into the database in one transaction:
// all of it, or nothing. Rules: rows are united by id (articles by their text's SHA-256) and
// history entries by id; a field changed on one side only takes that side's value; both
// changed to the same value is no change; a verdict or note changed differently on both sides
// keeps the local value and records a conflict; low-stakes fields (titles, publishers...)
// take the later change, logged; a delete wins over no change, never over an edit (a conflict);
// new claims are checked against their article text and re-anchored, or held in a conflict.
// Merging the same file again changes nothing; merging A into B and B into A gives the same
// content. Every change is in the history: the file's entries, and entries of the local
// reviewer for the merge's own decisions.
func (db *DB) Merge(ctx context.Context, file string) (MergeReport, error) {
	in, err := ReceiveFile(ctx, file)
	if err != nil {
		return MergeReport{File: file}, err
	}
	defer in.Close()
	return db.MergeIncoming(ctx, in)
}

// PreviewMergeIncoming is PreviewMerge for a file already received: the GUI checks a file once,
// shows the preview, then merges the same checked copy with MergeIncoming.
func (db *DB) PreviewMergeIncoming(ctx context.Context, in *Incoming) (MergeReport, error) {
	rep := MergeReport{File: in.Source}
	conn, err := sql.Open(driverName, dsn(db.path, "mode=ro", "_busy_timeout=10000"))
	if err != nil {
		return rep, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	c, err := conn.Conn(ctx)
	if err != nil {
		return rep, classify(err, db.path)
	}
	defer c.Close()
	if err := attachIncoming(ctx, c, in); err != nil {
		return rep, err
	}
	defer c.ExecContext(context.Background(), "DETACH DATABASE r")
	tx, err := c.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rep, classify(err, db.path)
	}
	defer tx.Rollback()
	if err := db.checkEvidence(ctx, tx, in); err != nil {
		return rep, err
	}
	m := &merger{db: db, q: tx, rep: &rep, reviewer: db.Reviewer()}
	if err := m.plan(ctx); err != nil {
		return rep, classify(err, db.path)
	}
	return rep, nil
}

// MergeIncoming is Merge for a file already received.
func (db *DB) MergeIncoming(ctx context.Context, in *Incoming) (MergeReport, error) {
	rep := MergeReport{File: in.Source}
	if db.readOnly {
		return rep, &Error{Kind: KindReadOnly, Code: CodeOpenReadOnly, Path: db.path, Msg: "this database is open read-only: open your working database to merge a file into it"}
	}
	if err := db.needReviewer(); err != nil {
		return rep, err
	}
	// ATTACH cannot run inside a transaction: attach on the writer's connection, then begin.
	c, err := db.write.Conn(ctx)
	if err != nil {
		return rep, classify(err, db.path)
	}
	defer c.Close()
	if err := attachIncoming(ctx, c, in); err != nil {
		return rep, err
	}
	defer c.ExecContext(context.Background(), "DETACH DATABASE r")
	// A big merge writes many pages: a larger cache for it keeps them out of the -wal until the
	// commit (the writer's usual cache comes back after).
	var cache int64
	if err := c.QueryRowContext(ctx, "PRAGMA main.cache_size").Scan(&cache); err == nil {
		c.ExecContext(ctx, "PRAGMA main.cache_size = -131072")
		defer c.ExecContext(context.Background(), fmt.Sprintf("PRAGMA main.cache_size = %d", cache))
	}
	tx, err := c.BeginTx(ctx, nil) // BEGIN IMMEDIATE (_txlock=immediate)
	if err != nil {
		return rep, classify(err, db.path)
	}
	defer tx.Rollback()
	if err := db.checkEvidence(ctx, tx, in); err != nil {
		return rep, err
	}
	m := &merger{db: db, q: tx, rep: &rep, reviewer: db.Reviewer(), apply: true}
	if err := m.plan(ctx); err != nil {
		return rep, classify(err, db.path)
	}
	if err := m.write(ctx); err != nil {
		return rep, classify(err, db.path)
	}
	if err := db.recordWrittenBy(ctx, tx); err != nil {
		return rep, classify(err, db.path)
	}
	if err := tx.Commit(); err != nil {
		return rep, classify(err, db.path)
	}
	db.versionRecorded.Store(db.appVersion != "")
	rep.Committed = true
	return rep, nil
}

func attachIncoming(ctx context.Context, c *sql.Conn, in *Incoming) error {
	if _, err := c.ExecContext(ctx, "ATTACH DATABASE ? AS r", dsn(in.copy, "mode=ro", "immutable=1")); err != nil {
		return classify(err, in.Source)
	}
	if _, err := c.ExecContext(ctx, "PRAGMA r.cache_size = -65536"); err != nil {
		return classify(err, in.Source)
	}
	return nil
}

// dbtx is a transaction (or connection) with the incoming file attached as schema r.
type dbtx interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// The tables a merge unites, in the order their rows are inserted (references first), with
// the fields merged field by field.
var mergeTables = []struct {
	name   string
	fields []string
	label  string // SQL expression naming a row for people
}{
	{"reviewers", []string{"name"}, "name"},
	{"articles", []string{"title", "outlet", "byline", "url", "language", "published", "origin", "format", "removed"}, "title"},
	{"sources", []string{"url", "title", "publisher", "accessed", "quote"}, "coalesce(nullif(title, ''), url)"},
	{"source_snapshots", nil, "url"},      // never changed: only new ones come
	{"source_checks", nil, "url"},         // never changed either
	{"claims", []string{"note"}, "exact"}, // the verdict follows from the ratings (recomputeTx)
	{"links", nil, "relation"},
}

func stakesOf(table, field string) annotate.Stakes {
	if table == "claims" && (field == "verdict" || field == "note") {
		return annotate.HighStakes
	}
	return annotate.LowStakes
}

// isRowEdit reports whether a history entry edits a row, for the rule that a delete never wins
// over an edit: a merged field, or a rating of a claim.
func isRowEdit(table, field string) bool {
	if table == "claims" && (field == "verdict" || field == "unrate" || field == "settle") {
		return true
	}
	return isMergeField(table, field)
}

func isMergeField(table, field string) bool {
	for _, t := range mergeTables {
		if t.name == table {
			for _, f := range t.fields {
				if f == field {
					return true
				}
			}
		}
	}
	return false
}

// entry is a history entry as a merge reads it.
type entry struct {
	id, at, reviewer, tbl, rowID, field string
}

func (e *entry) edit() annotate.Edit { return annotate.Edit{ID: e.id, At: parseTime(e.at)} }

// entry kinds for a row's life
func (e *entry) isState() bool {
	return e.field == "create" || e.field == "delete" || e.field == "deleted_at"
}

// rowRef names a row the same way on both sides: (table, id), or (articles, "sha256:"+hash).
type rowRef struct{ tbl, key string }

// rowVals is the merge's view of one row on one side.
type rowVals struct {
	id                          string
	fields                      map[string]string
	deleted                     bool
	deletedAt, deletedBy        sql.NullString
	updatedAt, updatedBy, label string
	articleID                   string // claims: the article
}

// rowPlan is what the merge does to one existing row.
type rowPlan struct {
	ref    rowRef
	local  *rowVals
	remote *rowVals
	set    map[string]string // fields to take from the file
	setAt  string
	setBy  string
	state  annotate.Outcome // Take: take the file's deletion state
}

// newConflict is a conflict the merge records.
type newConflict struct {
	id, tbl, rowID, field string
	a, b                  conflictSide
}

type conflictSide struct{ value, entry, at, by string }

type merger struct {
	db       *DB
	q        dbtx
	rep      *MergeReport
	reviewer string
	apply    bool

	names map[string]string // reviewer id -> name, both sides

	artHash      map[string]string // article id (either side) -> sha256
	localArtID   map[string]string // sha256 -> local article id
	remoteArtID  map[string]string // sha256 -> remote article id
	entries      map[string]*entry // the new entries of both sides by id
	lnew, rnew   map[rowRef][]*entry
	openConflict map[string]bool // tbl/key/field of conflicts open after the union
	plans        []*rowPlan
	conflicts    []newConflict

	localConflicts  map[string]conflictRow
	remoteConflicts []conflictRow // the file's conflicts not here yet
	resolutions     []conflictRow // the file's resolutions of conflicts open here

	anchorSkip    []string // new claims whose anchor does not match: inserted one by one
	reanchors     []reanchor
	claimArtKey   map[string]string // claim id -> article key, loaded on demand
	linkClaims    map[string][2]string
	related       [2]map[rowRef][]annotate.Edit // local, remote: edits of rows hanging on a row
	articleTitles map[string]string             // article id (either side) -> title
	aliases       map[string]bool               // claim ids that are aliases on either side
}

type reanchor struct {
	id        string
	articleID string // local
	old       annotate.Anchor
	match     annotate.Match
}

func (m *merger) ref(tbl, id string) rowRef {
	if tbl == "articles" {
		if h, ok := m.artHash[id]; ok {
			return rowRef{tbl, "sha256:" + h}
		}
	}
	return rowRef{tbl, id}
}

func (m *merger) name(id string) string {
	if n, ok := m.names[id]; ok && n != "" {
		return n
	}
	return id
}

// plan reads both sides and decides everything, filling the report.
func (m *merger) plan(ctx context.Context) error {
	if err := m.loadReviewers(ctx); err != nil {
		return err
	}
	if err := m.loadArticles(ctx); err != nil {
		return err
	}
	if err := m.loadHistory(ctx); err != nil {
		return err
	}
	if err := m.newRows(ctx); err != nil {
		return err
	}
	if err := m.unionConflicts(ctx); err != nil {
		return err
	}
	if err := m.loadAliases(ctx); err != nil {
		return err
	}
	if err := m.reportAliasNotes(ctx); err != nil {
		return err
	}
	if err := m.decideRows(ctx); err != nil {
		return err
	}
	if err := m.checkAnchors(ctx); err != nil {
		return err
	}
	if err := m.sameSpans(ctx); err != nil {
		return err
	}
	if err := m.newRatings(ctx); err != nil {
		return err
	}
	sort.Slice(m.rep.Conflicts, func(i, j int) bool { return m.rep.Conflicts[i].ID < m.rep.Conflicts[j].ID })
	return nil
}

func (m *merger) loadReviewers(ctx context.Context) error {
	m.names = map[string]string{}
	rows, err := m.q.QueryContext(ctx, `SELECT id, name, 0 FROM main.reviewers UNION ALL SELECT id, name, 1 FROM r.reviewers`)
	if err != nil {
		return err
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var id, name string
		var remote bool
		if err := rows.Scan(&id, &name, &remote); err != nil {
			return err
		}
		if _, ok := m.names[id]; !ok {
			m.names[id] = name
		}
		if remote && !seen[name] {
			seen[name] = true
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// The reviewers whose work is in the file: the authors of its history.
	authors, err := m.q.QueryContext(ctx, `SELECT DISTINCT rv.name FROM r.history h JOIN r.reviewers rv ON rv.id = h.reviewer_id ORDER BY rv.name`)
	if err != nil {
		return err
	}
	defer authors.Close()
	for authors.Next() {
		var n string
		if err := authors.Scan(&n); err != nil {
			return err
		}
		m.rep.Reviewers = append(m.rep.Reviewers, n)
	}
	return authors.Err()
}

func (m *merger) loadArticles(ctx context.Context) error {
	m.artHash, m.localArtID, m.remoteArtID = map[string]string{}, map[string]string{}, map[string]string{}
	m.articleTitles = map[string]string{}
	rows, err := m.q.QueryContext(ctx, `SELECT id, sha256, title, 0 FROM main.articles UNION ALL SELECT id, sha256, title, 1 FROM r.articles`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, hash, title string
		var remote bool
		if err := rows.Scan(&id, &hash, &title, &remote); err != nil {
			return err
		}
		m.articleTitles[id] = title
		if h, ok := m.artHash[id]; ok && h != hash {
			return &Error{Kind: KindConflict, Msg: fmt.Sprintf("the file's article %s has the id of a different article here: the file was not made by Factdesk as is; nothing was merged", id)}
		}
		m.artHash[id] = hash
		if remote {
			m.remoteArtID[hash] = id
		} else {
			m.localArtID[hash] = id
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// Articles known only from the history (ids a third reviewer gave the same text): their
	// creation entry names the hash.
	more, err := m.q.QueryContext(ctx, `SELECT row_id, json_extract(new, '$.sha256') FROM main.history WHERE tbl = 'articles' AND field = 'create' AND json_valid(new)
		UNION ALL SELECT row_id, json_extract(new, '$.sha256') FROM r.history WHERE tbl = 'articles' AND field = 'create' AND json_valid(new)`)
	if err != nil {
		return err
	}
	defer more.Close()
	for more.Next() {
		var id string
		var hash sql.NullString
		if err := more.Scan(&id, &hash); err != nil {
			return err
		}
		if _, ok := m.artHash[id]; !ok && hash.Valid && hash.String != "" {
			m.artHash[id] = hash.String
		}
	}
	return more.Err()
}

// loadHistory reads the entries each side has and the other lacks, grouped by row.
func (m *merger) loadHistory(ctx context.Context) error {
	m.entries = map[string]*entry{}
	m.lnew, m.rnew = map[rowRef][]*entry{}, map[rowRef][]*entry{}
	load := func(q string, into map[rowRef][]*entry, remote bool) error {
		rows, err := m.q.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e := &entry{}
			if err := rows.Scan(&e.id, &e.at, &e.reviewer, &e.tbl, &e.rowID, &e.field); err != nil {
				return err
			}
			if remote {
				m.rep.NewHistory++
			}
			m.entries[e.id] = e
			if e.tbl == "conflicts" || e.tbl == "merges" || strings.HasPrefix(e.field, "merge:") || e.field == "alias" {
				continue
			}
			into[m.ref(e.tbl, e.rowID)] = append(into[m.ref(e.tbl, e.rowID)], e)
		}
		return rows.Err()
	}
	const cols = `h.id, h.at, h.reviewer_id, h.tbl, h.row_id, h.field`
	if err := load(`SELECT `+cols+` FROM r.history h WHERE NOT EXISTS (SELECT 1 FROM main.history m WHERE m.id = h.id)`, m.rnew, true); err != nil {
		return err
	}
	return load(`SELECT `+cols+` FROM main.history h WHERE NOT EXISTS (SELECT 1 FROM r.history m WHERE m.id = h.id)`, m.lnew, false)
}

// newRows lists, for the report, the file's rows not here yet.
func (m *merger) newRows(ctx context.Context) error {
	rows, err := m.q.QueryContext(ctx, `SELECT ra.id, ra.title, ra.sha256 FROM r.articles ra
		WHERE NOT EXISTS (SELECT 1 FROM main.articles la WHERE la.sha256 = ra.sha256) ORDER BY ra.seq`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a MergeArticle
		if err := rows.Scan(&a.ID, &a.Title, &a.SHA256); err != nil {
			rows.Close()
			return err
		}
		m.rep.NewArticles = append(m.rep.NewArticles, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := m.q.QueryRowContext(ctx, `SELECT count(*) FROM r.articles ra JOIN main.articles la ON la.sha256 = ra.sha256 WHERE la.id <> ra.id`).
		Scan(&m.rep.MatchedArticles); err != nil {
		return err
	}
	// Matched articles the two sides have already merged before are not news.
	if m.rep.MatchedArticles > 0 {
		var seen int
		if err := m.q.QueryRowContext(ctx, `SELECT count(*) FROM r.articles ra JOIN main.articles la ON la.sha256 = ra.sha256
			WHERE la.id <> ra.id AND EXISTS (SELECT 1 FROM main.history h WHERE h.row_id = ra.id AND h.field = 'create')`).Scan(&seen); err != nil {
			return err
		}
		m.rep.MatchedArticles -= seen
	}
	claims, err := m.q.QueryContext(ctx, `SELECT c.id, c.article_id, a.title, c.exact, c.verdict, c.note, coalesce(rv.name, ''), c.deleted_at IS NOT NULL
		FROM r.claims c JOIN r.articles a ON a.id = c.article_id LEFT JOIN r.reviewers rv ON rv.id = c.created_by
		WHERE NOT EXISTS (SELECT 1 FROM main.claims l WHERE l.id = c.id) ORDER BY c.seq`)
	if err != nil {
		return err
	}
	for claims.Next() {
		var c MergeClaim
		var v string
		if err := claims.Scan(&c.ID, &c.ArticleID, &c.ArticleTitle, &c.Quote, &v, &c.Note, &c.By, &c.Deleted); err != nil {
			claims.Close()
			return err
		}
		c.Verdict = annotate.Verdict(v)
		if id, ok := m.localArtID[m.artHash[c.ArticleID]]; ok {
			c.ArticleID = id
		}
		m.rep.NewClaims = append(m.rep.NewClaims, c)
	}
	claims.Close()
	if err := claims.Err(); err != nil {
		return err
	}
	if err := m.q.QueryRowContext(ctx, `SELECT count(*) FROM r.sources s WHERE NOT EXISTS (SELECT 1 FROM main.sources l WHERE l.id = s.id)`).
		Scan(&m.rep.NewSources); err != nil {
		return err
	}
	return m.q.QueryRowContext(ctx, `SELECT count(*) FROM r.links s WHERE NOT EXISTS (SELECT 1 FROM main.links l WHERE l.id = s.id)`).
		Scan(&m.rep.NewLinks)
}

// conflictRow is a row of the conflicts table.
type conflictRow struct {
	id, tbl, rowID, field                              string
	aValue, aEntry, aAt, aBy, bValue, bEntry, bAt, bBy string
	createdAt, createdBy                               string
	resolvedAt, resolvedBy, resolution, resolvedValue  sql.NullString
}

const conflictCols = `id, tbl, row_id, field, a_value, a_entry, a_at, a_by, b_value, b_entry, b_at, b_by, created_at, created_by,
	resolved_at, resolved_by, resolution, resolved_value`

func scanConflictRow(sc interface{ Scan(...any) error }) (conflictRow, error) {
	var c conflictRow
	err := sc.Scan(&c.id, &c.tbl, &c.rowID, &c.field, &c.aValue, &c.aEntry, &c.aAt, &c.aBy, &c.bValue, &c.bEntry, &c.bAt, &c.bBy,
		&c.createdAt, &c.createdBy, &c.resolvedAt, &c.resolvedBy, &c.resolution, &c.resolvedValue)
	return c, err
}

// resolvedLater reports whether resolution a wins over b (both resolved): the later one, then
// a fixed order, so both sides pick the same.
func resolvedLater(a, b conflictRow) bool {
	if a.resolvedAt.String != b.resolvedAt.String {
		return a.resolvedAt.String > b.resolvedAt.String
	}
	if a.resolvedBy.String != b.resolvedBy.String {
		return a.resolvedBy.String > b.resolvedBy.String
	}
	return a.resolution.String+"\x00"+a.resolvedValue.String > b.resolution.String+"\x00"+b.resolvedValue.String
}

// unionConflicts merges the conflicts tables: new ones come, a resolution wins over an open
// state, and of two resolutions the later one. It leaves the set of open conflicts.
func (m *merger) unionConflicts(ctx context.Context) error {
	local := map[string]conflictRow{}
	rows, err := m.q.QueryContext(ctx, `SELECT `+conflictCols+` FROM main.conflicts`)
	if err != nil {
		return err
	}
	for rows.Next() {
		c, err := scanConflictRow(rows)
		if err != nil {
			rows.Close()
			return err
		}
		local[c.id] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	state := map[string]conflictRow{}
	for id, c := range local {
		state[id] = c
	}
	rows, err = m.q.QueryContext(ctx, `SELECT `+conflictCols+` FROM r.conflicts`)
	if err != nil {
		return err
	}
	for rows.Next() {
		c, err := scanConflictRow(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if c.tbl == "articles" { // name the article by its local id
			if id, ok := m.localArtID[m.artHash[c.rowID]]; ok {
				c.rowID = id
			}
		}
		l, ok := local[c.id]
		switch {
		case !ok:
			m.remoteConflicts = append(m.remoteConflicts, c)
			state[c.id] = c
		case c.resolvedAt.Valid && (!l.resolvedAt.Valid || resolvedLater(c, l)):
			m.resolutions = append(m.resolutions, c)
			m.rep.ResolvedConflicts++
			state[c.id] = c
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	m.openConflict = map[string]bool{}
	for _, c := range state {
		if !c.resolvedAt.Valid {
			r := m.ref(c.tbl, c.rowID)
			m.openConflict[r.tbl+"\x00"+r.key+"\x00"+c.field] = true
		}
	}
	for _, c := range m.remoteConflicts {
		if !c.resolvedAt.Valid {
			v, err := m.db.conflictView(ctx, m.q, c)
			if err != nil {
				return err
			}
			// Reviewers new to this database are known by name from the file.
			v.Mine.Reviewer, v.Theirs.Reviewer = m.name(v.Mine.ReviewerID), m.name(v.Theirs.ReviewerID)
			if v.Label == "" && c.tbl == "claims" {
				m.q.QueryRowContext(ctx, `SELECT c.exact, c.article_id, a.title FROM r.claims c JOIN r.articles a ON a.id = c.article_id WHERE c.id = ?`, c.rowID).
					Scan(&v.Label, &v.ArticleID, &v.ArticleTitle)
			}
			m.rep.Conflicts = append(m.rep.Conflicts, v)
		}
	}
	m.localConflicts = local
	return nil
}

func (m *merger) contested(r rowRef, field string) bool {
	return m.openConflict[r.tbl+"\x00"+r.key+"\x00"+field]
}

// decideRows settles every row that exists on both sides and that the file changed.
func (m *merger) decideRows(ctx context.Context) error {
	byTable := map[string][]rowRef{}
	for r := range m.rnew {
		byTable[r.tbl] = append(byTable[r.tbl], r)
	}
	for _, t := range mergeTables {
		refs := byTable[t.name]
		if len(refs) == 0 {
			continue
		}
		sort.Slice(refs, func(i, j int) bool { return refs[i].key < refs[j].key })
		local, err := m.loadRows(ctx, "main", t.name, t.fields, t.label, refs)
		if err != nil {
			return err
		}
		// Most rows the file changed are new here (inserted whole): read the others only.
		both := refs[:0:0]
		for _, r := range refs {
			if local[r] != nil {
				both = append(both, r)
			}
		}
		refs = both
		remote, err := m.loadRows(ctx, "r", t.name, t.fields, t.label, refs)
		if err != nil {
			return err
		}
		for _, r := range refs {
			l, rv := local[r], remote[r]
			if l == nil || rv == nil {
				continue // new here (inserted whole), or unknown to the file's tables
			}
			if r.tbl == "claims" && m.aliases[r.key] {
				continue // became another claim on its span: that claim holds it
			}
			p := &rowPlan{ref: r, local: l, remote: rv, set: map[string]string{}}
			if err := m.decideState(ctx, p); err != nil {
				return err
			}
			for _, f := range t.fields {
				m.decideField(p, f)
			}
			if len(p.set) > 0 || p.state == annotate.Take {
				m.plans = append(m.plans, p)
			}
		}
	}
	return nil
}

// loadRows reads the rows refs name from one side.
func (m *merger) loadRows(ctx context.Context, schema, table string, fields []string, label string, refs []rowRef) (map[rowRef]*rowVals, error) {
	ids := make([]string, 0, len(refs))
	for _, r := range refs {
		id := r.key
		if table == "articles" && strings.HasPrefix(r.key, "sha256:") {
			h := strings.TrimPrefix(r.key, "sha256:")
			if schema == "main" {
				id = m.localArtID[h]
			} else {
				id = m.remoteArtID[h]
			}
		}
		if id != "" {
			ids = append(ids, id)
		}
	}
	b, _ := json.Marshal(ids)
	extra := `''`
	if table == "claims" {
		extra = `article_id`
	}
	cols := "id, deleted_at, deleted_by, updated_at, updated_by, " + label + ", " + extra
	for _, f := range fields {
		cols += ", " + f
	}
	rows, err := m.q.QueryContext(ctx, `SELECT `+cols+` FROM `+schema+`.`+table+` WHERE id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[rowRef]*rowVals{}
	for rows.Next() {
		v := &rowVals{fields: map[string]string{}}
		vals := make([]string, len(fields))
		dest := []any{&v.id, &v.deletedAt, &v.deletedBy, &v.updatedAt, &v.updatedBy, &v.label, &v.articleID}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, f := range fields {
			v.fields[f] = vals[i]
		}
		v.deleted = v.deletedAt.Valid
		out[m.ref(table, v.id)] = v
	}
	return out, rows.Err()
}

func edits(es []*entry, keep func(*entry) bool) []annotate.Edit {
	var out []annotate.Edit
	for _, e := range es {
		if keep(e) {
			out = append(out, e.edit())
		}
	}
	return out
}

// decideField settles one field of a row both sides have.
func (m *merger) decideField(p *rowPlan, f string) {
	writes := func(e *entry) bool { return e.field == f || e.field == "create" }
	mine := annotate.FieldSide{Value: p.local.fields[f], Edits: edits(m.lnew[p.ref], writes)}
	theirs := annotate.FieldSide{Value: p.remote.fields[f], Edits: edits(m.rnew[p.ref], writes)}
	d := annotate.DecideField(stakesOf(p.ref.tbl, f), mine, theirs, m.contested(p.ref, f))
	switch d.Outcome {
	case annotate.Take:
		p.set[f] = theirs.Value
		if e := m.entries[d.Theirs.ID]; e != nil && e.at > p.setAt {
			p.setAt, p.setBy = e.at, e.reviewer
		}
		ch := MergeChange{Table: p.ref.tbl, RowID: p.local.id, Field: f, Label: p.local.label, Old: mine.Value, New: theirs.Value, Why: d.Reason}
		if e := m.entries[d.Theirs.ID]; e != nil {
			ch.By, ch.At = m.name(e.reviewer), parseTime(e.at)
		}
		m.rep.Changes = append(m.rep.Changes, ch)
	case annotate.Conflict:
		m.addConflict(p, f, d, mine.Value, theirs.Value)
	}
}

// addConflict records a conflict between the local edit d.Mine and the file's d.Theirs.
func (m *merger) addConflict(p *rowPlan, field string, d annotate.Decision, mineValue, theirsValue string) {
	me, them := m.entries[d.Mine.ID], m.entries[d.Theirs.ID]
	if me == nil || them == nil {
		return
	}
	id := annotate.ConflictID(p.ref.tbl, p.ref.key, field, d.Mine, d.Theirs)
	if _, ok := m.localConflicts[id]; ok {
		return
	}
	for _, old := range m.conflicts {
		if old.id == id {
			return
		}
	}
	mine := conflictSide{value: mineValue, entry: me.id, at: me.at, by: me.reviewer}
	theirs := conflictSide{value: theirsValue, entry: them.id, at: them.at, by: them.reviewer}
	c := newConflict{id: id, tbl: p.ref.tbl, rowID: p.local.id, field: field, a: mine, b: theirs}
	if theirs.entry < mine.entry {
		c.a, c.b = theirs, mine
	}
	m.conflicts = append(m.conflicts, c)
	m.openConflict[p.ref.tbl+"\x00"+p.ref.key+"\x00"+field] = true
	view := Conflict{ID: id, Table: p.ref.tbl, RowID: p.local.id, Field: field, Label: p.local.label, Current: mineValue,
		Mine: m.side(mine), Theirs: m.side(theirs), CreatedAt: time.Now()}
	if p.ref.tbl == "claims" {
		view.ArticleID = p.local.articleID
		view.ArticleTitle = m.articleTitles[p.local.articleID]
	}
	m.rep.Conflicts = append(m.rep.Conflicts, view)
}

func (m *merger) side(s conflictSide) ConflictSide {
	return ConflictSide{Value: s.value, EntryID: s.entry, At: parseTime(s.at), ReviewerID: s.by, Reviewer: m.name(s.by)}
}

// decideState settles whether a row both sides have is deleted.
func (m *merger) decideState(ctx context.Context, p *rowPlan) error {
	if p.local.deleted == p.remote.deleted {
		return nil
	}
	state := func(e *entry) bool { return e.isState() }
	fieldEdit := func(e *entry) bool { return isRowEdit(e.tbl, e.field) }
	mine := annotate.RowSide{Deleted: p.local.deleted, StateEdits: edits(m.lnew[p.ref], state), Edits: edits(m.lnew[p.ref], fieldEdit)}
	theirs := annotate.RowSide{Deleted: p.remote.deleted, StateEdits: edits(m.rnew[p.ref], state), Edits: edits(m.rnew[p.ref], fieldEdit)}
	relL, relR, err := m.relatedEdits(ctx, p.ref)
	if err != nil {
		return err
	}
	mine.Edits = append(mine.Edits, relL...)
	theirs.Edits = append(theirs.Edits, relR...)
	d := annotate.DecideDeletion(mine, theirs, m.contested(p.ref, "delete"))
	switch d.Outcome {
	case annotate.Take:
		p.state = annotate.Take
		ch := MergeChange{Table: p.ref.tbl, RowID: p.local.id, Field: "delete", Label: p.local.label, Why: d.Reason}
		if e := m.entries[d.Theirs.ID]; e != nil {
			ch.By, ch.At = m.name(e.reviewer), parseTime(e.at)
		}
		if p.remote.deleted {
			ch.Old, ch.New = "kept", "deleted"
			m.rep.Deleted = append(m.rep.Deleted, ch)
		} else {
			ch.Old, ch.New = "deleted", "kept"
			m.rep.Restored = append(m.rep.Restored, ch)
		}
	case annotate.Conflict:
		value := func(deleted bool) string {
			if deleted {
				return "deleted"
			}
			return "kept"
		}
		m.addConflict(p, "delete", d, value(p.local.deleted), value(p.remote.deleted))
	}
	return nil
}

// relatedEdits are the new edits of rows that hang on a row, on each side: for a claim the
// links made on it, for an article its claims (made or changed). Deleting the row would
// hide them, so they count as edits of the row.
func (m *merger) relatedEdits(ctx context.Context, r rowRef) (local, remote []annotate.Edit, err error) {
	if m.related[0] == nil {
		if err := m.loadLinkClaims(ctx); err != nil {
			return nil, nil, err
		}
		if err := m.loadClaimArticles(ctx); err != nil {
			return nil, nil, err
		}
		m.related = [2]map[rowRef][]annotate.Edit{{}, {}}
		for i, es := range []map[rowRef][]*entry{m.lnew, m.rnew} {
			idx := m.related[i]
			for ref, list := range es {
				switch ref.tbl {
				case "links":
					lc := m.linkClaims[ref.key]
					for _, e := range list {
						if e.field != "create" {
							continue
						}
						for _, c := range lc {
							if c != "" {
								idx[rowRef{"claims", c}] = append(idx[rowRef{"claims", c}], e.edit())
							}
						}
					}
				case "claims":
					art := rowRef{"articles", m.claimArtKey[ref.key]}
					for _, e := range list {
						if e.field == "create" || isRowEdit("claims", e.field) {
							idx[art] = append(idx[art], e.edit())
						}
					}
				}
			}
		}
	}
	return m.related[0][r], m.related[1][r], nil
}

func (m *merger) newIDs(tbl string) string {
	var ids []string
	for _, es := range []map[rowRef][]*entry{m.lnew, m.rnew} {
		for ref := range es {
			if ref.tbl == tbl {
				ids = append(ids, ref.key)
			}
		}
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

func (m *merger) loadLinkClaims(ctx context.Context) error {
	if m.linkClaims != nil {
		return nil
	}
	m.linkClaims = map[string][2]string{}
	rows, err := m.q.QueryContext(ctx, `SELECT id, claim_id, coalesce(target_claim_id, '') FROM main.links WHERE id IN (SELECT value FROM json_each(?1))
		UNION SELECT id, claim_id, coalesce(target_claim_id, '') FROM r.links WHERE id IN (SELECT value FROM json_each(?1))`, m.newIDs("links"))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, a, b string
		if err := rows.Scan(&id, &a, &b); err != nil {
			return err
		}
		m.linkClaims[id] = [2]string{a, b}
	}
	return rows.Err()
}

func (m *merger) loadClaimArticles(ctx context.Context) error {
	if m.claimArtKey != nil {
		return nil
	}
	m.claimArtKey = map[string]string{}
	rows, err := m.q.QueryContext(ctx, `SELECT id, article_id FROM main.claims WHERE id IN (SELECT value FROM json_each(?1))
		UNION SELECT id, article_id FROM r.claims WHERE id IN (SELECT value FROM json_each(?1))`, m.newIDs("claims"))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, art string
		if err := rows.Scan(&id, &art); err != nil {
			return err
		}
		m.claimArtKey[id] = m.ref("articles", art).key
	}
	return rows.Err()
}

// checkAnchors finds the file's new claims whose quote is not at their offsets in the article
// text, and re-anchors them.
func (m *merger) checkAnchors(ctx context.Context) error {
	rows, err := m.q.QueryContext(ctx, `SELECT c.id, a.sha256, c.rune_start, c.rune_end, c.exact, c.prefix, c.suffix, a.text
		FROM r.claims c JOIN r.articles a ON a.id = c.article_id
		WHERE NOT EXISTS (SELECT 1 FROM main.claims l WHERE l.id = c.id)
		AND substr(a.text, c.rune_start + 1, c.rune_end - c.rune_start) IS NOT c.exact`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ra reanchor
		var hash, text string
		if err := rows.Scan(&ra.id, &hash, &ra.old.Start, &ra.old.End, &ra.old.Exact, &ra.old.Prefix, &ra.old.Suffix, &text); err != nil {
			return err
		}
		ra.articleID = m.localArtID[hash]
		if ra.articleID == "" {
			ra.articleID = m.remoteArtID[hash]
		}
		ra.match = annotate.Reanchor(text, ra.old)
		m.anchorSkip = append(m.anchorSkip, ra.id)
		m.reanchors = append(m.reanchors, ra)
		ch := MergeChange{Table: "claims", RowID: ra.id, Field: "anchor", Label: ra.old.Exact,
			Old: fmt.Sprintf("%d-%d", ra.old.Start, ra.old.End)}
		if ra.match.Status == annotate.Lost {
			ch.New, ch.Why = "not found", "the quote is not in the article text: the claim is kept hidden, in a conflict"
		} else {
			ch.New = fmt.Sprintf("%d-%d", ra.match.Anchor.Start, ra.match.Anchor.End)
			ch.Why = fmt.Sprintf("the quote was not at its offsets: found again (%s, score %.2f)", ra.match.Status, ra.match.Score)
		}
		m.rep.Reanchored = append(m.rep.Reanchored, ch)
	}
	return rows.Err()
}

// columns lists a table's columns but seq.
func (m *merger) columns(ctx context.Context, table string) ([]string, error) {
	rows, err := m.q.QueryContext(ctx, `SELECT name FROM pragma_table_info(?, 'main') WHERE name <> 'seq' ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// write applies the plan in the transaction.
func (m *merger) write(ctx context.Context) error {
	if m.rep.Empty() {
		return nil
	}
	now := m.db.stamp()
	var maxArt, maxClaim int64
	if err := m.q.QueryRowContext(ctx, `SELECT coalesce((SELECT max(seq) FROM main.articles), 0), coalesce((SELECT max(seq) FROM main.claims), 0)`).
		Scan(&maxArt, &maxClaim); err != nil {
		return err
	}
	skip, _ := json.Marshal(append([]string{}, m.anchorSkip...))
	for _, t := range mergeTables {
		cols, err := m.columns(ctx, t.name)
		if err != nil {
			return err
		}
		list := strings.Join(cols, ", ")
		sel := "s." + strings.Join(cols, ", s.")
		q := `INSERT INTO main.` + t.name + `(` + list + `) SELECT ` + sel + ` FROM r.` + t.name + ` s
			WHERE NOT EXISTS (SELECT 1 FROM main.` + t.name + ` l WHERE l.id = s.id)`
		var args []any
		switch t.name {
		case "articles":
			q += ` AND NOT EXISTS (SELECT 1 FROM main.articles l WHERE l.sha256 = s.sha256)`
		case "claims":
			sel = strings.Replace(sel, "s.article_id", `coalesce((SELECT la.id FROM r.articles ra JOIN main.articles la ON la.sha256 = ra.sha256 WHERE ra.id = s.article_id), s.article_id)`, 1)
			q = `INSERT INTO main.claims(` + list + `) SELECT ` + sel + ` FROM r.claims s
				WHERE NOT EXISTS (SELECT 1 FROM main.claims l WHERE l.id = s.id) AND s.id NOT IN (SELECT value FROM json_each(?))`
			args = append(args, string(skip))
		}
		q += ` ORDER BY s.seq`
		if _, err := m.q.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("merging %s: %w", t.name, err)
		}
		if t.name == "claims" {
			if err := m.writeReanchored(ctx, cols, now); err != nil {
				return err
			}
		}
	}
	if _, err := m.q.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) SELECT seq, title, text FROM main.articles WHERE seq > ?`, maxArt); err != nil {
		return err
	}
	if err := indexNewArticlesTx(ctx, m.q, maxArt); err != nil {
		return err
	}
	if _, err := m.q.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) SELECT seq, exact, note FROM main.claims WHERE seq > ? AND deleted_at IS NULL`, maxClaim); err != nil {
		return err
	}
	for _, p := range m.plans {
		if err := m.writeRow(ctx, p); err != nil {
			return err
		}
	}
	if _, err := m.q.ExecContext(ctx, `INSERT INTO main.history(id, at, reviewer_id, tbl, row_id, field, old, new)
		SELECT id, at, reviewer_id, tbl, row_id, field, old, new FROM r.history h
		WHERE NOT EXISTS (SELECT 1 FROM main.history m WHERE m.id = h.id) ORDER BY at, id`); err != nil {
		return fmt.Errorf("merging the history: %w", err)
	}
	if err := m.writeSameSpans(ctx, now); err != nil {
		return err
	}
	if err := m.writeConflicts(ctx, now); err != nil {
		return err
	}
	summary, _ := json.Marshal(map[string]any{
		"file": filepath.Base(m.rep.File), "reviewers": m.rep.Reviewers, "new_articles": len(m.rep.NewArticles),
		"new_claims": len(m.rep.NewClaims), "changes": len(m.rep.Changes), "deleted": len(m.rep.Deleted),
		"conflicts": len(m.rep.Conflicts), "history": m.rep.NewHistory, "summary": m.rep.Summary(),
	})
	if !m.rep.changesContent() {
		return nil // only history entries: no news to log (else two files would trade summaries forever)
	}
	return m.log(ctx, now, "merges", newID(), "create", nil, ptr(string(summary)))
}

func (m *merger) log(ctx context.Context, at, table, rowID, field string, old, new *string) error {
	_, err := m.q.ExecContext(ctx, `INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
		newID(), at, m.reviewer, table, rowID, field, nullable(old), nullable(new))
	return err
}

// writeReanchored inserts the new claims whose anchor did not match: at the anchor found
// again, or hidden (deleted) with a conflict when the quote is lost.
func (m *merger) writeReanchored(ctx context.Context, cols []string, now string) error {
	for _, ra := range m.reanchors {
		a := ra.old
		lost := ra.match.Status == annotate.Lost
		if !lost {
			a = ra.match.Anchor
		}
		sel := make([]string, len(cols))
		var args []any
		for i, c := range cols {
			sel[i] = "s." + c
			switch c {
			case "article_id":
				sel[i], args = "?", append(args, ra.articleID)
			case "rune_start":
				sel[i], args = "?", append(args, a.Start)
			case "rune_end":
				sel[i], args = "?", append(args, a.End)
			case "exact":
				sel[i], args = "?", append(args, a.Exact)
			case "prefix":
				sel[i], args = "?", append(args, a.Prefix)
			case "suffix":
				sel[i], args = "?", append(args, a.Suffix)
			case "deleted_at":
				if lost {
					sel[i], args = "coalesce(s.deleted_at, ?)", append(args, now)
				}
			case "deleted_by":
				if lost {
					sel[i], args = "coalesce(s.deleted_by, ?)", append(args, m.reviewer)
				}
			}
		}
		args = append(args, ra.id)
		if _, err := m.q.ExecContext(ctx, `INSERT INTO main.claims(`+strings.Join(cols, ", ")+`) SELECT `+strings.Join(sel, ", ")+
			` FROM r.claims s WHERE s.id = ?`, args...); err != nil {
			return fmt.Errorf("merging claim %s: %w", ra.id, err)
		}
		old := fmt.Sprintf("%d-%d %s", ra.old.Start, ra.old.End, ra.old.Exact)
		nw := "not found in the article text"
		if !lost {
			nw = fmt.Sprintf("%d-%d %s", a.Start, a.End, a.Exact)
		}
		entryID := newID()
		if _, err := m.q.ExecContext(ctx, `INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
			entryID, now, m.reviewer, "claims", ra.id, "merge:anchor", old, nw); err != nil {
			return err
		}
		if !lost {
			continue
		}
		// The file's side: the claim's creation entry (or the claim row itself).
		var theirs conflictSide
		theirs.value = ra.old.Exact
		if err := m.q.QueryRowContext(ctx, `SELECT coalesce((SELECT id FROM r.history WHERE row_id = c.id AND field = 'create' ORDER BY at LIMIT 1), ''),
			c.created_at, c.created_by FROM r.claims c WHERE c.id = ?`, ra.id).Scan(&theirs.entry, &theirs.at, &theirs.by); err != nil {
			return err
		}
		if theirs.entry == "" {
			theirs.entry = ra.id
		}
		mine := conflictSide{value: "", entry: entryID, at: now, by: m.reviewer}
		c := newConflict{id: annotate.ConflictID("claims", ra.id, "anchor", annotate.Edit{ID: theirs.entry}, annotate.Edit{ID: ra.id}),
			tbl: "claims", rowID: ra.id, field: "anchor", a: mine, b: theirs}
		if theirs.entry < mine.entry {
			c.a, c.b = theirs, mine
		}
		m.conflicts = append(m.conflicts, c)
		m.rep.Conflicts = append(m.rep.Conflicts, Conflict{ID: c.id, Table: "claims", RowID: ra.id, Field: "anchor", Label: ra.old.Exact,
			ArticleID: ra.articleID, ArticleTitle: m.articleTitles[ra.articleID], Mine: m.side(mine), Theirs: m.side(theirs), CreatedAt: parseTime(now)})
	}
	return nil
}

// writeRow applies the decisions of one existing row, keeping the full-text index in step.
func (m *merger) writeRow(ctx context.Context, p *rowPlan) error {
	id, t := p.local.id, p.ref.tbl
	wasLive := !p.local.deleted
	live := wasLive
	if p.state == annotate.Take {
		live = !p.remote.deleted
	}
	noteChanged := false
	if _, ok := p.set["note"]; ok {
		noteChanged = true
	}
	_, titleChanged := p.set["title"]
	switch {
	case t == "claims" && (wasLive != live || (live && noteChanged)):
		if wasLive {
			if _, err := m.q.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) SELECT 'delete', seq, exact, note FROM main.claims WHERE id = ?`, id); err != nil {
				return err
			}
		}
	case t == "articles" && titleChanged:
		if _, err := m.q.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rowid, title, text) SELECT 'delete', seq, title, text FROM main.articles WHERE id = ?`, id); err != nil {
			return err
		}
	}
	if len(p.set) > 0 {
		fields := make([]string, 0, len(p.set))
		for f := range p.set {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		q := `UPDATE main.` + t + ` SET `
		var args []any
		for _, f := range fields {
			q += f + " = ?, "
			args = append(args, p.set[f])
		}
		q += `updated_at = max(updated_at, ?), updated_by = CASE WHEN ? > updated_at THEN ? ELSE updated_by END WHERE id = ?`
		args = append(args, p.setAt, p.setAt, p.setBy, id)
		if _, err := m.q.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("merging %s %s: %w", t, id, err)
		}
		// Low-stakes fields changed on both sides: log the choice of the later change.
		for _, f := range fields {
			if len(m.lnew[p.ref]) > 0 && stakesOf(t, f) == annotate.LowStakes && p.local.fields[f] != p.set[f] {
				var mineEdits []annotate.Edit
				for _, e := range m.lnew[p.ref] {
					if e.field == f || e.field == "create" {
						mineEdits = append(mineEdits, e.edit())
					}
				}
				if len(mineEdits) > 0 {
					if err := m.log(ctx, m.db.stamp(), t, id, "merge:"+f, ptr(p.local.fields[f]), ptr(p.set[f])); err != nil {
						return err
					}
				}
			}
		}
	}
	if p.state == annotate.Take {
		if _, err := m.q.ExecContext(ctx, `UPDATE main.`+t+` SET deleted_at = ?, deleted_by = ? WHERE id = ?`,
			p.remote.deletedAt, p.remote.deletedBy, id); err != nil {
			return fmt.Errorf("merging %s %s: %w", t, id, err)
		}
	}
	switch {
	case t == "claims" && (wasLive != live || (live && noteChanged)):
		if live {
			if _, err := m.q.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) SELECT seq, exact, note FROM main.claims WHERE id = ?`, id); err != nil {
				return err
			}
		}
	case t == "articles" && titleChanged:
		if _, err := m.q.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) SELECT seq, title, text FROM main.articles WHERE id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// writeConflicts inserts the file's conflicts and the merge's own, and takes the file's
// resolutions, each logged.
func (m *merger) writeConflicts(ctx context.Context, now string) error {
	ins := func(c conflictRow) error {
		res, err := m.q.ExecContext(ctx, `INSERT OR IGNORE INTO main.conflicts(`+conflictCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.id, c.tbl, c.rowID, c.field, c.aValue, c.aEntry, c.aAt, c.aBy, c.bValue, c.bEntry, c.bAt, c.bBy, c.createdAt, c.createdBy,
			c.resolvedAt, c.resolvedBy, c.resolution, c.resolvedValue)
		if err != nil {
			return fmt.Errorf("recording conflict %s: %w", c.id, err)
		}
		_ = res
		return nil
	}
	for _, c := range m.remoteConflicts {
		if err := ins(c); err != nil {
			return err
		}
	}
	for _, c := range m.conflicts {
		row := conflictRow{id: c.id, tbl: c.tbl, rowID: c.rowID, field: c.field,
			aValue: c.a.value, aEntry: c.a.entry, aAt: c.a.at, aBy: c.a.by, bValue: c.b.value, bEntry: c.b.entry, bAt: c.b.at, bBy: c.b.by,
			createdAt: now, createdBy: m.reviewer}
		var exists int
		if err := m.q.QueryRowContext(ctx, `SELECT count(*) FROM main.conflicts WHERE id = ?`, c.id).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			continue
		}
		if err := ins(row); err != nil {
			return err
		}
		desc, _ := json.Marshal(map[string]string{"table": c.tbl, "row_id": c.rowID, "field": c.field, "a": c.a.value, "b": c.b.value})
		if err := m.log(ctx, now, "conflicts", c.id, "create", nil, ptr(string(desc))); err != nil {
			return err
		}
	}
	for _, c := range m.resolutions {
		if _, err := m.q.ExecContext(ctx, `UPDATE main.conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?, resolved_value = ? WHERE id = ?`,
			c.resolvedAt, c.resolvedBy, c.resolution, c.resolvedValue, c.id); err != nil {
			return fmt.Errorf("taking the resolution of conflict %s: %w", c.id, err)
		}
	}
	return nil
}

// loadAliases reads the claim ids that are aliases on either side.
func (m *merger) loadAliases(ctx context.Context) error {
	m.aliases = map[string]bool{}
	ids, err := queryStrings(ctx, m.q, `SELECT alias_id FROM main.claim_aliases UNION SELECT alias_id FROM r.claim_aliases`)
	for _, id := range ids {
		m.aliases[id] = true
	}
	return err
}

// sameSpans tells, for the report, which of the file's claims land on a span that has a claim
// here (they become one claim) and which overlap one heavily (offered as "link as same claim").
func (m *merger) sameSpans(ctx context.Context) error {
	rows, err := m.q.QueryContext(ctx, `SELECT rc.id, lc.id, rc.exact, lc.article_id FROM r.claims rc
		JOIN r.articles ra ON ra.id = rc.article_id JOIN main.articles la ON la.sha256 = ra.sha256
		JOIN main.claims lc ON lc.article_id = la.id AND lc.rune_start = rc.rune_start AND lc.rune_end = rc.rune_end AND lc.deleted_at IS NULL
		WHERE rc.deleted_at IS NULL AND lc.id <> rc.id AND NOT EXISTS (SELECT 1 FROM main.claims x WHERE x.id = rc.id)
		AND NOT EXISTS (SELECT 1 FROM main.claim_aliases al WHERE al.alias_id = rc.id) ORDER BY rc.id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var u Unified
		var theirs, mine string
		if err := rows.Scan(&theirs, &mine, &u.Quote, &u.ArticleID); err != nil {
			rows.Close()
			return err
		}
		u.Claim, u.Alias = min(theirs, mine), max(theirs, mine)
		m.rep.Unified = append(m.rep.Unified, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Heavy overlaps between a new claim of the file and a claim here, same article text.
	cl, err := m.q.QueryContext(ctx, `SELECT lc.id, lc.article_id, lc.rune_start, lc.rune_end, lc.exact, 0 FROM main.claims lc
		JOIN main.articles la ON la.id = lc.article_id WHERE lc.deleted_at IS NULL AND la.deleted_at IS NULL
		AND la.sha256 IN (SELECT ra.sha256 FROM r.articles ra JOIN r.claims rc ON rc.article_id = ra.id WHERE rc.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM main.claims x WHERE x.id = rc.id))
		UNION ALL SELECT rc.id, la.id, rc.rune_start, rc.rune_end, rc.exact, 1 FROM r.claims rc JOIN r.articles ra ON ra.id = rc.article_id
		JOIN main.articles la ON la.sha256 = ra.sha256
		WHERE rc.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM main.claims x WHERE x.id = rc.id)
		AND EXISTS (SELECT 1 FROM main.claims lc WHERE lc.article_id = la.id AND lc.deleted_at IS NULL)
		ORDER BY 2, 3, 4, 1`)
	if err != nil {
		return err
	}
	var claims []annotate.Claim
	fresh := map[string]bool{}
	for cl.Next() {
		var c annotate.Claim
		var isNew bool
		if err := cl.Scan(&c.ID, &c.ArticleID, &c.Start, &c.End, &c.Exact, &isNew); err != nil {
			cl.Close()
			return err
		}
		if isNew {
			fresh[c.ID] = true
		}
		claims = append(claims, c)
	}
	cl.Close()
	if err := cl.Err(); err != nil {
		return err
	}
	if len(fresh) > 0 {
		m.rep.Overlaps = overlapsOf(claims, m.articleTitles, nil, fresh)
	}
	return nil
}

// writeSameSpans brings the file's aliases, makes the claims of one span one claim, and
// computes the verdict of every claim whose ratings the merge changed.
func (m *merger) writeSameSpans(ctx context.Context, now string) error {
	if _, err := m.q.ExecContext(ctx, `INSERT INTO main.claim_aliases(alias_id, claim_id) SELECT alias_id, claim_id FROM r.claim_aliases s
		WHERE NOT EXISTS (SELECT 1 FROM main.claim_aliases l WHERE l.alias_id = s.alias_id)`); err != nil {
		return fmt.Errorf("merging the claims' aliases: %w", err)
	}
	if err := m.landAliasNotesTx(ctx); err != nil {
		return fmt.Errorf("bringing notes written on aliases to their claims: %w", err)
	}
	unified, err := m.db.unifySpansTx(ctx, m.q, now)
	if err != nil {
		return fmt.Errorf("making the claims of one span one claim: %w", err)
	}
	if m.apply {
		m.rep.Unified = unified
	}
	aliases := map[string]string{}
	rows, err := m.q.QueryContext(ctx, `SELECT alias_id, claim_id FROM main.claim_aliases`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			rows.Close()
			return err
		}
		aliases[a] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	done := map[string]bool{}
	var ids []string
	for _, es := range []map[rowRef][]*entry{m.rnew, m.lnew} {
		for ref := range es {
			if ref.tbl != "claims" {
				continue
			}
			id := ref.key
			if to, ok := aliases[id]; ok {
				id = to
			}
			if !done[id] {
				done[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Strings(ids)
	if err := recomputeManyTx(ctx, m.q, ids); err != nil {
		return err
	}
	return clearAliasVerdictsTx(ctx, m.q)
}

// newRatings lists, for the report, the file's ratings not here yet.
func (m *merger) newRatings(ctx context.Context) error {
	rows, err := m.q.QueryContext(ctx, `SELECT h.row_id, h.reviewer_id, h.at, coalesce(h.old, ''),
		CASE h.field WHEN 'create' THEN json_extract(h.new, '$.verdict') ELSE coalesce(h.new, '') END, coalesce(c.exact, '')
		FROM r.history h LEFT JOIN r.claims c ON c.id = h.row_id
		WHERE h.tbl = 'claims' AND (h.field = 'verdict' OR (h.field = 'create' AND json_valid(h.new)
			AND coalesce(json_extract(h.new, '$.verdict'), 'unverified') <> 'unverified'))
		AND NOT EXISTS (SELECT 1 FROM main.history l WHERE l.id = h.id) ORDER BY h.at, h.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ch MergeChange
		var by, at string
		if err := rows.Scan(&ch.RowID, &by, &at, &ch.Old, &ch.New, &ch.Label); err != nil {
			return err
		}
		ch.Table, ch.Field, ch.By, ch.At = "claims", "verdict", m.name(by), parseTime(at)
		ch.Why = "a rating by " + ch.By + ": it joins the other reviewers' ratings"
		m.rep.Ratings = append(m.rep.Ratings, ch)
	}
	return rows.Err()
}
