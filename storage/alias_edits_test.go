package storage_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"factdesk/annotate"
	"factdesk/storage"
)

// After a merge made two claims of one span one, the reviewer who has not merged yet still
// works on the claim they made, whose id is now an alias. What they do to it lands on the
// survivor once the files meet, whichever way they are merged: the note (in place of the
// alias's old note within the joined one), the rating, the source, the link.
func TestEditsOnAnAliasLandOnTheSurvivor(t *testing.T) {
	for _, order := range []string{"the unifier merges first", "the editor merges first"} {
		t.Run(order, func(t *testing.T) {
			ctx := context.Background()
			alice, bob, artA, artB := twoReviewers(t)
			ca := shClaim(t, alice, artA.ID, deathToll, "The official death toll is 300 to 400", annotate.Confirmed)
			cb := shClaim(t, bob, artB.ID, deathToll, "The official death toll is 300 to 400", annotate.Confirmed)
			other := shClaim(t, bob, artB.ID, deathToll, "more than 500 dead", annotate.Unverified)
			survivor, alias := min(ca.ID, cb.ID), max(ca.ID, cb.ID)
			// unifier learns of the alias first; editor owns the alias id and edits it.
			unifier, editor := alice, bob
			unifierName, editorName := "Alice", "Bob"
			if alias == ca.ID {
				unifier, editor = bob, alice
				unifierName, editorName = "Bob", "Alice"
			}
			if _, err := unifier.SetNote(ctx, survivor, "ministry figure"); err != nil {
				t.Fatal(err)
			}
			if _, err := editor.SetNote(ctx, alias, "first look"); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Dir(alice.Path())
			n := 0
			share := func(db *storage.DB) string {
				n++
				return shShare(t, db, fmt.Sprintf("share%d.db", n))
			}
			if rep := shMerge(t, unifier, share(editor)); len(rep.Unified) != 1 {
				t.Fatalf("first merge: %s", rep.Summary())
			}
			if c, err := unifier.Claim(ctx, survivor); err != nil || c.Note != "ministry figure\n\nfirst look" {
				t.Fatalf("joined note %q (%v)", c.Note, err)
			}

			// The editor, unaware, works on the claim by its old id.
			if _, err := editor.SetNote(ctx, alias, "confirmed by the regional office"); err != nil {
				t.Fatal(err)
			}
			if _, err := editor.SetVerdict(ctx, alias, annotate.Disputed); err != nil {
				t.Fatal(err)
			}
			if _, err := editor.AddSource(ctx, alias, annotate.Source{URL: "https://example.org/office", Title: "Regional office"}, annotate.Supports); err != nil {
				t.Fatal(err)
			}
			if _, err := editor.LinkClaims(ctx, alias, other.ID, annotate.Contradicts); err != nil {
				t.Fatal(err)
			}

			preview, err := unifier.PreviewMerge(ctx, share(editor))
			if err != nil {
				t.Fatal(err)
			}
			said := false
			for _, c := range preview.Changes {
				said = said || (c.RowID == survivor && c.Field == "note" && c.New == "confirmed by the regional office" && c.By == editorName)
			}
			if !said {
				t.Errorf("the merge preview does not say the note lands on the survivor: %+v", preview.Changes)
			}
			if order == "the unifier merges first" {
				shMerge(t, unifier, share(editor))
				shMerge(t, editor, share(unifier))
			} else {
				shMerge(t, editor, share(unifier))
				shMerge(t, unifier, share(editor))
			}
			shMerge(t, editor, share(unifier))
			want := "ministry figure\n\nconfirmed by the regional office"
			names := map[*storage.DB]string{alice: "Alice", bob: "Bob"}
			for _, db := range []*storage.DB{alice, bob} {
				c, err := db.Claim(ctx, alias)
				if err != nil {
					t.Fatal(err)
				}
				if c.ID != survivor || c.Note != want {
					t.Errorf("%s: claim %s note %q, want %s with %q", names[db], c.ID, c.Note, survivor, want)
				}
				if r := ratingsOf(c); r[editorName] != annotate.Disputed || r[unifierName] != annotate.Confirmed || !c.Contested {
					t.Errorf("%s: ratings %v, contested %v", names[db], r, c.Contested)
				}
				links, err := db.Links(ctx, survivor)
				if err != nil {
					t.Fatal(err)
				}
				var source, linked bool
				for _, l := range links {
					source = source || (l.Source != nil && l.Source.Title == "Regional office")
					linked = linked || (l.TargetClaimID != "" && l.Other(survivor) == other.ID && l.Relation == annotate.Contradicts)
				}
				if !source || !linked {
					t.Errorf("%s: the survivor's links %+v lack the source (%v) or the link (%v)", names[db], links, source, linked)
				}
				hits, err := db.Search(ctx, "regional", 10)
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, h := range hits {
					found = found || h.ClaimID == survivor
				}
				if !found {
					t.Errorf("%s: searching the note's words does not find the survivor: %+v", names[db], hits)
				}
				hist, err := db.History(ctx, survivor, 0)
				if err != nil {
					t.Fatal(err)
				}
				landed := false
				for _, h := range hist {
					landed = landed || (h.RowID == survivor && h.Field == "note" && h.New == want && h.Reviewer == editorName)
				}
				if !landed {
					t.Errorf("%s: no history entry of the note landing on the survivor, by %s", names[db], editorName)
				}
			}
			a, b := shRead(t, alice.Path()), shRead(t, bob.Path())
			if fmt.Sprint(a.dump) != fmt.Sprint(b.dump) {
				t.Fatalf("the two files differ:\n%s", shDiff(a.dump, b.dump))
			}
			if again := shMerge(t, editor, filepath.Join(dir, fmt.Sprintf("share%d.db", n))); !again.Empty() {
				t.Fatalf("the same file again: %s", again.Summary())
			}
			shCheckIndexes(t, alice.Path())
			shCheckIndexes(t, bob.Path())
		})
	}
}

// landNote cases, through the merge: a cleared note on the alias removes its part.
func TestAClearedNoteOnAnAliasLeavesTheSurvivorsOwn(t *testing.T) {
	ctx := context.Background()
	alice, bob, artA, artB := twoReviewers(t)
	ca := shClaim(t, alice, artA.ID, deathToll, "300 to 400", annotate.Unverified)
	cb := shClaim(t, bob, artB.ID, deathToll, "300 to 400", annotate.Unverified)
	survivor, alias := min(ca.ID, cb.ID), max(ca.ID, cb.ID)
	unifier, editor := alice, bob
	if alias == ca.ID {
		unifier, editor = bob, alice
	}
	if _, err := unifier.SetNote(ctx, survivor, "mine"); err != nil {
		t.Fatal(err)
	}
	if _, err := editor.SetNote(ctx, alias, "theirs"); err != nil {
		t.Fatal(err)
	}
	shMerge(t, unifier, shShare(t, editor, "e1.db"))
	if _, err := editor.SetNote(ctx, alias, ""); err != nil {
		t.Fatal(err)
	}
	shMerge(t, unifier, shShare(t, editor, "e2.db"))
	if c, err := unifier.Claim(ctx, survivor); err != nil || c.Note != "mine" {
		t.Fatalf("note %q (%v), want the survivor's own", c.Note, err)
	}
}
