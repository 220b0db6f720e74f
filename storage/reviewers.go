package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"factdesk/annotate"
	"factdesk/corpus"
)

// SetReviewer makes name the reviewer every following change is recorded for, creating the
// reviewer on first use.
func (db *DB) SetReviewer(ctx context.Context, name string) (annotate.Reviewer, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return annotate.Reviewer{}, &Error{Kind: KindUsage, Code: CodeReviewerNameEmpty, Msg: "the reviewer's name is empty"}
	}
	if err := checkReviewerName(name); err != nil {
		return annotate.Reviewer{}, err
	}
	if r, err := db.reviewerByName(ctx, db.read, name); err == nil {
		db.mu.Lock()
		db.reviewer = r.ID
		db.mu.Unlock()
		return r, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return annotate.Reviewer{}, classify(err, db.path)
	}
	if db.readOnly {
		db.mu.Lock()
		db.reviewer = ""
		db.mu.Unlock()
		return annotate.Reviewer{Name: name}, nil
	}
	var r annotate.Reviewer
	prev := db.Reviewer()
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		// Another process may have created the same reviewer since we looked.
		if got, err := db.reviewerByName(ctx, tx, name); err == nil {
			r = got
			return nil
		}
		id, at := newID(), db.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO reviewers(id, name, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?)`,
			id, name, at, id, at, id); err != nil {
			return err
		}
		db.mu.Lock()
		db.reviewer = id
		db.mu.Unlock()
		r = annotate.Reviewer{ID: id, Name: name, CreatedAt: parseTime(at)}
		return db.logCreate(ctx, tx, at, "reviewers", id, map[string]any{"name": name})
	})
	if err != nil {
		// The transaction set the new id for its history entry: it was rolled back, so the
		// changes that follow are recorded for the previous reviewer, not a missing one.
		db.mu.Lock()
		db.reviewer = prev
		db.mu.Unlock()
		return annotate.Reviewer{}, err
	}
	db.mu.Lock()
	db.reviewer = r.ID
	db.mu.Unlock()
	return r, nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func (db *DB) reviewerByName(ctx context.Context, q queryer, name string) (annotate.Reviewer, error) {
	var r annotate.Reviewer
	var at string
	err := q.QueryRowContext(ctx, `SELECT id, name, created_at FROM reviewers WHERE name = ? AND deleted_at IS NULL ORDER BY seq LIMIT 1`, name).
		Scan(&r.ID, &r.Name, &at)
	r.CreatedAt = parseTime(at)
	return r, err
}

// Reviewer returns the current reviewer's id ("" when none is set).
func (db *DB) Reviewer() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.reviewer
}

// Reviewers lists every reviewer known to the database.
func (db *DB) Reviewers(ctx context.Context) ([]annotate.Reviewer, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name, created_at FROM reviewers WHERE deleted_at IS NULL ORDER BY name, seq`)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	var out []annotate.Reviewer
	for rows.Next() {
		var r annotate.Reviewer
		var at string
		if err := rows.Scan(&r.ID, &r.Name, &at); err != nil {
			return nil, err
		}
		r.CreatedAt = parseTime(at)
		out = append(out, r)
	}
	return out, classify(rows.Err(), db.path)
}

// needReviewer refuses a change when no reviewer is set.
func (db *DB) needReviewer() error {
	if db.readOnly {
		return db.errReadOnly()
	}
	if db.Reviewer() == "" {
		return &Error{Kind: KindUsage, Code: CodeNoReviewer, Msg: "no reviewer is set: every change records who made it"}
	}
	return nil
}

// MaxReviewerName is the longest reviewer name, in characters.
const MaxReviewerName = 80

// checkReviewerName refuses names that would not show as what they are in lists, history and
// other reviewers' terminals: too long, with line breaks or other control characters, or with
// bidirectional formatting characters ("\u202eecila" shows as "alice").
func checkReviewerName(name string) error {
	switch {
	case utf8.RuneCountInString(name) > MaxReviewerName:
		return &Error{Kind: KindUsage, Msg: fmt.Sprintf("the reviewer's name is %d characters long: give one of at most %d", utf8.RuneCountInString(name), MaxReviewerName)}
	case corpus.StripControlsLine(name) != name:
		return &Error{Kind: KindUsage, Msg: "the reviewer's name has a line break or another control character: give it on one line, letters and spaces"}
	case corpus.HasBidiControl(name):
		return &Error{Kind: KindUsage, Msg: "the reviewer's name has a bidirectional formatting character (such as U+202E), which makes it display as another name: type the name without it"}
	}
	return nil
}
