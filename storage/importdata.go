package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/corpus"
)

// DataImport tells what ImportJSON or ImportW3C restored from an export, and what it left out
// and why.
type DataImport struct {
	Format string // "json" or "w3c"
	Name   string // the file imported, as given

	NewReviewers    int // reviewers added (the authors of restored rows)
	NewArticles     int // articles added, or brought back after a delete here
	MatchedArticles int // articles already here (same text), live or deleted
	NewClaims       int // claims restored, re-anchored ones included
	NewSources      int
	NewLinks        int
	// NewSnapshots counts the source snapshots restored (without their pages: a JSON file
	// has only their SHA-256); PresentSnapshots those already here.
	NewSnapshots, PresentSnapshots int
	// NewChecks counts the source checks restored (with their snapshot); PresentChecks those
	// already here.
	NewChecks, PresentChecks int
	// NewHistory counts the file's history entries restored (those of the rows restored).
	NewHistory int
	// OwnHistory counts the history entries this import recorded for the reviewer importing:
	// the creation of rows (and reviewers) the file's history does not record, the deletions
	// it does not record, re-anchored claims, articles brought back, and the import itself.
	OwnHistory int
	// Tombstones counts the file's deleted rows restored as deleted rows (never as live ones).
	Tombstones struct{ Articles, Claims, Sources, Links int }

	// Present counts the file's rows already here (same id; a link also when the same link
	// is here under another id), live or deleted: they are left as they are here.
	Present struct{ Claims, Sources, Links int }
	// LeftDeleted are the file's live claims deleted here (after the export was made, or by
	// someone else): they stay deleted, and are counted in Present too.
	LeftDeleted []ImportedRow
	// Deleted are rows live here that the file has deleted, and that nothing here changed since
	// the file's copy (every history entry of the row here is in the file): they are deleted
	// here too, as the file says.
	Deleted []ImportedRow
	// KeptLive are rows the file has deleted but that are live here with changes the file
	// does not have (or, for an article, with live claims the file does not delete): they are
	// left live, for a person to delete if they mean to.
	KeptLive []ImportedRow
	// Reanchored are restored claims whose quote was not at the file's offsets in the article
	// text, or whose file gave no offsets, and that were anchored again (annotate.Reanchor).
	Reanchored []ImportedRow
	// Skipped are the file's claims and links that were not restored, each with its reason.
	Skipped []ImportedRow
}

// ImportedRow is one row of an imported file that needs a word in the report.
type ImportedRow struct {
	Table  string // "articles", "claims", "sources", "links", "source_snapshots" or "source_checks"
	ID     string
	Label  string // a claim's quote, a link's relation, an article's title, a source's title or URL
	Reason string // how it was anchored again, why it was skipped, or what happened to it
}

// Changed reports whether the import changed the database.
func (r DataImport) Changed() bool {
	return r.NewReviewers+r.NewArticles+r.NewClaims+r.NewSources+r.NewLinks+r.NewSnapshots+r.NewChecks+r.NewHistory+r.Tombstones.Articles+r.Tombstones.Claims+
		r.Tombstones.Sources+r.Tombstones.Links+len(r.Deleted) > 0
}

// Summary is the report in one line, for example "restored 3 articles, 7 claims, 2 reviewers,
// 2 deleted rows (as deleted); 34 history entries restored, 5 recorded for this import (1
// re-anchored)".
func (r DataImport) Summary() string {
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(r.NewArticles, "article", "articles")
	add(r.NewClaims, "claim", "claims")
	add(r.NewSources, "source", "sources")
	add(r.NewLinks, "link", "links")
	add(r.NewSnapshots, "source snapshot", "source snapshots")
	add(r.NewChecks, "source check", "source checks")
	add(r.NewReviewers, "reviewer", "reviewers")
	t := r.Tombstones
	add(t.Articles+t.Claims+t.Sources+t.Links, "deleted row (as deleted)", "deleted rows (as deleted)")
	s := "restored nothing new"
	if len(parts) > 0 {
		s = "restored " + strings.Join(parts, ", ")
	}
	const entry, entries = "history entry", "history entries"
	switch {
	case r.NewHistory > 0 && r.OwnHistory > 0:
		s += fmt.Sprintf("; %s restored, %d recorded for this import", plural(r.NewHistory, entry, entries), r.OwnHistory)
	case r.NewHistory > 0:
		s += "; " + plural(r.NewHistory, entry, entries) + " restored"
	case r.OwnHistory > 0:
		s += "; " + plural(r.OwnHistory, entry, entries) + " recorded for this import"
	}
	var notes []string
	if n := len(r.Reanchored); n > 0 {
		notes = append(notes, fmt.Sprintf("%d re-anchored", n))
	}
	if n := len(r.Deleted); n > 0 {
		notes = append(notes, fmt.Sprintf("%d deleted here as in the file", n))
	}
	if n := len(r.KeptLive); n > 0 {
		notes = append(notes, fmt.Sprintf("%d deleted in the file but changed here, left as they are", n))
	}
	if n := r.Present.Claims + r.Present.Sources + r.Present.Links + r.PresentSnapshots + r.PresentChecks; n > 0 {
		notes = append(notes, fmt.Sprintf("%d already here", n))
	}
	if n := len(r.LeftDeleted); n > 0 {
		notes = append(notes, fmt.Sprintf("%d deleted here, left deleted", n))
	}
	if r.MatchedArticles > 0 {
		notes = append(notes, fmt.Sprintf("%d article(s) already here", r.MatchedArticles))
	}
	if n := len(r.Skipped); n > 0 {
		notes = append(notes, fmt.Sprintf("%d skipped", n))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ImportJSON restores a Factdesk JSON export (read with report.ReadJSON, or ReadJSONWith and
// MovedAnchors) in one transaction, keeping the file's ids:
//
//   - articles are matched by their text's SHA-256: one already here (even under another id)
//     is used as it is (brought back if it was deleted); the others are added;
//   - claims, sources and links whose id is already here are left as they are here; the others
//     are added with their dates, authors, verdicts and notes. A claim whose quote is not at its
//     offsets in the article text is anchored again (annotate.Reanchor) or, when its quote is
//     lost, skipped with the reason; so are the links of a skipped claim. A source is restored
//     only with a link that uses it, and its snapshots (m.Snapshots) with it;
//   - an article's evidence (pages, OCR mark, notes, the read bytes' SHA-256, fetch time, the
//     page's type) is restored with it; the pages as fetched are not in a JSON file (only their
//     SHA-256), so a restored article or snapshot has none;
//   - the file's deleted rows (m.Deleted) are restored as deleted rows, never as live ones. A
//     row the file deleted that is live here is deleted here too when every history entry of
//     it here is in the file (nothing changed it here since the file's copy; an article also
//     needs no live claim left), else left live and reported (DataImport.KeptLive);
//   - reviewers are matched by id: rows keep the file's reviewer ids (merges depend on them),
//     a reviewer the file names without an id is one of that name here, and the import's own
//     history entries are the importing reviewer's;
//   - the history entries of the rows restored or deleted are added (the history is a set,
//     by entry id), and the import itself is recorded, with an entry for each re-anchored
//     claim.
//
// Importing the same file twice changes nothing the second time. name is the file's name,
// for the report and the history.
func (db *DB) ImportJSON(ctx context.Context, m report.Model, name string) (DataImport, error) {
	rep := DataImport{Format: "json", Name: name}
	if err := db.needReviewer(); err != nil {
		return rep, err
	}
	for _, c := range m.Claims {
		if err := checkNote(c.Note); err != nil {
			return rep, &Error{Kind: KindUsage, Msg: fmt.Sprintf("%s was not imported: claim %s: %s", name, c.ID, err.Error())}
		}
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		rep = DataImport{Format: "json", Name: name}
		im, err := newDataImporter(ctx, db, tx, &rep, m.Reviewers)
		if err != nil {
			return err
		}
		defer im.close()
		return im.importJSON(m)
	})
	return rep, err
}

// ImportW3C restores the claims of a W3C Web Annotation file (read with report.ReadW3C) onto
// the articles of the database, in one transaction. Each claim's article is found with
// W3CClaim.MatchArticle (by the SHA-256 of its text, else by its URL); its anchor is kept when
// its offsets point at its quote, else found again with annotate.Reanchor. Claims whose id is
// already here are left as they are; claims with no article here or a lost quote are skipped
// with the reason. The file's links between restored (or present) claims are restored too,
// with the sources they cite (a source no restored link uses is not). Every added row gets its
// history entry, and the import is recorded.
func (db *DB) ImportW3C(ctx context.Context, imp report.W3CImport, name string) (DataImport, error) {
	rep := DataImport{Format: "w3c", Name: name}
	if err := db.needReviewer(); err != nil {
		return rep, err
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		rep = DataImport{Format: "w3c", Name: name}
		im, err := newDataImporter(ctx, db, tx, &rep, nil)
		if err != nil {
			return err
		}
		defer im.close()
		return im.importW3C(imp)
	})
	return rep, err
}

// dataImporter holds the state of one import transaction.
type dataImporter struct {
	ctx context.Context
	db  *DB
	tx  *sql.Tx
	rep *DataImport
	now string // the time of the import's own history entries

	localName   map[string]string // local reviewer id -> name
	localByName map[string]string // name -> local reviewer id (live, oldest first)
	fileRev     map[string]annotate.Reviewer
	fileByName  map[string]string // name -> the file's reviewer id, when the file has one reviewer of that name
	// rowReviewer is the reviewer id the file's history gives for a row and a name:
	// "rowID\x00name" -> id, to tell apart two reviewers of the same name.
	rowReviewer map[string]string

	restored  map[string]bool // ids of the rows this import added or deleted: their history is the file's
	handled   map[string]bool // ids of the sources this import has looked at
	created   map[string]bool // rows whose creation the file's history records
	deletions map[string]bool // rows whose deletion the file's history records
	fileEntry map[string]bool // ids of the file's history entries

	sources map[string]fileSource // the file's sources (live and deleted), by id, restored with their first link

	stmts map[string]*sql.Stmt
}

// fileSource is a source of the file, and when and by whom it was deleted (zero when live).
type fileSource struct {
	annotate.Source
	deletedAt time.Time
	deletedBy string
}

func newDataImporter(ctx context.Context, db *DB, tx *sql.Tx, rep *DataImport, fileReviewers []annotate.Reviewer) (*dataImporter, error) {
	im := &dataImporter{ctx: ctx, db: db, tx: tx, rep: rep, now: db.stamp(),
		localName: map[string]string{}, localByName: map[string]string{},
		fileRev: map[string]annotate.Reviewer{}, fileByName: map[string]string{}, rowReviewer: map[string]string{},
		restored: map[string]bool{}, handled: map[string]bool{}, created: map[string]bool{}, deletions: map[string]bool{},
		fileEntry: map[string]bool{}, sources: map[string]fileSource{}, stmts: map[string]*sql.Stmt{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, deleted_at IS NULL FROM reviewers ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		var live bool
		if err := rows.Scan(&id, &name, &live); err != nil {
			return nil, err
		}
		im.localName[id] = name
		if _, ok := im.localByName[name]; !ok && live {
			im.localByName[name] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ambiguous := map[string]bool{}
	for _, r := range fileReviewers {
		if r.ID == "" {
			continue
		}
		im.fileRev[r.ID] = r
		if other, ok := im.fileByName[r.Name]; ok && other != r.ID {
			ambiguous[r.Name] = true
		}
		im.fileByName[r.Name] = r.ID
	}
	for name := range ambiguous {
		delete(im.fileByName, name)
	}
	return im, nil
}

func (im *dataImporter) close() {
	for _, s := range im.stmts {
		s.Close()
	}
}

// exec runs one of the import's statements, prepared once per import.
func (im *dataImporter) exec(q string, args ...any) (sql.Result, error) {
	s, ok := im.stmts[q]
	if !ok {
		var err error
		if s, err = im.tx.PrepareContext(im.ctx, q); err != nil {
			return nil, err
		}
		im.stmts[q] = s
	}
	return s.ExecContext(im.ctx, args...)
}

// queryRow runs a prepared one-row query.
func (im *dataImporter) queryRow(q string, args ...any) *sql.Row {
	s, ok := im.stmts[q]
	if !ok {
		var err error
		if s, err = im.tx.PrepareContext(im.ctx, q); err != nil {
			// Let the error surface at Scan.
			return im.tx.QueryRowContext(im.ctx, q, args...)
		}
		im.stmts[q] = s
	}
	return s.QueryRowContext(im.ctx, args...)
}

// state tells whether table has a row with this id, and whether it is deleted.
func (im *dataImporter) state(table, id string) (here, deleted bool, err error) {
	err = im.queryRow(`SELECT deleted_at IS NOT NULL FROM `+table+` WHERE id = ?`, id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	return err == nil, deleted, err
}

// exists reports whether table has a row with this id, deleted or not.
func (im *dataImporter) exists(table, id string) (bool, error) {
	here, _, err := im.state(table, id)
	return here, err
}

// claimHere reports whether the claim's id is already here, counting it as present (and as
// left deleted when it is deleted here).
func (im *dataImporter) claimHere(c annotate.Claim) (bool, error) {
	here, deleted, err := im.state("claims", c.ID)
	if err != nil || !here {
		return false, err
	}
	im.rep.Present.Claims++
	if deleted {
		im.rep.LeftDeleted = append(im.rep.LeftDeleted, ImportedRow{Table: "claims", ID: c.ID, Label: c.Exact,
			Reason: "deleted here: left deleted"})
	}
	return true, nil
}

// claimState tells whether a claim with this id is here, live or deleted.
func (im *dataImporter) claimState(id string) (live, deleted bool, err error) {
	here, del, err := im.state("claims", id)
	return here && !del, here && del, err
}

// timeOr is t as stored, or the import's time when t is unknown.
func (im *dataImporter) timeOr(t time.Time) string {
	if t.IsZero() {
		return im.now
	}
	return fmtTime(t)
}

// reviewerID is the local id of the reviewer the file names: the file's reviewer of that name
// (added with its id when missing), else a live reviewer of that name here, else a new one; the
// importing reviewer when name is empty.
func (im *dataImporter) reviewerID(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return im.db.reviewer, nil
	}
	if id, ok := im.fileByName[name]; ok {
		return im.reviewerWithID(id, name)
	}
	if id, ok := im.localByName[name]; ok {
		return id, nil
	}
	return im.addReviewer(newID(), name, im.now)
}

// reviewerFor is the local id of the reviewer a row of the file names: the id the file's
// history gives for that row and name, else as reviewerID.
func (im *dataImporter) reviewerFor(rowID, name string) (string, error) {
	if id, ok := im.rowReviewer[rowID+"\x00"+strings.TrimSpace(name)]; ok {
		return im.reviewerWithID(id, name)
	}
	return im.reviewerID(name)
}

// reviewerWithID makes sure the reviewer id exists here, adding it (named as the file names
// it, else name) when missing: ids are kept, even when a reviewer of the same name is here
// under another id, since merges match reviewers by id.
func (im *dataImporter) reviewerWithID(id, name string) (string, error) {
	if id == "" {
		return im.reviewerID(name)
	}
	if _, ok := im.localName[id]; ok {
		return id, nil
	}
	at := im.now
	if r, ok := im.fileRev[id]; ok {
		if strings.TrimSpace(r.Name) != "" {
			name = r.Name
		}
		at = im.timeOr(r.CreatedAt)
	}
	if strings.TrimSpace(name) == "" {
		name = "Reviewer " + shortRowID(id)
	}
	return im.addReviewer(id, name, at)
}

func (im *dataImporter) addReviewer(id, name, at string) (string, error) {
	if _, err := im.exec(`INSERT INTO reviewers(id, name, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?)`,
		id, name, at, id, at, id); err != nil {
		return "", fmt.Errorf("adding reviewer %s: %w", name, err)
	}
	im.localName[id] = name
	if _, ok := im.localByName[name]; !ok {
		im.localByName[name] = id
	}
	im.rep.NewReviewers++
	im.rep.OwnHistory++
	return id, im.db.logCreate(im.ctx, im.tx, im.now, "reviewers", id, map[string]any{"name": name})
}

func shortRowID(id string) string {
	if len(id) > 12 {
		return id[len(id)-12:]
	}
	return id
}

// articleText is an article's text as runes, for anchor checks.
type articleText struct {
	id    string // the local id
	text  string
	runes []rune
}

func (a *articleText) rs() []rune {
	if a.runes == nil {
		a.runes = []rune(a.text)
	}
	return a.runes
}

// anchorIn reports whether anchor's offsets point at its quote in the text.
func anchorIn(a *articleText, anchor annotate.Anchor) bool {
	rs := a.rs()
	return anchor.Start >= 0 && anchor.Start < anchor.End && anchor.End <= len(rs) && anchor.Exact != "" &&
		string(rs[anchor.Start:anchor.End]) == anchor.Exact
}

// place decides where a claim goes in its article's text: its own anchor when its offsets
// point at its quote (fresh, when the file gave no context), else the quote found again. ok
// is false when the quote is lost; note says how it was found again ("" when in place).
func place(a *articleText, anchor annotate.Anchor, hasPosition bool) (out annotate.Anchor, note string, ok bool) {
	if hasPosition && anchorIn(a, anchor) {
		if anchor.Prefix == "" && anchor.Suffix == "" {
			if fresh, err := annotate.NewAnchor(a.text, anchor.Start, anchor.End); err == nil {
				return fresh, "", true
			}
		}
		return anchor, "", true
	}
	m := annotate.Reanchor(a.text, anchor)
	switch m.Status {
	case annotate.Exact:
		return m.Anchor, "", true
	case annotate.Moved:
		if !hasPosition {
			return m.Anchor, fmt.Sprintf("the file gives no position: found by its quote at %d–%d", m.Anchor.Start, m.Anchor.End), true
		}
		return m.Anchor, fmt.Sprintf("not at %d–%d in the article text: found the same quote at %d–%d", anchor.Start, anchor.End, m.Anchor.Start, m.Anchor.End), true
	case annotate.Fuzzy:
		return m.Anchor, fmt.Sprintf("not in the article text as written: anchored to the closest passage %q at %d–%d (%.0f%% alike)",
			report.Shorten(m.Anchor.Exact, 60), m.Anchor.Start, m.Anchor.End, 100*m.Score), true
	}
	return anchor, "", false
}

// tombstone is when and by whom a restored row was deleted; the zero value for a live row.
type tombstone struct {
	at time.Time
	by string
}

func (t tombstone) deleted() bool { return !t.at.IsZero() }

// deletedCols are the values of a row's deleted_at and deleted_by: NULL for a live row.
func (im *dataImporter) deletedCols(rowID string, t tombstone) (at, by any, err error) {
	if !t.deleted() {
		return nil, nil, nil
	}
	id, err := im.reviewerFor(rowID, t.by)
	return fmtTime(t.at), id, err
}

// restoredDeleted records that a row was restored as deleted, with its own "delete" entry
// when the file's history does not record the deletion.
func (im *dataImporter) restoredDeleted(table, id string, t tombstone) error {
	switch table {
	case "articles":
		im.rep.Tombstones.Articles++
	case "claims":
		im.rep.Tombstones.Claims++
	case "sources":
		im.rep.Tombstones.Sources++
	case "links":
		im.rep.Tombstones.Links++
	}
	if im.deletions[id] {
		return nil
	}
	im.rep.OwnHistory++
	return im.db.logChange(im.ctx, im.tx, im.now, table, id, "delete", nil, ptr(fmtTime(t.at)))
}

// addClaim inserts a claim, live (with its search index row) or deleted.
func (im *dataImporter) addClaim(c annotate.Claim, articleID string, a annotate.Anchor, t tombstone) error {
	createdBy, err := im.reviewerFor(c.ID, c.CreatedBy)
	if err != nil {
		return err
	}
	updatedBy := createdBy
	if c.UpdatedBy != "" && c.UpdatedBy != c.CreatedBy {
		if updatedBy, err = im.reviewerFor(c.ID, c.UpdatedBy); err != nil {
			return err
		}
	}
	deletedAt, deletedBy, err := im.deletedCols(c.ID, t)
	if err != nil {
		return err
	}
	v := c.Verdict
	if v == "" {
		v = annotate.Unverified
	}
	created := im.timeOr(c.CreatedAt)
	updated := created
	if !c.UpdatedAt.IsZero() {
		updated = fmtTime(c.UpdatedAt)
	}
	r, err := im.exec(`INSERT INTO claims(id, article_id, rune_start, rune_end, exact, prefix, suffix, verdict, note,
		created_at, created_by, updated_at, updated_by, deleted_at, deleted_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.ID, articleID, a.Start, a.End, a.Exact, a.Prefix, a.Suffix, string(v), c.Note, created, createdBy, updated, updatedBy, deletedAt, deletedBy)
	if err != nil {
		return fmt.Errorf("restoring claim %s: %w", c.ID, err)
	}
	im.restored[c.ID] = true
	if t.deleted() { // a deleted claim is not searched: no index row, as DeleteClaim leaves
		if err := im.restoredDeleted("claims", c.ID, t); err != nil {
			return err
		}
	} else {
		seq, err := r.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := im.exec(`INSERT INTO claims_fts(rowid, exact, note) VALUES (?,?,?)`, seq, a.Exact, c.Note); err != nil {
			return err
		}
		im.rep.NewClaims++
	}
	if !im.created[c.ID] {
		return im.logCreate("claims", c.ID, map[string]any{
			"article_id": articleID, "rune_start": a.Start, "rune_end": a.End, "exact": a.Exact, "prefix": a.Prefix, "suffix": a.Suffix,
			"verdict": string(v), "note": c.Note})
	}
	return nil
}

// logCreate records, for the importing reviewer, the creation of a row the file's history
// does not record.
func (im *dataImporter) logCreate(table, id string, fields map[string]any) error {
	im.rep.OwnHistory++
	return im.db.logCreate(im.ctx, im.tx, im.now, table, id, fields)
}

// logReanchor records that a restored claim was anchored again (as merges do).
func (im *dataImporter) logReanchor(id string, old, now annotate.Anchor) error {
	im.rep.OwnHistory++
	return im.db.logChange(im.ctx, im.tx, im.now, "claims", id, "import:anchor",
		ptr(fmt.Sprintf("%d-%d %s", old.Start, old.End, old.Exact)), ptr(fmt.Sprintf("%d-%d %s", now.Start, now.End, now.Exact)))
}

// sourceFor makes sure the source a restored link cites is here: present (counted once), or
// restored from the file (live, or deleted as the file has it). ok is false when the file
// does not have it either.
func (im *dataImporter) sourceFor(l annotate.Link) (ok bool, err error) {
	id := l.SourceID
	if im.handled[id] {
		return im.exists("sources", id)
	}
	im.handled[id] = true
	here, err := im.exists("sources", id)
	if err != nil || here {
		if here {
			im.rep.Present.Sources++
		}
		return here, err
	}
	fs, inFile := im.sources[id]
	if !inFile {
		if l.Source == nil {
			return false, nil
		}
		fs = fileSource{Source: *l.Source}
		fs.ID = id
	}
	s := fs.Source
	t := tombstone{at: fs.deletedAt, by: fs.deletedBy}
	by, err := im.reviewerFor(s.ID, s.CreatedBy)
	if err != nil {
		return false, err
	}
	deletedAt, deletedBy, err := im.deletedCols(s.ID, t)
	if err != nil {
		return false, err
	}
	at := im.timeOr(s.CreatedAt)
	if _, err := im.exec(`INSERT INTO sources(id, url, title, publisher, accessed, quote, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, s.ID, s.URL, s.Title, s.Publisher, s.Accessed, s.Quote, at, by, at, by, deletedAt, deletedBy); err != nil {
		return false, fmt.Errorf("restoring source %s: %w", s.ID, err)
	}
	im.restored[s.ID] = true
	if t.deleted() {
		if err := im.restoredDeleted("sources", s.ID, t); err != nil {
			return false, err
		}
	} else {
		im.rep.NewSources++
	}
	if !im.created[s.ID] {
		return true, im.logCreate("sources", s.ID, map[string]any{
			"url": s.URL, "title": s.Title, "publisher": s.Publisher, "accessed": s.Accessed, "quote": s.Quote})
	}
	return true, nil
}

// addSnapshot restores a source snapshot of the file, by id, when its source is here (restored
// with a link, or already here); the page itself is not in the file, only its SHA-256.
func (im *dataImporter) addSnapshot(s report.SourceSnapshot) error {
	here, err := im.exists("source_snapshots", s.ID)
	if err != nil || here {
		if here {
			im.rep.PresentSnapshots++
		}
		return err
	}
	skip := func(reason string) error {
		im.rep.Skipped = append(im.rep.Skipped, ImportedRow{Table: "source_snapshots", ID: s.ID, Label: s.URL, Reason: reason})
		return nil
	}
	if s.ID == "" || s.URL == "" || s.SHA256 == "" || s.FetchedAt.IsZero() {
		return skip("the file does not say what was fetched, when, or the page's SHA-256")
	}
	if ok, err := im.exists("sources", s.SourceID); err != nil {
		return err
	} else if !ok {
		return skip(fmt.Sprintf("its source %s was not restored and is not here", s.SourceID))
	}
	by, err := im.reviewerFor(s.ID, s.CreatedBy)
	if err != nil {
		return err
	}
	at := im.timeOr(s.CreatedAt)
	if _, err := im.exec(`INSERT INTO source_snapshots(id, source_id, url, final_url, fetched_at, sha256, text, raw_type, archive_url,
		created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		s.ID, s.SourceID, s.URL, s.FinalURL, fmtTime(s.FetchedAt), s.SHA256, s.Text, s.RawType, s.ArchiveURL, at, by, at, by); err != nil {
		return fmt.Errorf("restoring source snapshot %s: %w", s.ID, err)
	}
	im.restored[s.ID] = true
	im.rep.NewSnapshots++
	if !im.created[s.ID] {
		return im.logCreate("source_snapshots", s.ID, map[string]any{
			"source_id": s.SourceID, "url": s.URL, "fetched_at": fmtTime(s.FetchedAt), "sha256": s.SHA256, "archive_url": s.ArchiveURL})
	}
	return nil
}

// addCheck restores a source check of the file, by id, when its snapshot is here (restored or
// already here) and is of the check's source.
func (im *dataImporter) addCheck(c report.SourceCheck) error {
	here, err := im.exists("source_checks", c.ID)
	if err != nil || here {
		if here {
			im.rep.PresentChecks++
		}
		return err
	}
	skip := func(reason string) error {
		im.rep.Skipped = append(im.rep.Skipped, ImportedRow{Table: "source_checks", ID: c.ID, Label: c.URL, Reason: reason})
		return nil
	}
	if c.ID == "" || c.URL == "" || c.CheckedAt.IsZero() || (c.SHA256 == "") == (c.Error == "") {
		return skip("the file does not say what was fetched, when, or either the page's SHA-256 or why it could not be fetched")
	}
	var n int
	if err := im.queryRow(`SELECT count(*) FROM source_snapshots WHERE id = ? AND source_id = ?`, c.SnapshotID, c.SourceID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return skip(fmt.Sprintf("its snapshot %s of source %s was not restored and is not here", c.SnapshotID, c.SourceID))
	}
	by, err := im.reviewerFor(c.ID, c.CreatedBy)
	if err != nil {
		return err
	}
	at := im.timeOr(c.CreatedAt)
	if _, err := im.exec(`INSERT INTO source_checks(id, source_id, snapshot_id, url, final_url, checked_at, status, sha256,
		page_changed, text_changed, error, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.ID, c.SourceID, c.SnapshotID, c.URL, c.FinalURL, fmtTime(c.CheckedAt), c.Status, c.SHA256, c.PageChanged, c.TextChanged, c.Error,
		at, by, at, by); err != nil {
		return fmt.Errorf("restoring source check %s: %w", c.ID, err)
	}
	im.restored[c.ID] = true
	im.rep.NewChecks++
	if !im.created[c.ID] {
		return im.logCreate("source_checks", c.ID, map[string]any{
			"source_id": c.SourceID, "snapshot_id": c.SnapshotID, "url": c.URL, "checked_at": fmtTime(c.CheckedAt), "status": c.Status,
			"sha256": c.SHA256, "page_changed": c.PageChanged, "text_changed": c.TextChanged, "error": c.Error})
	}
	return nil
}

// addLink inserts a link unless its id (or, for a live link, the same link) is here, or an end
// is missing: a live link needs live claims and a live source, a deleted one claims and a
// source here, live or deleted. The source is restored with the link when it is not here.
func (im *dataImporter) addLink(l annotate.Link, t tombstone) error {
	label := string(l.Relation)
	skip := func(reason string) error {
		if t.deleted() {
			reason = "deleted link: " + reason
		}
		im.rep.Skipped = append(im.rep.Skipped, ImportedRow{Table: "links", ID: l.ID, Label: label, Reason: reason})
		return nil
	}
	here, deleted, err := im.state("links", l.ID)
	if err != nil {
		return err
	}
	if here && t.deleted() && !deleted {
		return im.deleteHere("links", l.ID, label, t)
	}
	if here {
		im.rep.Present.Links++
		return nil
	}
	for _, end := range []string{l.ClaimID, l.TargetClaimID} {
		if end == "" {
			continue
		}
		live, del, err := im.claimState(end)
		if err != nil {
			return err
		}
		if !live && !(t.deleted() && del) {
			return skip(fmt.Sprintf("its claim %s was not restored and is not here", end))
		}
	}
	if l.SourceID != "" {
		here, deleted, err := im.state("sources", l.SourceID)
		if err != nil {
			return err
		}
		if here && deleted && !t.deleted() {
			return skip(fmt.Sprintf("its source %s is deleted here", l.SourceID))
		}
		if !here {
			if fs, ok := im.sources[l.SourceID]; ok && !fs.deletedAt.IsZero() && !t.deleted() {
				return skip(fmt.Sprintf("its source %s is deleted in the file", l.SourceID))
			}
		}
	}
	if !t.deleted() {
		var same string
		err = im.queryRow(`SELECT id FROM links WHERE deleted_at IS NULL AND relation = ?3 AND (
			(claim_id = ?1 AND coalesce(target_claim_id, '') = ?2 AND coalesce(source_id, '') = ?4) OR
			(?2 <> '' AND relation <> 'supports' AND claim_id = ?2 AND target_claim_id = ?1))`,
			l.ClaimID, l.TargetClaimID, string(l.Relation), l.SourceID).Scan(&same)
		if err == nil {
			im.rep.Present.Links++
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	if l.SourceID != "" {
		ok, err := im.sourceFor(l)
		if err != nil {
			return err
		}
		if !ok {
			return skip(fmt.Sprintf("its source %s is not here", l.SourceID))
		}
	}
	by, err := im.reviewerFor(l.ID, l.CreatedBy)
	if err != nil {
		return err
	}
	deletedAt, deletedBy, err := im.deletedCols(l.ID, t)
	if err != nil {
		return err
	}
	at := im.timeOr(l.CreatedAt)
	if _, err := im.exec(`INSERT INTO links(id, claim_id, relation, source_id, target_claim_id, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, l.ID, l.ClaimID, string(l.Relation), nullIfEmpty(l.SourceID), nullIfEmpty(l.TargetClaimID), at, by, at, by,
		deletedAt, deletedBy); err != nil {
		return fmt.Errorf("restoring link %s: %w", l.ID, err)
	}
	im.restored[l.ID] = true
	if t.deleted() {
		if err := im.restoredDeleted("links", l.ID, t); err != nil {
			return err
		}
	} else {
		im.rep.NewLinks++
	}
	if !im.created[l.ID] {
		return im.logCreate("links", l.ID, map[string]any{
			"claim_id": l.ClaimID, "relation": string(l.Relation), "source_id": l.SourceID, "target_claim_id": l.TargetClaimID})
	}
	return nil
}

// changedHere counts the history entries of a row here that the file does not have.
func (im *dataImporter) changedHere(id string) (int, error) {
	rows, err := im.tx.QueryContext(im.ctx, `SELECT id FROM history WHERE row_id = ?`, id)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return 0, err
		}
		if !im.fileEntry[e] {
			n++
		}
	}
	return n, rows.Err()
}

// deleteHere deletes a row live here that the file has deleted, when nothing here changed it
// since the file's copy (every history entry of it here is in the file); else it leaves it
// live and reports it. The file's history of the row is then restored (its delete entry
// among them).
func (im *dataImporter) deleteHere(table, id, label string, t tombstone) error {
	n, err := im.changedHere(id)
	if err != nil {
		return err
	}
	if n > 0 {
		im.rep.KeptLive = append(im.rep.KeptLive, ImportedRow{Table: table, ID: id, Label: label,
			Reason: fmt.Sprintf("deleted in the file, but changed here since (%s the file does not have): left as it is here", plural(n, "change", "changes"))})
		return nil
	}
	by, err := im.reviewerFor(id, t.by)
	if err != nil {
		return err
	}
	at := fmtTime(t.at)
	if table == "claims" {
		// Out of the search index, as DeleteClaim does.
		var seq int64
		var exact, note string
		if err := im.queryRow(`SELECT seq, exact, note FROM claims WHERE id = ?`, id).Scan(&seq, &exact, &note); err != nil {
			return err
		}
		if _, err := im.exec(`INSERT INTO claims_fts(claims_fts, rowid, exact, note) VALUES ('delete', ?, ?, ?)`, seq, exact, note); err != nil {
			return err
		}
	}
	if _, err := im.exec(`UPDATE `+table+` SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NULL`,
		at, by, at, by, id); err != nil {
		return err
	}
	im.restored[id] = true
	im.rep.Deleted = append(im.rep.Deleted, ImportedRow{Table: table, ID: id, Label: label, Reason: "deleted in the file, unchanged here since: deleted here too"})
	if !im.deletions[id] {
		im.rep.OwnHistory++
		return im.db.logChange(im.ctx, im.tx, im.now, table, id, "delete", nil, ptr(at))
	}
	return nil
}

// finish counts the file's sources no link restored that are here already, and records the
// import itself when it changed anything.
func (im *dataImporter) finish() error {
	// The claims restored with their history get the desk verdict their ratings give, and
	// claims of one span become one.
	ids := make([]string, 0, len(im.restored))
	for id := range im.restored {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if err := recomputeManyTx(im.ctx, im.tx, ids); err != nil {
		return err
	}
	if _, err := im.db.unifySpansTx(im.ctx, im.tx, im.now); err != nil {
		return err
	}
	ids = make([]string, 0, len(im.sources))
	for id := range im.sources {
		if !im.handled[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 {
		var n int
		if err := im.queryRow(`SELECT count(*) FROM sources WHERE id IN (SELECT value FROM json_each(?))`, sqlList(ids)).Scan(&n); err != nil {
			return err
		}
		im.rep.Present.Sources += n
	}
	if !im.rep.Changed() {
		return nil
	}
	im.rep.OwnHistory++
	summary, _ := json.Marshal(map[string]any{
		"format": im.rep.Format, "file": im.rep.Name, "articles": im.rep.NewArticles, "claims": im.rep.NewClaims,
		"sources": im.rep.NewSources, "links": im.rep.NewLinks, "reanchored": len(im.rep.Reanchored), "skipped": len(im.rep.Skipped),
		"deleted": len(im.rep.Deleted), "tombstones": im.rep.Tombstones, "summary": im.rep.Summary(),
	})
	return im.db.logChange(im.ctx, im.tx, im.now, "imports", newID(), "create", nil, ptr(string(summary)))
}

// addArticle restores an article of the file (live, or deleted as the file has it), or finds
// it here by its text. It returns where the file's claims of it go.
func (im *dataImporter) addArticle(a annotate.Article, t tombstone, pending *[]pendingArticle) (*articleText, error) {
	hash := corpus.HashText(a.Text)
	if a.SHA256 != "" && !strings.EqualFold(a.SHA256, hash) {
		return nil, &Error{Kind: KindUsage, Msg: fmt.Sprintf("article %s of the file: its sha256 does not match its text; nothing was imported", a.ID)}
	}
	var id string
	var deleted sql.NullString
	err := im.queryRow(`SELECT id, deleted_at FROM articles WHERE sha256 = ?`, hash).Scan(&id, &deleted)
	switch {
	case err == nil:
		art := &articleText{id: id, text: a.Text}
		switch {
		case !deleted.Valid && t.deleted():
			// Live here, deleted in the file: decided once its claims are.
			im.rep.MatchedArticles++
			*pending = append(*pending, pendingArticle{id: id, title: a.Title, t: t})
		case !deleted.Valid || t.deleted():
			im.rep.MatchedArticles++
		default:
			// Deleted here, live in the file: the import brings it back, as importing its file
			// again would.
			if _, err := im.exec(`UPDATE articles SET deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
				im.now, im.db.reviewer, id); err != nil {
				return nil, err
			}
			im.rep.NewArticles++
			im.rep.OwnHistory++
			if err := im.db.logChange(im.ctx, im.tx, im.now, "articles", id, "deleted_at", ptr(deleted.String), nil); err != nil {
				return nil, err
			}
		}
		return art, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, &Error{Kind: KindUsage, Msg: fmt.Sprintf("article %s of the file has no text; nothing was imported", a.ID)}
	}
	id = a.ID
	if taken, err := im.exists("articles", id); err != nil {
		return nil, err
	} else if taken || id == "" {
		id = newID() // the id names another text here: keep this text under a new id
	}
	by, err := im.reviewerFor(a.ID, a.ImportedBy)
	if err != nil {
		return nil, err
	}
	deletedAt, deletedBy, err := im.deletedCols(a.ID, t)
	if err != nil {
		return nil, err
	}
	at := im.timeOr(a.ImportedAt)
	// The evidence the file carries (pages, OCR, notes, the read bytes' hash, the fetch time);
	// the page as fetched is not in a JSON file, only its hash (docs/json-export.md).
	ev, err := evidenceOf(a.Article)
	if err != nil {
		return nil, err
	}
	r, err := im.exec(`INSERT INTO articles(id, sha256, title, outlet, byline, url, language, published, origin, format, text, removed,
		imported_at, imported_by, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by,
		pages, ocr, notes, source_sha256, fetched_at, raw, raw_type) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, hash, a.Title, a.Outlet, a.Byline, a.URL, a.Language, a.Published, a.Origin, a.Format, a.Text, strings.Join(a.Removed, "\n"),
		at, by, at, by, at, by, deletedAt, deletedBy,
		ev.pages, a.OCR, strings.Join(a.Notes, "\n"), a.SourceSHA256, ev.fetchedAt, ev.raw, a.RawType)
	if err != nil {
		return nil, fmt.Errorf("restoring article %s: %w", a.ID, err)
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return nil, err
	}
	// Deleted articles keep their index row, as DeleteArticle leaves it.
	if _, err := im.exec(`INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)`, seq, a.Title, a.Text); err != nil {
		return nil, err
	}
	cw := newPostingWriter(im.exec)
	if err := cw.add(seq, PrepareCounterparts(a.Text, a.Language)); err != nil {
		return nil, err
	}
	if err := cw.flush(); err != nil {
		return nil, err
	}
	if id == a.ID {
		im.restored[id] = true
	}
	if t.deleted() {
		if id == a.ID {
			if err := im.restoredDeleted("articles", id, t); err != nil {
				return nil, err
			}
		} else {
			im.rep.Tombstones.Articles++
			im.rep.OwnHistory++
			if err := im.db.logChange(im.ctx, im.tx, im.now, "articles", id, "delete", nil, ptr(fmtTime(t.at))); err != nil {
				return nil, err
			}
		}
	} else {
		im.rep.NewArticles++
	}
	if !im.restored[id] || !im.created[id] {
		if err := im.logCreate("articles", id, map[string]any{
			"sha256": hash, "title": a.Title, "outlet": a.Outlet, "url": a.URL, "language": a.Language, "origin": a.Origin,
			"byline": a.Byline, "published": a.Published, "format": a.Format,
		}); err != nil {
			return nil, err
		}
	}
	return &articleText{id: id, text: a.Text}, nil
}

// pendingArticle is an article live here that the file has deleted.
type pendingArticle struct {
	id, title string
	t         tombstone
}

// addFileClaim restores a claim of the file (live or deleted) onto its article.
func (im *dataImporter) addFileClaim(c annotate.Claim, texts map[string]*articleText, t tombstone) error {
	skip := func(reason string) {
		if t.deleted() {
			reason = "deleted claim: " + reason
		}
		im.rep.Skipped = append(im.rep.Skipped, ImportedRow{Table: "claims", ID: c.ID, Label: c.Exact, Reason: reason})
	}
	if t.deleted() {
		here, deleted, err := im.state("claims", c.ID)
		if err != nil {
			return err
		}
		if here && !deleted {
			return im.deleteHere("claims", c.ID, c.Exact, t)
		}
		if here {
			im.rep.Present.Claims++
			return nil
		}
	} else if here, err := im.claimHere(c); err != nil || here {
		return err
	}
	art, ok := texts[c.ArticleID]
	if !ok {
		skip(fmt.Sprintf("its article %s is not in the file", c.ArticleID))
		return nil
	}
	anchor, note, ok := place(art, c.Anchor, true)
	if !ok {
		skip(fmt.Sprintf("its quote is not in the article text (not at %d–%d, and nothing close enough elsewhere)", c.Start, c.End))
		return nil
	}
	if err := im.addClaim(c, art.id, anchor, t); err != nil {
		return err
	}
	if note != "" {
		im.rep.Reanchored = append(im.rep.Reanchored, ImportedRow{Table: "claims", ID: c.ID, Label: c.Exact, Reason: note})
		return im.logReanchor(c.ID, c.Anchor, anchor)
	}
	return nil
}

func (im *dataImporter) importJSON(m report.Model) error {
	for _, h := range m.History {
		switch h.Field {
		case "create":
			im.created[h.RowID] = true
		case "delete":
			im.deletions[h.RowID] = true
		}
		if h.ID != "" {
			im.fileEntry[h.ID] = true
		}
		if h.ReviewerID != "" && h.Reviewer != "" {
			im.rowReviewer[h.RowID+"\x00"+strings.TrimSpace(h.Reviewer)] = h.ReviewerID
		}
	}
	for _, s := range m.Sources {
		im.sources[s.ID] = fileSource{Source: s}
	}
	for _, d := range m.Deleted.Sources {
		im.sources[d.Row.ID] = fileSource{Source: d.Row, deletedAt: d.At, deletedBy: d.By}
	}

	// Articles, by the hash of their text: live ones, then deleted ones.
	texts := make(map[string]*articleText, len(m.Articles)+len(m.Deleted.Articles)) // file article id -> local article
	var pending []pendingArticle
	for _, a := range m.Articles {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		art, err := im.addArticle(a, tombstone{}, &pending)
		if err != nil {
			return err
		}
		texts[a.ID] = art
	}
	for _, d := range m.Deleted.Articles {
		art, err := im.addArticle(d.Row, tombstone{at: d.At, by: d.By}, &pending)
		if err != nil {
			return err
		}
		texts[d.Row.ID] = art
	}

	for i, c := range m.Claims {
		if i%1024 == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
		}
		if err := im.addFileClaim(c, texts, tombstone{}); err != nil {
			return err
		}
	}
	for _, d := range m.Deleted.Claims {
		if err := im.addFileClaim(d.Row, texts, tombstone{at: d.At, by: d.By}); err != nil {
			return err
		}
	}

	for _, l := range m.Links {
		if err := im.addLink(l, tombstone{}); err != nil {
			return err
		}
	}
	for _, d := range m.Deleted.Links {
		if err := im.addLink(d.Row, tombstone{at: d.At, by: d.By}); err != nil {
			return err
		}
	}
	for _, s := range m.Snapshots {
		if err := im.addSnapshot(s); err != nil {
			return err
		}
	}
	for _, c := range m.Checks {
		if err := im.addCheck(c); err != nil {
			return err
		}
	}
	// Sources the file deleted that are live here, whatever their links.
	for _, d := range m.Deleted.Sources {
		here, deleted, err := im.state("sources", d.Row.ID)
		if err != nil {
			return err
		}
		if here && !deleted {
			label := cmp.Or(d.Row.Title, d.Row.URL)
			if err := im.deleteHere("sources", d.Row.ID, label, tombstone{at: d.At, by: d.By}); err != nil {
				return err
			}
		}
	}
	// Articles the file deleted that are live here: deleted here too when no claim of theirs
	// is left live (the file's deleted claims were deleted above when they could be).
	for _, p := range pending {
		var live int
		if err := im.queryRow(`SELECT count(*) FROM claims WHERE article_id = ? AND deleted_at IS NULL`, p.id).Scan(&live); err != nil {
			return err
		}
		if live > 0 {
			im.rep.KeptLive = append(im.rep.KeptLive, ImportedRow{Table: "articles", ID: p.id, Label: p.title,
				Reason: fmt.Sprintf("deleted in the file, but %s of it live here: left as it is here", plural(live, "claim is", "claims are"))})
			continue
		}
		if err := im.deleteHere("articles", p.id, p.title, p.t); err != nil {
			return err
		}
	}

	// The file's history of the rows restored or deleted here: a set, by entry id.
	for _, h := range m.History {
		if !im.restored[h.RowID] || h.ID == "" {
			continue
		}
		rid, err := im.reviewerWithID(h.ReviewerID, h.Reviewer)
		if err != nil {
			return err
		}
		r, err := im.exec(`INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new)
			SELECT ?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM history WHERE id = ?)`,
			h.ID, im.timeOr(h.At), rid, h.Table, h.RowID, h.Field, historyValue(h, false), historyValue(h, true), h.ID)
		if err != nil {
			return fmt.Errorf("restoring history entry %s: %w", h.ID, err)
		}
		if n, _ := r.RowsAffected(); n > 0 {
			im.rep.NewHistory++
		}
	}
	return im.finish()
}

// historyValue is an entry's old or new value as stored: NULL where the export has "" for
// "no value" (a creation has no old value, a deletion no new one, a restore no new one).
func historyValue(h annotate.HistoryEntry, isNew bool) any {
	v := h.Old
	if isNew {
		v = h.New
	}
	if v == "" && (h.Field == "create" || h.Field == "delete" || h.Field == "deleted_at") {
		return nil
	}
	return v
}

func (im *dataImporter) importW3C(imp report.W3CImport) error {
	// The articles the claims may be on: those with a hash or URL the file names.
	var hashes, urls []string
	for _, c := range imp.Claims {
		if c.SHA256 != "" {
			hashes = append(hashes, strings.ToLower(c.SHA256))
		}
		if s := strings.TrimSpace(c.Source); s != "" {
			urls = append(urls, s)
		}
	}
	var candidates []annotate.Article
	rows, err := im.tx.QueryContext(im.ctx, `SELECT `+articleCols+`, a.text FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by
		WHERE a.deleted_at IS NULL AND (a.sha256 IN (SELECT value FROM json_each(?1)) OR trim(a.url) IN (SELECT value FROM json_each(?2)))
		ORDER BY a.seq`, sqlList(hashes), sqlList(urls))
	if err != nil {
		return err
	}
	for rows.Next() {
		var text string
		a, err := scanArticle(rows, &text)
		if err != nil {
			rows.Close()
			return err
		}
		a.Text = text
		candidates = append(candidates, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	texts := map[string]*articleText{}

	// Sources are restored with the first restored link that cites them.
	for _, s := range imp.Sources {
		im.sources[s.ID] = fileSource{Source: s}
	}
	for i, c := range imp.Claims {
		if i%1024 == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
		}
		skip := func(reason string) {
			im.rep.Skipped = append(im.rep.Skipped, ImportedRow{Table: "claims", ID: c.ID, Label: c.Exact, Reason: reason})
		}
		if here, err := im.claimHere(c.Claim); err != nil || here {
			if err != nil {
				return err
			}
			continue
		}
		a, ok := c.MatchArticle(candidates)
		if !ok {
			what := "URL " + c.Source
			if c.SHA256 != "" {
				what = "text (SHA-256 " + c.SHA256[:min(12, len(c.SHA256))] + "…) or URL"
			}
			skip(fmt.Sprintf("no article here has its %s: import the article first", what))
			continue
		}
		art := texts[a.ID]
		if art == nil {
			art = &articleText{id: a.ID, text: a.Text}
			texts[a.ID] = art
		}
		anchor, note, ok := place(art, c.Anchor, c.HasPosition)
		if !ok {
			skip(fmt.Sprintf("its quote is not in the text of %q (nothing close enough)", report.Shorten(a.Title, 60)))
			continue
		}
		if err := im.addClaim(c.Claim, a.ID, anchor, tombstone{}); err != nil {
			return err
		}
		if note != "" {
			im.rep.Reanchored = append(im.rep.Reanchored, ImportedRow{Table: "claims", ID: c.ID, Label: c.Exact, Reason: note})
			if c.HasPosition {
				if err := im.logReanchor(c.ID, c.Anchor, anchor); err != nil {
					return err
				}
			}
		}
	}
	for _, l := range imp.Links {
		if err := im.addLink(l, tombstone{}); err != nil {
			return err
		}
	}
	return im.finish()
}
