package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"factdesk/annotate"
)

// Resolution is how a person settles a conflict.
type Resolution string

// The resolutions.
const (
	KeepMine   Resolution = "mine"   // keep the local value (it stays, and wins on the next exchange)
	KeepTheirs Resolution = "theirs" // take the other reviewer's value
	KeepEdited Resolution = "edit"   // a new value, written by the person resolving
)

// ParseResolution reads "mine", "theirs" or "edit".
func ParseResolution(s string) (Resolution, error) {
	switch Resolution(strings.ToLower(strings.TrimSpace(s))) {
	case KeepMine:
		return KeepMine, nil
	case KeepTheirs:
		return KeepTheirs, nil
	case KeepEdited:
		return KeepEdited, nil
	}
	return "", &Error{Kind: KindUsage, Msg: fmt.Sprintf("unknown choice %q: keep mine, theirs, or give an edited value", s)}
}

// ConflictSide is one side of a conflict: the value, and who made it when.
type ConflictSide struct {
	Value      string // for field "delete": "deleted" or "kept"; for "anchor": the quote, "" for not found
	EntryID    string // the history entry that made it
	ReviewerID string
	Reviewer   string // name
	At         time.Time
}

// Conflict is a field (or a row's deletion, or a claim's anchor) that two reviewers changed
// differently. Until it is resolved the local value (Current) stays.
type Conflict struct {
	ID    string
	Table string // "claims", "articles", "sources", "links", "reviewers"
	RowID string
	// Field is "verdict", "note", "delete" (deleted on one side, edited on the other) or
	// "anchor" (a claim whose quote is not in its article's text).
	Field string
	// Label names the row for people: the claim's quote, the article's title.
	Label string
	// ArticleID and ArticleTitle locate a claim (for articles, the article itself).
	ArticleID, ArticleTitle string
	// Current is the local value now.
	Current string
	// Mine is the side whose value is the local one; Theirs the other reviewer's.
	Mine, Theirs ConflictSide
	CreatedAt    time.Time

	Resolved      bool
	ResolvedAt    time.Time
	ResolvedBy    string // name
	Resolution    Resolution
	ResolvedValue string
}

// Describe says what the conflict is about, for people.
func (c Conflict) Describe() string {
	what := strings.TrimSuffix(c.Table, "s")
	switch c.Field {
	case "delete":
		return "deleted on one side, edited on the other (" + what + ")"
	case "anchor":
		return "the claim's quote is not in its article's text"
	}
	return what + " " + c.Field + " changed differently"
}

// ConflictFilter selects conflicts; the zero value lists the open ones.
type ConflictFilter struct {
	All   bool   // resolved ones too
	RowID string // only those of this row
}

// Conflicts lists conflicts, open ones first, oldest first.
func (db *DB) Conflicts(ctx context.Context, f ConflictFilter) ([]Conflict, error) {
	q := `SELECT ` + conflictCols + ` FROM conflicts WHERE 1`
	var args []any
	if !f.All {
		q += ` AND resolved_at IS NULL`
	}
	if f.RowID != "" {
		q += ` AND row_id = ?`
		args = append(args, f.RowID)
	}
	q += ` ORDER BY resolved_at IS NOT NULL, created_at, seq`
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err, db.path)
	}
	var cs []conflictRow
	for rows.Next() {
		c, err := scanConflictRow(rows)
		if err != nil {
			rows.Close()
			return nil, classify(err, db.path)
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(err, db.path)
	}
	out := make([]Conflict, 0, len(cs))
	for _, c := range cs {
		v, err := db.conflictView(ctx, db.read, c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ConflictByID returns one conflict, by its id or a unique prefix of it (at least 4 characters).
func (db *DB) ConflictByID(ctx context.Context, id string) (Conflict, error) {
	c, err := db.conflictRowByID(ctx, db.read, id)
	if err != nil {
		return Conflict{}, err
	}
	return db.conflictView(ctx, db.read, c)
}

func (db *DB) conflictRowByID(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, id string) (conflictRow, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) < 4 {
		return conflictRow{}, &Error{Kind: KindUsage, Msg: "give at least 4 characters of the conflict id"}
	}
	// A unique prefix, or the end of the id as lists print it (shortID).
	rows, err := q.QueryContext(ctx, `SELECT `+conflictCols+` FROM conflicts WHERE (id >= ?1 AND id < ?2) OR substr(id, -?3) = ?4 ORDER BY id LIMIT 2`,
		id, id+"\U0010FFFF", len(id), id)
	if err != nil {
		return conflictRow{}, classify(err, db.path)
	}
	defer rows.Close()
	var found []conflictRow
	for rows.Next() {
		c, err := scanConflictRow(rows)
		if err != nil {
			return conflictRow{}, classify(err, db.path)
		}
		found = append(found, c)
	}
	if err := rows.Err(); err != nil {
		return conflictRow{}, classify(err, db.path)
	}
	switch {
	case len(found) == 0:
		return conflictRow{}, notFound("conflict", id)
	case len(found) > 1 && found[0].id != id:
		return conflictRow{}, &Error{Kind: KindUsage, Msg: "the conflict id " + id + " is ambiguous: give more characters"}
	}
	return found[0], nil
}

// rowState is what a conflict needs to know of its row now.
type rowState struct {
	exists                  bool
	deleted                 bool
	verdict, note, exact    string
	label                   string
	articleID, articleTitle string
}

func currentRow(ctx context.Context, q queryer, table, id string) (rowState, error) {
	var s rowState
	var deleted sql.NullString
	var err error
	switch table {
	case "claims":
		err = q.QueryRowContext(ctx, `SELECT c.verdict, c.note, c.exact, c.deleted_at, c.article_id, coalesce(a.title, '')
			FROM claims c LEFT JOIN articles a ON a.id = c.article_id WHERE c.id = ?`, id).
			Scan(&s.verdict, &s.note, &s.exact, &deleted, &s.articleID, &s.articleTitle)
		s.label = s.exact
	case "articles":
		err = q.QueryRowContext(ctx, `SELECT title, deleted_at FROM articles WHERE id = ?`, id).Scan(&s.label, &deleted)
		s.articleID, s.articleTitle = id, s.label
	case "sources":
		err = q.QueryRowContext(ctx, `SELECT coalesce(nullif(title, ''), url), deleted_at FROM sources WHERE id = ?`, id).Scan(&s.label, &deleted)
	case "links":
		err = q.QueryRowContext(ctx, `SELECT relation, deleted_at FROM links WHERE id = ?`, id).Scan(&s.label, &deleted)
	case "reviewers":
		err = q.QueryRowContext(ctx, `SELECT name, deleted_at FROM reviewers WHERE id = ?`, id).Scan(&s.label, &deleted)
	default:
		return s, nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	s.exists, s.deleted = err == nil, deleted.Valid
	return s, err
}

func (s rowState) value(field string) string {
	switch field {
	case "verdict":
		return s.verdict
	case "note":
		return s.note
	case "delete":
		if s.deleted {
			return "deleted"
		}
		return "kept"
	case "anchor":
		if s.deleted {
			return ""
		}
		return s.exact
	}
	return ""
}

// conflictView turns a conflict row into a Conflict, Mine being the side that holds the local
// value now (else the side the local reviewer made).
func (db *DB) conflictView(ctx context.Context, q queryer, c conflictRow) (Conflict, error) {
	st, err := currentRow(ctx, q, c.tbl, c.rowID)
	if err != nil {
		return Conflict{}, classify(err, db.path)
	}
	name := func(id string) string {
		var n string
		if err := q.QueryRowContext(ctx, `SELECT name FROM reviewers WHERE id = ?`, id).Scan(&n); err != nil {
			return id
		}
		return n
	}
	side := func(v, e, at, by string) ConflictSide {
		return ConflictSide{Value: v, EntryID: e, At: parseTime(at), ReviewerID: by, Reviewer: name(by)}
	}
	a, b := side(c.aValue, c.aEntry, c.aAt, c.aBy), side(c.bValue, c.bEntry, c.bAt, c.bBy)
	out := Conflict{ID: c.id, Table: c.tbl, RowID: c.rowID, Field: c.field, Label: st.label, ArticleID: st.articleID,
		ArticleTitle: st.articleTitle, Current: st.value(c.field), CreatedAt: parseTime(c.createdAt), Mine: b, Theirs: a}
	me := db.Reviewer()
	switch {
	case st.exists && a.Value == out.Current && b.Value != out.Current:
		out.Mine, out.Theirs = a, b
	case st.exists && b.Value == out.Current && a.Value != out.Current:
	case a.ReviewerID == me && b.ReviewerID != me:
		out.Mine, out.Theirs = a, b
	}
	if c.resolvedAt.Valid {
		out.Resolved, out.ResolvedAt, out.ResolvedBy = true, parseTime(c.resolvedAt.String), name(c.resolvedBy.String)
		out.Resolution, out.ResolvedValue = Resolution(c.resolution.String), c.resolvedValue.String
		// Once resolved the local value is the one chosen: the sides are those of the choice,
		// not of the value now (after "keep theirs", theirs is the value now).
		kept := out.ResolvedValue
		if (out.Resolution == KeepMine || out.Resolution == KeepTheirs) && a.Value != b.Value && (a.Value == kept || b.Value == kept) {
			keptSide, otherSide := a, b
			if b.Value == kept {
				keptSide, otherSide = b, a
			}
			if out.Resolution == KeepMine {
				out.Mine, out.Theirs = keptSide, otherSide
			} else {
				out.Mine, out.Theirs = otherSide, keptSide
			}
		}
	}
	return out, nil
}

// ResolveConflict settles a conflict: keep mine (the local value now), take theirs, or an edited
// value (edited is used only with KeepEdited: a verdict, a note, or for an anchor conflict the
// quote to find in the article). The decision is written as a change of the local reviewer, so
// it wins when the files are exchanged again; other open conflicts of the same field are
// settled with it.
func (db *DB) ResolveConflict(ctx context.Context, id string, choice Resolution, edited string) (Conflict, error) {
	if err := db.needReviewer(); err != nil {
		return Conflict{}, err
	}
	if _, err := ParseResolution(string(choice)); err != nil {
		return Conflict{}, err
	}
	var out Conflict
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		c, err := db.conflictRowByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.resolvedAt.Valid {
			return &Error{Kind: KindUsage, Msg: "conflict " + c.id + " is already resolved"}
		}
		view, err := db.conflictView(ctx, tx, c)
		if err != nil {
			return err
		}
		var value string
		switch choice {
		case KeepMine:
			value = view.Current
		case KeepTheirs:
			value = view.Theirs.Value
		case KeepEdited:
			value = edited
		}
		at := db.stamp()
		switch c.field {
		case "verdict", "note":
			if c.field == "verdict" {
				v, err := annotate.ParseVerdict(value)
				if err != nil {
					return &Error{Kind: KindUsage, Msg: err.Error(), Err: err}
				}
				value = string(v)
			}
			if err := db.resolveField(ctx, tx, c.rowID, c.field, value, at); err != nil {
				return err
			}
		case "delete":
			if choice == KeepEdited {
				value = strings.ToLower(strings.TrimSpace(edited))
			}
			if value != "deleted" && value != "kept" {
				return &Error{Kind: KindUsage, Msg: "a deleted-or-edited conflict is settled by keeping mine or taking theirs (or the value deleted or kept)"}
			}
			if err := db.resolveDeletion(ctx, tx, c.tbl, c.rowID, value == "deleted", at); err != nil {
				return err
			}
		case "anchor":
			if err := db.resolveAnchor(ctx, tx, c.rowID, choice, value, at); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?, resolved_value = ?
			WHERE resolved_at IS NULL AND (id = ? OR (row_id = ? AND field = ?))`, at, db.reviewer, string(choice), value, c.id, c.rowID, c.field); err != nil {
			return err
		}
		if err := db.logChange(ctx, tx, at, "conflicts", c.id, "resolution", nil, ptr(string(choice)+": "+value)); err != nil {
			return err
		}
		c.resolvedAt, c.resolvedBy = sql.NullString{String: at, Valid: true}, sql.NullString{String: db.reviewer, Valid: true}
		c.resolution, c.resolvedValue = sql.NullString{String: string(choice), Valid: true}, sql.NullString{String: value, Valid: true}
		out, err = db.conflictView(ctx, tx, c)
		return err
	})
	return out, err
}

// resolveField writes a claim's verdict or note as the local reviewer's decision, even when the
// value does not change: the entry is what makes the decision win on the next exchange.
func (db *DB) resolveField(ctx context.Context, tx *sql.Tx, id, field, value, at string) error {
	var seq int64
	var exact, note, verdict string
	var deleted sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT seq, exact, note, verdict, deleted_at FROM claims WHERE id = ?`, id).Scan(&seq, &exact, &note, &verdict, &deleted); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("claim", id)
		}
		return err
	}
	old := map[string]string{"verdict": verdict, "note": note}[field]
	if field == "verdict" { // a decision about the ratings, not a rating: the claim is settled
		if err := db.logChange(ctx, tx, at, "claims", id, "settle", &old, &value); err != nil {
			return err
		}
		if err := recomputeTx(ctx, tx, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE claims SET updated_at = ?, updated_by = ? WHERE id = ?`, at, db.reviewer, id)
		return err
	}
	if field == "note" && !deleted.Valid {
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) VALUES ('delete', ?, ?, ?)`, seq, exact, note); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) VALUES (?, ?, ?)`, seq, exact, value); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET `+field+` = ?, updated_at = ?, updated_by = ? WHERE id = ?`, value, at, db.reviewer, id); err != nil {
		return err
	}
	return db.logChange(ctx, tx, at, "claims", id, field, &old, &value)
}

// resolveDeletion deletes or keeps a row as the local reviewer's decision. A row already in
// the chosen state gets the entry anyway, so the decision travels to the other side.
func (db *DB) resolveDeletion(ctx context.Context, tx *sql.Tx, table, id string, deleted bool, at string) error {
	st, err := currentRow(ctx, tx, table, id)
	if err != nil {
		return err
	}
	if !st.exists {
		return notFound(strings.TrimSuffix(table, "s"), id)
	}
	switch {
	case deleted && !st.deleted && table == "claims":
		return db.deleteClaimTx(ctx, tx, id)
	case deleted && !st.deleted && table == "links":
		return db.deleteLinkTx(ctx, tx, id, at)
	case deleted && !st.deleted:
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			at, db.reviewer, at, db.reviewer, id); err != nil {
			return err
		}
		if err := db.logChange(ctx, tx, at, table, id, "delete", nil, ptr(at)); err != nil {
			return err
		}
		if table == "articles" { // its claims go with it, as with DeleteArticle
			ids, err := liveIDs(ctx, tx, `SELECT id FROM claims WHERE article_id = ? AND deleted_at IS NULL`, id)
			if err != nil {
				return err
			}
			for _, c := range ids {
				if err := db.deleteClaimTx(ctx, tx, c); err != nil {
					return err
				}
			}
		}
		return nil
	case deleted: // already deleted: record the decision
		return db.logChange(ctx, tx, at, table, id, "delete", nil, ptr(at))
	case st.deleted: // restore
		var was sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT deleted_at FROM `+table+` WHERE id = ?`, id).Scan(&was); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
			at, db.reviewer, id); err != nil {
			return err
		}
		if table == "claims" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) SELECT seq, exact, note FROM claims WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, at, table, id, "deleted_at", ptr(was.String), nil)
	default: // kept and alive: record the decision
		return db.logChange(ctx, tx, at, table, id, "deleted_at", nil, nil)
	}
}

// resolveAnchor settles a claim whose quote was not in its article's text: mine keeps it
// hidden; theirs shows it again where its quote is found; an edited value is the quote to find.
func (db *DB) resolveAnchor(ctx context.Context, tx *sql.Tx, id string, choice Resolution, quote string, at string) error {
	var articleID, text string
	var deleted sql.NullString
	var a annotate.Anchor
	if err := tx.QueryRowContext(ctx, `SELECT c.article_id, c.rune_start, c.rune_end, c.exact, c.prefix, c.suffix, a.text, c.deleted_at
		FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?`, id).Scan(&articleID, &a.Start, &a.End, &a.Exact, &a.Prefix, &a.Suffix, &text, &deleted); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("claim", id)
		}
		return err
	}
	if choice == KeepMine {
		return nil // stays hidden
	}
	var found annotate.Anchor
	if choice == KeepEdited {
		var err error
		if found, err = annotate.FindQuote(text, quote, 1); err != nil {
			return &Error{Kind: KindUsage, Msg: err.Error(), Err: err}
		}
	} else {
		m := annotate.Reanchor(text, a)
		if m.Status == annotate.Lost {
			return &Error{Kind: KindUsage, Code: CodeQuoteNotInArticle, Facts: Facts{Object: "claim", ID: id},
				Msg: "the claim's quote is still not in the article"}
		}
		found = m.Anchor
	}
	if !deleted.Valid { // shown already: take its old words out of the index
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) SELECT 'delete', seq, exact, note FROM claims WHERE id = ?`, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET rune_start = ?, rune_end = ?, exact = ?, prefix = ?, suffix = ?,
		deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
		found.Start, found.End, found.Exact, found.Prefix, found.Suffix, at, db.reviewer, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) SELECT seq, exact, note FROM claims WHERE id = ?`, id); err != nil {
		return err
	}
	return db.logChange(ctx, tx, at, "claims", id, "anchor", ptr(fmt.Sprintf("%d-%d %s", a.Start, a.End, a.Exact)),
		ptr(fmt.Sprintf("%d-%d %s", found.Start, found.End, found.Exact)))
}

func liveIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
