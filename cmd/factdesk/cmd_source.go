package main

import (
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
	register(&command{name: "source check", looks: true, args: "SOURCE", summary: "fetch a source's page again and say whether it changed since its last snapshot",
		minArgs: 1, maxArgs: 1, run: cmdSourceCheck})
}

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
		archive = fetch.NewArchiver()
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

func cmdSourceCheck(c *cli, args []string) error {
	id, err := c.resolve("sources", args[0])
	if err != nil {
		return err
	}
	res, err := ingest.Check(c.ctx, c.db, fetch.New(), id)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"snapshot": toSnapshotJSON(res.Last), "live_sha256": res.LiveSHA256,
			"page_changed": res.PageChanged, "text_changed": res.TextChanged})
	}
	when := res.Last.FetchedAt.Format(time.RFC3339)
	switch {
	case res.TextChanged:
		fmt.Fprintf(c.out, "CHANGED: the text of %s is not what the snapshot of %s kept; take a new snapshot to keep this version too\n", res.Last.URL, when)
	case res.PageChanged:
		fmt.Fprintf(c.out, "same text: the page of %s changed since %s (layout, ads…) but its main text did not\n", res.Last.URL, when)
	default:
		fmt.Fprintf(c.out, "unchanged since the snapshot of %s\n", when)
	}
	return nil
}

// addSnapshotFlags adds source add's choices about the new source's page.
func addSnapshotFlags(fs *flag.FlagSet) {
	fs.Bool("snapshot", false, "keep a local snapshot of the source's web page (as `factdesk source snapshot` does)")
	fs.Bool("archive", false, "with --snapshot, also ask the Internet Archive's Save Page Now (tells a third party what you are checking)")
}

// snapshotAddedSource keeps a snapshot of a source just added when --snapshot says so. A
// failed fetch is reported and does not undo the source.
func snapshotAddedSource(c *cli, l annotate.Link) {
	if c.str("snapshot") != "true" || l.Source == nil || !fetch.IsWebAddress(l.Source.URL) {
		return
	}
	var archive ingest.Archive
	if c.str("archive") == "true" {
		archive = fetch.NewArchiver()
	}
	res, err := ingest.Snapshot(c.ctx, c.db, fetch.New(), archive, l.SourceID)
	switch {
	case err != nil:
		fmt.Fprintf(c.errOut, "factdesk source add: the source was added, but no snapshot was kept: %v\n", err)
	case res.ArchiveErr != nil:
		fmt.Fprintf(c.errOut, "factdesk source add: %v\n", res.ArchiveErr)
	}
}
