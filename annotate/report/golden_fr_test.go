package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// renderIn renders m in format f and language l, failing the test on error.
func renderIn(t testing.TB, f Format, m Model, l Lang) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, m, Options{Lang: l}); err != nil {
		t.Fatalf("%s in %s: %v", f, l, err)
	}
	return b.Bytes()
}

// pdfText is the text of a PDF as Poppler's pdftotext reads it (keeping the layout), the
// way a reader copies it out of the report.
func pdfToText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (Poppler) is needed to read the PDF report's text: apt install poppler-utils, or make deps")
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return out
}

// compareGolden compares got with testdata/golden/name, or rewrites it with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./annotate/report -update` to create the golden files)", err)
	}
	if !bytes.Equal(got, want) {
		line, gotLine, wantLine := firstDiff(got, want)
		t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(if the change is intended, run `go test ./annotate/report -update` and review the diff)",
			path, line, gotLine, wantLine)
	}
}

// TestGoldenFrench compares the French HTML, Markdown and PDF reports of the fixture with
// their golden files: the PDF as bytes and as the text pdftotext reads from it.
func TestGoldenFrench(t *testing.T) {
	m := fixtureModel(t)
	for _, f := range []Format{HTML, Markdown, PDF} {
		t.Run(string(f), func(t *testing.T) {
			got := renderIn(t, f, m, French)
			if again := renderIn(t, f, m, French); !bytes.Equal(got, again) {
				t.Fatalf("%s output differs between two renders of the same model", f)
			}
			compareGolden(t, "articles.fr"+f.Extension(), got)
			if f == PDF {
				compareGolden(t, "articles.fr.pdf.txt", pdfToText(t, got))
			}
		})
	}
}

// The French reports read as French: no English text of the reports' catalog is left (of
// those French writes otherwise, the literal parts of 8 characters or more), the html lang
// attribute is fr, and dates and numbers are French.
func TestFrenchReportsHaveNoEnglishLeft(t *testing.T) {
	m := fixtureModel(t)
	for _, f := range []Format{HTML, Markdown, PDF} {
		checkFrench(t, f, renderIn(t, f, m, French), "12 octobre 2020", "Synthèse", "Contradictions entre articles", "12 affirmations")
	}
	if html := string(renderIn(t, HTML, m, French)); !strings.Contains(html, `<html lang="fr">`) {
		t.Error(`the French HTML report is not <html lang="fr">`)
	}
	if html := string(renderIn(t, HTML, m, English)); !strings.Contains(html, `<html lang="en">`) {
		t.Error(`the English HTML report is not <html lang="en">`)
	}
}

// checkFrench checks that a French report in format f holds none of the English texts of the
// catalog that French writes otherwise, and holds every one of want (no-break spaces read as
// spaces).
func checkFrench(t *testing.T, f Format, out []byte, want ...string) {
	t.Helper()
	cats, err := catalogs()
	if err != nil {
		t.Fatal(err)
	}
	var english []string
	for key, e := range cats[English] {
		if cmpText(e) == cmpText(cats[French][key]) {
			continue // the same in French ("Article", "Total")
		}
		for _, part := range formatVerb.Split(cmpText(e), -1) {
			if part = strings.TrimSpace(part); len(part) >= 8 {
				english = append(english, part)
			}
		}
	}
	text := string(out)
	switch f {
	case PDF:
		text = string(pdfToText(t, out))
	case HTML: // what a reader sees: no style sheet, no tags (their classes are English)
		text = htmlTag.ReplaceAllString(text[strings.Index(text, "</style>"):], " ")
	}
	text = strings.Join(strings.Fields(strings.ReplaceAll(text, "\u00a0", " ")), " ")
	for _, s := range english {
		if strings.Contains(text, s) {
			t.Errorf("%s: English %q left in the French report", f, s)
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q missing from the French report", f, w)
		}
	}
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// ClaimReview keeps its machine vocabulary but for the rating's name, which follows the
// language, and says which in inLanguage.
func TestClaimReviewRatingInFrench(t *testing.T) {
	m := fixtureModel(t)
	var reviews []map[string]any
	if err := json.Unmarshal(renderIn(t, ClaimReview, m, French), &reviews); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range reviews {
		if r["inLanguage"] != "fr" {
			t.Errorf("inLanguage = %v, want fr", r["inLanguage"])
		}
		names[r["reviewRating"].(map[string]any)["alternateName"].(string)] = true
	}
	if !names["Confirmée"] || !names["Contestée"] || len(names) != 2 {
		t.Errorf("alternateNames %v, want Confirmée and Contestée", names)
	}
	var en []map[string]any
	if err := json.Unmarshal(renderIn(t, ClaimReview, m, English), &en); err != nil {
		t.Fatal(err)
	}
	if en[0]["inLanguage"] != "en" || en[0]["reviewRating"].(map[string]any)["alternateName"] != "Confirmed" {
		t.Errorf("English asked for: %v", en[0])
	}
	// The data exports are the same in every language.
	for _, f := range []Format{CSV, JSON, W3C} {
		if !bytes.Equal(renderIn(t, f, m, French), render(t, f, m)) {
			t.Errorf("%s differs in French", f)
		}
	}
}
