package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// An article read from a PDF and one fetched from the web, with claims, survive export to JSON
// and import-json into a new database: exported again, the file is the same byte for byte
// (but for the time it was generated), and the W3C export of the restored database still
// gives the claim's page.
func TestJSONRoundTripKeepsTheEvidenceOfPDFAndWebArticles(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/statement" {
			fmt.Fprint(w, `<html><head><title>Port authority statement</title></head><body><article><p>The port authority counts 24 containers destroyed by the fire on Friday night.</p></article></body></html>`)
			return
		}
		if r.URL.Path != "/fire" {
			http.Redirect(w, r, "/fire", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Fire at the port</title></head><body><nav>Home | News | Sport</nav><article><p>A fire destroyed a warehouse at the port on Friday night, the fire service said on Saturday.</p><p>Twelve firefighters were hurt while fighting the blaze near the grain silos.</p></article><footer>© Port Herald — all rights reserved</footer></body></html>`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	pdf := filepath.Join(dir, "report.pdf")
	writeTestPDF(t, pdf)
	db := filepath.Join(dir, "first.db")
	var res []importJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "import", "--json", pdf, srv.URL+"/old-address")), &res); err != nil || len(res) != 2 {
		t.Fatalf("import: %v %+v", err, res)
	}
	onPDF := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", res[0].Article.ID, "--quote", "About 30 containers were destroyed", "--verdict", "disputed", "--note", "The port authority counts 24."))
	onWeb := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", res[1].Article.ID, "--quote", "Twelve firefighters were hurt", "--verdict", "confirmed"))
	mustRun(t, db, "source", "add", onPDF, "--url", srv.URL+"/statement", "--title", "Port authority statement", "--relation", "contradicts", "--snapshot")
	mustRun(t, db, "link", "add", onPDF, onWeb, "--relation", "same")

	first := filepath.Join(dir, "first.json")
	mustRun(t, db, "export", "--format", "json", "--out", first)
	restored := filepath.Join(dir, "restored.db")
	mustRun(t, restored, "import-json", first)
	second := filepath.Join(dir, "second.json")
	mustRun(t, restored, "export", "--format", "json", "--out", second)

	a, b := readWithoutGenerated(t, first), readWithoutGenerated(t, second)
	if a != b {
		t.Errorf("the JSON export of the restored database differs from the first:\n%s", firstDifference(a, b))
	}
	// Each piece of evidence is in the file (and so, as the files are equal, restored).
	var doc struct {
		Articles  []map[string]any `json:"articles"`
		Snapshots []map[string]any `json:"snapshots"`
	}
	if err := json.Unmarshal([]byte(a), &doc); err != nil || len(doc.Articles) != 2 {
		t.Fatalf("%v: %d articles", err, len(doc.Articles))
	}
	byFormat := map[string]map[string]any{}
	for _, art := range doc.Articles {
		byFormat[fmt.Sprint(art["format"])] = art
	}
	if p := byFormat["pdf"]; p == nil || fmt.Sprint(p["pages"]) != "[0 62]" || len(fmt.Sprint(p["sourceSha256"])) != 64 || p["fetchedAt"] != nil {
		t.Errorf("the PDF article's evidence: %v", p)
	}
	// The web article's URL is where the address led (its final URL); the address asked for is its origin.
	w := byFormat["html"]
	if w == nil || w["url"] != srv.URL+"/fire" || w["origin"] != srv.URL+"/old-address" || w["fetchedAt"] == nil || len(fmt.Sprint(w["sourceSha256"])) != 64 ||
		!strings.HasPrefix(fmt.Sprint(w["rawType"]), "text/html") || w["pages"] != nil {
		t.Errorf("the web article's evidence: %v", w)
	}

	if len(doc.Snapshots) != 1 || doc.Snapshots[0]["url"] != srv.URL+"/statement" || len(fmt.Sprint(doc.Snapshots[0]["sha256"])) != 64 ||
		!strings.Contains(fmt.Sprint(doc.Snapshots[0]["text"]), "24 containers") {
		t.Errorf("the source's snapshot: %v", doc.Snapshots)
	}
	var links []linkJSON
	if err := json.Unmarshal([]byte(mustRun(t, restored, "links", onPDF, "--json")), &links); err != nil {
		t.Fatal(err)
	}
	snapped := false
	for _, l := range links {
		snapped = snapped || l.Source != nil && len(l.Snapshots) == 1 && l.Snapshots[0].SHA256 == doc.Snapshots[0]["sha256"]
	}
	if !snapped {
		t.Errorf("links --json of the restored database shows no snapshot: %+v", links)
	}

	// The W3C export of the restored database gives the page of the claim on the PDF.
	w3c := filepath.Join(dir, "restored.jsonld")
	mustRun(t, restored, "export", "--format", "w3c", "--out", w3c)
	data, err := os.ReadFile(w3c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"page=2"`) {
		t.Errorf("the W3C export of the restored database has no page selector:\n%s", data)
	}
	// And so does the Markdown report.
	md := filepath.Join(dir, "restored.md")
	mustRun(t, restored, "export", "--format", "md", "--out", md)
	if data, err = os.ReadFile(md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "Page 2, characters") {
		t.Errorf("the Markdown report of the restored database gives no page:\n%s", data)
	}
}

var generatedMember = regexp.MustCompile(`"generated": "[^"]*"`)

// readWithoutGenerated is a JSON export with its "generated" time blanked.
func readWithoutGenerated(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return generatedMember.ReplaceAllString(string(data), `"generated": ""`)
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n first: %s\nsecond: %s", i+1, x, y)
		}
	}
	return ""
}
