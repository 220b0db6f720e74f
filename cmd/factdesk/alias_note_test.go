package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestANoteOnTheOldIDLandsOnTheSurvivor is the alias story on the command line: two reviewers
// claim the same span, each with a note; one merges the other's file, so the two claims are
// one (the smaller id survives) and the other's claim id is an alias there. The other, who has
// not merged yet, edits the note of their claim by its old id; after the next merges, both
// ways, the survivor shows the new note in place of the old one, on both sides, and search
// finds it.
func TestANoteOnTheOldIDLandsOnTheSurvivor(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "toll.txt")
	if err := os.WriteFile(article, []byte(storyText), 0o644); err != nil {
		t.Fatal(err)
	}
	pa, pb := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	claimOf := func(db, who, verdict, note string) string {
		shMust(t, db, who, "import", article)
		var arts []articleJSON
		shJSON(t, db, who, &arts, "articles")
		id := strings.TrimSpace(shMust(t, db, who, "claim", "add", "--article", arts[0].ID, "--quote", storyQuote, "--verdict", verdict))
		shMust(t, db, who, "claim", "set", shortID(id), "--note", note)
		return id
	}
	ca := claimOf(pa, "Alice", "confirmed", "the ministry's figure")
	cb := claimOf(pb, "Bob", "disputed", "first look: too low")
	type side struct{ db, who string }
	unifier, editor := side{pa, "Alice"}, side{pb, "Bob"}
	survivor, alias := ca, cb
	if cb < ca {
		unifier, editor = editor, unifier
		survivor, alias = cb, ca
	}
	oldNote, newNote := "first look: too low", "aid groups count more than 500: too low"
	if alias == ca {
		oldNote = "the ministry's figure"
	}
	n := 0
	exchange := func(from, into side) string {
		n++
		file := filepath.Join(dir, "share"+string(rune('0'+n))+".db")
		shMust(t, from.db, from.who, "share", "--out", file)
		return shMust(t, into.db, into.who, "merge", file, "--yes")
	}
	if out := exchange(editor, unifier); !strings.Contains(out, "already claimed") {
		t.Fatalf("the first merge does not make the two claims one:\n%s", out)
	}
	var cs []claimJSON
	shJSON(t, unifier.db, unifier.who, &cs, "claims")
	if len(cs) != 1 || cs[0].ID != survivor || !strings.Contains(cs[0].Note, oldNote) {
		t.Fatalf("%s after the first merge: %+v", unifier.who, cs)
	}

	// The editor, who has not merged yet, edits the note of their claim by its old id.
	shMust(t, editor.db, editor.who, "claim", "set", shortID(alias), "--note", newNote)
	if out := exchange(editor, unifier); strings.Contains(out, "Conflicts") || !strings.Contains(out, "the note lands on this claim") {
		t.Fatalf("the merge does not say the note lands on the claim, or raises a conflict nobody caused:\n%s", out)
	}
	exchange(unifier, editor)
	for _, s := range []side{unifier, editor} {
		shJSON(t, s.db, s.who, &cs, "claims")
		if len(cs) != 1 || cs[0].ID != survivor {
			t.Fatalf("%s: want the one claim %s, got %+v", s.who, survivor, cs)
		}
		if !strings.Contains(cs[0].Note, newNote) || strings.Contains(cs[0].Note, oldNote) {
			t.Fatalf("%s: the survivor's note %q, want %q in place of %q", s.who, cs[0].Note, newNote, oldNote)
		}
		if out := shMust(t, s.db, s.who, "history", shortID(alias)); !strings.Contains(out, newNote) {
			t.Fatalf("%s: the claim's history, by the old id, does not show the note landing:\n%s", s.who, out)
		}
		if out := shMust(t, s.db, s.who, "search", "aid groups count"); !strings.Contains(out, "claim "+shortID(survivor)) || !strings.Contains(out, "[groups] [count]") {
			t.Fatalf("%s: search does not find the note on the survivor:\n%s", s.who, out)
		}
		if out := shMust(t, s.db, s.who, "conflicts"); !strings.Contains(out, "No conflicts") {
			t.Fatalf("%s: %s", s.who, out)
		}
	}
	if out := exchange(editor, unifier); !strings.Contains(out, "Nothing new") && strings.Contains(out, "Conflicts") {
		t.Fatalf("a further merge: %s", out)
	}
}
