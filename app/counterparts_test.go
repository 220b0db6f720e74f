package app

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

const (
	cpTextEN  = "Floods in the northern valley\n\nThe flood killed at least 23 people in the valley on Tuesday, local officials said.\n\nRescue teams from three regions searched the riverbanks through the night.\n\nWhat happens next is anyone's guess?"
	cpTextFR  = "Inondations meurtrières dans la vallée du nord\n\nSelon les autorités locales, les inondations ont fait au moins 23 morts dans la vallée mardi.\n\nLes équipes de secours de trois régions ont fouillé les berges toute la nuit."
	cpTextFR2 = "Bilan contesté des inondations\n\nSelon un syndicat de pompiers, les inondations ont fait au moins 32 morts dans la vallée mardi.\n\nLa météo reste incertaine."
)

// importTexts stores test articles and shows them in the corpus list; it returns their ids.
func (h *harness) importTexts(arts ...corpus.Article) []string {
	h.t.Helper()
	res, err := h.db.ImportArticles(context.Background(), arts)
	if err != nil {
		h.t.Fatal(err)
	}
	var ids []string
	for _, r := range res {
		ids = append(ids, r.Article.ID)
	}
	h.mw.reloadArticles(nil)
	h.wait()
	return ids
}

func TestInspectorShowsAndLinksCounterparts(t *testing.T) {
	h := newHarness(t, nil)
	ids := h.importTexts(
		corpus.Article{Title: "Floods", Text: cpTextEN, Language: "en", Origin: "en.txt"},
		corpus.Article{Title: "Inondations", Text: cpTextFR, Language: "fr", Origin: "fr.txt"},
		corpus.Article{Title: "Bilan contesté", Text: cpTextFR2, Language: "fr", Origin: "fr2.txt"},
	)
	en := h.mw.openArticle(ids[0])
	fr := h.mw.openArticle(ids[1])
	h.wait()
	claim := h.makeClaim(en, "The flood killed at least 23 people in the valley on Tuesday, local officials said.")
	h.wait()
	cv := h.mw.inspector.counterparts
	if len(cv.rows) < 2 {
		t.Fatalf("counterparts shown: %d (%s)", len(cv.rows), cv.status.Text)
	}
	top := cv.rows[0]
	if top.cand.ArticleID != ids[1] || !strings.Contains(top.cand.Text, "au moins 23 morts") || top.cand.Contradiction {
		t.Fatalf("first counterpart %+v, want the open French article's toll", top.cand)
	}
	if !strings.Contains(top.reasons.Text, "figure 23") || !strings.Contains(top.heading.Text, "Inondations") {
		t.Errorf("row says %q / %q", top.heading.Text, top.reasons.Text)
	}
	var other *counterpartRow
	for _, r := range cv.rows {
		if r.cand.ArticleID == ids[2] && strings.Contains(r.cand.Text, "32 morts") {
			other = r
		}
	}
	if other == nil || !other.cand.Contradiction || !strings.Contains(other.heading.Text, "possible contradiction") {
		t.Fatalf("the other toll (article not open) is not shown flagged: %+v", other)
	}

	// Show scrolls the pane to the sentence and selects it.
	test.Tap(top.showButton)
	if s, e := fr.view.Selection(); s != top.cand.Start || e != top.cand.End {
		t.Errorf("selection in the French pane %d-%d, want %d-%d", s, e, top.cand.Start, top.cand.End)
	}
	// Show on an article that is not open opens it.
	test.Tap(other.showButton)
	if h.mw.panes.find(ids[2]) == nil {
		t.Error("Show did not open the other article")
	}

	// Same claim makes the sentence a claim and links it; the inspector stays on the claim.
	test.Tap(top.linkButton[annotate.SameClaim])
	h.wait()
	if cur, ok := h.mw.currentClaim(); !ok || cur.ID != claim.ID {
		t.Fatalf("the inspector left the claim: %+v", cur)
	}
	links, err := h.db.Links(context.Background(), claim.ID)
	if err != nil || len(links) != 1 || links[0].Relation != annotate.SameClaim {
		t.Fatalf("links %+v, %v", links, err)
	}
	made := h.claimInDB(links[0].Other(claim.ID))
	if made.ArticleID != ids[1] || made.Start != top.cand.Start || made.End != top.cand.End {
		t.Errorf("the counterpart claim %+v", made)
	}
	if _, ok := fr.claims[made.ID]; !ok {
		t.Error("the new claim is not highlighted in its pane")
	}
	if !top.linkButton[annotate.Contradicts].Disabled() || !strings.Contains(top.heading.Text, "linked") {
		t.Error("the row does not say it is linked")
	}
	// Linking it again finds the existing claim instead of making another.
	before, _ := h.db.Claims(context.Background(), storage.ClaimFilter{ArticleID: ids[1]})
	h.mw.inspector.counterparts.showFor(claim)
	h.wait()
	test.Tap(h.mw.inspector.counterparts.rows[0].linkButton[annotate.Supports])
	h.wait()
	after, _ := h.db.Claims(context.Background(), storage.ClaimFilter{ArticleID: ids[1]})
	if len(after) != len(before) {
		t.Errorf("claims of the French article: %d, then %d", len(before), len(after))
	}
}

func TestSuggestedClaims(t *testing.T) {
	h := newHarness(t, nil)
	ids := h.importTexts(corpus.Article{Title: "Floods", Text: cpTextEN, Language: "en", Origin: "en.txt"})
	p := h.mw.openArticle(ids[0])
	h.wait()
	sv := h.mw.inspector.suggestions
	if sv.panel.Visible() {
		t.Fatal("suggestions shown before the toggle")
	}
	sv.toggle.SetChecked(true)
	if !sv.panel.Visible() || len(sv.rows) == 0 {
		t.Fatalf("no suggestions: %q", sv.hint.Text)
	}
	for _, r := range sv.rows {
		if strings.HasSuffix(r.sug.Text, "?") {
			t.Errorf("a question is suggested: %q", r.sug.Text)
		}
		if !strings.HasPrefix(r.showButton.Text, suggestionMark) {
			t.Errorf("row %q lacks the neutral mark", r.showButton.Text)
		}
	}
	if marks := p.view.Marks(); len(marks) != len(sv.rows) || marks[0].Start != sv.rows[0].sug.Start {
		t.Errorf("marks in the text %v, want one per suggestion", marks)
	}
	first := sv.rows[0]
	if !strings.Contains(first.sug.Text, "23 people") {
		t.Fatalf("first suggestion %q", first.sug.Text)
	}
	test.Tap(first.showButton)
	if s, e := p.view.Selection(); s != first.sug.Start || e != first.sug.End {
		t.Errorf("selection %d-%d, want %d-%d", s, e, first.sug.Start, first.sug.End)
	}
	n := len(sv.rows)
	test.Tap(first.acceptButton)
	h.wait()
	c, ok := h.mw.currentClaim()
	if !ok || c.Start != first.sug.Start || c.End != first.sug.End || c.Verdict != annotate.Unverified {
		t.Fatalf("accepting made %+v", c)
	}
	if len(sv.rows) != n-1 {
		t.Errorf("%d suggestions after accepting one of %d", len(sv.rows), n)
	}
	if len(p.view.Marks()) != n-1 {
		t.Errorf("the accepted sentence is still marked: %v", p.view.Marks())
	}
	sv.toggle.SetChecked(false)
	if sv.panel.Visible() || len(p.view.Marks()) != 0 {
		t.Error("the toggle does not hide the suggestions and their marks")
	}
}

// A database whose counterpart index is missing (made by an older Factdesk) is indexed in the
// background when the window opens it, with the progress in the status bar, once; the
// inspector's answers are the same before and after.
func TestWindowIndexesAnOldDatabaseInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportArticles(ctx, []corpus.Article{
		{Title: "Floods", Text: cpTextEN, Language: "en", Origin: "en.txt"},
		{Title: "Inondations", Text: cpTextFR, Language: "fr", Origin: "fr.txt"},
		{Title: "Bilan contesté", Text: cpTextFR2, Language: "fr", Origin: "fr2.txt"},
	})
	if err != nil {
		t.Fatal(err)
	}
	q := storage.CounterpartQuery{Text: "The flood killed at least 23 people in the valley on Tuesday, local officials said.", Language: "en", Exclude: res[0].Article.ID}
	want, err := db.Counterparts(ctx, q)
	if err != nil || len(want) == 0 {
		t.Fatalf("counterparts %+v, %v", want, err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`DELETE FROM counterpart_postings`, `DELETE FROM counterpart_articles`} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db = openDB(t, path, storage.Options{})
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 3 {
		t.Fatalf("pending before the window = %d, %v", n, err)
	}
	h := newHarness(t, db)
	h.wait()
	if n, err := db.CounterpartsPending(ctx); err != nil || n != 0 {
		t.Fatalf("pending after opening the window = %d, %v", n, err)
	}
	if got := h.mw.status.Text; got != "Articles indexed to find the same fact elsewhere: 3" {
		t.Errorf("status bar says %q", got)
	}
	got, err := db.Counterparts(ctx, q)
	if err != nil || len(got) != len(want) || got[0].Text != want[0].Text || got[0].Score != want[0].Score {
		t.Errorf("after indexing %+v, before %+v (%v)", got, want, err)
	}
	// Opened again, there is nothing left to index: the status bar is left alone.
	h.mw.setStatus("ready")
	h.mw.indexCounterparts()
	h.wait()
	if h.mw.status.Text != "ready" {
		t.Errorf("indexed again: %q", h.mw.status.Text)
	}
}
