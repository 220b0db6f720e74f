package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/corpus/corpustest"
)

// seeds is the folder of the project's test articles (testdata/articles at the repository
// root), which every clone has; seedEN, seedFR and seedFR2 name its three articles. The real
// seed articles are read only by the acceptance suite.
var seeds = filepath.Join("..", "..", "testdata", "articles")

// The project's test articles: the English story, the French one with no outlet, and
// Info-Verlais's French one (see testdata/articles/README.md).
const (
	seedEN  = corpustest.ArticleEN
	seedFR  = corpustest.ArticleFR
	seedFR2 = corpustest.ArticleFR2
)

// factdesk runs one command line in-process against db and returns stdout, stderr and the
// exit status.
func factdesk(t *testing.T, db string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append(args, "--db", db, "--reviewer", "Test Reviewer")
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errOut, code := factdesk(t, db, "", args...)
	if code != 0 {
		t.Fatalf("factdesk %v: exit %d\n%s", args, code, errOut)
	}
	return out
}

func importSeeds(t *testing.T, db string) map[string]articleJSON {
	t.Helper()
	out := mustRun(t, db, "import", "--json", filepath.Join(seeds, seedEN),
		filepath.Join(seeds, seedFR), filepath.Join(seeds, seedFR2))
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
		t.Fatalf("imported %d test articles, want 3: %s", len(byFile), out)
	}
	return byFile
}

func TestImportSeedsAndMakeClaims(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	arts := importSeeds(t, db)
	for file, lang := range map[string]string{seedEN: "en", seedFR: "fr", seedFR2: "fr"} {
		if arts[file].Language != lang {
			t.Errorf("%s: language %q, want %q", file, arts[file].Language, lang)
		}
	}
	cases := []struct{ file, quote, verdict string }{
		{seedEN, "each accused the other of ignoring warnings about the dam", "unverified"},
		{seedFR, "300 à 400 morts, dont une quarantaine d’enfants", "confirmed"},
		{seedFR2, "le Brenmark et la Sorvie avaient confirmé leur participation", "disputed"},
		// typed with an ASCII apostrophe: the article has a typographic one
		{seedFR, "n'ont pas confirmé leur participation", "disputed"},
	}
	ids := map[string]string{}
	for _, tc := range cases {
		id := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", shortID(arts[tc.file].ID), "--quote", tc.quote, "--verdict", tc.verdict))
		ids[tc.quote] = id
		text := mustRun(t, db, "show", arts[tc.file].ID)
		var claims []claimJSON
		if err := json.Unmarshal([]byte(mustRun(t, db, "claims", "--article", arts[tc.file].ID, "--json")), &claims); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range claims {
			if c.ID != id {
				continue
			}
			found = true
			runes := []rune(strings.TrimSuffix(text, "\n"))
			if got := string(runes[c.Start:c.End]); got != c.Quote {
				t.Errorf("claim %q: text at %d-%d is %q, quote %q", tc.quote, c.Start, c.End, got, c.Quote)
			}
			if c.Verdict != tc.verdict || c.CreatedBy != "Test Reviewer" {
				t.Errorf("claim %q: %+v", tc.quote, c)
			}
		}
		if !found {
			t.Fatalf("claim %s not listed", id)
		}
	}
	// Link the same death toll across languages, and the contradiction on participation.
	en := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", arts[seedEN].ID, "--quote", "300 to 400, including around forty children"))
	mustRun(t, db, "link", "add", en, ids["300 à 400 morts, dont une quarantaine d’enfants"], "--relation", "same")
	mustRun(t, db, "link", "add", ids["n'ont pas confirmé leur participation"], ids["le Brenmark et la Sorvie avaient confirmé leur participation"], "--relation", "contradicts")
	mustRun(t, db, "source", "add", en, "--url", "https://northline.example/", "--relation", "supports", "--title", "Northline News")
	mustRun(t, db, "claim", "set", en, "--verdict", "confirmed", "--note", "Same figure in the French report.")

	var hist []historyJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "history", en, "--json")), &hist); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, h := range hist {
		fields = append(fields, h.Table+"."+h.Field)
	}
	want := "claims.create links.create sources.create links.create claims.verdict claims.note"
	if strings.Join(fields, " ") != want {
		t.Errorf("history = %v, want %s", fields, want)
	}

	var hits []hitJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "search", "alderie", "--json")), &hits); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || strings.Contains(h.Snippet, "[Aldérie]")
	}
	if !found {
		t.Errorf("search alderie = %+v", hits)
	}

	var confirmed []claimJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "claims", "--verdict", "confirmed", "--json")), &confirmed); err != nil {
		t.Fatal(err)
	}
	if len(confirmed) != 2 {
		t.Errorf("confirmed claims = %d, want 2", len(confirmed))
	}
	mustRun(t, db, "claim", "rm", en)
	if out := mustRun(t, db, "claims", "--verdict", "confirmed", "--json"); strings.Count(out, `"id"`) != 1 {
		t.Errorf("after rm: %s", out)
	}
}

func TestImportReportsBadFilesAndImportsTheRest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	bad := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.7\n\x00\x01\x02binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(seeds, seedEN)
	out, errOut, code := factdesk(t, db, "", "import", bad, good)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "scan.pdf") || !strings.Contains(out, "Rescue crews in Aldera") {
		t.Fatalf("stdout %q\nstderr %q", out, errOut)
	}
	// The same content again is one article, and the import says so.
	out, _, code = factdesk(t, db, "", "import", good)
	if code != 0 || !strings.Contains(out, "already imported") {
		t.Fatalf("re-import: exit %d, %q", code, out)
	}
	if n := strings.Count(mustRun(t, db, "articles", "--json"), `"id"`); n != 1 {
		t.Fatalf("%d articles, want 1", n)
	}
}

func TestImportFromStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	out, errOut, code := factdesk(t, db, "Le Kremlin a invité les ministres des Affaires étrangères à Moscou pour des consultations.\n", "import", "-")
	if code != 0 || !strings.Contains(out, "\tfr\t") {
		t.Fatalf("exit %d: %q %q", code, out, errOut)
	}
}

func TestUsageAndFailureExitStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	// A project to fail on: a failed command creates none (issue 9).
	note := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(note, []byte("A note\n\nThe harbour master counted the ships.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", note)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"frobnicate"}, exitUsage, "unknown command"},
		{[]string{"claim", "add", "--quote", "x"}, exitUsage, "--article and --quote are required"},
		{[]string{"claim", "set", "0000-nope"}, exitUsage, "give --verdict"},
		{[]string{"claim", "set", "00000000", "--verdict", "maybe"}, exitUsage, "unknown verdict"},
		{[]string{"claims", "--verdict", "true"}, exitUsage, "unknown verdict"},
		{[]string{"link", "add", "a"}, exitUsage, "wrong number of arguments"},
		{[]string{"show", "ffffffff"}, exitFailure, "no article with id"},
		{[]string{"import", "/nonexistent/file.txt"}, exitFailure, "no such file"},
	} {
		_, errOut, code := factdesk(t, db, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("factdesk %v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
}

func TestRefusesFileThatIsNotOurs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("just some text, not a database\n")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := factdesk(t, path, "", "articles")
	if code != exitFailure || !strings.Contains(errOut, "not a Factdesk database") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
		t.Fatal("the file was changed")
	}
}

func TestIsGUI(t *testing.T) {
	for args, want := range map[string]bool{
		"":                       true,
		"--db x.db":              true,
		"--db x.db --reviewer A": true,
		"import a.txt":           false,
		"--db x.db claims":       false,
		"--help":                 false,
	} {
		if got := isGUI(strings.Fields(args)); got != want {
			t.Errorf("isGUI(%q) = %v", args, got)
		}
	}
}

// Commands that only look do not record the reviewer; --read-only leaves another reviewer's
// file byte-identical and refuses changes with a message that says what to do.
func TestLookingChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	arts := importSeeds(t, db)
	id := arts[seedFR].ID
	var out, errOut bytes.Buffer
	for _, args := range [][]string{{"articles"}, {"claims"}, {"search", "Velka"}, {"show", id}, {"history"}} {
		args = append(args, "--db", db, "--reviewer", "Visitor")
		if code := run(context.Background(), args, strings.NewReader(""), &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
	}
	if strings.Contains(mustRun(t, db, "history", "--json"), "Visitor") {
		t.Fatal("a command that only looks recorded its reviewer")
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, code := factdesk(t, db, "", "articles", "--read-only"); code != 0 {
		t.Fatal("articles --read-only failed")
	}
	_, errOut2, code := factdesk(t, db, "", "claim", "add", "--article", id, "--quote", "Velka", "--read-only")
	if code == 0 || !strings.Contains(errOut2, "read-only") {
		t.Fatalf("a change on a read-only database: exit %d, %q", code, errOut2)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("--read-only changed the file")
	}
}

func TestLinksSourcesAndDeletedHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	arts := importSeeds(t, db)
	en, fr := arts[seedEN].ID, arts[seedFR].ID
	a := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", en, "--quote", "300 to 400, including around forty children"))
	// The same span again is the same claim.
	if again := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", en, "--quote", "300 to 400, including around forty children")); again != a {
		t.Fatalf("the same span made a second claim %s (first %s)", again, a)
	}
	b := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", fr, "--quote", "300 à 400 morts"))
	sameLink := strings.TrimSpace(mustRun(t, db, "link", "add", a, b, "--relation", "same"))
	srcLink := strings.TrimSpace(mustRun(t, db, "source", "add", a, "--url", "https://example.org/toll", "--title", "Toll"))
	var links []linkJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "links", b, "--json")), &links); err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0].ID != sameLink || links[0].ClaimID != a || links[0].Direction != "to" {
		t.Fatalf("links of b = %+v", links)
	}
	if out := mustRun(t, db, "links", a); !strings.Contains(out, "source: Toll https://example.org/toll") || !strings.Contains(out, shortID(srcLink)) {
		t.Fatalf("links of a:\n%s", out)
	}
	mustRun(t, db, "link", "rm", srcLink) // source add printed the link that link rm takes
	if out := mustRun(t, db, "links", a); strings.Contains(out, "Toll") {
		t.Fatalf("the source link is still there:\n%s", out)
	}
	_, errOut, code := factdesk(t, db, "", "source", "add", a, "--url", "javascript:alert(1)")
	if code != exitUsage || !strings.Contains(errOut, "not a web address") {
		t.Fatalf("javascript: URL: exit %d, %q", code, errOut)
	}
	// A deleted claim's history can still be read, by its short id.
	mustRun(t, db, "claim", "rm", a)
	if out := mustRun(t, db, "history", shortID(a)); !strings.Contains(out, "deleted the claim") {
		t.Fatalf("history of the deleted claim:\n%s", out)
	}
}

func TestCommandLineMistakesSayWhatToDo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	importSeeds(t, db)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"claim"}, exitUsage, "factdesk claim needs one of: add, restore, rm, set, settle"},
		{[]string{"search", " "}, exitUsage, "give words to search for"},
		{[]string{"claim", "add", "--article", "x", "--quote", "y", "--occurrence", "0"}, exitUsage, "--occurrence must be 1 or more"},
		{[]string{"links", "ffffffff"}, exitFailure, "no claim with id"},
		{[]string{"link", "rm", "ffffffff"}, exitFailure, "list them with `factdesk links CLAIM`"},
	} {
		_, errOut, code := factdesk(t, db, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("factdesk %v: exit %d, %q; want %d and %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
	// Looking at a database that is not there does not create it.
	missing := filepath.Join(dir, "typo", "x.db")
	_, errOut, code := factdesk(t, missing, "", "articles")
	if code != exitFailure || !strings.Contains(errOut, "there is no database at") {
		t.Fatalf("articles on a missing database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Fatal("looking at a missing database created its folder")
	}
}
