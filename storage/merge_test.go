package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// Helpers of the sharing tests (prefixed sh to stay apart from the other test files).

// shOpen opens (or creates) the database at path for reviewer.
func shOpen(tb testing.TB, path, reviewer string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.SetReviewer(context.Background(), reviewer); err != nil {
		tb.Fatal(err)
	}
	return db
}

// shCopy copies a closed database file.
func shCopy(tb testing.TB, src, dst string) {
	tb.Helper()
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// shShare saves a copy of db for sharing and returns its path.
func shShare(tb testing.TB, db *storage.DB, name string) string {
	tb.Helper()
	out := filepath.Join(filepath.Dir(db.Path()), name)
	if err := db.SaveCopy(context.Background(), out, nil); err != nil {
		tb.Fatal(err)
	}
	return out
}

func shMerge(tb testing.TB, db *storage.DB, file string) storage.MergeReport {
	tb.Helper()
	rep, err := db.Merge(context.Background(), file)
	if err != nil {
		tb.Fatalf("merge %s into %s: %v", file, db.Path(), err)
	}
	return rep
}

func shImport(tb testing.TB, db *storage.DB, title, text string) annotate.Article {
	tb.Helper()
	res, err := db.ImportArticle(context.Background(), corpus.Article{Title: title, Text: text, Language: "en", Origin: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return res.Article
}

func shClaim(tb testing.TB, db *storage.DB, articleID, text, quote string, v annotate.Verdict) annotate.Claim {
	tb.Helper()
	a, err := annotate.FindQuote(text, quote, 1)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := db.AddClaim(context.Background(), articleID, a, v, "")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// shRaw opens a database file with the plain driver, to look from outside or to play another
// program.
func shRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		tb.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	tb.Cleanup(func() { raw.Close() })
	return raw
}

func shExec(tb testing.TB, raw *sql.DB, q string, args ...any) {
	tb.Helper()
	if _, err := raw.Exec(q, args...); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}

// shCheckIndexes checks that the full-text indexes hold exactly the rows they should: every
// article, and the live claims.
func shCheckIndexes(tb testing.TB, path string) {
	tb.Helper()
	raw := shRaw(tb, path)
	var bad int
	for _, q := range []string{
		`SELECT count(*) FROM (SELECT seq FROM articles EXCEPT SELECT id FROM articles_fts_docsize)`,
		`SELECT count(*) FROM (SELECT id FROM articles_fts_docsize EXCEPT SELECT seq FROM articles)`,
		`SELECT count(*) FROM (SELECT seq FROM claims WHERE deleted_at IS NULL EXCEPT SELECT id FROM claims_fts_docsize)`,
		`SELECT count(*) FROM (SELECT id FROM claims_fts_docsize EXCEPT SELECT seq FROM claims WHERE deleted_at IS NULL)`,
	} {
		if err := raw.QueryRow(q).Scan(&bad); err != nil || bad != 0 {
			tb.Fatalf("%s: %d rows (%v): the full-text index is out of step", q, bad, err)
		}
	}
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		tb.Fatalf("integrity_check: %q %v", ok, err)
	}
	for _, t := range []string{"articles_fts", "claims_fts"} {
		if _, err := raw.Exec(`INSERT INTO ` + t + `(` + t + `) VALUES ('integrity-check')`); err != nil {
			tb.Fatalf("%s integrity-check: %v", t, err)
		}
	}
}

const (
	shText1 = "The minister said unemployment fell to 4.2 percent in March, the lowest level in a decade. " +
		"Critics noted that the figure excludes people who stopped looking for work."
	shText2 = "Rainfall in the region was 30 percent below average this spring, according to the weather service. " +
		"Farmers say the harvest will be the smallest since 2011."
)

// shBase makes a base database with one article and one claim, and two replicas of it for
// Alice and Bob.
func shBase(t *testing.T) (alice, bob *storage.DB, claim annotate.Claim, art annotate.Article) {
	t.Helper()
	dir := t.TempDir()
	base := shOpen(t, filepath.Join(dir, "base.db"), "Alice")
	art = shImport(t, base, "Unemployment", shText1)
	claim = shClaim(t, base, art.ID, shText1, "unemployment fell to 4.2 percent in March", annotate.Unverified)
	base.Close()
	shCopy(t, filepath.Join(dir, "base.db"), filepath.Join(dir, "alice.db"))
	shCopy(t, filepath.Join(dir, "base.db"), filepath.Join(dir, "bob.db"))
	alice = shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob = shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	return alice, bob, claim, art
}

func TestMergeMatchesArticlesByHashAndBringsClaims(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	a1 := shImport(t, alice, "Unemployment (Alice's import)", shText1)
	b1 := shImport(t, bob, "Unemployment", shText1) // the same text, imported separately
	b2 := shImport(t, bob, "Rainfall", shText2)
	if a1.ID == b1.ID {
		t.Fatal("two imports made the same id")
	}
	shClaim(t, alice, a1.ID, shText1, "the lowest level in a decade", annotate.Disputed)
	bc := shClaim(t, bob, b1.ID, shText1, "unemployment fell to 4.2 percent", annotate.Confirmed)
	if _, err := bob.SetNote(ctx, bc.ID, "Matches the statistics office bulletin"); err != nil {
		t.Fatal(err)
	}
	bc2 := shClaim(t, bob, b2.ID, shText2, "30 percent below average", annotate.Unverified)
	if _, err := bob.AddSource(ctx, bc2.ID, annotate.Source{URL: "https://weather.example/spring", Title: "Spring report"}, annotate.Supports); err != nil {
		t.Fatal(err)
	}

	file := shShare(t, bob, "bob-share.db")
	preview, err := alice.PreviewMerge(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	if preview.Committed || len(preview.NewArticles) != 1 || preview.NewArticles[0].Title != "Rainfall" || preview.MatchedArticles != 1 ||
		len(preview.NewClaims) != 2 || preview.NewSources != 1 || preview.NewLinks != 1 || len(preview.Conflicts) != 0 {
		t.Fatalf("preview = %+v", preview)
	}
	if arts, _ := alice.Articles(ctx); len(arts) != 1 {
		t.Fatalf("the preview changed the database: %d articles", len(arts))
	}
	rep := shMerge(t, alice, file)
	if !rep.Committed || len(rep.NewClaims) != 2 || rep.Summary() == "" {
		t.Fatalf("merge = %+v", rep)
	}
	arts, err := alice.Articles(ctx)
	if err != nil || len(arts) != 2 {
		t.Fatalf("articles after merge = %d, %v", len(arts), err)
	}
	// Bob's claim on the shared text now hangs on Alice's article.
	got, err := alice.Claim(ctx, bc.ID)
	if err != nil || got.ArticleID != a1.ID || got.Verdict != annotate.Confirmed || got.CreatedBy != "Bob" {
		t.Fatalf("Bob's claim here = %+v, %v (want on article %s)", got, err, a1.ID)
	}
	if cs, _ := alice.Claims(ctx, storage.ClaimFilter{ArticleID: a1.ID}); len(cs) != 2 {
		t.Fatalf("claims on the shared article = %d, want 2", len(cs))
	}
	hits, err := alice.Search(ctx, "statistics bulletin", 10)
	if err != nil || len(hits) != 1 || hits[0].ClaimID != bc.ID {
		t.Fatalf("search for Bob's note = %+v, %v", hits, err)
	}
	hits, _ = alice.Search(ctx, "harvest", 10)
	if len(hits) != 1 || hits[0].ArticleID != b2.ID {
		t.Fatalf("search for Bob's new article = %+v", hits)
	}
	if ls, _ := alice.Links(ctx, bc2.ID); len(ls) != 1 || ls[0].Source == nil || ls[0].Source.Title != "Spring report" {
		t.Fatalf("links of Bob's claim = %+v", ls)
	}
	hist, _ := alice.History(ctx, bc.ID, 0)
	if len(hist) != 2 || hist[1].Field != "note" || hist[1].Reviewer != "Bob" {
		t.Fatalf("history of Bob's claim = %+v", hist)
	}
	shCheckIndexes(t, alice.Path())

	// Merging the same file again changes nothing.
	again := shMerge(t, alice, file)
	if !again.Empty() {
		t.Fatalf("second merge = %s (%+v)", again.Summary(), again)
	}
}

// Two reviewers rating one claim differently: a rating never replaces another, so no side's
// verdict is overwritten and there is no conflict to resolve, but the claim is contested on
// both sides until a person settles it; the decision travels.
func TestMergeDisagreeingVerdictsMakeTheClaimContested(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, _ := shBase(t)
	if _, err := alice.SetVerdict(ctx, claim.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SetVerdict(ctx, claim.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SetNote(ctx, claim.ID, "The survey changed in March"); err != nil {
		t.Fatal(err)
	}

	rep := shMerge(t, alice, shShare(t, bob, "bob1.db"))
	if len(rep.Conflicts) != 0 {
		t.Fatalf("conflicts = %+v", rep.Conflicts)
	}
	if len(rep.Changes) != 1 || rep.Changes[0].Field != "note" { // the note changed on Bob's side only
		t.Fatalf("changes = %+v", rep.Changes)
	}
	shMerge(t, bob, shShare(t, alice, "alice1.db"))
	for _, db := range []*storage.DB{alice, bob} {
		c, _ := db.Claim(ctx, claim.ID)
		if !c.Contested || c.Verdict != annotate.Unverified || c.Note != "The survey changed in March" {
			t.Fatalf("%s: claim after merge = %+v", db.Reviewer(), c)
		}
		if r := ratingsOf(c); r["Alice"] != annotate.Confirmed || r["Bob"] != annotate.Disputed {
			t.Fatalf("%s: ratings = %v", db.Reviewer(), r)
		}
	}

	// Alice settles it as disputed; the next exchange settles Bob's side too.
	if _, err := alice.SettleClaim(ctx, claim.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	shMerge(t, bob, shShare(t, alice, "alice2.db"))
	for _, db := range []*storage.DB{alice, bob} {
		c, _ := db.Claim(ctx, claim.ID)
		if c.Contested || c.Verdict != annotate.Disputed || c.Settled == nil || len(c.Ratings) != 2 {
			t.Fatalf("%s: settled claim = %+v", db.Reviewer(), c)
		}
	}
	// A later rating that disagrees with the settlement ends it: Bob now agrees with Alice's
	// rating, so the claim is confirmed.
	if _, err := bob.SetVerdict(ctx, claim.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if c, _ := bob.Claim(ctx, claim.ID); c.Contested || c.Verdict != annotate.Confirmed {
		t.Fatalf("a rating after the settlement that disagrees: %+v", c)
	}
	shCheckIndexes(t, alice.Path())
	shCheckIndexes(t, bob.Path())
}

func TestResolveKeepMineWinsOnNextExchange(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, _ := shBase(t)
	alice.SetNote(ctx, claim.ID, "Alice's note")
	bob.SetNote(ctx, claim.ID, "Bob's note")
	rep := shMerge(t, alice, shShare(t, bob, "b.db"))
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Field != "note" {
		t.Fatalf("conflicts = %+v", rep.Conflicts)
	}
	if _, err := alice.ResolveConflict(ctx, rep.Conflicts[0].ID, storage.KeepMine, ""); err != nil {
		t.Fatal(err)
	}
	shMerge(t, bob, shShare(t, alice, "a.db"))
	if c, _ := bob.Claim(ctx, claim.ID); c.Note != "Alice's note" {
		t.Fatalf("Bob's note after Alice kept hers = %q", c.Note)
	}
	if hits, _ := bob.Search(ctx, "Bob's", 10); len(hits) != 0 {
		t.Fatalf("the old note is still in Bob's index: %+v", hits)
	}
	shCheckIndexes(t, bob.Path())

	// Edit: a third value chosen by the person resolving.
	alice.SetNote(ctx, claim.ID, "Alice again")
	bob.SetNote(ctx, claim.ID, "Bob again")
	rep = shMerge(t, bob, shShare(t, alice, "a2.db"))
	if len(rep.Conflicts) != 1 {
		t.Fatalf("second conflict: %+v", rep.Conflicts)
	}
	if _, err := bob.ResolveConflict(ctx, rep.Conflicts[0].ID, storage.KeepEdited, "Agreed wording"); err != nil {
		t.Fatal(err)
	}
	shMerge(t, alice, shShare(t, bob, "b2.db"))
	for _, db := range []*storage.DB{alice, bob} {
		if c, _ := db.Claim(ctx, claim.ID); c.Note != "Agreed wording" {
			t.Fatalf("%s: note = %q", db.Path(), c.Note)
		}
		if open, _ := db.Conflicts(ctx, storage.ConflictFilter{}); len(open) != 0 {
			t.Fatalf("%s: open conflicts %+v", db.Path(), open)
		}
	}
}

func TestMergeTombstonesAndDeleteEditConflicts(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, art := shBase(t)
	other := shClaim(t, alice, art.ID, shText1, "the lowest level in a decade", annotate.Unverified)
	// Bob gets the second claim first.
	shMerge(t, bob, shShare(t, alice, "a0.db"))

	// Bob deletes both claims; Alice edits only the first.
	if err := bob.DeleteClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := bob.DeleteClaim(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.SetVerdict(ctx, claim.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	rep := shMerge(t, alice, shShare(t, bob, "b1.db"))
	if len(rep.Deleted) != 1 || rep.Deleted[0].RowID != other.ID {
		t.Fatalf("deleted = %+v", rep.Deleted)
	}
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Field != "delete" || rep.Conflicts[0].Mine.Value != "kept" || rep.Conflicts[0].Theirs.Value != "deleted" {
		t.Fatalf("conflicts = %+v", rep.Conflicts)
	}
	if _, err := alice.Claim(ctx, other.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Fatalf("the claim Bob deleted and Alice left alone is still here: %v", err)
	}
	if c, err := alice.Claim(ctx, claim.ID); err != nil || c.Verdict != annotate.Confirmed {
		t.Fatalf("the claim Alice edited was deleted: %+v, %v", c, err)
	}
	// Bob merges back: his delete stays (mine stays), Alice's edit reaches the tombstone.
	shMerge(t, bob, shShare(t, alice, "a1.db"))
	if _, err := bob.Claim(ctx, claim.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Fatalf("Bob's delete was undone: %v", err)
	}
	open, _ := bob.Conflicts(ctx, storage.ConflictFilter{})
	if len(open) != 1 || open[0].Mine.Value != "deleted" || open[0].Current != "deleted" {
		t.Fatalf("Bob's conflicts = %+v", open)
	}
	// Bob takes theirs: the claim comes back on his side, with Alice's verdict.
	if _, err := bob.ResolveConflict(ctx, open[0].ID, storage.KeepTheirs, ""); err != nil {
		t.Fatal(err)
	}
	c, err := bob.Claim(ctx, claim.ID)
	if err != nil || c.Verdict != annotate.Confirmed {
		t.Fatalf("restored claim = %+v, %v", c, err)
	}
	if hits, _ := bob.Search(ctx, "unemployment fell", 10); len(hits) == 0 {
		t.Fatal("the restored claim is not searchable")
	}
	shMerge(t, alice, shShare(t, bob, "b2.db"))
	if open, _ := alice.Conflicts(ctx, storage.ConflictFilter{}); len(open) != 0 {
		t.Fatalf("Alice's conflicts after Bob's resolution: %+v", open)
	}
	if _, err := alice.Claim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	shCheckIndexes(t, alice.Path())
	shCheckIndexes(t, bob.Path())
}

func TestMergeReanchorsOrHoldsClaimsThatDoNotMatchTheText(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	art := shImport(t, bob, "Unemployment", shText1)
	moved := shClaim(t, bob, art.ID, shText1, "the lowest level in a decade", annotate.Confirmed)
	lost := shClaim(t, bob, art.ID, shText1, "Critics noted", annotate.Disputed)
	file := shShare(t, bob, "bob.db.share")
	// Another program shifted one claim's offsets and changed another's quote.
	raw := shRaw(t, file)
	shExec(t, raw, `UPDATE claims SET rune_start = rune_start + 3, rune_end = rune_end + 3 WHERE id = ?`, moved.ID)
	shExec(t, raw, `UPDATE claims SET exact = 'The harbour flooded twice' WHERE id = ?`, lost.ID)
	raw.Close()

	rep := shMerge(t, alice, file)
	if len(rep.Reanchored) != 2 {
		t.Fatalf("reanchored = %+v", rep.Reanchored)
	}
	c, err := alice.Claim(ctx, moved.ID)
	if err != nil || c.Start != moved.Start || c.End != moved.End || c.Exact != moved.Exact {
		t.Fatalf("moved claim = %+v, %v; want at %d-%d", c, err, moved.Start, moved.End)
	}
	if _, err := alice.Claim(ctx, lost.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Fatalf("a claim whose quote is not in the text is shown: %v", err)
	}
	open, _ := alice.Conflicts(ctx, storage.ConflictFilter{})
	if len(open) != 1 || open[0].Field != "anchor" || open[0].Theirs.Value != "The harbour flooded twice" {
		t.Fatalf("conflicts = %+v", open)
	}
	if _, err := alice.ResolveConflict(ctx, open[0].ID, storage.KeepTheirs, ""); !storage.IsKind(err, storage.KindUsage) ||
		storage.CodeOf(err) != storage.CodeQuoteNotInArticle || storage.AsError(err).Facts.ID != lost.ID {
		t.Fatalf("taking a lost quote as is: %v, want the code %s for claim %s", err, storage.CodeQuoteNotInArticle, lost.ID)
	}
	if _, err := alice.ResolveConflict(ctx, open[0].ID, storage.KeepEdited, "Critics noted"); err != nil {
		t.Fatal(err)
	}
	c, err = alice.Claim(ctx, lost.ID)
	if err != nil || c.Exact != "Critics noted" || c.Verdict != annotate.Disputed {
		t.Fatalf("re-anchored by hand: %+v, %v", c, err)
	}
	shCheckIndexes(t, alice.Path())
}

func TestMergeLowStakesFieldsTakeTheLaterChange(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, _ := shBase(t)
	l, err := alice.AddSource(ctx, claim.ID, annotate.Source{URL: "https://stats.example/march", Title: "March bulletin", Publisher: "Stats office"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	shMerge(t, bob, shShare(t, alice, "a0.db"))
	// No API edits sources yet: play a later version that does (row and history, as Factdesk writes them).
	edit := func(db *storage.DB, field, value, at string) {
		path := db.Path()
		raw := shRaw(t, path)
		var reviewer, old string
		if err := raw.QueryRow(`SELECT id FROM reviewers WHERE name = ?`, map[bool]string{true: "Alice", false: "Bob"}[db == alice]).Scan(&reviewer); err != nil {
			t.Fatal(err)
		}
		raw.QueryRow(`SELECT `+field+` FROM sources WHERE id = ?`, l.SourceID).Scan(&old)
		shExec(t, raw, `UPDATE sources SET `+field+` = ?, updated_at = ?, updated_by = ? WHERE id = ?`, value, at, reviewer, l.SourceID)
		shExec(t, raw, `INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
			fmt.Sprintf("0190%08x-0000-7000-8000-%012x", len(at)+len(value), len(value)), at, reviewer, "sources", l.SourceID, field, old, value)
		raw.Close()
	}
	// After every stamp of this test, within the clock skew merges accept (not in the future).
	soon := func(d time.Duration) string { return time.Now().UTC().Add(d).Format("2006-01-02T15:04:05.000000Z") }
	edit(alice, "title", "March labour bulletin", soon(2*time.Minute))
	edit(bob, "title", "Bulletin of March", soon(3*time.Minute)) // later
	edit(bob, "publisher", "National statistics office", soon(time.Minute))

	rep := shMerge(t, alice, shShare(t, bob, "b1.db"))
	if len(rep.Conflicts) != 0 || len(rep.Changes) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	shMerge(t, bob, shShare(t, alice, "a1.db"))
	for _, db := range []*storage.DB{alice, bob} {
		ls, _ := db.Links(ctx, claim.ID)
		if len(ls) != 1 || ls[0].Source.Title != "Bulletin of March" || ls[0].Source.Publisher != "National statistics office" {
			t.Fatalf("%s: source = %+v", db.Path(), ls[0].Source)
		}
	}
	hist, _ := alice.History(ctx, "", 0)
	logged := false
	for _, h := range hist {
		logged = logged || (h.Field == "merge:title" && h.New == "Bulletin of March" && h.Reviewer == "Alice")
	}
	if !logged {
		t.Fatal("the choice of the later title is not in Alice's history")
	}
}

func TestMergeRefusesIntoReadOnlyAndNeedsAReviewer(t *testing.T) {
	ctx := context.Background()
	alice, bob, _, _ := shBase(t)
	file := shShare(t, bob, "b.db")
	path := alice.Path()
	alice.Close()
	ro, err := storage.Open(ctx, path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Merge(ctx, file); !storage.IsKind(err, storage.KindReadOnly) && !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("merge into a read-only database: %v", err)
	}
	if _, err := ro.PreviewMerge(ctx, file); err != nil {
		t.Fatalf("a preview works on a read-only database: %v", err)
	}
	if !strings.Contains(file, "b.db") {
		t.Fatal(file)
	}
}

// The kill -9 test re-executes the test binary as a child that merges a file and is killed.
const (
	shChildEnv  = "FACTDESK_MERGE_TEST_CHILD"
	shChildDB   = "FACTDESK_MERGE_TEST_DB"
	shChildFile = "FACTDESK_MERGE_TEST_FILE"
)

// TestMergeCrashChild is the child of TestMergeKilledMidway: it merges a file and says when it
// starts. It does nothing in a normal test run.
func TestMergeCrashChild(t *testing.T) {
	if os.Getenv(shChildEnv) != "merge" {
		return
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, os.Getenv(shChildDB), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	fmt.Println("merging")
	if _, err := db.Merge(ctx, os.Getenv(shChildFile)); err != nil {
		t.Fatal(err)
	}
	fmt.Println("merged")
	db.Close()
}

// TestMergeKilledMidway kills a merging process with SIGKILL at random moments, 50 times: the
// working database always passes integrity_check and is either untouched or fully merged.
func TestMergeKilledMidway(t *testing.T) {
	dir := t.TempDir()
	set := shBuildMergeSet(t, dir, 150) // a file of 3,000 claims, 1,500 new
	untouched := shRead(t, set.local)

	// The fully merged state, and how long a merge takes in a child process.
	full := filepath.Join(dir, "full.db")
	shCopy(t, set.local, full)
	start := time.Now()
	out, err := shMergeChild(t, full, set.remote).CombinedOutput()
	if err != nil {
		t.Fatalf("child merge: %v\n%s", err, out)
	}
	took := time.Since(start)
	merged := shRead(t, full)
	if len(merged.history) == len(untouched.history) {
		t.Fatal("the merge changed nothing")
	}

	rng := rand.New(rand.NewPCG(50, 5))
	counts := map[string]int{}
	for i := range 50 {
		work := filepath.Join(dir, fmt.Sprintf("work%d.db", i))
		shCopy(t, set.local, work)
		cmd := shMergeChild(t, work, set.remote)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 8)
		io.ReadFull(stdout, buf) // "merging\n": the merge begins
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		cmd.Process.Kill()
		cmd.Wait()

		got := shRead(t, work) // opens the file: recovery of the -wal happens here
		shCheckIndexes(t, work)
		switch {
		case slicesEqual(got.dump, untouched.dump) && len(got.history) == len(untouched.history):
			counts["untouched"]++
		case slicesEqual(got.dump, merged.dump) && len(got.history) == len(merged.history):
			counts["merged"]++
		default:
			t.Fatalf("kill %d: the database is neither untouched nor fully merged:\n%s", i, shDiff(untouched.dump, got.dump))
		}
		os.Remove(work)
		os.Remove(work + "-wal")
		os.Remove(work + "-shm")
	}
	if counts["untouched"] == 0 {
		t.Fatalf("no kill landed during a merge: %v", counts)
	}
	t.Logf("50 kills during a %v merge: %v", took.Round(time.Millisecond), counts)
}

func shMergeChild(t *testing.T, db, file string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestMergeCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), shChildEnv+"=merge", shChildDB+"="+db, shChildFile+"="+file)
	return cmd
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

func TestRatingsAndAgreementAcrossReviewers(t *testing.T) {
	ctx := context.Background()
	alice, bob, c1, art := shBase(t)
	c2 := shClaim(t, alice, art.ID, shText1, "the lowest level in a decade", annotate.Unverified)
	c3 := shClaim(t, alice, art.ID, shText1, "Critics noted", annotate.Unverified)
	shMerge(t, bob, shShare(t, alice, "a0.db"))
	// The same text imported by each, the same span claimed by each: one item.
	aRain := shImport(t, alice, "Rain (Alice)", shText2)
	bRain := shImport(t, bob, "Rain (Bob)", shText2)
	aSpan := shClaim(t, alice, aRain.ID, shText2, "30 percent below average", annotate.Disputed)
	bSpan := shClaim(t, bob, bRain.ID, shText2, "30 percent below average", annotate.Disputed)
	// Claims linked as the same claim: one item.
	aHarvest := shClaim(t, alice, aRain.ID, shText2, "the smallest since 2011", annotate.Confirmed)
	bHarvest := shClaim(t, bob, bRain.ID, shText2, "the harvest will be the smallest", annotate.Unverified)

	set := func(db *storage.DB, c annotate.Claim, v annotate.Verdict) {
		if _, err := db.SetVerdict(ctx, c.ID, v); err != nil {
			t.Fatal(err)
		}
	}
	set(alice, c1, annotate.Confirmed)
	set(alice, c2, annotate.Confirmed)
	set(alice, c2, annotate.Disputed) // the latest rating counts
	set(alice, c3, annotate.Confirmed)
	set(bob, c1, annotate.Confirmed)
	set(bob, c2, annotate.Confirmed)
	set(bob, c3, annotate.Confirmed)
	set(bob, bHarvest, annotate.Disputed)
	shMerge(t, alice, shShare(t, bob, "b1.db"))
	shMerge(t, bob, shShare(t, alice, "a1.db"))
	if _, err := bob.LinkClaims(ctx, bHarvest.ID, aHarvest.ID, annotate.SameClaim); err != nil {
		t.Fatal(err)
	}
	shMerge(t, alice, shShare(t, bob, "b2.db"))

	for _, db := range []*storage.DB{alice, bob} {
		rs, err := db.Ratings(ctx, c2.ID)
		if err != nil || len(rs) != 2 || rs[0].Reviewer != "Alice" || rs[0].Verdict != annotate.Disputed || rs[1].Reviewer != "Bob" || rs[1].Verdict != annotate.Confirmed {
			t.Fatalf("%s: ratings of the contested claim = %+v, %v", db.Path(), rs, err)
		}
		revs, _ := db.Reviewers(ctx)
		var bobID string
		for _, r := range revs {
			if r.Name == "Bob" {
				bobID = r.ID
			}
		}
		byBob, err := db.RatedClaims(ctx, storage.RatingFilter{ReviewerID: bobID})
		if err != nil || len(byBob) != 5 { // c1, c2, c3, his span claim, his harvest claim
			t.Fatalf("%s: claims Bob rated = %d, %v", db.Path(), len(byBob), err)
		}
		dis, _ := db.RatedClaims(ctx, storage.RatingFilter{Disagreements: true})
		if len(dis) != 1 || dis[0].ID != c2.ID || dis[0].ArticleTitle == "" || dis[0].Agrees() {
			t.Fatalf("%s: claims with disagreeing ratings = %+v", db.Path(), dis)
		}
		if r, ok := dis[0].RatingOf("Bob"); !ok || r.Verdict != annotate.Confirmed {
			t.Fatalf("Bob's rating = %+v %v", r, ok)
		}

		res, err := db.Agreement(ctx)
		if err != nil {
			t.Fatal(err)
		}
		spanItem := min(aSpan.ID, bSpan.ID)
		harvestItem := min(aHarvest.ID, bHarvest.ID)
		want := annotate.Agreement([]annotate.Rating{
			{Item: c1.ID, Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: c1.ID, Reviewer: "Bob", Verdict: annotate.Confirmed},
			{Item: c2.ID, Reviewer: "Alice", Verdict: annotate.Disputed}, {Item: c2.ID, Reviewer: "Bob", Verdict: annotate.Confirmed},
			{Item: c3.ID, Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: c3.ID, Reviewer: "Bob", Verdict: annotate.Confirmed},
			{Item: spanItem, Reviewer: "Alice", Verdict: annotate.Disputed}, {Item: spanItem, Reviewer: "Bob", Verdict: annotate.Disputed},
			{Item: harvestItem, Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: harvestItem, Reviewer: "Bob", Verdict: annotate.Disputed},
		})
		if res.Items != 5 || res.PercentAgreement != want.PercentAgreement || res.KrippendorffAlpha != want.KrippendorffAlpha ||
			len(res.Pairs) != 1 || res.Pairs[0] != want.Pairs[0] || len(res.Disagreements) != 2 || len(res.Details) != 5 {
			t.Fatalf("%s: agreement = %+v\nwant %+v", db.Path(), res.AgreementReport, want)
		}
		if it := res.Details[harvestItem]; len(it.ClaimIDs) != 2 || it.Quote == "" || it.ArticleTitle == "" {
			t.Fatalf("%s: the linked item = %+v", db.Path(), it)
		}
		if it := res.Details[spanItem]; len(it.ClaimIDs) != 1 { // one span, one claim after the merge
			t.Fatalf("%s: the same-span item = %+v", db.Path(), it)
		}
		if res.Pairs[0].Percent != 60 || res.Pairs[0].Confusion.At(annotate.Disputed, annotate.Confirmed) != 1 {
			t.Fatalf("%s: pair = %+v", db.Path(), res.Pairs[0])
		}
	}
}

// A third reviewer receives a file with a claim two others rated differently: it comes
// contested with both ratings, and the settlement and later ratings reach her.
func TestThirdReviewerGetsTheContestedClaimAndItsSettlement(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, _ := shBase(t)
	carolPath := filepath.Join(filepath.Dir(alice.Path()), "carol.db")
	shCopy(t, shShare(t, alice, "base-for-carol.db"), carolPath)
	carol := shOpen(t, carolPath, "Carol")
	alice.SetVerdict(ctx, claim.ID, annotate.Confirmed)
	bob.SetVerdict(ctx, claim.ID, annotate.Disputed)
	shMerge(t, alice, shShare(t, bob, "b.db"))

	rep := shMerge(t, carol, shShare(t, alice, "a1.db"))
	if len(rep.Conflicts) != 0 {
		t.Fatalf("Carol's merge: %+v", rep.Conflicts)
	}
	if c, _ := carol.Claim(ctx, claim.ID); !c.Contested || len(c.Ratings) != 2 {
		t.Fatalf("Carol's claim: %+v", c)
	}
	if _, err := alice.SettleClaim(ctx, claim.ID, annotate.Unverified); err != nil {
		t.Fatal(err)
	}
	alice.SetVerdict(ctx, claim.ID, annotate.Disputed) // then Alice rates it again: she and Bob agree
	shMerge(t, carol, shShare(t, alice, "a2.db"))
	shMerge(t, bob, shShare(t, alice, "a3.db"))
	for _, db := range []*storage.DB{carol, bob} {
		if c, _ := db.Claim(ctx, claim.ID); c.Verdict != annotate.Disputed || c.Contested {
			t.Fatalf("%s: verdict %s after Alice's settlement and new rating", db.Path(), c.Verdict)
		}
		if left, _ := db.Conflicts(ctx, storage.ConflictFilter{}); len(left) != 0 {
			t.Fatalf("%s: open conflicts %+v", db.Path(), left)
		}
	}
}
