package storage_test

import (
	"context"
	"path/filepath"
	"testing"

	"factdesk/annotate"
	"factdesk/storage"
)

const deathToll = "The official death toll is 300 to 400, the ministry said on Monday. Aid groups counted more than 500 dead in the north."

// twoReviewers gives Alice and Bob each their own database, each with the same article
// imported on their own (two article ids, one text).
func twoReviewers(t *testing.T) (alice, bob *storage.DB, artA, artB annotate.Article) {
	t.Helper()
	dir := t.TempDir()
	alice = shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob = shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	artA = shImport(t, alice, "Death toll", deathToll)
	artB = shImport(t, bob, "Death toll", deathToll)
	return alice, bob, artA, artB
}

func liveClaims(t *testing.T, db *storage.DB) []annotate.Claim {
	t.Helper()
	cs, err := db.Claims(context.Background(), storage.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func ratingsOf(c annotate.Claim) map[string]annotate.Verdict {
	out := map[string]annotate.Verdict{}
	for _, r := range c.Ratings {
		out[r.Reviewer] = r.Verdict
	}
	return out
}

func TestSameSpanTwoReviewersMergeBothWaysIsOneContestedClaim(t *testing.T) {
	ctx := context.Background()
	alice, bob, artA, artB := twoReviewers(t)
	ca := shClaim(t, alice, artA.ID, deathToll, "The official death toll is 300 to 400", annotate.Confirmed)
	cb := shClaim(t, bob, artB.ID, deathToll, "The official death toll is 300 to 400", annotate.Disputed)
	if err := func() error { _, err := bob.SetNote(ctx, cb.ID, "the ministry's own figure"); return err }(); err != nil {
		t.Fatal(err)
	}

	rep := shMerge(t, alice, shShare(t, bob, "bob.db.share"))
	if len(rep.Unified) != 1 {
		t.Fatalf("merge report: want 1 claim made one, got %+v", rep.Unified)
	}
	shMerge(t, bob, shShare(t, alice, "alice.db.share"))
	survivor, alias := min(ca.ID, cb.ID), max(ca.ID, cb.ID)
	for _, db := range []*storage.DB{alice, bob} {
		cs := liveClaims(t, db)
		if len(cs) != 1 {
			t.Fatalf("%s: want one claim on the span, got %d", db.Reviewer(), len(cs))
		}
		c := cs[0]
		if c.ID != survivor || !c.Contested || c.Verdict != annotate.Unverified {
			t.Fatalf("claim %s: want %s contested (no verdict), got %+v", c.ID, survivor, c)
		}
		if r := ratingsOf(c); r["Alice"] != annotate.Confirmed || r["Bob"] != annotate.Disputed || len(r) != 2 {
			t.Fatalf("ratings: %v", r)
		}
		if c.Note != "the ministry's own figure" {
			t.Fatalf("note: %q", c.Note)
		}
		// The alias resolves everywhere an id is accepted.
		if got, err := db.Claim(ctx, alias); err != nil || got.ID != survivor {
			t.Fatalf("Claim(alias) = %v, %v", got.ID, err)
		}
		if got, err := db.ResolveID(ctx, "claims", alias[len(alias)-8:]); err != nil || got != survivor {
			t.Fatalf("ResolveID(short alias) = %v, %v", got, err)
		}
		hist, err := db.History(ctx, alias, 0)
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]bool{}
		for _, h := range hist {
			rows[h.RowID] = true
		}
		if !rows[survivor] || !rows[alias] {
			t.Fatalf("the history of the claim holds both ids' entries: %v", rows)
		}
		agr, err := db.Agreement(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(agr.Details) != 1 {
			t.Fatalf("agreement counts the claim once: %d items", len(agr.Details))
		}
		counts, err := db.Articles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[0].Counts.Contested != 1 || counts[0].Counts.Total() != 1 {
			t.Fatalf("counts: %+v", counts[0].Counts)
		}
	}
	// Merging the same file again changes nothing; exchanging again brings at most the other
	// side's log of its merge, and then nothing.
	if again := shMerge(t, bob, filepath.Join(filepath.Dir(alice.Path()), "alice.db.share")); !again.Empty() {
		t.Fatalf("the same file again: %s", again.Summary())
	}
	if again := shMerge(t, alice, shShare(t, bob, "bob2.db.share")); len(again.Unified) != 0 || len(again.Changes) != 0 || len(again.Conflicts) != 0 {
		t.Fatalf("second exchange: %s", again.Summary())
	}
	if again := shMerge(t, bob, shShare(t, alice, "alice2.db.share")); !again.Empty() {
		t.Fatalf("third exchange: %s", again.Summary())
	}

	// A person settles it; the decision travels; the ratings stay.
	if _, err := alice.SettleClaim(ctx, alias, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	shMerge(t, bob, shShare(t, alice, "alice3.db.share"))
	c, err := bob.Claim(ctx, survivor)
	if err != nil {
		t.Fatal(err)
	}
	if c.Contested || c.Verdict != annotate.Disputed || c.Settled == nil || c.Settled.Reviewer != "Alice" || len(c.Ratings) != 2 {
		t.Fatalf("settled claim: %+v", c)
	}
}

func TestARatingNeverReplacesAnother(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	c := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	got, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed)
	if err != nil {
		t.Fatal(err)
	}
	if got.Contested || got.Verdict != annotate.Confirmed || len(got.Ratings) != 2 {
		t.Fatalf("two agreeing ratings: %+v", got)
	}
	got, err = db.SetVerdict(ctx, c.ID, annotate.Disputed)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Contested || ratingsOf(got)["Alice"] != annotate.Confirmed || ratingsOf(got)["Bob"] != annotate.Disputed {
		t.Fatalf("Bob's rating replaced Alice's: %+v", got)
	}
	contested, err := db.Claims(ctx, storage.ClaimFilter{Contested: true})
	if err != nil || len(contested) != 1 {
		t.Fatalf("contested filter: %v %v", contested, err)
	}
	confirmed, err := db.Claims(ctx, storage.ClaimFilter{Verdict: annotate.Confirmed})
	if err != nil || len(confirmed) != 0 {
		t.Fatalf("a contested claim has no verdict: %v %v", confirmed, err)
	}
	// A claim made again on the same span is the same claim, with one more rating.
	if _, err := db.SetReviewer(ctx, "Carol"); err != nil {
		t.Fatal(err)
	}
	a, _ := annotate.FindQuote(frText, "300 à 400 morts", 1)
	again, err := db.AddClaim(ctx, art.ID, a, annotate.Disputed, "recount")
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != c.ID || len(again.Ratings) != 3 || again.Note != "recount" {
		t.Fatalf("same span twice: %+v", again)
	}
}

func TestUndoOfFirstVerdictLeavesNoRating(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	c := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	prev, had, err := db.MyRating(ctx, c.ID)
	if err != nil || had {
		t.Fatalf("no rating yet: %v %v %v", prev, had, err)
	}
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	got, err := db.UndoRating(ctx, c.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Ratings) != 0 || got.Verdict != annotate.Unverified || got.Contested {
		t.Fatalf("after undo: %+v", got)
	}
	rs, err := db.RatedClaims(ctx, storage.RatingFilter{})
	if err != nil || len(rs) != 0 {
		t.Fatalf("a phantom rating counts: %+v %v", rs, err)
	}
	// Undo of a second verdict gives the first back.
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	before := annotate.Confirmed
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	got, err = db.UndoRating(ctx, c.ID, &before)
	if err != nil || got.Verdict != annotate.Confirmed || len(got.Ratings) != 1 {
		t.Fatalf("undo to confirmed: %+v %v", got, err)
	}
}

func TestRestoreClaimKeepsIdHistoryAndLinks(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	c := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	other := mustClaim(t, db, art.ID, frText, "Genève")
	if _, err := db.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LinkClaims(ctx, c.ID, other.ID, annotate.Supports); err != nil {
		t.Fatal(err)
	}
	before, _ := db.History(ctx, c.ID, 0)
	if err := db.DeleteClaim(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RestoreClaim(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.Claim(ctx, c.ID)
	if err != nil || got.Verdict != annotate.Disputed {
		t.Fatalf("restored: %+v %v", got, err)
	}
	links, _ := db.Links(ctx, c.ID)
	if len(links) != 1 {
		t.Fatalf("the link deleted with the claim comes back: %+v", links)
	}
	after, _ := db.History(ctx, c.ID, 0)
	if len(after) <= len(before) || after[0].ID != before[0].ID {
		t.Fatal("the history goes on")
	}
	var restored bool
	for _, h := range after {
		restored = restored || annotate.DescribeChange(h).Kind == annotate.ChangeRestored
	}
	if !restored {
		t.Fatal("no restored entry")
	}
	if err := db.RestoreClaim(ctx, c.ID); !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("restoring a live claim: %v", err)
	}
}

func TestRestoreThenMergeRaisesNoConflictNobodyCaused(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, _ := shBase(t)
	if err := alice.DeleteClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := alice.RestoreClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.SetNote(ctx, claim.ID, "Bob's note"); err != nil {
		t.Fatal(err)
	}
	rep := shMerge(t, alice, shShare(t, bob, "bob.share"))
	if len(rep.Conflicts) != 0 {
		t.Fatalf("conflicts nobody caused: %+v", rep.Conflicts)
	}
	rep = shMerge(t, bob, shShare(t, alice, "alice.share"))
	if len(rep.Conflicts) != 0 {
		t.Fatalf("conflicts nobody caused: %+v", rep.Conflicts)
	}
	for _, db := range []*storage.DB{alice, bob} {
		c, err := db.Claim(ctx, claim.ID)
		if err != nil || c.Note != "Bob's note" {
			t.Fatalf("%s: %+v %v", db.Reviewer(), c, err)
		}
	}
}

func TestRestoreMeetsAnUnseenDeleteAsAConflict(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, _ := shBase(t)
	if err := alice.DeleteClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := alice.RestoreClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := bob.DeleteClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	rep := shMerge(t, alice, shShare(t, bob, "bob.share"))
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Field != "delete" {
		t.Fatalf("Bob's delete against Alice's restore: %+v", rep.Conflicts)
	}
	if _, err := alice.Claim(ctx, claim.ID); err != nil {
		t.Fatalf("the local state stays until a person decides: %v", err)
	}
	// A delete the restorer had seen is not a conflict: Bob takes the restore.
	rep = shMerge(t, bob, shShare(t, alice, "alice.share"))
	if len(rep.Conflicts) != 1 {
		t.Fatalf("the same conflict travels: %+v", rep.Conflicts)
	}
}

func TestEditArticleRecordsEachField(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	title, outlet, pub, lang := "Bilan", "Le Monde", "2024-03-15", "FR"
	if err := db.EditArticle(ctx, art.ID, storage.ArticleEdit{Title: &title, Outlet: &outlet, Published: &pub, Language: &lang}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Article(ctx, art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Bilan" || got.Outlet != "Le Monde" || got.Published != "2024-03-15" || got.Language != "fr" || got.Text != frText {
		t.Fatalf("edited article: %+v", got.Article)
	}
	hist, _ := db.History(ctx, art.ID, 0)
	fields := map[string]bool{}
	for _, h := range hist {
		fields[h.Field] = true
	}
	for _, f := range []string{"title", "outlet", "published"} {
		if !fields[f] {
			t.Fatalf("no history entry for %s: %v", f, fields)
		}
	}
	bad := "15/03/2024"
	if err := db.EditArticle(ctx, art.ID, storage.ArticleEdit{Published: &bad}); !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("bad date: %v", err)
	}
	badURL := "not a url"
	if err := db.EditArticle(ctx, art.ID, storage.ArticleEdit{URL: &badURL}); !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("bad url: %v", err)
	}
	if got2, _ := db.Article(ctx, art.ID); got2.Published != "2024-03-15" {
		t.Fatal("a refused edit changed the article")
	}
}

func TestRemoveArticleIsRestorableAndNeverResurrectedByMerge(t *testing.T) {
	ctx := context.Background()
	alice, bob, claim, art := shBase(t)
	if n, err := alice.ArticleClaimCount(ctx, art.ID); err != nil || n != 1 {
		t.Fatalf("count: %d %v", n, err)
	}
	n, err := alice.RemoveArticle(ctx, art.ID)
	if err != nil || n != 1 {
		t.Fatalf("remove: %d %v", n, err)
	}
	shMerge(t, alice, shShare(t, bob, "bob.share"))
	if arts, _ := alice.Articles(ctx); len(arts) != 0 {
		t.Fatal("a merge brought the removed article back")
	}
	shMerge(t, bob, shShare(t, alice, "alice.share"))
	if arts, _ := bob.Articles(ctx); len(arts) != 0 {
		t.Fatal("the removal did not travel")
	}
	if err := alice.RestoreArticle(ctx, art.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Claim(ctx, claim.ID); err != nil {
		t.Fatalf("the claim removed with the article comes back: %v", err)
	}
	shMerge(t, bob, shShare(t, alice, "alice2.share"))
	if _, err := bob.Claim(ctx, claim.ID); err != nil {
		t.Fatalf("the restore travels: %v", err)
	}
}

func TestOverlappingSpansStaySeparateAndAreOffered(t *testing.T) {
	ctx := context.Background()
	alice, bob, artA, artB := twoReviewers(t)
	shClaim(t, alice, artA.ID, deathToll, "The official death toll is 300 to 400", annotate.Confirmed)
	shClaim(t, bob, artB.ID, deathToll, "official death toll is 300 to 400, the ministry", annotate.Confirmed)
	rep := shMerge(t, alice, shShare(t, bob, "bob.share"))
	if len(rep.Unified) != 0 || len(rep.Overlaps) != 1 {
		t.Fatalf("overlap: unified %+v, overlaps %+v", rep.Unified, rep.Overlaps)
	}
	if cs := liveClaims(t, alice); len(cs) != 2 {
		t.Fatalf("two claims stay: %d", len(cs))
	}
	ov, err := alice.Overlaps(ctx)
	if err != nil || len(ov) != 1 {
		t.Fatalf("overlaps: %+v %v", ov, err)
	}
	if _, err := alice.LinkClaims(ctx, ov[0].A.ID, ov[0].B.ID, annotate.SameClaim); err != nil {
		t.Fatal(err)
	}
	if ov, _ := alice.Overlaps(ctx); len(ov) != 0 {
		t.Fatalf("linked pairs are no longer offered: %+v", ov)
	}
}
