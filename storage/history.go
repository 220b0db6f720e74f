package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"factdesk/annotate"
)

// logChange appends one history entry in tx. old and new are nil for "no value".
func (db *DB) logChange(ctx context.Context, tx *sql.Tx, at, table, rowID, field string, old, new *string) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
		newID(), at, db.reviewer, table, rowID, field, nullable(old), nullable(new))
	return err
}

// logCreate records the creation of a row with its initial fields as JSON.
func (db *DB) logCreate(ctx context.Context, tx *sql.Tx, at, table, rowID string, fields map[string]any) error {
	b, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	s := string(b)
	return db.logChange(ctx, tx, at, table, rowID, "create", nil, &s)
}

func nullable(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func ptr(s string) *string { return &s }

// History returns the history entries of a row, oldest first: for a claim, its own changes,
// those of its aliases and those of its links and sources (an alias id gives the history of
// the claim it became). With rowID "" it returns the whole log (newest last),
// at most limit entries (0 = no limit).
func (db *DB) History(ctx context.Context, rowID string, limit int) ([]annotate.HistoryEntry, error) {
	q := `SELECT h.id, h.at, h.reviewer_id, coalesce(r.name, ''), h.tbl, h.row_id, h.field, coalesce(h.old, ''), coalesce(h.new, '')
	      FROM history h LEFT JOIN reviewers r ON r.id = h.reviewer_id`
	var args []any
	if rowID != "" {
		// A claim's history holds that of its aliases (claims on its span that became it).
		if to, err := resolveClaimID(ctx, db.read, rowID); err == nil {
			rowID = to
		}
		q += ` WHERE h.row_id = ?1 OR h.row_id IN (SELECT alias_id FROM claim_aliases WHERE claim_id = ?1)
		       OR h.row_id IN (SELECT id FROM links WHERE claim_id = ?1 OR target_claim_id = ?1)
		       OR h.row_id IN (SELECT source_id FROM links WHERE claim_id = ?1 AND source_id IS NOT NULL)`
		args = append(args, rowID)
	}
	q += ` ORDER BY h.at, h.seq`
	if limit > 0 {
		q = `SELECT * FROM (` + strings.Replace(q, "ORDER BY h.at, h.seq", "ORDER BY h.at DESC, h.seq DESC", 1) + ` LIMIT ?) ORDER BY 2, 1`
		args = append(args, limit)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	var out []annotate.HistoryEntry
	for rows.Next() {
		var h annotate.HistoryEntry
		var at string
		if err := rows.Scan(&h.ID, &at, &h.ReviewerID, &h.Reviewer, &h.Table, &h.RowID, &h.Field, &h.Old, &h.New); err != nil {
			return nil, err
		}
		h.At = parseTime(at)
		out = append(out, h)
	}
	return out, classify(rows.Err(), db.path)
}

// LastChange is a number that grows with every change committed to the database, by this
// process or another: poll it to notice changes made elsewhere.
func (db *DB) LastChange(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	err := db.read.QueryRowContext(ctx, `SELECT max(seq) FROM history`).Scan(&n)
	return n.Int64, classify(err, db.path)
}
