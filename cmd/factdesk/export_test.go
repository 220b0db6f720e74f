package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"factdesk/annotate"
	"factdesk/annotate/report"
)

// exportFixture is a database of the three seed articles with claims in every verdict (by
// two reviewers), sources for and against, and links across articles, all made through the
// command line.
type exportFixture struct {
	db     string
	arts   map[string]articleJSON // by test article file name
	claims map[string]claimJSON   // by key
}

func makeExportFixture(t *testing.T) *exportFixture {
	t.Helper()
	f := &exportFixture{db: filepath.Join(t.TempDir(), "p.db"), claims: map[string]claimJSON{}}
	f.arts = importSeeds(t, f.db)
	en, fr, ru := f.arts[seedEN].ID, f.arts[seedFR].ID, f.arts[seedFR2].ID
	for _, c := range []struct{ key, article, quote, verdict, note string }{
		{"toll-en", en, "300 to 400, including around forty children", "confirmed", "Matches the ministry’s tally — « 300 à 400 »."},
		{"soldiers", en, "each accused the other of ignoring warnings about the dam", "unverified", ""},
		{"unclear", en, "it was unclear whether the two ministers would attend", "unverified", "True when written?"},
		{"toll-fr", fr, "300 à 400 morts, dont une quarantaine d’enfants", "confirmed", "Même bilan que le ministère."},
		{"not-confirmed", fr, "n’ont pas confirmé leur participation", "confirmed", ""},
		{"confirmed", ru, "avaient confirmé leur participation", "disputed", "Nordpress (агентство «Нордпресс») only reported the flight."},
		{"martial", ru, "La Sorvie a décrété l’état d’urgence", "unverified", ""},
	} {
		out := mustRun(t, f.db, "claim", "add", "--json", "--article", c.article, "--quote", c.quote, "--verdict", c.verdict, "--note", c.note)
		var cl claimJSON
		if err := json.Unmarshal([]byte(out), &cl); err != nil {
			t.Fatal(err)
		}
		f.claims[c.key] = cl
	}
	id := func(k string) string { return f.claims[k].ID }
	mustRun(t, f.db, "link", "add", id("toll-en"), id("toll-fr"), "--relation", "same")
	mustRun(t, f.db, "link", "add", id("not-confirmed"), id("confirmed"), "--relation", "contradicts")
	mustRun(t, f.db, "link", "add", id("unclear"), id("confirmed"), "--relation", "contradicts")
	mustRun(t, f.db, "source", "add", id("toll-fr"), "--url", "https://nordpress.example/serrat", "--title", "Le bilan dépasse 300 morts", "--publisher", "Nordpress")
	mustRun(t, f.db, "source", "add", id("confirmed"), "--url", "https://mid-sorvia.example/press", "--title", "Сообщение для СМИ", "--relation", "contradicts")
	// A second reviewer changes a verdict.
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"claim", "set", id("soldiers"), "--verdict", "disputed", "--db", f.db, "--reviewer", "Дмитрий Орлов"},
		strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("claim set: %s", errOut.String())
	}
	return f
}

func (f *exportFixture) claimList(t *testing.T, db string) []claimJSON {
	t.Helper()
	var list []claimJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "claims", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// noLeftovers fails when dir holds a file besides want (temporary files included).
func noLeftovers(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(want, e.Name()) {
			t.Errorf("%s was left in %s", e.Name(), dir)
		}
	}
}

func TestExportEveryFormat(t *testing.T) {
	f := makeExportFixture(t)
	claims := f.claimList(t, f.db)
	if len(claims) != 7 {
		t.Fatalf("%d claims, want 7", len(claims))
	}
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	common := []string{"--title", "Serrat dam talks — 8–9 October", "--org", "Desk «Vérif»", "--site-url", "https://factcheck.example/serrat"}

	for _, format := range []string{"html", "pdf", "md", "csv", "json", "claimreview", "w3c"} {
		out := mustRun(t, f.db, append([]string{"export", "--format", format, "--out", path("report." + format)}, common...)...)
		if !strings.HasPrefix(out, "wrote "+path("report."+format)) || !strings.Contains(out, "3 articles, 7 claims (3 ✓ confirmed, 2 ✗ disputed, 2 ? unverified)") {
			t.Errorf("%s: printed %q", format, out)
		}
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(path(name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	// HTML: every claim in its own element, with its quote and verdict.
	doc, err := html.Parse(bytes.NewReader(read("report.html")))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*html.Node{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" {
				byID[a.Val] = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, c := range claims {
		n := byID[report.ClaimAnchor(c.ID)]
		if n == nil {
			t.Errorf("HTML: no element for claim %q", c.Quote)
			continue
		}
		text := strings.Join(strings.Fields(htmlText(n)), " ")
		if !strings.Contains(text, strings.Join(strings.Fields(c.Quote), " ")) || !strings.Contains(text, annotate.Verdict(c.Verdict).Label()) {
			t.Errorf("HTML: claim %s shows %q", c.Quote, text)
		}
	}

	// PDF and Markdown.
	if pdf := read("report.pdf"); !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10_000 {
		t.Errorf("PDF: %d bytes starting %q", len(pdf), pdf[:min(8, len(pdf))])
	}
	md := string(read("report.md"))
	for _, c := range claims {
		if !strings.Contains(md, strings.Fields(c.Quote)[0]) || !strings.Contains(md, c.ID[len(c.ID)-12:]) && !strings.Contains(md, report.ClaimAnchor(c.ID)) {
			t.Errorf("Markdown lacks claim %q", c.Quote)
		}
	}

	// CSV: a header and one row per claim, read back by encoding/csv.
	rows, err := csv.NewReader(bytes.NewReader(read("report.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(claims) || rows[0][0] != "claim_id" {
		t.Fatalf("CSV: %d rows, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, c := range claims {
		i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == c.ID })
		if i < 0 {
			t.Errorf("CSV lacks claim %s", c.ID)
			continue
		}
		r := rows[i]
		if r[col["quote"]] != c.Quote || r[col["verdict"]] != c.Verdict || r[col["note"]] != c.Note {
			t.Errorf("CSV row %v, want %q %s %q", r, c.Quote, c.Verdict, c.Note)
		}
	}

	// JSON reads back whole.
	m, err := report.ReadJSON(bytes.NewReader(read("report.json")))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Articles) != 3 || len(m.Claims) != 7 || len(m.Links) != 5 || len(m.Sources) != 2 || len(m.Reviewers) != 2 || len(m.History) == 0 {
		t.Errorf("JSON: %d articles, %d claims, %d links, %d sources, %d reviewers, %d history entries", len(m.Articles), len(m.Claims), len(m.Links),
			len(m.Sources), len(m.Reviewers), len(m.History))
	}
	if m.Settings.Title != "Serrat dam talks — 8–9 October" || m.Settings.Organization != "Desk «Vérif»" {
		t.Errorf("JSON settings %+v", m.Settings)
	}

	// ClaimReview: the five rated claims.
	var reviews []map[string]any
	if err := json.Unmarshal(read("report.claimreview"), &reviews); err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 5 {
		t.Errorf("ClaimReview: %d reviews, want 5 (confirmed and disputed)", len(reviews))
	}
	for _, r := range reviews {
		rating, _ := r["reviewRating"].(map[string]any)
		author, _ := r["author"].(map[string]any)
		if r["@type"] != "ClaimReview" || r["claimReviewed"] == "" || rating["alternateName"] == nil || rating["bestRating"] == nil ||
			!strings.HasPrefix(r["url"].(string), "https://factcheck.example/serrat#claim-") || author["name"] != "Desk «Vérif»" {
			t.Errorf("ClaimReview %v", r)
		}
	}

	// W3C reads back: every claim, and the links.
	imp, err := report.ReadW3C(bytes.NewReader(read("report.w3c")))
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Claims) != 7 || len(imp.Links) != 5 || len(imp.Sources) != 2 {
		t.Errorf("W3C: %d claims, %d links, %d sources", len(imp.Claims), len(imp.Links), len(imp.Sources))
	}
	noLeftovers(t, dir, "report.html", "report.pdf", "report.md", "report.csv", "report.json", "report.claimreview", "report.w3c")

	// Standard output: the export alone, the summary on standard error.
	stdout, stderr, code := factdesk(t, f.db, "", "export", "--format", "csv", "--out", "-")
	if code != 0 || !strings.HasPrefix(stdout, "claim_id,") || !strings.Contains(stderr, "to standard output: 3 articles, 7 claims") {
		t.Errorf("--out -: exit %d, stdout %.40q, stderr %q", code, stdout, stderr)
	}
}

func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func TestExportFilters(t *testing.T) {
	f := makeExportFixture(t)
	ru := f.arts[seedFR2].ID
	fr := f.arts[seedFR].ID
	csvOf := func(args ...string) [][]string {
		t.Helper()
		out := mustRun(t, f.db, append([]string{"export", "--format", "csv", "--out", "-"}, args...)...)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[1:]
	}
	if rows := csvOf("--article", shortID(ru)); len(rows) != 2 {
		t.Errorf("--article: %d rows, want 2", len(rows))
	}
	if rows := csvOf("--article", ru, "--article", fr); len(rows) != 4 {
		t.Errorf("two --article: %d rows, want 4", len(rows))
	}
	rows := csvOf("--verdict", "disputed", "--verdict", "unv")
	if len(rows) != 4 {
		t.Errorf("--verdict disputed --verdict unv: %d rows, want 4", len(rows))
	}
	for _, r := range rows {
		if r[7] != "disputed" && r[7] != "unverified" {
			t.Errorf("row with verdict %s", r[7])
		}
	}
	if rows := csvOf("--verdict", "confirmed,disputed", "--article", ru); len(rows) != 1 {
		t.Errorf("comma-separated verdicts in one article: %d rows, want 1", len(rows))
	}
	// Links only among the kept claims.
	out := mustRun(t, f.db, "export", "--format", "json", "--out", "-", "--verdict", "confirmed")
	m, err := report.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Claims) != 3 || len(m.Links) != 2 {
		t.Errorf("confirmed only: %d claims, %d links; want 3 and 2 (same claim, Nordpress source)", len(m.Claims), len(m.Links))
	}
}

func TestFailedExportLeavesNoFile(t *testing.T) {
	f := makeExportFixture(t)
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.jsonld")
	if err := os.WriteFile(keep, []byte("previous export"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		args  []string
		code  int
		words string
	}{
		{"ClaimReview without site URL", []string{"--format", "claimreview", "--out", filepath.Join(dir, "cr.jsonld")}, exitUsage, "--site-url"},
		{"ClaimReview over an existing file", []string{"--format", "claimreview", "--out", keep}, exitUsage, "--site-url"},
		{"site URL not a web address", []string{"--format", "claimreview", "--out", keep, "--site-url", "javascript:alert(1)"}, exitUsage, "not a web address"},
		{"missing folder", []string{"--format", "html", "--out", filepath.Join(dir, "no", "such", "r.html")}, exitFailure, "does not exist: create it first"},
		{"folder as output", []string{"--format", "pdf", "--out", dir}, exitUsage, "is a folder"},
		{"unknown format", []string{"--format", "docx", "--out", filepath.Join(dir, "r.docx")}, exitUsage, "use html, pdf"},
		{"no format", []string{"--out", filepath.Join(dir, "r.html")}, exitUsage, "--format is required"},
		{"no output", []string{"--format", "csv"}, exitUsage, "--out FILE is required"},
		{"unknown verdict", []string{"--format", "csv", "--out", filepath.Join(dir, "r.csv"), "--verdict", "maybe"}, exitUsage, "unknown verdict"},
		{"unknown article", []string{"--format", "csv", "--out", filepath.Join(dir, "r.csv"), "--article", "ffffffffffff"}, exitFailure, "no article"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := factdesk(t, f.db, "", append([]string{"export"}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.words) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.words)
			}
			noLeftovers(t, dir, "keep.jsonld")
			if b, _ := os.ReadFile(keep); string(b) != "previous export" {
				t.Errorf("the existing file was changed: %q", b)
			}
		})
	}
}

func TestImportJSONRoundTripThroughTheCommandLine(t *testing.T) {
	f := makeExportFixture(t)
	file := filepath.Join(t.TempDir(), "all.json")
	mustRun(t, f.db, "export", "--format", "json", "--out", file)

	fresh := filepath.Join(t.TempDir(), "fresh.db")
	out := mustRun(t, fresh, "import-json", file)
	if !strings.Contains(out, "restored 3 articles, 7 claims, 2 sources, 5 links, 2 reviewers") {
		t.Errorf("import-json printed %q", out)
	}
	want, got := f.claimList(t, f.db), f.claimList(t, fresh)
	if len(got) != len(want) {
		t.Fatalf("%d claims restored, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.ID != w.ID || g.ArticleID != w.ArticleID || g.Start != w.Start || g.End != w.End || g.Quote != w.Quote || g.Verdict != w.Verdict ||
			g.Note != w.Note || g.CreatedBy != w.CreatedBy || g.UpdatedBy != w.UpdatedBy || !g.CreatedAt.Equal(w.CreatedAt) || !g.UpdatedAt.Equal(w.UpdatedAt) {
			t.Errorf("claim differs:\n got %+v\nwant %+v", g, w)
		}
	}
	for _, c := range want {
		var hw, hg []historyJSON
		if err := json.Unmarshal([]byte(mustRun(t, f.db, "history", c.ID, "--json")), &hw); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(mustRun(t, fresh, "history", c.ID, "--json")), &hg); err != nil {
			t.Fatal(err)
		}
		if len(hg) != len(hw) {
			t.Errorf("claim %q: %d history entries restored, want %d", c.Quote, len(hg), len(hw))
		}
	}
	// Twice changes nothing.
	hist := mustRun(t, fresh, "history", "--json")
	if out := mustRun(t, fresh, "import-json", file); !strings.Contains(out, "restored nothing new") {
		t.Errorf("second import-json printed %q", out)
	}
	if again := mustRun(t, fresh, "history", "--json"); again != hist {
		t.Errorf("the second import wrote history")
	}
	var rep importDataJSON
	if err := json.Unmarshal([]byte(mustRun(t, fresh, "import-json", file, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.NewClaims != 0 || rep.PresentClaims != 7 || rep.PresentLinks != 5 || rep.MatchedArticles != 3 || rep.Format != "json" {
		t.Errorf("import-json --json: %+v", rep)
	}
	// Not a Factdesk export: refused with the reason.
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format": "other", "version": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := factdesk(t, fresh, "", "import-json", bad); code != exitFailure || !strings.Contains(stderr, "not a Factdesk JSON export") {
		t.Errorf("bad file: exit %d, %q", code, stderr)
	}
}

func TestImportW3COntoTheSameArticles(t *testing.T) {
	f := makeExportFixture(t)
	file := filepath.Join(t.TempDir(), "annotations.jsonld")
	mustRun(t, f.db, "export", "--format", "w3c", "--out", file)

	// Another database with the same articles (other ids) gets the claims back.
	other := filepath.Join(t.TempDir(), "other.db")
	arts := importSeeds(t, other)
	out := mustRun(t, other, "import-w3c", file)
	if !strings.Contains(out, "7 claims, 2 sources, 5 links") {
		t.Errorf("import-w3c printed %q", out)
	}
	local := map[string]string{}
	for name, a := range f.arts {
		local[a.ID] = arts[name].ID
	}
	want, got := f.claimList(t, f.db), f.claimList(t, other)
	if len(got) != len(want) {
		t.Fatalf("%d claims restored, want %d", len(got), len(want))
	}
	gotByID := map[string]claimJSON{}
	for _, g := range got {
		gotByID[g.ID] = g
	}
	for _, w := range want {
		g := gotByID[w.ID]
		if g.ArticleID != local[w.ArticleID] || g.Start != w.Start || g.End != w.End || g.Quote != w.Quote || g.Verdict != w.Verdict || g.Note != w.Note {
			t.Errorf("claim differs:\n got %+v\nwant %+v", g, w)
		}
	}
	if out := mustRun(t, other, "import-w3c", file); !strings.Contains(out, "restored nothing new (14 already here)") {
		t.Errorf("second import-w3c printed %q", out)
	}

	// A database lacking an article: its claims are skipped with the reason, exit status 1.
	partial := filepath.Join(t.TempDir(), "partial.db")
	mustRun(t, partial, "import", filepath.Join(seeds, seedFR))
	stdout, stderr, code := factdesk(t, partial, "", "import-w3c", file)
	if code != exitFailure || !strings.Contains(stdout, "restored 2 claims") || !strings.Contains(stderr, "import the article first") ||
		!strings.Contains(stderr, "could not be restored") {
		t.Errorf("partial: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
