package storage_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// MustOpenDB opens a new database in a temporary folder with reviewer "Alice".
func MustOpenDB(tb testing.TB) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"), storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.SetReviewer(context.Background(), "Alice"); err != nil {
		tb.Fatal(err)
	}
	return db
}

const frText = "Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils.\n\nLe ministre de l’Azerbaïdjan était à Genève."

func mustImport(tb testing.TB, db *storage.DB, text string) annotate.Article {
	tb.Helper()
	res, err := db.ImportArticle(context.Background(), corpus.Article{Title: "T " + text[:10], Text: text, Language: "fr", Origin: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return res.Article
}

func mustClaim(tb testing.TB, db *storage.DB, articleID, text, quote string) annotate.Claim {
	tb.Helper()
	start := strings.Index(text, quote)
	if start < 0 {
		tb.Fatalf("quote %q not in text", quote)
	}
	rs := len([]rune(text[:start]))
	a := annotate.Anchor{Start: rs, End: rs + len([]rune(quote)), Exact: quote}
	c, err := db.AddClaim(context.Background(), articleID, a, annotate.Unverified, "")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestOpenCreatesSchema(t *testing.T) {
	db := MustOpenDB(t)
	arts, err := db.Articles(context.Background())
	if err != nil || len(arts) != 0 {
		t.Fatalf("Articles on a new database = %v, %v", arts, err)
	}
	if err := storage.CheckFile(context.Background(), db.Path()); err != nil {
		t.Fatalf("CheckFile on our own new database: %v", err)
	}
}

func TestImportDeduplicatesByHash(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	res, err := db.ImportArticle(ctx, corpus.Article{Title: "again", Text: frText})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Existing || res.Article.ID != a.ID {
		t.Fatalf("second import = %+v, want existing %s", res, a.ID)
	}
	got, err := db.Article(ctx, a.ID)
	if err != nil || got.Text != frText || got.SHA256 != corpus.HashText(frText) || got.ImportedBy != "Alice" {
		t.Fatalf("Article = %+v, %v", got, err)
	}
}

func TestClaimLifecycleWritesHistory(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	c := mustClaim(t, db, a.ID, frText, "300 à 400 morts")
	if c.Start != 31 || c.End != 46 || c.Verdict != annotate.Unverified || c.CreatedBy != "Alice" {
		t.Fatalf("claim = %+v", c)
	}
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	if c, err := db.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil || c.Verdict != annotate.Disputed || c.UpdatedBy != "Bob" {
		t.Fatalf("SetVerdict = %+v, %v", c, err)
	}
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil { // no change: no history
		t.Fatal(err)
	}
	if _, err := db.SetNote(ctx, c.ID, "AFP figure"); err != nil {
		t.Fatal(err)
	}
	l, err := db.AddSource(ctx, c.ID, annotate.Source{URL: "https://example.org/toll", Title: "Toll"}, annotate.Supports)
	if err != nil || l.Source == nil || l.Source.URL != "https://example.org/toll" {
		t.Fatalf("AddSource = %+v, %v", l, err)
	}
	hist, err := db.History(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, h := range hist {
		fields = append(fields, h.Table+"."+h.Field+":"+h.Reviewer)
	}
	want := "claims.create:Alice claims.verdict:Bob claims.note:Bob sources.create:Bob links.create:Bob"
	if strings.Join(fields, " ") != want {
		t.Fatalf("history = %s\nwant      %s", strings.Join(fields, " "), want)
	}
	if hist[1].Old != "unverified" || hist[1].New != "disputed" {
		t.Fatalf("verdict entry = %+v", hist[1])
	}
	if err := db.DeleteClaim(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Claim(ctx, c.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Fatalf("deleted claim still found: %v", err)
	}
	if cs, _ := db.Claims(ctx, storage.ClaimFilter{ArticleID: a.ID}); len(cs) != 0 {
		t.Fatalf("deleted claim listed: %+v", cs)
	}
	hist, _ = db.History(ctx, c.ID, 0)
	last := hist[len(hist)-1]
	if last.Field != "delete" || last.Table != "links" { // the claim's link goes with it
		t.Fatalf("last history entry = %+v", last)
	}
}

func TestAddClaimRefusesAnchorNotInText(t *testing.T) {
	db := MustOpenDB(t)
	a := mustImport(t, db, frText)
	_, err := db.AddClaim(context.Background(), a.ID, annotate.Anchor{Start: 0, End: 5, Exact: "Nope!"}, "", "")
	if !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("mismatched anchor: err = %v", err)
	}
}

func TestSearchIgnoresAccentsAndCase(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	c := mustClaim(t, db, a.ID, frText, "300 à 400 morts")
	if _, err := db.SetNote(ctx, c.ID, "Chiffre confirmé par l’AFP"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Azerbaidjan", "AZERBAÏDJAN", "geneve", "azerb"} {
		hits, err := db.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Kind != "article" || hits[0].ArticleID != a.ID || !strings.Contains(hits[0].Snippet, storage.SnippetOpen) {
			t.Fatalf("Search(%q) = %+v", q, hits)
		}
	}
	hits, err := db.Search(ctx, "confirme afp", 10)
	if err != nil || len(hits) != 1 || hits[0].Kind != "claim" || hits[0].ClaimID != c.ID {
		t.Fatalf("claim note search = %+v, %v", hits, err)
	}
	if hits, _ := db.Search(ctx, `"; DROP TABLE claims; --`, 10); len(hits) != 0 {
		t.Fatalf("hostile query matched %+v", hits)
	}
}

func TestLinkClaimsBothDirections(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	other := "The official death toll is 300 to 400, including around fifty civilians."
	b := mustImport(t, db, other)
	c1 := mustClaim(t, db, a.ID, frText, "300 à 400 morts, dont une cinquantaine de civils")
	c2 := mustClaim(t, db, b.ID, other, "300 to 400, including around fifty civilians")
	l, err := db.LinkClaims(ctx, c1.ID, c2.ID, annotate.SameClaim)
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.LinkClaims(ctx, c2.ID, c1.ID, annotate.SameClaim)
	if err != nil || again.ID != l.ID {
		t.Fatalf("linking the same pair again made %+v (%v), want %s", again, err, l.ID)
	}
	ls, err := db.Links(ctx, c2.ID)
	if err != nil || len(ls) != 1 || ls[0].Other(c2.ID) != c1.ID {
		t.Fatalf("Links(c2) = %+v, %v", ls, err)
	}
	if _, err := db.LinkClaims(ctx, c1.ID, c1.ID, annotate.SameClaim); !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("self link: %v", err)
	}
}

func TestArticlesCountsByVerdict(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	c := mustClaim(t, db, a.ID, frText, "300 à 400 morts")
	mustClaim(t, db, a.ID, frText, "Genève")
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	arts, err := db.Articles(ctx)
	if err != nil || len(arts) != 1 {
		t.Fatal(arts, err)
	}
	if got := arts[0].Counts; got != (annotate.VerdictCounts{Confirmed: 1, Unverified: 1}) {
		t.Fatalf("counts = %+v", got)
	}
	if arts[0].Text != "" {
		t.Fatal("Articles should not load the text")
	}
}

func TestResolveIDByPrefix(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	id, err := db.ResolveID(ctx, "articles", a.ID[:8])
	if err != nil || id != a.ID {
		t.Fatalf("ResolveID = %q, %v", id, err)
	}
	if _, err := db.ResolveID(ctx, "articles", "ffffffff"); !storage.IsKind(err, storage.KindNotFound) {
		t.Fatalf("unknown prefix: %v", err)
	}
}

// A second reviewer giving a claim the verdict it already has is a rating: agreement counts
// it, while the claim itself does not change.
func TestSameVerdictBySecondReviewerIsARating(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustImport(t, db, frText)
	c := mustClaim(t, db, a.ID, frText, "300 à 400 morts")
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	before, _ := db.History(ctx, c.ID, 0)
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil { // Alice again: nothing new
		t.Fatal(err)
	}
	if after, _ := db.History(ctx, c.ID, 0); len(after) != len(before) {
		t.Fatalf("the same reviewer repeating a verdict wrote %d entries", len(after)-len(before))
	}
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	got, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed)
	if err != nil || got.Verdict != annotate.Confirmed || got.UpdatedBy != "Alice" {
		t.Fatalf("SetVerdict by Bob = %+v, %v", got, err)
	}
	ratings, err := db.Ratings(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]annotate.Verdict{}
	for _, r := range ratings {
		byName[r.Reviewer] = r.Verdict
	}
	if len(byName) != 2 || byName["Alice"] != annotate.Confirmed || byName["Bob"] != annotate.Confirmed {
		t.Fatalf("ratings = %+v", ratings)
	}
}

// The driver is built with FTS5 and SQLite's hardening (the Makefile's CGO_CFLAGS): defensive
// mode on by default and schema code untrusted, checked on a plain connection of the driver
// (without Factdesk's connection hook).
func TestSQLiteBuiltHardened(t *testing.T) {
	db := MustOpenDB(t)
	opts, err := db.CompileOptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ENABLE_FTS5", "OMIT_LOAD_EXTENSION"} {
		if !slices.Contains(opts, want) {
			t.Errorf("SQLite was not built with %s (compile options: %v): build with `make`", want, opts)
		}
	}
	raw, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "raw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	var trusted int
	if err := raw.QueryRow("PRAGMA trusted_schema").Scan(&trusted); err != nil || trusted != 0 {
		t.Errorf("trusted_schema defaults to %d (%v): build with -DSQLITE_TRUSTED_SCHEMA=0 (`make`)", trusted, err)
	}
	if _, err := raw.Exec("CREATE TABLE t(x); PRAGMA writable_schema=ON"); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE sqlite_schema SET sql = 'CREATE TABLE t(y)' WHERE name = 't'"); err == nil {
		t.Error("the schema could be rewritten: defensive mode is off; build with -DSQLITE_DEFAULT_DEFENSIVE=1 (`make`)")
	}
}

func TestClaimsTextFilterIgnoresAccentsAndCase(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	text := "Environ 3 000 habitants ont été évacués dans un rayon d’un kilomètre."
	a := mustImport(t, db, text)
	c := mustClaim(t, db, a.ID, text, "Environ 3 000 habitants ont été évacués")
	if _, err := db.SetNote(ctx, c.ID, "Chiffre de la PRÉFECTURE"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"evacues", "ÉVACUÉS", "prefecture", "habitants ont ete"} {
		got, err := db.Claims(ctx, storage.ClaimFilter{Text: q})
		if err != nil || len(got) != 1 || got[0].ID != c.ID {
			t.Errorf("Claims(Text %q) = %v, %v", q, got, err)
		}
	}
	if got, _ := db.Claims(ctx, storage.ClaimFilter{Text: "incendie"}); len(got) != 0 {
		t.Errorf("a word in neither quote nor note matched: %v", got)
	}
}

// Settling a conflict records the verdict chosen, but not as a rating of the one who settled
// it: agreement keeps counting each reviewer's own verdict.
func TestSettlingAContestedClaimIsNotARating(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := MustOpenDB(t)
	a := mustImport(t, alice, frText)
	c := mustClaim(t, alice, a.ID, frText, "300 à 400 morts")
	bobPath := filepath.Join(dir, "bob.db")
	if err := alice.SaveCopy(ctx, bobPath, nil); err != nil {
		t.Fatal(err)
	}
	bob, err := storage.Open(ctx, bobPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	if _, err := bob.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	share := filepath.Join(dir, "from-bob.db")
	if err := bob.SaveCopy(ctx, share, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Merge(ctx, share); err != nil {
		t.Fatal(err)
	}
	if got, _ := alice.Claim(ctx, c.ID); !got.Contested {
		t.Fatalf("claim after the merge = %+v", got)
	}
	if _, err := alice.SettleClaim(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if got, _ := alice.Claim(ctx, c.ID); got.Verdict != annotate.Confirmed || got.Contested {
		t.Fatalf("verdict after settling = %+v", got)
	}
	ratings, err := alice.Ratings(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]annotate.Verdict{}
	for _, r := range ratings {
		byName[r.Reviewer] = r.Verdict
	}
	if byName["Alice"] != annotate.Disputed || byName["Bob"] != annotate.Confirmed {
		t.Fatalf("ratings after settling = %v; want Alice disputed, Bob confirmed", byName)
	}
}
