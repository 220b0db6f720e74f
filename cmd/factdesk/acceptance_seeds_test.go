//go:build acceptance

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/annotate/report"
	"factdesk/corpus/corpustest"
)

// importRealSeeds imports the real seed articles (`make acceptance SEEDS=DIR`) through the
// command line and returns them by file name.
func importRealSeeds(t *testing.T, db string) map[string]articleJSON {
	t.Helper()
	out := mustRun(t, db, "import", "--json", corpustest.Seed(t, "000_f6bb23693e27c5f2.txt"),
		corpustest.Seed(t, "003_262efa452888d538.txt"), corpustest.Seed(t, "004_532ae3c648773e60.txt"))
	var res []importJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("import --json: %v\n%s", err, out)
	}
	byFile := map[string]articleJSON{}
	for _, r := range res {
		if r.Article == nil {
			t.Fatalf("import of %s failed: %s", r.Path, r.Error)
		}
		byFile[filepath.Base(r.Path)] = *r.Article
	}
	if len(byFile) != 3 {
		t.Fatalf("imported %d seed articles, want 3: %s", len(byFile), out)
	}
	return byFile
}

// TestAcceptanceCLISeeds is a fact-checker's session on the real seeds from the command line:
// import, claims typed as a person types them, links, search, every export, and the W3C
// annotations restored onto the same articles in another database.
func TestAcceptanceCLISeeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	arts := importRealSeeds(t, db)
	for file, want := range map[string][2]string{
		"000_f6bb23693e27c5f2.txt": {"en", "France 24"}, "003_262efa452888d538.txt": {"fr", ""}, "004_532ae3c648773e60.txt": {"fr", "News-Front"},
	} {
		if a := arts[file]; a.Language != want[0] || a.Outlet != want[1] {
			t.Errorf("%s: language %q, outlet %q; want %q, %q", file, a.Language, a.Outlet, want[0], want[1])
		}
	}
	claims := map[string]string{}
	for _, c := range []struct{ key, file, quote, verdict string }{
		{"toll-en", "000_f6bb23693e27c5f2.txt", "300 to 400, including around fifty civilians", "confirmed"},
		{"soldiers", "000_f6bb23693e27c5f2.txt", "each side claiming to have eliminated thousands of enemy soldiers", "unverified"},
		{"toll-fr", "003_262efa452888d538.txt", "300 à 400 morts, dont une cinquantaine de civils", "confirmed"},
		// typed with an ASCII apostrophe: the article has a typographic one
		{"not-confirmed", "003_262efa452888d538.txt", "n'ont pas confirmé leur participation", "confirmed"},
		{"confirmed", "004_532ae3c648773e60.txt", "Bakou et Erevan avaient confirmé leur participation", "disputed"},
	} {
		var cl claimJSON
		out := mustRun(t, db, "claim", "add", "--json", "--article", shortID(arts[c.file].ID), "--quote", c.quote, "--verdict", c.verdict)
		if err := json.Unmarshal([]byte(out), &cl); err != nil {
			t.Fatal(err)
		}
		runes := []rune(strings.TrimSuffix(mustRun(t, db, "show", arts[c.file].ID), "\n"))
		if got := string(runes[cl.Start:cl.End]); got != cl.Quote || strings.ReplaceAll(cl.Quote, "’", "'") != c.quote {
			t.Errorf("claim %q: text at %d-%d is %q, quote %q", c.quote, cl.Start, cl.End, got, cl.Quote)
		}
		claims[c.key] = cl.ID
	}
	mustRun(t, db, "link", "add", claims["toll-en"], claims["toll-fr"], "--relation", "same")
	mustRun(t, db, "link", "add", claims["not-confirmed"], claims["confirmed"], "--relation", "contradicts")

	var hits []hitJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "search", "azerbaidjan", "--json")), &hits); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || strings.Contains(h.Snippet, "[Azerbaïdjan]")
	}
	if !found {
		t.Errorf("search azerbaidjan = %+v", hits)
	}

	dir := t.TempDir()
	for _, format := range []string{"html", "pdf", "md", "csv", "json", "claimreview", "w3c"} {
		out := mustRun(t, db, "export", "--format", format, "--out", filepath.Join(dir, "report."+format), "--title", "Seeds", "--org", "Desk", "--site-url", "https://factcheck.example/seeds")
		if !strings.Contains(out, "3 articles, 5 claims (3 ✓ confirmed, 1 ✗ disputed, 1 ? unverified)") {
			t.Errorf("%s: printed %q", format, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := report.ReadJSON(strings.NewReader(string(b)))
	if err != nil || len(m.Articles) != 3 || len(m.Claims) != 5 || len(m.Links) != 2 {
		t.Fatalf("JSON export: %v, %d articles, %d claims, %d links", err, len(m.Articles), len(m.Claims), len(m.Links))
	}

	other := filepath.Join(t.TempDir(), "other.db")
	importRealSeeds(t, other)
	if out := mustRun(t, other, "import-w3c", filepath.Join(dir, "report.w3c")); !strings.Contains(out, "5 claims") {
		t.Errorf("import-w3c printed %q", out)
	}
	var got []claimJSON
	if err := json.Unmarshal([]byte(mustRun(t, other, "claims", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Errorf("%d claims restored onto the same seeds, want 5", len(got))
	}
}
