package app

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2/test"
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
	if len(h.mw.articles) != 1 || h.mw.articles[0].URL != srv.URL+"/fire" || h.mw.articles[0].FetchedAt.IsZero() {
		t.Fatalf("articles: %+v", h.mw.articles)
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
	if len(h.mw.articles) != 2 || cp.search.Text != "" {
		t.Fatalf("after Enter: %d articles, search %q", len(h.mw.articles), cp.search.Text)
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
	if len(h.mw.articles) != 2 {
		t.Errorf("%d articles", len(h.mw.articles))
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
