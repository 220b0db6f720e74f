package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"factdesk/corpus"
	"factdesk/corpus/fetch"
	"factdesk/storage"
)

// Archive asks a public web archive to keep a page and returns the archived copy's address
// (see fetch.Archiver).
type Archive interface {
	Save(ctx context.Context, pageURL string) (string, error)
}

// SnapshotResult is a snapshot kept, and what the public archive said when it was asked.
type SnapshotResult struct {
	Snapshot   storage.SourceSnapshot
	ArchiveErr error // the archive was asked and did not archive the page (the snapshot is kept)
}

// Snapshot fetches a source's page and keeps a local snapshot of it: the page as fetched and
// its SHA-256, its main text (empty when the page holds none, a data file for example), the
// time. With archive set it also asks the public archive, and keeps its copy's address.
func Snapshot(ctx context.Context, db *storage.DB, c *fetch.Client, archive Archive, sourceID string) (SnapshotResult, error) {
	src, err := db.Source(ctx, sourceID)
	if err != nil {
		return SnapshotResult{}, err
	}
	if !fetch.IsWebAddress(src.URL) {
		return SnapshotResult{}, fmt.Errorf("source %s has no web address (%q): only a web page can be snapshotted", sourceID, src.URL)
	}
	page, text, err := fetchSourcePage(ctx, c, src.URL)
	if err != nil {
		return SnapshotResult{}, err
	}
	snap := storage.NewSourceSnapshot{URL: src.URL, FinalURL: page.URL, SHA256: page.SHA256, Text: text, Raw: page.Body,
		RawType: page.ContentType, FetchedAt: page.FetchedAt}
	var res SnapshotResult
	if archive != nil {
		snap.ArchiveURL, res.ArchiveErr = archive.Save(ctx, src.URL)
		if errors.Is(res.ArchiveErr, context.Canceled) {
			return res, res.ArchiveErr
		}
	}
	res.Snapshot, err = db.AddSourceSnapshot(ctx, sourceID, snap)
	return res, err
}

// fetchSourcePage fetches a page and extracts its main text when it has one.
func fetchSourcePage(ctx context.Context, c *fetch.Client, url string) (fetch.Page, string, error) {
	page, err := c.Fetch(ctx, url)
	if err != nil {
		return page, "", err
	}
	name := "page.html"
	if ct := page.ContentType; ct != "" && !strings.Contains(ct, "html") {
		name = "page.txt"
		if strings.Contains(ct, "pdf") {
			name = "page.pdf"
		}
	}
	a, err := corpus.ParseContext(ctx, name, page.Body)
	if err != nil {
		if ctx.Err() != nil {
			return page, "", ctx.Err()
		}
		return page, "", nil // the page is kept whatever it holds
	}
	return page, a.Text, nil
}

// CheckResult compares a source's live page with its last snapshot.
type CheckResult struct {
	Last        storage.SourceSnapshot // the snapshot compared with
	LiveSHA256  string                 // of the page as fetched now ("" when it could not be)
	PageChanged bool                   // the bytes of the page differ
	TextChanged bool                   // its main text differs: what a reader sees changed
	Check       storage.SourceCheck    // the check as stored with the source's snapshots
}

// ErrNoSnapshot is returned by Check for a source that has no snapshot yet.
var ErrNoSnapshot = errors.New("the source has no snapshot yet")

// Check fetches a source's page again, says whether it changed since the last snapshot, and
// keeps the check with the source's snapshots (time, live SHA-256, HTTP status, final
// address, changed or not). A page that cannot be fetched (gone, 404, the site down) is a
// check too: it is stored, with why, in Check.Error, and Check returns no error. The new
// version of a changed page is not kept: take a new snapshot for that. Errors are for a
// source without a snapshot, a cancelled check and storage failures.
func Check(ctx context.Context, db *storage.DB, c *fetch.Client, sourceID string) (CheckResult, error) {
	snaps, err := db.SourceSnapshots(ctx, sourceID)
	if err != nil {
		return CheckResult{}, err
	}
	if len(snaps) == 0 {
		return CheckResult{}, &storage.Error{Kind: storage.KindNotFound, Code: storage.CodeNoSnapshot, Facts: storage.Facts{Object: "source", ID: sourceID},
			Msg: "source " + sourceID + " has no snapshot of its page yet", Err: ErrNoSnapshot}
	}
	last := snaps[0]
	res := CheckResult{Last: last}
	rec := storage.NewSourceCheck{SnapshotID: last.ID, URL: last.URL}
	page, text, err := fetchSourcePage(ctx, c, last.URL)
	var ferr *fetch.Error
	switch {
	case err == nil:
		res.LiveSHA256, res.PageChanged, res.TextChanged = page.SHA256, page.SHA256 != last.SHA256, text != last.Text
		rec.FinalURL, rec.Status, rec.SHA256, rec.CheckedAt = page.URL, page.Status, page.SHA256, page.FetchedAt
		rec.PageChanged, rec.TextChanged = res.PageChanged, res.TextChanged
	case errors.As(err, &ferr) && ctx.Err() == nil:
		now := time.Now
		if c.Now != nil {
			now = c.Now
		}
		rec.Status, rec.Error, rec.CheckedAt = ferr.Status, ferr.Msg, now().UTC()
	default:
		return res, err // cancelled, or not a fetch: nothing was learnt about the page
	}
	res.Check, err = db.AddSourceCheck(ctx, sourceID, rec)
	return res, err
}
