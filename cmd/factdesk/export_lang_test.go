package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The reports follow the interface language when no --lang is given: the tests of this
// package expect English words whatever the language of the machine they run on, unless a
// test sets another.
func init() {
	if os.Getenv("FACTDESK_LANG") == "" {
		os.Setenv("FACTDESK_LANG", "en")
	}
}

// export --lang fr writes the reports' words, dates and numbers in French and ClaimReview's
// rating names in French (saying so in inLanguage); --json says which language it wrote.
func TestExportLangFrench(t *testing.T) {
	f := makeExportFixture(t)
	dir := t.TempDir()
	html := filepath.Join(dir, "r.html")
	out := mustRun(t, f.db, "export", "--json", "--format", "html", "--lang", "fr", "--out", html)
	var sum exportJSON
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Lang != "fr" {
		t.Errorf("--json lang = %q, want fr", sum.Lang)
	}
	b, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="fr">`, "<h2>Synthèse</h2>", "Contradictions entre articles", "Confirmée", "Contestée", "Non vérifiée"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the French HTML report lacks %q", want)
		}
	}
	if strings.Contains(string(b), "Cross-article contradictions") {
		t.Error("the French HTML report has English headings")
	}

	md := mustRun(t, f.db, "export", "--format", "md", "--lang", "FR", "--out", "-")
	if !strings.Contains(md, "## Synthèse") || !strings.Contains(md, "7 affirmations") {
		t.Errorf("the French Markdown report:\n%s", md)
	}

	cr := mustRun(t, f.db, "export", "--format", "claimreview", "--lang", "fr", "--org", "Desk", "--site-url", "https://factcheck.example/serrat", "--out", "-")
	var reviews []map[string]any
	if err := json.Unmarshal([]byte(cr), &reviews); err != nil {
		t.Fatal(err)
	}
	names := map[any]bool{}
	for _, r := range reviews {
		names[r["reviewRating"].(map[string]any)["alternateName"]] = true
		if r["inLanguage"] != "fr" {
			t.Errorf("inLanguage %v, want fr", r["inLanguage"])
		}
	}
	if !names["Confirmée"] || !names["Contestée"] {
		t.Errorf("alternateNames %v, want Confirmée and Contestée", names)
	}

	// The data exports are the same in both languages.
	csvFR := mustRun(t, f.db, "export", "--format", "csv", "--lang", "fr", "--out", "-")
	csvEN := mustRun(t, f.db, "export", "--format", "csv", "--lang", "en", "--out", "-")
	if csvFR != csvEN {
		t.Error("the CSV export differs between languages")
	}
}

// Without --lang the reports are in the interface language: FACTDESK_LANG, else the system's.
func TestExportLangDefaultsToTheInterfaceLanguage(t *testing.T) {
	f := makeExportFixture(t)
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	cases := []struct {
		factdesk, lang string
		want           string
	}{
		{"fr", "en_US.UTF-8", "## Synthèse"},
		{"", "fr_FR.UTF-8", "## Synthèse"},
		{"", "C.UTF-8", "## Summary"},
		{"en", "fr_FR.UTF-8", "## Summary"},
	}
	for _, c := range cases {
		t.Setenv("FACTDESK_LANG", c.factdesk)
		t.Setenv("LANG", c.lang)
		if md := mustRun(t, f.db, "export", "--format", "md", "--out", "-"); !strings.Contains(md, c.want) {
			t.Errorf("FACTDESK_LANG=%q LANG=%q: the report lacks %q", c.factdesk, c.lang, c.want)
		}
	}
}

// A language the reports do not speak is refused with what to write, and nothing is written.
func TestExportBadLang(t *testing.T) {
	f := makeExportFixture(t)
	dir := t.TempDir()
	for _, bad := range []string{"de", "french-ish", "e"} {
		_, stderr, code := factdesk(t, f.db, "", "export", "--format", "html", "--lang", bad, "--out", filepath.Join(dir, "r.html"))
		if code != exitUsage || !strings.Contains(stderr, "is not a report language: use --lang en (English) or --lang fr (French)") {
			t.Errorf("--lang %s: exit %d, stderr %q", bad, code, stderr)
		}
	}
	noLeftovers(t, dir)
}

// A claim on a PDF gives its page in the W3C export (a FragmentSelector page=2), which
// import-w3c reads back, and in ClaimReview (the appearance's pagination).
func TestExportGivesThePageOfAClaimOnAPDF(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "report.pdf")
	writeTestPDF(t, pdf)
	db := filepath.Join(dir, "f.db")
	var res []importJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "import", "--json", pdf)), &res); err != nil || len(res) != 1 || res[0].Article == nil {
		t.Fatalf("import: %v %+v", err, res)
	}
	mustRun(t, db, "claim", "add", "--article", res[0].Article.ID, "--quote", "About 30 containers were destroyed", "--verdict", "confirmed")

	w3c := filepath.Join(dir, "claims.jsonld")
	mustRun(t, db, "export", "--format", "w3c", "--out", w3c)
	b, err := os.ReadFile(w3c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `{"type":"FragmentSelector","conformsTo":"http://tools.ietf.org/rfc/rfc8118","value":"page=2"`) {
		t.Errorf("the W3C export does not give page 2:\n%s", b)
	}
	other := filepath.Join(dir, "other.db")
	mustRun(t, other, "import", pdf)
	if out := mustRun(t, other, "import-w3c", w3c); !strings.Contains(out, "restored 1 claim") {
		t.Errorf("import-w3c: %s", out)
	}

	cr := mustRun(t, db, "export", "--format", "claimreview", "--site-url", "https://factcheck.example/harbour", "--out", "-")
	if !strings.Contains(cr, `"pagination":"2"`) {
		t.Errorf("the ClaimReview export does not give page 2:\n%s", cr)
	}
}
