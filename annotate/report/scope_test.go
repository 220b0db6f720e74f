package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"factdesk/annotate"
	"factdesk/corpus"
)

// A report of one article names the claims of other articles its claims are linked to, as
// text (never as an in-page link to a claim it does not hold), counts only its own claims,
// and gives each ClaimReview the appearances of a report of everything.
func TestScopedReportsNameClaimsOutOfScope(t *testing.T) {
	m := fixtureModel(t)
	one := m.Filter([]string{art003}, nil)
	v := one.View()
	if len(v.Articles) != 1 || len(v.Claims) != 4 || v.Totals.Total() != 4 {
		t.Fatalf("scope: %d articles, %d claims, totals %+v", len(v.Articles), len(v.Claims), v.Totals)
	}
	c6 := v.Claim(claimID(6))
	if len(c6.Links) != 1 || c6.Links[0].Other == nil || !c6.Links[0].Other.OutOfScope || c6.Links[0].Other.Article.Article.ID != art000 {
		t.Fatalf("claim 6 links %+v", c6.Links)
	}
	if v.Claim(claimID(1)) != nil {
		t.Error("a claim out of scope is among the report's claims")
	}
	// Appearances as in a report of everything.
	full := m.View()
	for _, c := range v.Claims {
		var got, want []string
		for _, a := range c.Appearances {
			got = append(got, a.Article.ID)
		}
		for _, a := range full.Claim(c.Claim.ID).Appearances {
			want = append(want, a.Article.ID)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("claim %s appears in %v, want %v", c.Claim.ID, got, want)
		}
	}
	crScoped, crFull := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	for out, model := range map[*map[string]json.RawMessage]Model{&crScoped: one, &crFull: m} {
		var list []json.RawMessage
		if err := json.Unmarshal(render(t, ClaimReview, model), &list); err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			var head struct{ URL string }
			json.Unmarshal(r, &head)
			(*out)[head.URL] = r
		}
	}
	for u, r := range crScoped {
		if !bytes.Equal(r, crFull[u]) {
			t.Errorf("the ClaimReview %s of one article differs from the full report's:\n%s\n%s", u, r, crFull[u])
		}
	}

	// HTML: the linked claims as text with their article, no link to a claim not held.
	out := render(t, HTML, one)
	doc := parseHTML(t, out)
	checkInert(t, doc)
	ids := byID(doc)
	walk(doc, func(n *html.Node) {
		if href, ok := attr(n, "href"); ok && strings.HasPrefix(href, "#") && ids[href[1:]] == nil {
			t.Errorf("link to %s, which the report does not hold", href)
		}
	})
	text := textOf(ids[ClaimAnchor(claimID(6))])
	if !strings.Contains(text, "Same claim as “300 to 400, including around forty children” ✓ Confirmed in «Aldera calls its neighbours to crisis talks as the Serrat dam toll rises», not in this report") {
		t.Errorf("claim 6: %q", text)
	}
	if !strings.Contains(textOf(ids[ClaimAnchor(claimID(7))]), "Contradicts “avaient confirmé leur participation” ✗ Disputed in «Le ministre sorvien de l’Eau") {
		t.Errorf("claim 7: %q", textOf(ids[ClaimAnchor(claimID(7))]))
	}
	if summary := textOf(ids["summary"]); !strings.Contains(summary, "1 article, 4 claims") || !strings.Contains(summary, "2 cross-article contradictions") {
		t.Errorf("summary: %q", summary)
	}
	contra := textOf(ids["contradictions"])
	if !strings.Contains(contra, "not in this report") {
		t.Errorf("contradictions: %q", contra)
	}

	// Markdown: the same, as text.
	md := string(render(t, Markdown, one))
	if !strings.Contains(md, "- Same claim as “300 to 400, including around forty children” (✓ Confirmed) in «Aldera calls") ||
		strings.Contains(md, "(#"+ClaimAnchor(claimID(1))+")") {
		t.Errorf("Markdown:\n%s", md)
	}
	// CSV: the links column lists the claims out of scope.
	rows := readCSV(t, render(t, CSV, one))
	for _, r := range rows[1:] {
		if r[0] == claimID(6) && r[10] != "same: "+claimID(1) {
			t.Errorf("claim 6 links %q", r[10])
		}
	}
	// W3C and JSON hold the scope only.
	if w3c := render(t, W3C, one); bytes.Contains(w3c, []byte(claimID(1))) {
		t.Error("the W3C export links to a claim it does not hold")
	}
	if _, err := ReadJSON(bytes.NewReader(render(t, JSON, one))); err != nil {
		t.Fatal(err)
	}
	// PDF: the same lines, as text.
	pdf := pdfText2(t, render(t, PDF, one))
	if !strings.Contains(pdf, "in «Aldera calls its neighbours to crisis talks as the Serrat dam toll rises», not in this report") {
		t.Errorf("the PDF lacks the same claim out of scope:\n%s", pdf)
	}
}

// pdfText2 is the text pdftotext reads in a PDF, white space squashed.
func pdfText2(t *testing.T, b []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is required by this test: install Debian poppler-utils (apt-get install poppler-utils)")
	}
	path := t.TempDir() + "/r.pdf"
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ") + "\f" + strconv.Itoa(strings.Count(string(out), "\f"))
}

// longTitleModel has n articles with long titles, claims in the first two only.
func longTitleModel(n int) Model {
	m := Model{Settings: Settings{Title: "Layout", Generated: fixedGenerated}}
	for i := range n {
		text := fmt.Sprintf("Article %d says that the toll is high. It also says that the talks were held in Moscow on Friday.", i)
		a := annotate.Article{ID: fmt.Sprintf("a%d", i), Article: corpus.Article{
			Title:  fmt.Sprintf("%d — Le ministre azerbaïdjanais des Affaires étrangères s’est rendu à Moscou pour des consultations", i),
			Outlet: "Outlet", Language: "fr", Published: "2020-10-09", Text: text}}
		a.SHA256 = corpus.HashText(text)
		m.Articles = append(m.Articles, a)
		if i < 2 {
			for k, q := range []string{"the toll is high", "the talks were held in Moscow on Friday"} {
				start := strings.Index(text, q)
				anchor, _ := annotate.NewAnchor(text, start, start+len(q))
				c := annotate.Claim{ID: fmt.Sprintf("c%d-%d", i, k), ArticleID: a.ID, Anchor: anchor, Verdict: annotate.Verdicts[k],
					Note: strings.Repeat("A note long enough to take a few lines of the page. ", 6)}
				m.Claims = append(m.Claims, c)
				m.Articles[i].Counts.Add(c.Verdict)
			}
		}
	}
	return m
}

// Chart labels are cut to their column, measured in their font, with "…"; the counts come
// after the bars, clear of them.
func TestChartLabelsFitTheirColumn(t *testing.T) {
	m := longTitleModel(11)
	c := newChart(m.View())
	for _, r := range c.Rows {
		if w := textWidth(r.Label, chartFontSize); w > chartLabel-chartLabelGap || !strings.HasSuffix(r.Label, "…") {
			t.Errorf("label %q is %.0f px wide, want at most %d and cut with …", r.Label, w, chartLabel-chartLabelGap)
		}
		right := chartLabel
		for _, s := range r.Segments {
			right = max(right, s.X+s.Width)
		}
		if r.TotalX <= right || r.TotalX+int(textWidth(strconv.Itoa(r.Total), chartFontSize)) > c.Width {
			t.Errorf("count of %q at %d, bars end at %d, chart %d wide", r.Label, r.TotalX, right, c.Width)
		}
	}
	short := newChart(fixtureModel(t).View())
	if got := short.Rows[0].Title; got != "1. Aldera calls its neighbours to crisis talks as the Serrat dam toll rises" {
		t.Errorf("tooltip %q", got)
	}
	// FitWidth keeps what fits, cuts at a word when it can, and never exceeds the width.
	width := func(s string) float64 { return float64(len([]rune(s))) }
	for _, tc := range []struct {
		s    string
		max  float64
		want string
	}{
		{"short", 10, "short"},
		{"a title that is too long", 12, "a title…"},
		{"Unbreakablewordhere", 8, "Unbreak…"},
		{"x", 0, ""},
	} {
		if got := FitWidth(tc.s, tc.max, width); got != tc.want || width(got) > tc.max {
			t.Errorf("FitWidth(%q, %v) = %q, want %q", tc.s, tc.max, got, tc.want)
		}
	}
	// The contents list keeps each entry in one column.
	if !regexp.MustCompile(`nav li \{[^}]*break-inside: avoid`).Match(render(t, HTML, m)) {
		t.Error("the contents entries may break across the two columns")
	}
}

// The PDF starts an article on a new page only when its header and first claim do not fit
// where the previous one ends; articles without claims take a line or two.
func TestPDFArticlesShareStartPages(t *testing.T) {
	m := longTitleModel(11)
	text := pdfText2(t, render(t, PDF, m))
	pages, _ := strconv.Atoi(text[strings.LastIndexByte(text, '\f')+1:])
	if pages > 3 {
		t.Errorf("11 articles, 2 with claims: %d pages, want at most 3", pages)
	}
	if n := strings.Count(text, "No claims in this article."); n != 9 {
		t.Errorf("%d articles say they have no claims, want 9", n)
	}
	for _, c := range m.Claims {
		if !strings.Contains(text, c.Exact) {
			t.Errorf("the PDF lacks %q", c.Exact)
		}
	}
	// The fixture: three articles and the contradictions, no page for a header alone.
	fixture := pdfText2(t, render(t, PDF, fixtureModel(t)))
	if n, _ := strconv.Atoi(fixture[strings.LastIndexByte(fixture, '\f')+1:]); n > 5 {
		t.Errorf("the fixture's report has %d pages, want at most 5", n)
	}
}

// The "deleted" member: read back as tombstones, checked like live rows, and kept apart from
// them (a live row may not point at a deleted one).
func TestJSONTombstones(t *testing.T) {
	out := render(t, JSON, fixtureModel(t))
	m, err := ReadJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if m.Deleted.Len() != 7 || m.Deleted.Links[1].Row.Source == nil || m.Deleted.Links[1].Row.Source.ID != sourceID(7) || m.Deleted.Claims[1].By != "Alice Martin" {
		t.Errorf("tombstones read back: %+v", m.Deleted)
	}
	// No other format shows them.
	for _, f := range []Format{HTML, Markdown, CSV, ClaimReview, W3C} {
		b := render(t, f, fixtureModel(t))
		for _, gone := range []string{claimID(13), claimID(14), linkID(13), sourceID(7), "the ministers had met in Castelmar", "Consultations announced", "retracted"} {
			if bytes.Contains(b, []byte(gone)) {
				t.Errorf("%s shows the deleted %q", f, gone)
			}
		}
	}
	for name, tc := range map[string]struct{ from, to, want string }{
		"no deletedAt":                 {`"deletedAt":"2020-10-10T12:00:00Z","deletedBy":"Дмитрий Орлов"}`, `"deletedBy":"Дмитрий Орлов"}`, "no deletedAt"},
		"bad deletedAt":                {`"deletedAt":"2020-10-10T08:00:00Z"`, `"deletedAt":"yesterday"`, `time "yesterday" is not RFC 3339`},
		"live row with deletedAt":      {`"createdBy":"Alice Martin","updatedAt":"2020-10-09T09:40:00Z","updatedBy":"Alice Martin"}`, `"createdBy":"Alice Martin","updatedAt":"2020-10-09T09:40:00Z","updatedBy":"Alice Martin","deletedAt":"2020-10-11T00:00:00Z"}`, `is not in "deleted"`},
		"live link to a deleted claim": {`"targetClaimId":"c0000000-0000-4000-8000-000000000010","createdAt":"2020-10-09T12:10:00Z"`, `"targetClaimId":"c0000000-0000-4000-8000-000000000013","createdAt":"2020-10-09T12:10:00Z"`, `claim "c0000000-0000-4000-8000-000000000013" is not in the file`},
		"deleted claim, no article":    {`"articleId":"a0000000-0000-4000-8000-000000000001"`, `"articleId":"gone"`, `article "gone" is not in the file`},
		"deleted id used twice":        {`{"id":"50000000-0000-4000-8000-000000000007"`, `{"id":"50000000-0000-4000-8000-000000000006"`, "id already used"},
	} {
		broken := bytes.Replace(out, []byte(tc.from), []byte(tc.to), 1)
		if bytes.Equal(broken, out) {
			t.Fatalf("%s: the fixture has no %s", name, tc.from)
		}
		if _, err := ReadJSON(bytes.NewReader(broken)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
	// A file without "deleted" (written before it existed) reads as having no tombstones.
	i := bytes.Index(out, []byte(`"deleted": {`))
	j := bytes.Index(out, []byte(`"history": [`))
	old, err := ReadJSON(bytes.NewReader(append(slices.Clone(out[:i]), out[j:]...)))
	if err != nil || old.Deleted.Len() != 0 || len(old.Claims) != 12 {
		t.Errorf("a file without tombstones: %v, %d tombstones", err, old.Deleted.Len())
	}
}
