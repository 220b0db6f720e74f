package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// A two-page PDF written with fpdf, the claim of interest on page 2.
func writeTestPDF(t *testing.T, path string) {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 11)
	for _, line := range []string{"The harbour report counts 60 damaged containers on the quay.", "About 30 containers were destroyed by the fire on Friday night."} {
		p.AddPage()
		p.CellFormat(0, 6, line, "", 1, "L", false, 0, "")
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// import takes files, PDFs and web addresses in one command; a 404 is reported and the others
// import; the evidence (pages, fetch time, hash) is in the JSON.
func TestImportPDFAndWebAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/fire" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<html><head><title>Fire at the port</title></head><body><article><p>A fire destroyed a warehouse at the port on Friday night, the fire service said on Saturday.</p></article></body></html>`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	pdf := filepath.Join(dir, "report.pdf")
	writeTestPDF(t, pdf)
	db := filepath.Join(dir, "f.db")
	out, errOut, code := factdesk(t, db, "", "import", "--json", pdf, srv.URL+"/fire", srv.URL+"/gone")
	if code != exitFailure {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res []importJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 3 {
		t.Fatalf("%v: %s", err, out)
	}
	if a := res[0].Article; a == nil || a.Format != "pdf" || a.Pages != 2 || a.SourceSHA256 == "" || a.FetchedAt != nil {
		t.Errorf("pdf: %+v", a)
	}
	if a := res[1].Article; a == nil || a.URL != srv.URL+"/fire" || a.FetchedAt == nil || a.Title != "Fire at the port" {
		t.Errorf("web page: %+v", a)
	}
	if res[2].Article != nil || !strings.Contains(res[2].Error, "not found (404") {
		t.Errorf("404: %+v", res[2])
	}
}

// source snapshot keeps the page; links --json shows it; source check says when the page changed.
func TestSourceSnapshotAndCheck(t *testing.T) {
	toll := "12"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><title>Toll</title></head><body><article><p>The prefecture counts %s injured after the fire at the port on Friday night.</p></article></body></html>`, toll)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "f.db")
	out, _, _ := factdesk(t, db, "Council vote\n\nThe council met on Tuesday and voted on the harbour budget after a long debate.", "import", "-")
	id := strings.Split(out, "\t")[0]
	claim := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", id, "--quote", "harbour budget"))
	mustRun(t, db, "source", "add", claim, "--url", srv.URL+"/toll", "--title", "Toll", "--snapshot")
	var links []linkJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "links", claim, "--json")), &links); err != nil || len(links) != 1 || links[0].Source == nil {
		t.Fatalf("links: %v %+v", err, links)
	}
	src := links[0].Source.ID
	if out := mustRun(t, db, "source", "snapshot", src); !strings.Contains(out, "sha256") {
		t.Errorf("snapshot: %q", out)
	}
	// One snapshot from source add --snapshot, one from source snapshot.
	if err := json.Unmarshal([]byte(mustRun(t, db, "links", claim, "--json")), &links); err != nil || len(links[0].Snapshots) != 2 || links[0].Snapshots[0].SHA256 == "" {
		t.Fatalf("links after snapshot: %v %+v", err, links)
	}
	if out := mustRun(t, db, "source", "check", src); !strings.HasPrefix(out, "unchanged since") {
		t.Errorf("check: %q", out)
	}
	toll = "14"
	if out := mustRun(t, db, "source", "check", src); !strings.HasPrefix(out, "CHANGED") {
		t.Errorf("check after a change: %q", out)
	}
}
