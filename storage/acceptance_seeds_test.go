//go:build acceptance

package storage_test

import (
	"context"
	"path/filepath"
	"testing"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/corpus"
	"factdesk/corpus/corpustest"
)

// TestAcceptanceSeedsStoreAndRestore imports the real seed articles (`make acceptance
// SEEDS=DIR`), claims the quotes a fact-checker compares across them, links them, finds them by
// search, and restores the whole JSON export into a new database unchanged.
func TestAcceptanceSeedsStoreAndRestore(t *testing.T) {
	ctx := context.Background()
	db := rpOpen(t, filepath.Join(t.TempDir(), "seeds.db"), "Alice Martin")
	var parsed []corpus.Article
	for _, n := range []string{"000_f6bb23693e27c5f2.txt", "003_262efa452888d538.txt", "004_532ae3c648773e60.txt"} {
		a, err := corpus.ParseFile(corpustest.Seed(t, n))
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, a)
	}
	res, err := db.ImportArticles(ctx, parsed)
	if err != nil {
		t.Fatal(err)
	}
	var arts []annotate.Article
	for i, r := range res {
		a, err := db.Article(ctx, r.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != parsed[i].Text || a.Language != parsed[i].Language || a.SHA256 != parsed[i].Hash() {
			t.Errorf("%s: stored text, language or hash differ from the parsed article", parsed[i].Origin)
		}
		arts = append(arts, a)
	}
	claim := func(a annotate.Article, quote string, v annotate.Verdict) annotate.Claim {
		t.Helper()
		anchor, err := annotate.FindQuote(a.Text, quote, 1)
		if err != nil {
			t.Fatal(err)
		}
		c, err := db.AddClaim(ctx, a.ID, anchor, v, "")
		if err != nil {
			t.Fatal(err)
		}
		if c.Exact != quote {
			t.Errorf("claim anchored to %q, want %q", c.Exact, quote)
		}
		return c
	}
	tollEN := claim(arts[0], "300 to 400, including around fifty civilians", annotate.Confirmed)
	tollFR := claim(arts[1], "300 à 400 morts, dont une cinquantaine de civils", annotate.Confirmed)
	notConfirmed := claim(arts[1], "n’ont pas confirmé leur participation", annotate.Confirmed)
	confirmed := claim(arts[2], "avaient confirmé leur participation", annotate.Disputed)
	for _, l := range []struct {
		a, b annotate.Claim
		rel  annotate.Relation
	}{{tollEN, tollFR, annotate.SameClaim}, {notConfirmed, confirmed, annotate.Contradicts}} {
		if _, err := db.LinkClaims(ctx, l.a.ID, l.b.ID, l.rel); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]string{"cinquantaine": arts[1].ID, "Stepanakert": arts[0].ID, "Vkontakte": "", "Erevan": arts[2].ID} {
		hits, err := db.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case want == "" && len(hits) != 0:
			t.Errorf("search %q finds removed boilerplate: %+v", q, hits)
		case want != "" && (len(hits) == 0 || hits[0].ArticleID != want):
			t.Errorf("search %q: %+v, want article %s first", q, hits, want)
		}
	}
	orig, err := db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	dst := rpOpen(t, filepath.Join(t.TempDir(), "restored.db"), "Zoé Importer")
	rep, err := dst.ImportJSON(ctx, rpReadJSON(t, rpExport(t, report.JSON, orig)), "seeds.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewArticles != 3 || rep.NewClaims != 4 || rep.NewLinks != 2 || len(rep.Skipped) != 0 || len(rep.Reanchored) != 0 {
		t.Fatalf("import report %+v", rep)
	}
	got, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rpSameContent(t, got, orig)
}
