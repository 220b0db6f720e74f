package storage

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"time"

	"factdesk/annotate"
)

// SourceSnapshot is a copy of a source's web page kept so that the source does not vanish:
// when it was fetched, from where, the SHA-256 of the page as fetched, its main text, and the
// public archive's copy when one was asked for.
type SourceSnapshot struct {
	ID         string
	SourceID   string
	URL        string // the address fetched
	FinalURL   string // where it led, after redirects
	FetchedAt  time.Time
	SHA256     string // of the page as fetched
	Text       string // the main text, extracted as for articles
	RawType    string
	ArchiveURL string // the Internet Archive's copy (Save Page Now), "" when not asked or not given
	CreatedBy  string // reviewer name
}

// NewSourceSnapshot is what a snapshot is made of; Raw is the page as fetched.
type NewSourceSnapshot struct {
	URL, FinalURL, SHA256, Text, RawType, ArchiveURL string
	FetchedAt                                        time.Time
	Raw                                              []byte
}

// AddSourceSnapshot keeps a snapshot of a live source's page. A snapshot never changes: taking
// another is a new snapshot.
func (db *DB) AddSourceSnapshot(ctx context.Context, sourceID string, s NewSourceSnapshot) (SourceSnapshot, error) {
	if err := db.needReviewer(); err != nil {
		return SourceSnapshot{}, err
	}
	if s.SHA256 == "" || s.FetchedAt.IsZero() || s.URL == "" {
		return SourceSnapshot{}, &Error{Kind: KindUsage, Msg: "a snapshot needs the address, the fetch time and the page's SHA-256"}
	}
	raw, err := gzipBytes(s.Raw)
	if err != nil {
		return SourceSnapshot{}, err
	}
	var out SourceSnapshot
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		var live int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sources WHERE id = ? AND deleted_at IS NULL`, sourceID).Scan(&live); err != nil {
			return err
		}
		if live == 0 {
			return notFound("source", sourceID)
		}
		id, at := newID(), db.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO source_snapshots(id, source_id, url, final_url, fetched_at, sha256, text, raw, raw_type, archive_url,
			created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, sourceID, s.URL, s.FinalURL, fmtTime(s.FetchedAt), s.SHA256, s.Text, raw, s.RawType, s.ArchiveURL, at, db.reviewer, at, db.reviewer); err != nil {
			return err
		}
		if err := db.logCreate(ctx, tx, at, "source_snapshots", id, map[string]any{
			"source_id": sourceID, "url": s.URL, "fetched_at": fmtTime(s.FetchedAt), "sha256": s.SHA256, "archive_url": s.ArchiveURL,
		}); err != nil {
			return err
		}
		snaps, err := snapshotsOf(ctx, tx, sourceID, id)
		if err != nil {
			return err
		}
		out = snaps[0]
		return nil
	})
	return out, classify(err, db.path)
}

// SourceSnapshots lists a source's snapshots, newest first, with their text.
func (db *DB) SourceSnapshots(ctx context.Context, sourceID string) ([]SourceSnapshot, error) {
	s, err := snapshotsOf(ctx, db.read, sourceID, "")
	return s, classify(err, db.path)
}

// SourceSnapshotRaw returns the page a snapshot kept, as fetched, and its Content-Type.
func (db *DB) SourceSnapshotRaw(ctx context.Context, id string) ([]byte, string, error) {
	var raw []byte
	var typ string
	err := db.read.QueryRowContext(ctx, `SELECT raw, raw_type FROM source_snapshots WHERE id = ? AND deleted_at IS NULL`, id).Scan(&raw, &typ)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", notFound("snapshot", id)
	}
	if err != nil {
		return nil, "", classify(err, db.path)
	}
	if raw == nil { // restored from a JSON export, which carries the page's SHA-256 only
		return nil, "", &Error{Kind: KindNotFound, Msg: "snapshot " + id + " has no page kept here (it came from a JSON export, which keeps only the page's SHA-256): take a new snapshot", Err: ErrNotFound}
	}
	data, err := gunzipBytes(raw)
	if err != nil {
		return nil, "", &Error{Kind: KindCorrupt, Path: db.path, Msg: "the page kept by snapshot " + id + " is damaged", Err: err}
	}
	return data, typ, nil
}

func snapshotsOf(ctx context.Context, q rowsQueryer, sourceID, onlyID string) ([]SourceSnapshot, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.source_id, s.url, s.final_url, s.fetched_at, s.sha256, s.text, s.raw_type, s.archive_url, coalesce(r.name, '')
		FROM source_snapshots s LEFT JOIN reviewers r ON r.id = s.created_by
		WHERE s.source_id = ? AND s.deleted_at IS NULL AND (? = '' OR s.id = ?) ORDER BY s.fetched_at DESC, s.seq DESC`, sourceID, onlyID, onlyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SourceSnapshot
	for rows.Next() {
		var s SourceSnapshot
		var at string
		if err := rows.Scan(&s.ID, &s.SourceID, &s.URL, &s.FinalURL, &at, &s.SHA256, &s.Text, &s.RawType, &s.ArchiveURL, &s.CreatedBy); err != nil {
			return nil, err
		}
		s.FetchedAt = parseTime(at)
		out = append(out, s)
	}
	return out, rows.Err()
}

func gzipBytes(data []byte) ([]byte, error) {
	if data == nil {
		return nil, nil
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func gunzipBytes(data []byte) ([]byte, error) {
	if data == nil {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(zr); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Source returns one live source.
func (db *DB) Source(ctx context.Context, id string) (annotate.Source, error) {
	var s annotate.Source
	var at string
	err := db.read.QueryRowContext(ctx, `SELECT s.id, s.url, s.title, s.publisher, s.accessed, s.quote, s.created_at, coalesce(r.name, '')
		FROM sources s LEFT JOIN reviewers r ON r.id = s.created_by WHERE s.id = ? AND s.deleted_at IS NULL`, id).
		Scan(&s.ID, &s.URL, &s.Title, &s.Publisher, &s.Accessed, &s.Quote, &at, &s.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return s, notFound("source", id)
	}
	s.CreatedAt = parseTime(at)
	return s, classify(err, db.path)
}
