package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// metaWrittenBy is the key of the meta table that holds the version of Factdesk that last
// changed the file.
const metaWrittenBy = "written-by"

// recordWrittenBy notes, inside the first write transaction of this DB, which version of
// Factdesk changes the file. A DB opened without Options.AppVersion records nothing.
func (db *DB) recordWrittenBy(ctx context.Context, q interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}) error {
	if db.appVersion == "" || db.versionRecorded.Load() {
		return nil
	}
	_, err := q.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, metaWrittenBy, db.appVersion)
	return err
}

// WrittenBy returns the version of Factdesk that last changed the database, "" when no
// version was recorded (a file made before versions were recorded, or never changed).
func (db *DB) WrittenBy(ctx context.Context) (string, error) {
	v, err := writtenBy(ctx, db.read)
	if err != nil {
		return "", classify(err, db.path)
	}
	return v, nil
}

// writtenBy reads the version that last changed the file behind q; a file without a meta
// table (older schemas) gives "".
func writtenBy(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}) (string, error) {
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'`).Scan(&tables); err != nil {
		return "", err
	}
	if tables == 0 {
		return "", nil
	}
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, metaWrittenBy).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// newerFile is the refusal of the file at path, made with schema version by a newer version
// of Factdesk; tail ends the message (what was left as it was).
func newerFile(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}, path string, version int64, tail string) *Error {
	v, _ := writtenBy(ctx, q)
	return &Error{Kind: KindNewerSchema, Code: CodeNewerFile, Path: path,
		Facts: Facts{MadeBy: v, Schema: version, Supported: SchemaVersion},
		Msg:   fmt.Sprintf("%s was made by %s (schema %d; this version reads up to %d)%s", path, newerMadeBy(ctx, q), version, SchemaVersion, tail)}
}

// newerMadeBy names, for the refusal of a file made by a newer version, the version that last
// changed it ("Factdesk 0.4.0") when the file says, else "a newer version of Factdesk".
func newerMadeBy(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}) string {
	if v, err := writtenBy(ctx, q); err == nil && v != "" {
		return fmt.Sprintf("Factdesk %s, a newer version", v)
	}
	return "a newer version of Factdesk"
}
