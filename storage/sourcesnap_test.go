package storage_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/storage"
)

// A snapshot is kept with its page, listed newest first, travels with a shared copy and merges
// into another reviewer's database once.
func TestSourceSnapshotsKeepAndMerge(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	c := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	link, err := db.AddSource(ctx, c.ID, annotate.Source{URL: "https://news.example/toll", Title: "Toll"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	src := link.SourceID
	at := time.Date(2026, 3, 12, 9, 30, 0, 0, time.UTC)
	first, err := db.AddSourceSnapshot(ctx, src, storage.NewSourceSnapshot{URL: "https://news.example/toll", FinalURL: "https://news.example/toll?x=1",
		SHA256: "aa", Text: "The toll is 300.", Raw: []byte("<p>The toll is 300.</p>"), RawType: "text/html", FetchedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	if first.CreatedBy != "Alice" || !first.FetchedAt.Equal(at) || first.Text != "The toll is 300." {
		t.Errorf("snapshot = %+v", first)
	}
	if _, err := db.AddSourceSnapshot(ctx, src, storage.NewSourceSnapshot{URL: "https://news.example/toll", SHA256: "bb", Text: "The toll is 400.",
		FetchedAt: at.Add(time.Hour), ArchiveURL: "https://web.archive.org/web/20260312103000/https://news.example/toll"}); err != nil {
		t.Fatal(err)
	}
	snaps, err := db.SourceSnapshots(ctx, src)
	if err != nil || len(snaps) != 2 || snaps[0].SHA256 != "bb" || snaps[1].ID != first.ID {
		t.Fatalf("snapshots = %+v, %v", snaps, err)
	}
	raw, typ, err := db.SourceSnapshotRaw(ctx, first.ID)
	if err != nil || string(raw) != "<p>The toll is 300.</p>" || typ != "text/html" {
		t.Errorf("raw = %q %q %v", raw, typ, err)
	}
	if _, err := db.AddSourceSnapshot(ctx, "nope", storage.NewSourceSnapshot{URL: "u", SHA256: "x", FetchedAt: at}); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("unknown source: %v", err)
	}

	share := filepath.Join(t.TempDir(), "alice-share.db")
	if err := db.SaveCopy(ctx, share, nil); err != nil {
		t.Fatal(err)
	}
	bob, err := storage.Open(ctx, filepath.Join(t.TempDir(), "bob.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	if _, err := bob.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := bob.Merge(ctx, share); err != nil {
			t.Fatal(err)
		}
	}
	got, err := bob.SourceSnapshots(ctx, src)
	if err != nil || len(got) != 2 || got[0].ArchiveURL == "" || got[1].CreatedBy != "Alice" {
		t.Fatalf("merged snapshots = %+v, %v", got, err)
	}
	if raw, _, err := bob.SourceSnapshotRaw(ctx, first.ID); err != nil || string(raw) != "<p>The toll is 300.</p>" {
		t.Errorf("merged raw = %q, %v", raw, err)
	}
}

// The archive's copy of a source shows in its links and in the Markdown report beside the live address.
func TestArchiveURLInLinksAndReport(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	c := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	link, err := db.AddSource(ctx, c.ID, annotate.Source{URL: "https://news.example/toll", Title: "Toll"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	archived := "https://web.archive.org/web/20260312093000/https://news.example/toll"
	if _, err := db.AddSourceSnapshot(ctx, link.SourceID, storage.NewSourceSnapshot{URL: "https://news.example/toll", SHA256: "aa",
		FetchedAt: time.Now(), ArchiveURL: archived}); err != nil {
		t.Fatal(err)
	}
	links, err := db.Links(ctx, c.ID)
	if err != nil || len(links) != 1 || links[0].Source.ArchiveURL != archived {
		t.Fatalf("links = %+v, %v", links, err)
	}
	m, err := db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := report.Write(&b, report.Markdown, m, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "[Toll](https://news.example/toll)") || !strings.Contains(b.String(), "([archived copy]("+archived+"))") {
		t.Errorf("markdown:\n%s", b.String())
	}
}
