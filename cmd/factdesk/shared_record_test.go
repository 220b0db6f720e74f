package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The article of the shared-record story, written for the test.
const storyText = `Karabakh: the toll rises

The official death toll is 300 to 400, the defence ministry said on Monday. Aid groups counted more than 500 dead in the north of the region, where fighting went on through the night.

Talks are planned in Moscow on Friday.
`

const storyQuote = "The official death toll is 300 to 400"

// TestSharedRecordStory is issue 8's story on the command line: Alice and Bob each import the
// same article and each make a claim of the same sentence, one confirmed, one disputed. After
// merging both ways there is one claim on the span, contested, with both ratings; agreement
// counts it once; the HTML report prints the quote once. Then Alice deletes the claim and
// restores it: same id, same history with a restored entry; Bob edits the note meanwhile, and
// the next merges raise no conflict nobody caused.
func TestSharedRecordStory(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "toll.txt")
	if err := os.WriteFile(article, []byte(storyText), 0o644); err != nil {
		t.Fatal(err)
	}
	pa, pb := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	claimOf := func(db, who, verdict string) string {
		shMust(t, db, who, "import", article)
		var arts []articleJSON
		shJSON(t, db, who, &arts, "articles")
		if len(arts) != 1 {
			t.Fatalf("%s's articles: %+v", who, arts)
		}
		return strings.TrimSpace(shMust(t, db, who, "claim", "add", "--article", arts[0].ID, "--quote", storyQuote, "--verdict", verdict))
	}
	ca := claimOf(pa, "Alice", "confirmed")
	cb := claimOf(pb, "Bob", "disputed")
	if ca == cb {
		t.Fatal("two reviewers made the same claim id")
	}
	exchange := func(from, fromWho, into, intoWho, name string) string {
		file := filepath.Join(dir, name)
		shMust(t, from, fromWho, "share", "--out", file)
		return shMust(t, into, intoWho, "merge", file, "--yes")
	}
	if out := exchange(pb, "Bob", pa, "Alice", "bob1.db"); !strings.Contains(out, "already claimed") {
		t.Fatalf("Alice's merge does not say the two claims became one:\n%s", out)
	}
	exchange(pa, "Alice", pb, "Bob", "alice1.db")

	survivor, alias := min(ca, cb), max(ca, cb)
	for _, side := range []struct{ db, who string }{{pa, "Alice"}, {pb, "Bob"}} {
		var cs []claimJSON
		shJSON(t, side.db, side.who, &cs, "claims")
		if len(cs) != 1 || cs[0].ID != survivor || !cs[0].Contested || cs[0].Verdict != "unverified" {
			t.Fatalf("%s: want one contested claim %s, got %+v", side.who, survivor, cs)
		}
		got := map[string]string{}
		for _, r := range cs[0].Ratings {
			got[r.Reviewer] = r.Verdict
		}
		if len(got) != 2 || got["Alice"] != "confirmed" || got["Bob"] != "disputed" {
			t.Fatalf("%s: ratings %v", side.who, got)
		}
		if out := shMust(t, side.db, side.who, "claims"); !strings.Contains(out, "contested") || !strings.Contains(out, "Alice ✓ confirmed, Bob ✗ disputed") {
			t.Fatalf("%s: claims listing:\n%s", side.who, out)
		}
		// The other id is an alias: it resolves wherever an id is accepted, short ids too.
		var one []claimJSON
		shJSON(t, side.db, side.who, &one, "claims", "--verdict", "contested")
		if len(one) != 1 {
			t.Fatalf("%s: contested filter %+v", side.who, one)
		}
		if out := shMust(t, side.db, side.who, "history", shortID(alias)); !strings.Contains(out, "created the claim") ||
			!strings.Contains(out, "one with claim") {
			t.Fatalf("%s: history by the alias's short id:\n%s", side.who, out)
		}
		var ag agreementJSON
		shJSON(t, side.db, side.who, &ag, "agreement")
		if ag.Items != 1 || len(ag.Disagreements) != 1 {
			t.Fatalf("%s: agreement counts the claim once: %+v", side.who, ag)
		}
		html := filepath.Join(dir, side.who+".html")
		shMust(t, side.db, side.who, "export", "--format", "html", "--out", html)
		b, err := os.ReadFile(html)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), "<mark>"+storyQuote); n != 1 {
			t.Fatalf("%s: the HTML report prints the quote %d times", side.who, n)
		}
		if !strings.Contains(string(b), "⚖ Contested") || !strings.Contains(string(b), "Alice ✓ confirmed, Bob ✗ disputed") {
			t.Fatalf("%s: the HTML report does not show the contested claim with its ratings", side.who)
		}
	}
	// Merging both ways again changes nothing.
	exchange(pb, "Bob", pa, "Alice", "bob2.db")
	if out := exchange(pa, "Alice", pb, "Bob", "alice2.db"); !strings.Contains(out, "Nothing new") {
		t.Fatalf("a further merge: %s", out)
	}

	// claim rm, then claim restore: the same id and history.
	before := shMust(t, pa, "Alice", "history", survivor)
	shMust(t, pa, "Alice", "claim", "rm", shortID(survivor))
	if out := shMust(t, pa, "Alice", "claim", "restore", shortID(survivor)); !strings.Contains(out, survivor) {
		t.Fatalf("claim restore: %s", out)
	}
	after := shMust(t, pa, "Alice", "history", survivor)
	if !strings.HasPrefix(after, strings.TrimRight(before, "\n")) || !strings.Contains(after, "deleted the claim") || !strings.Contains(after, "restored the claim") {
		t.Fatalf("history after rm and restore:\n%s\nbefore:\n%s", after, before)
	}
	shMust(t, pb, "Bob", "claim", "set", shortID(alias), "--note", "the ministry's own count")
	if out := exchange(pb, "Bob", pa, "Alice", "bob3.db"); strings.Contains(out, "Conflicts") {
		t.Fatalf("a conflict nobody caused:\n%s", out)
	}
	if out := exchange(pa, "Alice", pb, "Bob", "alice3.db"); strings.Contains(out, "Conflicts") {
		t.Fatalf("a conflict nobody caused:\n%s", out)
	}
	for _, side := range []struct{ db, who string }{{pa, "Alice"}, {pb, "Bob"}} {
		if out := shMust(t, side.db, side.who, "conflicts"); !strings.Contains(out, "No conflicts") {
			t.Fatalf("%s: %s", side.who, out)
		}
		var cs []claimJSON
		shJSON(t, side.db, side.who, &cs, "claims")
		if len(cs) != 1 || cs[0].ID != survivor || cs[0].Note != "the ministry's own count" || !cs[0].Contested {
			t.Fatalf("%s: after the restore and the merges: %+v", side.who, cs)
		}
	}
	// A person settles the claim: the ratings stay, the verdict is the desk's.
	if out := shMust(t, pa, "Alice", "claim", "settle", shortID(survivor), "disputed"); !strings.Contains(out, "settled") {
		t.Fatalf("claim settle: %s", out)
	}
	var cs []claimJSON
	shJSON(t, pa, "Alice", &cs, "claims")
	if cs[0].Contested || cs[0].Verdict != "disputed" || len(cs[0].Ratings) != 2 || cs[0].Settled == nil {
		t.Fatalf("settled claim: %+v", cs[0])
	}
	cr := filepath.Join(dir, "reviews.json")
	if out := shMust(t, pb, "Bob", "export", "--format", "claimreview", "--site-url", "https://factcheck.example/r", "--out", cr); !strings.Contains(out, "1 contested claim left out") {
		t.Fatalf("ClaimReview export of a contested claim: %s", out)
	}
}

// TestArticleSetRemoveRestore: an article's record is corrected with article set (bad values
// refused, saying what to give), removed with its claims and restored.
func TestArticleSetRemoveRestore(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "toll.txt")
	if err := os.WriteFile(article, []byte(storyText), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	shMust(t, db, "Alice", "import", article)
	var arts []articleJSON
	shJSON(t, db, "Alice", &arts, "articles")
	id := arts[0].ID
	shMust(t, db, "Alice", "claim", "add", "--article", id, "--quote", storyQuote, "--verdict", "confirmed")
	shMust(t, db, "Alice", "article", "set", shortID(id), "--outlet", "Le Monde", "--published", "2020-10-05", "--language", "fr",
		"--url", "https://lemonde.example/toll", "--title", "Le bilan")
	shJSON(t, db, "Alice", &arts, "articles")
	if a := arts[0]; a.Outlet != "Le Monde" || a.Published != "2020-10-05" || a.Language != "fr" || a.URL != "https://lemonde.example/toll" || a.Title != "Le bilan" {
		t.Fatalf("article after set: %+v", a)
	}
	if out := shMust(t, db, "Alice", "history", "--limit", "5"); !strings.Contains(out, "changed the article's outlet from “” to “Le Monde”") {
		t.Fatalf("history of the edit:\n%s", out)
	}
	_, errOut, code := shRun(t, db, "Alice", "article", "set", shortID(id), "--published", "5 Oct 2020")
	if code == 0 || !strings.Contains(errOut, "YYYY-MM-DD") {
		t.Fatalf("a bad date: exit %d, %q", code, errOut)
	}
	if out := shMust(t, db, "Alice", "article", "rm", shortID(id)); !strings.Contains(out, "1 claim") {
		t.Fatalf("article rm: %s", out)
	}
	if out := shMust(t, db, "Alice", "articles"); !strings.Contains(out, "No articles") {
		t.Fatalf("articles after rm: %s", out)
	}
	if out := shMust(t, db, "Alice", "article", "restore", shortID(id)); !strings.Contains(out, "with 1 claim") {
		t.Fatalf("article restore: %s", out)
	}
}
