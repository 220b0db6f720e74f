//go:build acceptance

package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/corpus/corpustest"
)

// TestAcceptanceWindowOnSeeds works in the window on the real seed articles (`make acceptance
// SEEDS=DIR`): imports them through the import job, makes the same death toll a claim in both
// languages and links them, finds a word by an accent-free search, and opens an article by
// its title from the chooser.
func TestAcceptanceWindowOnSeeds(t *testing.T) {
	h := newHarness(t, nil)
	enPath, frPath := corpustest.Seed(t, "000_f6bb23693e27c5f2.txt"), corpustest.Seed(t, "003_262efa452888d538.txt")
	h.mw.importPaths([]string{enPath, frPath})
	h.wait()
	var en, fr string
	for _, a := range h.mw.corpus.articles {
		switch filepath.Base(a.Origin) {
		case filepath.Base(enPath):
			en = a.ID
		case filepath.Base(frPath):
			fr = a.ID
		}
	}
	if en == "" || fr == "" {
		t.Fatalf("seeds not imported: %+v", h.mw.corpus.articles)
	}
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	cEN := h.makeClaim(pEN, "300 to 400")
	test.Tap(h.mw.inspector.verdictButtons[annotate.Confirmed])
	cFR := h.makeClaim(pFR, "300 à 400 morts")
	if other, _, ok := h.mw.linkCandidate(); !ok || other.ID != cEN.ID {
		t.Fatalf("link candidate = %v %v, want the English claim", other.ID, ok)
	}
	test.Tap(h.mw.inspector.linkSame)
	if got := h.claimInDB(cEN.ID); got.Exact != "300 to 400" || got.Verdict != annotate.Confirmed {
		t.Errorf("English claim in the database: %+v", got)
	}
	if got := h.claimInDB(cFR.ID); got.Exact != "300 à 400 morts" || got.ArticleID != fr {
		t.Errorf("French claim in the database: %+v", got)
	}
	if len(h.mw.inspector.linkRows) != 1 || h.mw.inspector.linkRows[0].other.ID != cEN.ID {
		t.Fatalf("inspector links = %d rows, want the English claim", len(h.mw.inspector.linkRows))
	}

	sp := h.mw.corpus
	test.Type(sp.search, "azerbaidjan")
	sp.searcher.Flush()
	h.wait()
	found := false
	for _, hit := range sp.hits {
		found = found || strings.Contains(hit.Snippet, "Azerbaïdjan")
	}
	if !found {
		t.Errorf("search azerbaidjan: %+v", sp.hits)
	}

	h.mw.panes.close(pFR)
	h.mw.onChooseArticle(false)
	f := h.win.Canvas().Focused().(*escEntry)
	test.Type(f, "Tension")
	f.OnSubmitted(f.Text)
	if p := h.mw.panes.current; p == nil || p.article.ID != fr {
		t.Error("the article chooser did not open the matching seed")
	}
}
