package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus/fetch"
	"factdesk/storage"
	"factdesk/storage/ingest"
)

// A source page that changes, and a stand-in for Save Page Now with its documented answers:
// a redirect to the archived copy, 200 with Content-Location, 429 rate-limited, 520 job failed.
func TestSnapshotCheckAndArchive(t *testing.T) {
	var version, spn atomic.Int32
	var gone atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/toll", func(w http.ResponseWriter, r *http.Request) {
		if gone.Load() {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><title>Toll</title></head><body><article><p>The prefecture now counts %d injured after the fire at the port on Friday night.</p></article></body></html>`, 12+2*version.Load())
	})
	// Save Page Now's stand-in is a server of its own: a ServeMux would clean the "//" of the
	// address in the path.
	spnSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := strings.TrimPrefix(r.URL.Path, "/save/")
		switch spn.Load() {
		case 0:
			w.Header().Set("Location", "/web/20260312093000/"+target) // as SPN writes it (http.Redirect would clean the "//")
			w.WriteHeader(http.StatusFound)
		case 1:
			w.Header().Set("Content-Location", "/web/20260312100000/"+target)
		case 2:
			http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
		default:
			w.WriteHeader(520)
			fmt.Fprint(w, "Job failed")
		}
	}))
	defer spnSrv.Close()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	db := openDB(t)
	tally := ingest.Run(ctx, db, []ingest.Item{{Name: "a.txt", Data: []byte(article(1))}}, ingest.Options{})
	claim, err := db.AddClaim(ctx, tally.IDs[0], mustFind(t, article(1), "harbour budget"), annotate.Unverified, "")
	if err != nil {
		t.Fatal(err)
	}
	link, err := db.AddSource(ctx, claim.ID, annotate.Source{URL: srv.URL + "/toll", Title: "Toll"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	c := fetch.New()
	arch := fetch.NewArchiver()
	arch.Endpoint = spnSrv.URL

	if _, err := ingest.Check(ctx, db, c, link.SourceID); !errors.Is(err, ingest.ErrNoSnapshot) {
		t.Errorf("check before any snapshot: %v", err)
	} else if se := storage.AsError(err); se == nil || se.Code != storage.CodeNoSnapshot || se.Facts.ID != link.SourceID {
		t.Errorf("check before any snapshot: %+v, want the code %s and the source's id", se, storage.CodeNoSnapshot)
	}
	res, err := ingest.Snapshot(ctx, db, c, nil, link.SourceID) // the public archive is off
	if err != nil || res.Snapshot.ArchiveURL != "" || !strings.Contains(res.Snapshot.Text, "12 injured") || res.Snapshot.SHA256 == "" {
		t.Fatalf("snapshot: %+v, %v", res, err)
	}
	chk, err := ingest.Check(ctx, db, c, link.SourceID)
	if err != nil || chk.PageChanged || chk.TextChanged || chk.Check.ID == "" || chk.Check.Status != 200 || chk.Check.SHA256 != res.Snapshot.SHA256 ||
		chk.Check.SnapshotID != res.Snapshot.ID || chk.Check.FinalURL != srv.URL+"/toll" {
		t.Errorf("unchanged page: %+v, %v", chk, err)
	}
	version.Store(1)
	chk, err = ingest.Check(ctx, db, c, link.SourceID)
	if err != nil || !chk.PageChanged || !chk.TextChanged || chk.Last.ID != res.Snapshot.ID || !chk.Check.TextChanged || chk.Check.SHA256 != chk.LiveSHA256 {
		t.Errorf("changed page: %+v, %v", chk, err)
	}
	// A page gone is a check too, kept with its status and why.
	gone.Store(true)
	chk, err = ingest.Check(ctx, db, c, link.SourceID)
	if err != nil || !chk.Check.Failed() || !chk.Check.Gone() || chk.Check.SHA256 != "" || !strings.Contains(chk.Check.Error, "not found") {
		t.Errorf("gone page: %+v, %v", chk, err)
	}
	// A cancelled check learns nothing and keeps nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ingest.Check(cctx, db, c, link.SourceID); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled check: %v", err)
	}
	checks, err := db.SourceChecks(ctx, link.SourceID)
	if err != nil || len(checks) != 3 || checks[0].Status != 404 || !checks[1].TextChanged || checks[2].PageChanged {
		t.Errorf("checks kept = %+v, %v", checks, err)
	}
	gone.Store(false)

	for answer, want := range []string{
		spnSrv.URL + "/web/20260312093000/" + srv.URL + "/toll",
		spnSrv.URL + "/web/20260312100000/" + srv.URL + "/toll",
		"429", "520",
	} {
		spn.Store(int32(answer))
		res, err := ingest.Snapshot(ctx, db, c, arch, link.SourceID)
		if err != nil {
			t.Fatalf("answer %d: %v", answer, err)
		}
		switch answer {
		case 0, 1:
			if res.Snapshot.ArchiveURL != want || res.ArchiveErr != nil {
				t.Errorf("answer %d: archive %q, %v", answer, res.Snapshot.ArchiveURL, res.ArchiveErr)
			}
		default:
			if res.Snapshot.ArchiveURL != "" || res.ArchiveErr == nil || !strings.Contains(res.ArchiveErr.Error(), want) || !strings.Contains(res.ArchiveErr.Error(), "local snapshot is kept") {
				t.Errorf("answer %d: %+v", answer, res)
			}
		}
	}
	if answer := 2; !errors.Is(func() error { spn.Store(int32(answer)); _, err := arch.Save(ctx, srv.URL+"/toll"); return err }(), fetch.ErrRateLimited) {
		t.Error("429 is not ErrRateLimited")
	}
	snaps, err := db.SourceSnapshots(ctx, link.SourceID)
	if err != nil || len(snaps) != 5 {
		t.Errorf("%d snapshots, %v", len(snaps), err)
	}
}

func mustFind(t *testing.T, text, quote string) annotate.Anchor {
	t.Helper()
	a, err := annotate.FindQuote(text, quote, 1)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
