package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"factdesk/annotate"
)

// SourceCheck is one look at a source's live page against its last snapshot ("check again"):
// when, what the site answered, the SHA-256 of the page as fetched and whether it changed. A
// check that could not fetch the page keeps why (Error) and the HTTP status when the site
// answered one (a 404: the page is gone).
type SourceCheck struct {
	ID          string
	SourceID    string
	SnapshotID  string // the snapshot the live page was compared with
	URL         string // the address fetched
	FinalURL    string // where it led, after redirects ("" when the fetch failed)
	CheckedAt   time.Time
	Status      int    // the HTTP status (0 when the site did not answer)
	SHA256      string // of the live page as fetched ("" when the fetch failed)
	PageChanged bool   // the page's bytes differ from the snapshot's
	TextChanged bool   // its main text differs: what a reader sees changed
	Error       string // why the page could not be fetched ("" when it was)
	CreatedBy   string // reviewer name
}

// Failed reports whether the live page could not be fetched.
func (c SourceCheck) Failed() bool { return c.Error != "" }

// Gone reports whether the site said the page is not there any more (404 or 410).
func (c SourceCheck) Gone() bool { return c.Outcome() == annotate.CheckGone }

// NewSourceCheck is what a check is made of.
type NewSourceCheck struct {
	SnapshotID, URL, FinalURL, SHA256, Error string
	CheckedAt                                time.Time
	Status                                   int
	PageChanged, TextChanged                 bool
}

// AddSourceCheck keeps a check of a source's live page against one of its snapshots. A check
// never changes: checking again is a new check.
func (db *DB) AddSourceCheck(ctx context.Context, sourceID string, c NewSourceCheck) (SourceCheck, error) {
	if err := db.needReviewer(); err != nil {
		return SourceCheck{}, err
	}
	if c.SnapshotID == "" || c.URL == "" || c.CheckedAt.IsZero() || (c.SHA256 == "") == (c.Error == "") {
		return SourceCheck{}, &Error{Kind: KindUsage, Msg: "a check needs the snapshot, the address, the time, and either the live page's SHA-256 or why it could not be fetched"}
	}
	var out SourceCheck
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM source_snapshots ss JOIN sources s ON s.id = ss.source_id
			WHERE ss.id = ? AND ss.source_id = ? AND ss.deleted_at IS NULL AND s.deleted_at IS NULL`, c.SnapshotID, sourceID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("snapshot", c.SnapshotID) // of another source, or deleted
		}
		id, at := newID(), db.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO source_checks(id, source_id, snapshot_id, url, final_url, checked_at, status, sha256,
			page_changed, text_changed, error, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, sourceID, c.SnapshotID, c.URL, c.FinalURL, fmtTime(c.CheckedAt), c.Status, c.SHA256, c.PageChanged, c.TextChanged, c.Error,
			at, db.reviewer, at, db.reviewer); err != nil {
			return err
		}
		if err := db.logCreate(ctx, tx, at, "source_checks", id, map[string]any{
			"source_id": sourceID, "snapshot_id": c.SnapshotID, "url": c.URL, "checked_at": fmtTime(c.CheckedAt), "status": c.Status,
			"sha256": c.SHA256, "page_changed": c.PageChanged, "text_changed": c.TextChanged, "error": c.Error,
		}); err != nil {
			return err
		}
		checks, err := checksOf(ctx, tx, sourceID, id, 1)
		if err != nil {
			return err
		}
		out = checks[0]
		return nil
	})
	return out, classify(err, db.path)
}

// SourceChecks lists a source's checks, newest first.
func (db *DB) SourceChecks(ctx context.Context, sourceID string) ([]SourceCheck, error) {
	c, err := checksOf(ctx, db.read, sourceID, "", -1)
	return c, classify(err, db.path)
}

// LastSourceCheck returns the latest check of a source's latest snapshot, and false when that
// snapshot was never checked: a new snapshot starts afresh, since "changed since the snapshot"
// speaks of the latest one.
func (db *DB) LastSourceCheck(ctx context.Context, sourceID string) (SourceCheck, bool, error) {
	c, err := checksOf(ctx, db.read, sourceID, "", -1)
	if err != nil {
		return SourceCheck{}, false, classify(err, db.path)
	}
	var latest string
	err = db.read.QueryRowContext(ctx, `SELECT id FROM source_snapshots WHERE source_id = ? AND deleted_at IS NULL
		ORDER BY fetched_at DESC, seq DESC LIMIT 1`, sourceID).Scan(&latest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return SourceCheck{}, false, classify(err, db.path)
	}
	for _, x := range c {
		if x.SnapshotID == latest {
			return x, true, nil
		}
	}
	return SourceCheck{}, false, nil
}

func checksOf(ctx context.Context, q rowsQueryer, sourceID, onlyID string, limit int) ([]SourceCheck, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.source_id, c.snapshot_id, c.url, c.final_url, c.checked_at, c.status, c.sha256,
		c.page_changed, c.text_changed, c.error, coalesce(r.name, '')
		FROM source_checks c LEFT JOIN reviewers r ON r.id = c.created_by
		WHERE c.source_id = ? AND c.deleted_at IS NULL AND (? = '' OR c.id = ?) ORDER BY c.checked_at DESC, c.seq DESC LIMIT ?`,
		sourceID, onlyID, onlyID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SourceCheck
	for rows.Next() {
		var c SourceCheck
		var at string
		if err := rows.Scan(&c.ID, &c.SourceID, &c.SnapshotID, &c.URL, &c.FinalURL, &at, &c.Status, &c.SHA256,
			&c.PageChanged, &c.TextChanged, &c.Error, &c.CreatedBy); err != nil {
			return nil, err
		}
		c.CheckedAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Outcome names what the check found.
func (c SourceCheck) Outcome() annotate.CheckOutcome {
	return annotate.CheckOutcomeOf(c.Status, c.Failed(), c.PageChanged, c.TextChanged)
}

// Summary is the check as reports and lists show it.
func (c SourceCheck) Summary() *annotate.SourceCheck {
	return &annotate.SourceCheck{At: c.CheckedAt, Outcome: c.Outcome(), Status: c.Status}
}

// lastCheckCol reads the latest check of source s's latest snapshot in a query (as
// LastSourceCheck), as a JSON array (NULL when none).
const lastCheckCol = `(SELECT json_array(sc.checked_at, sc.status, sc.error <> '', sc.page_changed, sc.text_changed) FROM source_checks sc
	WHERE sc.source_id = s.id AND sc.deleted_at IS NULL AND sc.snapshot_id = (SELECT ss.id FROM source_snapshots ss
		WHERE ss.source_id = s.id AND ss.deleted_at IS NULL ORDER BY ss.fetched_at DESC, ss.seq DESC LIMIT 1)
	ORDER BY sc.checked_at DESC, sc.seq DESC LIMIT 1)`

// lastCheckOf scans lastCheckCol into s.LastCheck.
func lastCheckOf(s *annotate.Source) sql.Scanner { return lastCheckScanner{s} }

type lastCheckScanner struct{ s *annotate.Source }

func (l lastCheckScanner) Scan(v any) error {
	var js string
	switch v := v.(type) {
	case nil:
		l.s.LastCheck = nil
		return nil
	case string:
		js = v
	case []byte:
		js = string(v)
	default:
		return fmt.Errorf("the last check of a source reads as %T", v)
	}
	var f [5]any
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		return fmt.Errorf("the last check of a source: %w", err)
	}
	at, _ := f[0].(string)
	num := func(x any) int { n, _ := x.(float64); return int(n) }
	c := SourceCheck{CheckedAt: parseTime(at), Status: num(f[1]), PageChanged: num(f[3]) == 1, TextChanged: num(f[4]) == 1}
	if num(f[2]) == 1 {
		c.Error = "failed"
	}
	l.s.LastCheck = c.Summary()
	return nil
}
