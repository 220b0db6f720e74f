package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"factdesk/annotate"
	"factdesk/corpus/fetch"
	"factdesk/storage"
	"factdesk/storage/ingest"
)

func init() {
	register(&command{name: "source snapshot", args: "SOURCE", summary: "keep a local snapshot of a source's web page (page as fetched, SHA-256, main text, time); --archive also asks the Internet Archive",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("archive", false, "also ask the Internet Archive's Save Page Now to archive the page (tells a third party what you are checking)")
		}, minArgs: 1, maxArgs: 1, run: cmdSourceSnapshot})
	register(&command{name: "source check", args: "SOURCE", summary: "fetch a source's page again, say whether it changed since its last snapshot, and keep the check",
		minArgs: 1, maxArgs: 1, run: cmdSourceCheck})
}

// newArchiver makes the client of the Internet Archive's Save Page Now (a stand-in in tests,
// which are offline).
var newArchiver = fetch.NewArchiver

// snapshotJSON is a source snapshot in the CLI's JSON.
type snapshotJSON struct {
	ID         string    `json:"id"`
	URL        string    `json:"url"`
	FinalURL   string    `json:"final_url,omitempty"`
	FetchedAt  time.Time `json:"fetched_at"`
	SHA256     string    `json:"sha256"`
	ArchiveURL string    `json:"archive_url,omitempty"`
	CreatedBy  string    `json:"created_by"`
}

func toSnapshotJSON(s storage.SourceSnapshot) snapshotJSON {
	return snapshotJSON{ID: s.ID, URL: s.URL, FinalURL: s.FinalURL, FetchedAt: s.FetchedAt, SHA256: s.SHA256, ArchiveURL: s.ArchiveURL, CreatedBy: s.CreatedBy}
}

func cmdSourceSnapshot(c *cli, args []string) error {
	id, err := c.resolve("sources", args[0])
	if err != nil {
		return err
	}
	var archive ingest.Archive
	if c.str("archive") == "true" {
		archive = newArchiver()
	}
	res, err := ingest.Snapshot(c.ctx, c.db, fetch.New(), archive, id)
	if err != nil {
		return err
	}
	if res.ArchiveErr != nil {
		fmt.Fprintf(c.errOut, "factdesk source snapshot: %v\n", res.ArchiveErr)
	}
	if c.json {
		return c.printJSON(toSnapshotJSON(res.Snapshot))
	}
	s := res.Snapshot
	fmt.Fprintf(c.out, "snapshot %s of %s\nfetched %s\nsha256  %s\n", shortID(s.ID), s.URL, s.FetchedAt.Format(time.RFC3339), s.SHA256)
	if s.ArchiveURL != "" {
		fmt.Fprintf(c.out, "archive %s\n", s.ArchiveURL)
	}
	return nil
}

// checkJSON is a check of a source's live page in the CLI's JSON.
type checkJSON struct {
	ID          string    `json:"id"`
	SnapshotID  string    `json:"snapshot_id"`
	URL         string    `json:"url"`
	FinalURL    string    `json:"final_url,omitempty"`
	CheckedAt   time.Time `json:"checked_at"`
	Outcome     string    `json:"outcome"` // unchanged, same_text, changed, gone or failed
	Status      int       `json:"status,omitempty"`
	SHA256      string    `json:"sha256,omitempty"`
	PageChanged bool      `json:"page_changed"`
	TextChanged bool      `json:"text_changed"`
	Error       string    `json:"error,omitempty"`
	CreatedBy   string    `json:"created_by"`
}

func toCheckJSON(c storage.SourceCheck) checkJSON {
	return checkJSON{ID: c.ID, SnapshotID: c.SnapshotID, URL: c.URL, FinalURL: c.FinalURL, CheckedAt: c.CheckedAt, Outcome: string(c.Outcome()),
		Status: c.Status, SHA256: c.SHA256, PageChanged: c.PageChanged, TextChanged: c.TextChanged, Error: c.Error, CreatedBy: c.CreatedBy}
}

// cmdSourceCheck checks the live page against the last snapshot and keeps the check; a page
// that could not be fetched is a check kept too, and exits with failure.
func cmdSourceCheck(c *cli, args []string) error {
	id, err := c.resolve("sources", args[0])
	if err != nil {
		return err
	}
	res, err := ingest.Check(c.ctx, c.db, fetch.New(), id)
	if err != nil {
		return err
	}
	failed := res.Check.Failed()
	if c.json {
		if err := c.printJSON(map[string]any{"snapshot": toSnapshotJSON(res.Last), "live_sha256": res.LiveSHA256,
			"page_changed": res.PageChanged, "text_changed": res.TextChanged, "check": toCheckJSON(res.Check)}); err != nil {
			return err
		}
		if failed {
			return exitError{exitFailure}
		}
		return nil
	}
	when := res.Last.FetchedAt.Format(time.RFC3339)
	switch {
	case res.Check.Gone():
		fmt.Fprintf(c.out, "GONE: %s answers %d: the page was removed or moved; the snapshot of %s keeps what it said\n", res.Last.URL, res.Check.Status, when)
	case failed:
		fmt.Fprintf(c.out, "NOT CHECKED: %s\n", res.Check.Error)
	case res.TextChanged:
		fmt.Fprintf(c.out, "CHANGED: the text of %s is not what the snapshot of %s kept; keep this version too with `factdesk source snapshot %s`\n", res.Last.URL, when, shortID(id))
	case res.PageChanged:
		fmt.Fprintf(c.out, "same text: the page of %s changed since %s (layout, ads…) but its main text did not\n", res.Last.URL, when)
	default:
		fmt.Fprintf(c.out, "unchanged since the snapshot of %s\n", when)
	}
	fmt.Fprintf(c.out, "check %s kept (%s)\n", shortID(res.Check.ID), res.Check.CheckedAt.Format(time.RFC3339))
	if failed {
		return exitError{exitFailure}
	}
	return nil
}

// addSnapshotFlags adds source add's choices about the new source's page: a snapshot by
// default, as the window does (its setting is on by default), the public archive on demand.
func addSnapshotFlags(fs *flag.FlagSet) {
	fs.Bool("snapshot", true, "keep a local snapshot of the source's web page (the default, as in the window; see --no-snapshot)")
	fs.Bool("no-snapshot", false, "do not keep a snapshot of the source's web page")
	fs.Bool("archive", false, "also ask the Internet Archive's Save Page Now to archive the page (tells a third party what you are checking)")
}

// snapshotAddedSource keeps a snapshot of a source just added, unless --no-snapshot says not
// to. A failed fetch is reported with how to try again and does not undo the source.
func snapshotAddedSource(c *cli, l annotate.Link) (*storage.SourceSnapshot, error) {
	if c.str("snapshot") != "true" || c.str("no-snapshot") == "true" || l.Source == nil || !fetch.IsWebAddress(l.Source.URL) {
		return nil, nil
	}
	var archive ingest.Archive
	if c.str("archive") == "true" {
		archive = newArchiver()
	}
	res, err := ingest.Snapshot(c.ctx, c.db, fetch.New(), archive, l.SourceID)
	switch {
	case errors.Is(err, context.Canceled):
		return nil, err
	case err != nil:
		fmt.Fprintf(c.errOut, "factdesk source add: the source was added (%s), but no snapshot of its page was kept: %v\n", shortID(l.SourceID), err)
		fmt.Fprintf(c.errOut, "factdesk source add: try again later with `factdesk source snapshot %s`\n", shortID(l.SourceID))
		return nil, err
	case res.ArchiveErr != nil:
		fmt.Fprintf(c.errOut, "factdesk source add: %v\n", res.ArchiveErr)
	}
	return &res.Snapshot, nil
}
