package storage

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"

	"factdesk/corpus"
)

// evidence is how an article's evidence is stored: pages as JSON, the fetch time as text, the
// raw page compressed.
type evidence struct {
	pages     string
	fetchedAt string
	raw       []byte
}

func evidenceOf(a corpus.Article) (evidence, error) {
	var ev evidence
	if len(a.Pages) > 0 {
		b, err := json.Marshal(a.Pages)
		if err != nil {
			return ev, err
		}
		ev.pages = string(b)
	}
	if !a.FetchedAt.IsZero() {
		ev.fetchedAt = fmtTime(a.FetchedAt)
	}
	if a.Raw != nil {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		if _, err := zw.Write(a.Raw); err != nil {
			return ev, err
		}
		if err := zw.Close(); err != nil {
			return ev, err
		}
		ev.raw = b.Bytes()
	}
	return ev, nil
}

// maxRaw bounds an unpacked raw page (the fetch limit is 20 MB).
const maxRaw = 64 << 20

// ArticleRaw returns the page an article was fetched from, as fetched, and its Content-Type.
// An article imported from a file has none: KindNotFound.
func (db *DB) ArticleRaw(ctx context.Context, id string) ([]byte, string, error) {
	var raw []byte
	var typ string
	err := db.read.QueryRowContext(ctx, `SELECT raw, raw_type FROM articles WHERE id = ? AND deleted_at IS NULL`, id).Scan(&raw, &typ)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", notFound("article", id)
	}
	if err != nil {
		return nil, "", classify(err, db.path)
	}
	if raw == nil {
		return nil, "", &Error{Kind: KindNotFound, Msg: "article " + id + " was not fetched from the web: it has no page kept as fetched", Err: ErrNotFound}
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, "", &Error{Kind: KindCorrupt, Path: db.path, Msg: "the page kept with article " + id + " is damaged", Err: err}
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxRaw))
	if err != nil {
		return nil, "", &Error{Kind: KindCorrupt, Path: db.path, Msg: "the page kept with article " + id + " is damaged", Err: err}
	}
	return data, typ, nil
}
