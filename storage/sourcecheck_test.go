package storage_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/storage"
)

// A check of the live page is kept with the source's snapshots, listed newest first, travels
// with a shared copy and merges once; a forged check without its creation entry is refused.
func TestSourceChecksKeepAndMerge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	art := mustImport(t, db, frText)
	c := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	link, err := db.AddSource(ctx, c.ID, annotate.Source{URL: "https://news.example/toll", Title: "Toll"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	src := link.SourceID
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.UTC)
	if _, ok, err := db.LastSourceCheck(ctx, src); ok || err != nil {
		t.Fatalf("a source never checked: %v %v", ok, err)
	}
	snap, err := db.AddSourceSnapshot(ctx, src, storage.NewSourceSnapshot{URL: "https://news.example/toll", SHA256: "aa", Text: "The toll is 300.", FetchedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	first, err := db.AddSourceCheck(ctx, src, storage.NewSourceCheck{SnapshotID: snap.ID, URL: "https://news.example/toll", FinalURL: "https://news.example/toll?v=2",
		CheckedAt: at.Add(time.Hour), Status: 200, SHA256: "bb", PageChanged: true, TextChanged: true})
	if err != nil {
		t.Fatal(err)
	}
	if first.CreatedBy != "Alice" || !first.CheckedAt.Equal(at.Add(time.Hour)) || !first.TextChanged || first.Failed() || first.FinalURL != "https://news.example/toll?v=2" {
		t.Errorf("check = %+v", first)
	}
	gone, err := db.AddSourceCheck(ctx, src, storage.NewSourceCheck{SnapshotID: snap.ID, URL: "https://news.example/toll",
		CheckedAt: at.Add(2 * time.Hour), Status: 404, Error: "the page was not found (404 Not Found)"})
	if err != nil {
		t.Fatal(err)
	}
	if !gone.Failed() || !gone.Gone() || gone.SHA256 != "" {
		t.Errorf("failed check = %+v", gone)
	}
	checks, err := db.SourceChecks(ctx, src)
	if err != nil || len(checks) != 2 || checks[0].ID != gone.ID || checks[1].ID != first.ID {
		t.Fatalf("checks = %+v, %v", checks, err)
	}
	if last, ok, err := db.LastSourceCheck(ctx, src); !ok || err != nil || last.ID != gone.ID {
		t.Errorf("last = %+v %v %v", last, ok, err)
	}
	// The links and the reports cite the last check beside the live address.
	links, err := db.Links(ctx, c.ID)
	if err != nil || len(links) != 1 || links[0].Source.LastCheck == nil || links[0].Source.LastCheck.Outcome != annotate.CheckGone ||
		!links[0].Source.LastCheck.At.Equal(at.Add(2*time.Hour)) {
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
	if !strings.Contains(b.String(), "[Toll](https://news.example/toll) (checked 2026-12-03 16:02 UTC: page gone (404))") {
		t.Errorf("markdown:\n%s", b.String())
	}

	// Bad input is refused with a kind, and nothing is stored.
	for name, bad := range map[string]storage.NewSourceCheck{
		"no hash and no error":  {SnapshotID: snap.ID, URL: "u", CheckedAt: at},
		"both hash and error":   {SnapshotID: snap.ID, URL: "u", CheckedAt: at, SHA256: "x", Error: "e"},
		"no time":               {SnapshotID: snap.ID, URL: "u", SHA256: "x"},
		"no snapshot":           {URL: "u", CheckedAt: at, SHA256: "x"},
		"an unknown snapshot":   {SnapshotID: "nope", URL: "u", CheckedAt: at, SHA256: "x"},
		"another source's snap": {SnapshotID: snap.ID, URL: "u", CheckedAt: at, SHA256: "x"},
	} {
		source := src
		if name == "another source's snap" {
			other, err := db.AddSource(ctx, c.ID, annotate.Source{URL: "https://other.example/"}, annotate.Supports)
			if err != nil {
				t.Fatal(err)
			}
			source = other.SourceID
		}
		_, err := db.AddSourceCheck(ctx, source, bad)
		if !storage.IsKind(err, storage.KindUsage) && !storage.IsKind(err, storage.KindNotFound) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if checks, _ := db.SourceChecks(ctx, src); len(checks) != 2 {
		t.Errorf("%d checks after bad input", len(checks))
	}

	share := filepath.Join(dir, "alice-share.db")
	if err := db.SaveCopy(ctx, share, nil); err != nil {
		t.Fatal(err)
	}
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	for range 2 {
		if _, err := bob.Merge(ctx, share); err != nil {
			t.Fatal(err)
		}
	}
	got, err := bob.SourceChecks(ctx, src)
	if err != nil || len(got) != 2 || got[0].Status != 404 || got[1].SHA256 != "bb" || got[1].CreatedBy != "Alice" || got[1].SnapshotID != snap.ID {
		t.Fatalf("merged checks = %+v, %v", got, err)
	}
	// Bob checks too; Alice takes his check back.
	if _, err := bob.AddSourceCheck(ctx, src, storage.NewSourceCheck{SnapshotID: snap.ID, URL: "https://news.example/toll",
		CheckedAt: at.Add(3 * time.Hour), Status: 200, SHA256: "aa"}); err != nil {
		t.Fatal(err)
	}
	back := filepath.Join(dir, "bob-share.db")
	if err := bob.SaveCopy(ctx, back, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Merge(ctx, back); err != nil {
		t.Fatal(err)
	}
	if last, ok, err := db.LastSourceCheck(ctx, src); !ok || err != nil || last.CreatedBy != "Bob" || last.PageChanged {
		t.Errorf("Alice's last check after Bob's file = %+v, %v", last, err)
	}
	// A new snapshot starts afresh: the checks of the older one are history.
	if _, err := db.AddSourceSnapshot(ctx, src, storage.NewSourceSnapshot{URL: "https://news.example/toll", SHA256: "cc", FetchedAt: at.Add(4 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if last, ok, err := db.LastSourceCheck(ctx, src); ok || err != nil {
		t.Errorf("last check after a new snapshot = %+v, %v", last, err)
	}
	if links, err := db.Links(ctx, c.ID); err != nil || links[0].Source.LastCheck != nil {
		t.Errorf("links after a new snapshot = %+v, %v", links[0].Source, err)
	}
	if checks, err := db.SourceChecks(ctx, src); err != nil || len(checks) != 3 {
		t.Errorf("%d checks kept, %v", len(checks), err)
	}

	// A check row with no creation entry in its history is a forged file.
	forged := shTamper(t, share, func(raw *sql.DB) {
		var trig string
		if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'`).Scan(&trig); err != nil {
			t.Fatal(err)
		}
		shExec(t, raw, `DROP TRIGGER history_no_delete`)
		shExec(t, raw, `DELETE FROM history WHERE tbl = 'source_checks' AND field = 'create'`)
		shExec(t, raw, trig)
	})
	carol := shOpen(t, filepath.Join(dir, "carol.db"), "Carol")
	if _, err := carol.Merge(ctx, forged); !storage.IsKind(err, storage.KindCorrupt) {
		t.Errorf("a check without its creation entry: %v", err)
	}
}
