package app

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// File > Import from web address… fetches and opens the page; an address pasted into the
// search field imports on Enter; a 404 is reported and nothing else changes.
func TestImportFromWebAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fire":
			fmt.Fprint(w, `<html><head><title>Fire at the port</title></head><body><article><p>A fire destroyed a warehouse at the port on Friday night, the fire service said on Saturday.</p></article></body></html>`)
		case "/evacuation":
			fmt.Fprint(w, `<html><head><title>Evacuation lifted</title></head><body><article><p>The residents of the lower town went home on Monday morning, once the firemen had checked the air.</p></article></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	h := newHarness(t, nil)

	h.app.Clipboard().SetContent(srv.URL + "/fire")
	h.mw.onImportURL()
	if !strings.Contains(h.overlayText(), srv.URL+"/fire") { // the address on the clipboard is offered
		t.Fatalf("dialog: %q", h.overlayText())
	}
	h.dismissOverlays()
	h.mw.importURLs([]string{srv.URL + "/fire"})
	h.wait()
	if len(h.mw.corpus.articles) != 1 || h.mw.corpus.articles[0].URL != srv.URL+"/fire" || h.mw.corpus.articles[0].FetchedAt.IsZero() {
		t.Fatalf("articles: %+v", h.mw.corpus.articles)
	}
	if p := h.mw.panes.current; p == nil || p.article.Title != "Fire at the port" {
		t.Error("the fetched article was not opened")
	}

	// Pasted into the search field: no search, Enter imports.
	cp := h.mw.corpus
	test.Type(cp.search, srv.URL+"/evacuation")
	cp.searcher.Flush()
	h.wait()
	if cp.count.Text() != "A web address: press Enter to import the page" {
		t.Errorf("count line = %q", cp.count.Text())
	}
	cp.search.OnSubmitted(cp.search.Text)
	h.wait()
	if len(h.mw.corpus.articles) != 2 || cp.search.Text != "" {
		t.Fatalf("after Enter: %d articles, search %q", len(h.mw.corpus.articles), cp.search.Text)
	}

	h.mw.importURLs([]string{srv.URL + "/gone"})
	h.wait()
	if msg := h.overlayText(); !strings.Contains(msg, "not found (404") {
		t.Errorf("404 not reported: %q", msg)
	}
	h.dismissOverlays()
	h.mw.importURLs([]string{"ftp://example.org/file"})
	if msg := h.overlayText(); !strings.Contains(msg, "not a web address") {
		t.Errorf("ftp address: %q", msg)
	}
	if len(h.mw.corpus.articles) != 2 {
		t.Errorf("%d articles", len(h.mw.corpus.articles))
	}
}

// A claim on a PDF says its page in the inspector.
func TestClaimOnPDFShowsPage(t *testing.T) {
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
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, nil)
	h.mw.importPaths([]string{path})
	h.wait()
	pane := h.mw.panes.current
	if pane == nil || len(pane.article.Pages) != 2 {
		t.Fatal("the PDF was not opened with its pages")
	}
	h.makeClaim(pane, "About 30 containers were destroyed")
	if q := h.mw.inspector.quote.String(); !strings.HasSuffix(q, "(p. 2)") {
		t.Errorf("inspector quote = %q", q)
	}
}

// A source added with "Keep a snapshot" checked is snapshotted; the inspector shows when, opens
// its text, and says when the live page changed ("Check again").
func TestSourceSnapshotInInspector(t *testing.T) {
	toll, gone := "12", false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gone {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><title>Toll</title></head><body><article><p>The prefecture counts %s injured after the fire at the port on Friday night.</p></article></body></html>`, toll)
	}))
	defer srv.Close()
	h := newHarness(t, nil)
	h.mw.importPasted("Fire", "The mayor said 12 people were hurt in the fire on Friday night at the port.")
	h.wait()
	pane := h.mw.panes.current
	h.makeClaim(pane, "12 people were hurt")
	in := h.mw.inspector
	if in.srcSnapshot.keep.Checked || in.srcSnapshot.archive.Checked {
		t.Fatal("the harness keeps the tests offline: snapshots off")
	}
	in.srcSnapshot.keep.SetChecked(true)
	test.Type(in.srcURL, srv.URL+"/toll")
	test.Tap(in.addSourceButton)
	h.wait()
	if !h.app.Preferences().Bool(prefSnapshotSources) {
		t.Error("the choice is not kept as the default")
	}
	links, err := h.db.Links(h.mw.ctx, h.mw.inspector.claim.ID)
	if err != nil || len(links) != 1 {
		t.Fatal(err, links)
	}
	snaps, err := h.db.SourceSnapshots(h.mw.ctx, links[0].SourceID)
	if err != nil || len(snaps) != 1 || !strings.Contains(snaps[0].Text, "12 injured") || snaps[0].ArchiveURL != "" {
		t.Fatalf("snapshots = %+v, %v", snaps, err)
	}
	text := h.inspectorText()
	if !strings.Contains(text, "Snapshot of ") {
		t.Errorf("inspector does not show the snapshot:\n%s", text)
	}
	row := h.findSnapshotRow()
	row.onOpen()
	if !strings.Contains(h.overlayText(), "The prefecture counts 12 injured") {
		t.Errorf("snapshot text: %q", h.overlayText())
	}
	h.dismissOverlays()
	if row.checked.Visible() {
		t.Errorf("a snapshot never checked shows %q", row.checked.Text)
	}
	row.onCheck()
	h.wait()
	if !strings.Contains(row.checked.Text, ": unchanged since the snapshot") || row.take.Importance == widget.HighImportance {
		t.Errorf("unchanged page: %q", row.checked.Text)
	}
	toll = "14"
	row.onCheck()
	h.wait()
	if !strings.HasPrefix(row.checked.Text, "Checked ") || !strings.Contains(row.checked.Text, ": changed since the snapshot") || !row.checked.Visible() {
		t.Errorf("after the page changed: %q", row.checked.Text)
	}
	// The checks are kept; the inspector shows the last one when it opens again.
	checks, err := h.db.SourceChecks(h.mw.ctx, links[0].SourceID)
	if err != nil || len(checks) != 2 || !checks[0].TextChanged {
		t.Fatalf("checks kept = %+v, %v", checks, err)
	}
	h.mw.inspector.reload()
	h.wait()
	row = h.findSnapshotRow()
	if !strings.Contains(row.checked.Text, ": changed since the snapshot") {
		t.Errorf("after reopening: %q", row.checked.Text)
	}
	// A changed page offers to keep the new version; once kept, the new snapshot starts afresh.
	if row.take.Text != "New snapshot" || row.take.Importance != widget.HighImportance {
		t.Errorf("take button: %q, importance %v", row.take.Text, row.take.Importance)
	}
	test.Tap(row.take)
	h.wait()
	row = h.findSnapshotRow()
	if snaps, _ := h.db.SourceSnapshots(h.mw.ctx, links[0].SourceID); len(snaps) != 2 || !strings.Contains(snaps[0].Text, "14 injured") {
		t.Errorf("the new version was not kept: %+v", snaps)
	}
	if row.checked.Visible() || row.take.Text != "Snapshot" {
		t.Errorf("after the new snapshot: check %q shown %v, take %q", row.checked.Text, row.checked.Visible(), row.take.Text)
	}
	gone = true
	row.onCheck()
	h.wait()
	if !strings.Contains(row.checked.Text, ": page gone (404)") || row.checked.Importance != widget.WarningImportance {
		t.Errorf("a page gone: %q", row.checked.Text)
	}
}

// inspectorText is the text of the inspector's labels.
func (h *harness) inspectorText() string {
	var b strings.Builder
	for _, r := range h.mw.inspector.snapshotRows() {
		b.WriteString(r.status.Text + "\n")
	}
	return b.String()
}

func (h *harness) findSnapshotRow() *snapshotRow {
	h.t.Helper()
	rows := h.mw.inspector.snapshotRows()
	if len(rows) == 0 {
		h.t.Fatal("no snapshot row in the inspector")
	}
	return rows[0]
}

// A long PDF reports its pages in the import's progress.
func TestImportProgressOfLongPDF(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 11)
	for n := 1; n <= 60; n++ {
		p.AddPage()
		p.CellFormat(0, 6, fmt.Sprintf("Page %d of the harbour report: the council voted the budget after the fire.", n), "", 1, "L", false, 0, "")
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "long.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, nil)
	var steps []string
	var parts []float64
	var mu sync.Mutex
	sum := importAll(h.mw.ctx, h.db, []importItem{{path: path}}, func(i, n int, part float64, name string) {
		mu.Lock()
		steps = append(steps, name)
		parts = append(parts, part)
		mu.Unlock()
	})
	if sum.added != 1 || len(sum.failed) != 0 {
		t.Fatalf("summary: %+v", sum)
	}
	all := strings.Join(steps, "\n")
	if !strings.Contains(all, "reading pages 26–50 of 60 — long.pdf") {
		t.Errorf("progress steps:\n%s", all)
	}
	// The bar moves within the file, chunk by chunk.
	var moved []float64
	for _, p := range parts {
		if p > 0 {
			moved = append(moved, p)
		}
	}
	if len(moved) != 2 || moved[0] != 25.0/60 || moved[1] != 50.0/60 {
		t.Errorf("parts of the file done: %v", parts)
	}
}
