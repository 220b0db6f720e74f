package report

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"factdesk/annotate"
)

// markdownToHTML renders Markdown as a GFM renderer that lets raw HTML through would (the
// most permissive common setting), so escaping mistakes show up as elements.
func markdownToHTML(t *testing.T, src []byte) *html.Node {
	t.Helper()
	var out bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(ghtml.WithUnsafe()))
	if err := md.Convert(src, &out); err != nil {
		t.Fatal(err)
	}
	return parseHTML(t, out.Bytes())
}

func TestMarkdownSeeds(t *testing.T) {
	m := fixtureModel(t)
	src := render(t, Markdown, m)
	doc := markdownToHTML(t, src)
	checkInert(t, doc)
	ids := byID(doc)
	text := textOf(doc)
	for _, c := range m.Claims {
		if ids[ClaimAnchor(c.ID)] == nil {
			t.Errorf("claim %s has no anchor", c.ID)
		}
		// The quote is shown in bold in its context, after the verdict.
		var found bool
		walk(doc, func(n *html.Node) {
			if n.DataAtom == atom.Strong && textOf(n) == c.Exact {
				found = true
			}
		})
		if !found {
			t.Errorf("claim %s: quote %q not in bold", c.ID, c.Exact)
		}
		if !strings.Contains(text, c.Verdict.Symbol()+" "+c.Verdict.Label()+" — ") {
			t.Errorf("verdict of claim %s not shown", c.ID)
		}
	}
	for _, want := range []string{"Cross-article contradictions", "Same claim, verdicts disagree", "Sources against", "Дмитрий Орлов — made or rated 5 claims"} {
		if !strings.Contains(text, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

func TestMarkdownHostileInputIsInert(t *testing.T) {
	m := hostileModel(t)
	src := render(t, Markdown, m)
	if bytes.ContainsFunc(src, isBidiControl) {
		t.Error("the Markdown contains a bidi control")
	}
	doc := markdownToHTML(t, src)
	checkInert(t, doc)
	// Only our own anchors are HTML; every heading, list and quote is ours too.
	var headings []string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.B, atom.I, atom.Svg, atom.Img:
			t.Errorf("untrusted markup became a <%s> element", n.Data)
		case atom.H1, atom.H2, atom.H3, atom.H4:
			headings = append(headings, textOf(n))
		}
	})
	for _, h := range headings {
		if strings.Contains(h, "heading") && !strings.Contains(h, "—") {
			t.Errorf("a note line became heading %q", h)
		}
	}
	text := textOf(doc)
	for _, want := range []string{"[click](javascript:alert(4))", "<script>alert('note')</script>", "# heading", "- item", "1. one", "⟨U+202E⟩ton si siht"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rendered Markdown does not show %q as text", want)
		}
	}
}

// csvExpected is the row WriteCSV must write for a claim of the fixture, computed from the
// model independently of the view.
func csvExpected(m Model, c annotate.Claim) []string {
	var art annotate.Article
	for _, a := range m.Articles {
		if a.ID == c.ArticleID {
			art = a
		}
	}
	var sources, links []string
	for _, l := range m.Links {
		switch {
		case l.ClaimID == c.ID && l.SourceID != "":
			ref := l.Source.URL
			if ref == "" {
				ref = l.Source.Title + " — " + l.Source.Publisher
			}
			sources = append(sources, string(l.Relation)+": "+ref)
		case l.ClaimID == c.ID:
			links = append(links, string(l.Relation)+": "+l.TargetClaimID)
		case l.TargetClaimID == c.ID && l.Relation == annotate.Supports:
			links = append(links, "supported-by: "+l.ClaimID)
		case l.TargetClaimID == c.ID:
			links = append(links, string(l.Relation)+": "+l.ClaimID)
		}
	}
	verdict := string(c.Verdict)
	if c.Contested {
		verdict = "contested"
	}
	var ratings []string
	for _, r := range c.Ratings {
		ratings = append(ratings, r.Reviewer+": "+string(r.Verdict))
	}
	return []string{c.ID, art.Title, art.URL, art.Language, c.Exact, strconv.Itoa(c.Start), strconv.Itoa(c.End), verdict,
		c.Note, strings.Join(sources, " | "), strings.Join(links, " | "), cmp.Or(c.UpdatedBy, c.CreatedBy),
		c.CreatedAt.UTC().Format(time.RFC3339), c.UpdatedAt.UTC().Format(time.RFC3339), strings.Join(ratings, " | ")}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(CSVHeader)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the export: %v", err)
	}
	return rows
}

func TestCSVReadsBackAsTheClaims(t *testing.T) {
	m := fixtureModel(t)
	out := render(t, CSV, m)
	if !bytes.HasSuffix(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) != len(m.Claims)+1 {
		t.Error("rows must end in CRLF (RFC 4180)")
	}
	rows := readCSV(t, out)
	if !reflect.DeepEqual(rows[0], CSVHeader) {
		t.Fatalf("header %q", rows[0])
	}
	if len(rows)-1 != len(m.Claims) {
		t.Fatalf("%d rows for %d claims", len(rows)-1, len(m.Claims))
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r
	}
	for _, c := range m.Claims {
		if want := csvExpected(m, c); !reflect.DeepEqual(got[c.ID], want) {
			t.Errorf("claim %s:\n got %q\nwant %q", c.ID, got[c.ID], want)
		}
	}
}

func TestCSVFormulasAreInert(t *testing.T) {
	m := hostileModel(t)
	rows := readCSV(t, render(t, CSV, m))
	for _, r := range rows[1:] {
		for i, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %s, column %s starts a formula: %q", r[0], CSVHeader[i], cell)
			}
			if strings.ContainsFunc(cell, isBidiControl) {
				t.Errorf("row %s, column %s contains a bidi control", r[0], CSVHeader[i])
			}
		}
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[0]] = r
	}
	for id, want := range map[string][2]string{
		"h4":                          {"'=SUM(A1:A9)", "'+1 -1 @SUM(1) \tTAB"},
		"h6":                          {"'+CMD", "'-2+3"},
		"h2 \"><svg onload=alert(3)>": {"\"><img src=x onerror=alert(1)>", "'=HYPERLINK(\"http://evil.example\",\"click\")"},
	} {
		if r := byID[id]; r == nil || r[4] != want[0] || r[8] != want[1] {
			t.Errorf("claim %s: quote and note %q, want %q", id, r, want)
		}
	}
	if r := byID["h1"]; r[11] != "'=cmd|' /C calc'!A0" || !strings.Contains(r[1], "⟨U+202E⟩evil") {
		t.Errorf("reviewer or title cell not made safe: %q", r)
	}
}

// TestPDFText opens the PDF with pdftotext (Debian poppler-utils, which the test setup
// installs): every quote is there with its accents, and the page numbers.
func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is required by this test: install Debian poppler-utils (apt-get install poppler-utils)")
	}
	m := fixtureModel(t)
	path := t.TempDir() + "/seeds.pdf"
	if err := os.WriteFile(path, render(t, PDF, m), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, c := range m.Claims {
		if !strings.Contains(text, oneLine(c.Exact)) {
			t.Errorf("the PDF lacks the quote %q", c.Exact)
		}
		if c.Note != "" && !strings.Contains(text, oneLine(c.Note)) {
			t.Errorf("the PDF lacks the note %q", c.Note)
		}
	}
	pages := strings.Count(string(out), "\f")
	for _, want := range []string{"Page 1 of " + strconv.Itoa(pages), "Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages),
		"Дмитрий Орлов", "Сообщение для СМИ о консультациях в Москве", "« Le 9 octobre", "—", "✓ Confirmed", "✗ Disputed", "? Unverified",
		"Cross-article contradictions", "Same claim, verdicts disagree", "SOURCES AGAINST"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestPDFHostileInput(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is required by this test: install Debian poppler-utils (apt-get install poppler-utils)")
	}
	m := hostileModel(t)
	b := render(t, PDF, m)
	if bytes.Contains(b, []byte("/JavaScript")) || bytes.Contains(b, []byte("/JS ")) {
		t.Error("the PDF contains JavaScript")
	}
	if bytes.Contains(b, []byte("/URI (javascript")) || bytes.Contains(b, []byte("/URI (data:")) {
		t.Error("the PDF links to a javascript: or data: URL")
	}
	path := t.TempDir() + "/hostile.pdf"
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if bytes.ContainsFunc(out, isBidiControl) {
		t.Error("the PDF text contains a bidi control")
	}
	if !bytes.Contains(out, []byte("⟨U+202E⟩")) {
		t.Error("the PDF does not show the bidi control")
	}
	if !bytes.Contains(out, []byte("java script:alert('tab')")) || !bytes.Contains(out, []byte("<script>alert('note')</script>")) {
		t.Errorf("the PDF does not show the hostile text as text:\n%s", out)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/report.html"
	if err := WriteFileAtomic(path, func(w io.Writer) error { return WriteHTML(w, fixtureModel(t)) }); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(first, []byte("<!DOCTYPE html>")) || !bytes.HasSuffix(bytes.TrimSpace(first), []byte("</html>")) {
		t.Fatalf("written file: %v, %d bytes", err, len(first))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	// A failing export leaves the previous file as it was and no temporary file.
	boom := errors.New("disk full")
	err = WriteFileAtomic(path, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, first) {
		t.Error("a failed export changed the existing file")
	}
	// A failing export of a new file leaves nothing.
	err = WriteFileAtomic(dir+"/new.csv", func(w io.Writer) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	// So does a panic.
	func() {
		defer func() { recover() }()
		WriteFileAtomic(dir+"/panic.csv", func(w io.Writer) error { panic("bug") })
	}()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "report.html" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only report.html", names)
	}
	if err := WriteFileAtomic(dir+"/missing/x.csv", func(w io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}
