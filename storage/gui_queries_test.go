package storage_test

import (
	"context"
	"testing"

	"factdesk/annotate"
)

// Disagreements lists the claims whose reviewers gave different verdicts, with every rating,
// and leaves out claims rated once or alike.
func TestDisagreements(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	art := mustImport(t, db, frText)
	split := mustClaim(t, db, art.ID, frText, "300 à 400 morts")
	alike := mustClaim(t, db, art.ID, frText, "une cinquantaine de civils")
	once := mustClaim(t, db, art.ID, frText, "Genève")
	for _, x := range []struct {
		who string
		c   annotate.Claim
		v   annotate.Verdict
	}{{"Alice", split, annotate.Confirmed}, {"Alice", alike, annotate.Disputed}, {"Alice", once, annotate.Confirmed},
		{"Bob", split, annotate.Disputed}, {"Bob", alike, annotate.Disputed}} {
		if _, err := db.SetReviewer(ctx, x.who); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetVerdict(ctx, x.c.ID, x.v); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Disagreements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[split.ID]) != 2 {
		t.Fatalf("disagreements = %+v, want only the split claim with two ratings", got)
	}
	rs := got[split.ID]
	if rs[0].Reviewer != "Alice" || rs[0].Verdict != annotate.Confirmed || rs[1].Reviewer != "Bob" || rs[1].Verdict != annotate.Disputed {
		t.Errorf("ratings of the split claim: %+v", rs)
	}
}
