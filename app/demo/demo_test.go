package demo

import (
	"context"
	"path/filepath"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// Every demo article goes through the corpus pipeline with its metadata, and every pre-made
// claim's quote is found in the article as imported.
func TestDemoArticlesParseAndQuotesAnchor(t *testing.T) {
	files := Files()
	if len(files) != 6 {
		t.Fatalf("%d demo files", len(files))
	}
	texts := map[string]string{}
	langs := map[string]int{}
	for _, f := range files {
		a, err := corpus.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if a.Title == "" || a.Outlet == "" || a.URL == "" || a.Published == "" {
			t.Errorf("%s lacks metadata: title %q outlet %q url %q published %q", f.Name, a.Title, a.Outlet, a.URL, a.Published)
		}
		langs[a.Language]++
		texts[f.Name] = a.Text
	}
	if langs["en"] != 3 || langs["fr"] != 3 {
		t.Errorf("languages %v, want 3 English and 3 French", langs)
	}
	verdicts := map[annotate.Verdict]bool{}
	keys := map[string]bool{}
	for _, c := range Claims {
		if _, err := annotate.FindQuote(texts[c.File], c.Quote, 1); err != nil {
			t.Errorf("claim %s: %v", c.Key, err)
		}
		verdicts[c.Verdict] = true
		keys[c.Key] = true
	}
	if len(verdicts) != 3 {
		t.Errorf("demo claims cover %d verdicts, want all 3", len(verdicts))
	}
	for _, l := range Links {
		if !keys[l.From] || !keys[l.To] {
			t.Errorf("link %s-%s names an unknown claim", l.From, l.To)
		}
	}
}

// Load makes the claims, sources and links once; loading again adds nothing.
func TestLoadTwice(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Demo"); err != nil {
		t.Fatal(err)
	}
	res, err := Load(ctx, db, corpus.Parse)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 6 || res.Claims != len(Claims) || len(res.Skipped) != 0 {
		t.Fatalf("first load: %+v", res)
	}
	again, err := Load(ctx, db, corpus.Parse)
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 0 || again.Claims != 0 || len(again.ArticleIDs) != 6 {
		t.Errorf("second load: %+v", again)
	}
	claims, _ := db.Claims(ctx, storage.ClaimFilter{})
	if len(claims) != len(Claims) {
		t.Errorf("%d claims after two loads", len(claims))
	}
	sources, links := 0, 0
	for _, c := range claims {
		ls, _ := db.Links(ctx, c.ID)
		for _, l := range ls {
			if l.Source != nil {
				sources++
			} else {
				links++
			}
		}
	}
	if sources != 3 || links != 2*len(Links) { // a claim link is seen from both ends
		t.Errorf("%d source links, %d claim link ends", sources, links)
	}
}
