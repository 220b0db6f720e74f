package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exports of one article, or of one verdict, keep the links of their claims to claims left out:
// ClaimReview appearances, "Same claim as …"/"Contradicts …" lines naming the other article.
func TestScopedExportKeepsLinksToOtherArticles(t *testing.T) {
	f := makeExportFixture(t)
	en := f.arts[seedEN]
	fr := f.arts[seedFR]

	out := mustRun(t, f.db, "export", "--format", "claimreview", "--out", "-", "--article", en.ID, "--site-url", "https://factcheck.example/r")
	var reviews []struct {
		URL          string `json:"url"`
		ItemReviewed struct {
			Appearance []struct {
				Headline   string `json:"headline"`
				InLanguage string `json:"inLanguage"`
			} `json:"appearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal([]byte(out), &reviews); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range reviews {
		if strings.HasSuffix(r.URL, f.claims["toll-en"].ID) {
			found = true
			if a := r.ItemReviewed.Appearance; len(a) != 2 || a[1].Headline != fr.Title || a[1].InLanguage != "fr" {
				t.Errorf("toll-en appearances %+v, want the English and the French article", a)
			}
		}
	}
	if !found {
		t.Fatalf("no ClaimReview of toll-en in %s", out)
	}

	// The summary says how many links lead out of the export.
	file := filepath.Join(t.TempDir(), "fr.html")
	if out := mustRun(t, f.db, "export", "--format", "html", "--out", file, "--article", fr.ID); !strings.Contains(out, "; 2 links to claims not exported (named, not counted)") {
		t.Errorf("export printed %q", out)
	}
	// The HTML report of the French article, and the Markdown of the disputed claims.
	html := mustRun(t, f.db, "export", "--format", "html", "--out", "-", "--article", fr.ID)
	if !strings.Contains(html, "Same claim as") || !strings.Contains(html, "in «"+en.Title+"», not in this report") {
		t.Errorf("the report of one article lost its same-claim line")
	}
	md := mustRun(t, f.db, "export", "--format", "md", "--out", "-", "--verdict", "disputed")
	if !strings.Contains(md, "Contradicted by “n’ont pas confirmé leur participation”") || !strings.Contains(md, "not in this report") {
		t.Errorf("the report of the disputed claims lost their contradictions:\n%s", md)
	}
}

// `export --out` never replaces the database, nor any other database.
func TestExportRefusesToOverwriteADatabase(t *testing.T) {
	f := makeExportFixture(t)
	before, err := os.ReadFile(f.db)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	mustRun(t, other, "import", filepath.Join(seeds, seedEN))
	otherBefore, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct{ out, words string }{
		"the open database": {f.db, "is the database Factdesk has open: choose another file name"},
		"another database":  {other, "is a database: choose another file name"},
	} {
		for _, format := range []string{"html", "json"} {
			_, stderr, code := factdesk(t, f.db, "", "export", "--format", format, "--out", tc.out)
			if code != exitFailure || !strings.Contains(stderr, tc.words) {
				t.Errorf("%s, %s: exit %d, %q; want exit 1 saying %q", name, format, code, stderr, tc.words)
			}
		}
	}
	if after, _ := os.ReadFile(other); !bytes.Equal(after, otherBefore) {
		t.Error("the other database was changed")
	}
	if after, _ := os.ReadFile(f.db); len(after) < len(before)/2 {
		t.Error("the database was overwritten")
	}
	// It still opens, with its claims.
	if list := f.claimList(t, f.db); len(list) != 7 {
		t.Errorf("%d claims after the refused exports, want 7", len(list))
	}
}

// The JSON export carries deletions; import-json restores them as deletions and says how
// many history entries were the file's and how many it recorded itself.
func TestImportJSONRestoresDeletionsThroughTheCommandLine(t *testing.T) {
	f := makeExportFixture(t)
	mustRun(t, f.db, "claim", "rm", f.claims["martial"].ID)
	file := filepath.Join(t.TempDir(), "all.json")
	out := mustRun(t, f.db, "export", "--format", "json", "--out", file)
	if !strings.Contains(out, "1 deleted row (as tombstones)") {
		t.Errorf("export printed %q", out)
	}
	var doc struct {
		History []json.RawMessage `json:"history"`
		Deleted struct {
			Claims []struct {
				ID        string `json:"id"`
				DeletedAt string `json:"deletedAt"`
				DeletedBy string `json:"deletedBy"`
			} `json:"claims"`
		} `json:"deleted"`
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Deleted.Claims) != 1 || doc.Deleted.Claims[0].ID != f.claims["martial"].ID || doc.Deleted.Claims[0].DeletedAt == "" ||
		doc.Deleted.Claims[0].DeletedBy != "Test Reviewer" {
		t.Fatalf("deleted claims in the export: %+v", doc.Deleted.Claims)
	}

	fresh := filepath.Join(t.TempDir(), "fresh.db")
	out = mustRun(t, fresh, "import-json", file)
	// The fresh database's reviewer has the name of the file's (Test Reviewer): the file's is
	// kept by id, and the import's own entries are the fresh reviewer's.
	for _, want := range []string{"restored 3 articles, 6 claims, 2 sources, 5 links, 2 reviewers, 1 deleted row (as deleted)",
		itoa(len(doc.History)) + " history entries restored, 3 recorded for this import"} {
		if !strings.Contains(out, want) {
			t.Errorf("import-json printed %q, want %q", out, want)
		}
	}
	if list := f.claimList(t, fresh); len(list) != 6 {
		t.Errorf("%d live claims after the import, want 6", len(list))
	}
	var rep importDataJSON
	if err := json.Unmarshal([]byte(mustRun(t, fresh, "import-json", file, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.NewHistory != 0 || rep.OwnHistory != 0 || rep.PresentClaims != 7 {
		t.Errorf("second import --json: %+v", rep)
	}
	// A re-export lists each reviewer once.
	again := mustRun(t, fresh, "export", "--format", "json", "--out", "-")
	var re struct {
		Reviewers []struct{ Name string } `json:"reviewers"`
	}
	if err := json.Unmarshal([]byte(again), &re); err != nil {
		t.Fatal(err)
	}
	if len(re.Reviewers) != 2 {
		t.Errorf("re-export reviewers %+v, want Test Reviewer and Дмитрий Орлов once each", re.Reviewers)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
