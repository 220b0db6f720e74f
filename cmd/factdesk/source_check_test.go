package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"factdesk/corpus/fetch"
)

// sourceTestDesk imports an article, makes a claim on it and returns the database and the claim.
func sourceTestDesk(t *testing.T) (db, claim string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "f.db")
	out, _, _ := factdesk(t, db, "Council vote\n\nThe council met on Tuesday and voted on the harbour budget after a long debate.", "import", "-")
	id := strings.Split(out, "\t")[0]
	return db, strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", id, "--quote", "harbour budget"))
}

func sourceLinks(t *testing.T, db, claim string) []linkJSON {
	t.Helper()
	var links []linkJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "links", claim, "--json")), &links); err != nil {
		t.Fatal(err)
	}
	return links
}

// source add keeps a snapshot by default, as the window does; --no-snapshot opts out;
// --archive asks Save Page Now; a dead address still adds the source and says how to retry.
func TestSourceAddSnapshotsByDefault(t *testing.T) {
	var saved atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<html><head><title>Budget</title></head><body><article><p>The council voted the harbour budget on Tuesday evening after a long debate.</p></article></body></html>`)
	}))
	defer srv.Close()
	spn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		saved.Add(1)
		w.Header().Set("Location", "/web/20261203140200/"+strings.TrimPrefix(r.URL.Path, "/save/"))
		w.WriteHeader(http.StatusFound)
	}))
	defer spn.Close()
	defer func(old func() *fetch.Archiver) { newArchiver = old }(newArchiver)
	newArchiver = func() *fetch.Archiver { a := fetch.NewArchiver(); a.Endpoint = spn.URL; return a }

	db, claim := sourceTestDesk(t)
	mustRun(t, db, "source", "add", claim, "--url", srv.URL+"/budget", "--title", "Budget")
	mustRun(t, db, "source", "add", claim, "--url", srv.URL+"/budget-print", "--title", "Print", "--no-snapshot")
	var added linkJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "source", "add", claim, "--url", srv.URL+"/budget-amp", "--archive", "--json")), &added); err != nil {
		t.Fatal(err)
	}
	if len(added.Snapshots) != 1 || added.Snapshots[0].ArchiveURL != spn.URL+"/web/20261203140200/"+srv.URL+"/budget-amp" || saved.Load() != 1 {
		t.Errorf("--archive: %+v, %d asked", added, saved.Load())
	}
	out, errOut, code := factdesk(t, db, "", "source", "add", claim, "--url", srv.URL+"/gone", "--title", "Gone")
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("a dead address: exit %d, %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "the source was added") || !strings.Contains(errOut, "not found (404") || !strings.Contains(errOut, "factdesk source snapshot ") {
		t.Errorf("a dead address says: %q", errOut)
	}
	links := sourceLinks(t, db, claim)
	if len(links) != 4 {
		t.Fatalf("%d links", len(links))
	}
	for i, want := range []int{1, 0, 1, 0} {
		if len(links[i].Snapshots) != want {
			t.Errorf("%s: %d snapshots, want %d", links[i].Source.URL, len(links[i].Snapshots), want)
		}
	}
	if saved.Load() != 1 {
		t.Errorf("the Internet Archive was asked %d times; only --archive asks it", saved.Load())
	}
	// The retry the message gives works once the page is back.
	retry := errOut[strings.LastIndex(errOut, "factdesk source snapshot ")+len("factdesk source snapshot "):]
	retry = strings.TrimRight(retry, "`\n")
	if _, errOut, code := factdesk(t, db, "", "source", "snapshot", retry); code == 0 || !strings.Contains(errOut, "404") {
		t.Errorf("retry of a page still gone: %d %q", code, errOut)
	}
}

// Each source check is kept: links --json shows the last one; a page gone is a check that
// exits with failure and says so.
func TestSourceCheckIsKept(t *testing.T) {
	var version atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if version.Load() == 2 {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><title>Toll</title></head><body><article><p>The prefecture counts %d injured after the fire at the port on Friday night.</p></article></body></html>`, 12+version.Load())
	}))
	defer srv.Close()
	db, claim := sourceTestDesk(t)
	mustRun(t, db, "source", "add", claim, "--url", srv.URL+"/toll")
	src := sourceLinks(t, db, claim)[0].Source.ID
	if links := sourceLinks(t, db, claim); links[0].LastCheck != nil || links[0].Source.LastCheck != nil {
		t.Errorf("a source never checked: %+v", links[0])
	}
	if out := mustRun(t, db, "source", "check", src); !strings.HasPrefix(out, "unchanged since") || !strings.Contains(out, "check ") {
		t.Errorf("check: %q", out)
	}
	version.Store(1)
	var res struct {
		Check checkJSON `json:"check"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "source", "check", src, "--json")), &res); err != nil || res.Check.Outcome != "changed" || res.Check.SHA256 == "" || res.Check.Status != 200 {
		t.Errorf("changed: %+v %v", res, err)
	}
	links := sourceLinks(t, db, claim)
	if lc := links[0].LastCheck; lc == nil || lc.ID != res.Check.ID || !lc.TextChanged || lc.FinalURL != srv.URL+"/toll" {
		t.Errorf("links --json last check: %+v", lc)
	}
	version.Store(2)
	out, _, code := factdesk(t, db, "", "source", "check", src)
	if code != exitFailure || !strings.HasPrefix(out, "GONE: ") || !strings.Contains(out, "404") {
		t.Errorf("gone: exit %d, %q", code, out)
	}
	links = sourceLinks(t, db, claim)
	if lc := links[0].LastCheck; lc == nil || lc.Outcome != "gone" || lc.Status != 404 || lc.SHA256 != "" || links[0].Source.LastCheck == nil {
		t.Errorf("links --json after the page went: %+v", links[0])
	}
}
