package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/storage"
)

// The main job, end to end: two seed articles side by side, a span made a claim, disputed,
// given a source, linked to a claim in the other pane; everything checked in the database.
func TestFlowClaimDisputeSourceLink(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	en, fr := h.importTestArticles()
	if got := len(h.mw.corpus.articles); got != 2 {
		t.Fatalf("corpus list has %d articles, want 2", got)
	}

	pEN := h.mw.openArticle(en)
	pFR := h.mw.openArticle(fr)
	if len(h.mw.panes.panes) != 2 || h.mw.panes.panes[0] != pEN || h.mw.panes.panes[1] != pFR {
		t.Fatalf("want the two articles side by side, English first; got %d panes", len(h.mw.panes.panes))
	}

	// Select a span in the English pane and make it a claim with Enter, as a reviewer would.
	const quoteEN = "The official death toll is 300 to 400"
	start, end, ok := findFold(pEN.article.Text, "300 to 400")
	if !ok {
		t.Fatalf("seed text changed: %q not found", "300 to 400")
	}
	pEN.view.SetSelection(start, end)
	if h.mw.inspector.newClaimButton.Disabled() {
		t.Fatal("New claim is disabled with a selection")
	}
	h.win.Canvas().Focus(pEN.view)
	pEN.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	cEN, ok := h.mw.currentClaim()
	if !ok || cEN.Exact != "300 to 400" || cEN.Start != start || cEN.End != end {
		t.Fatalf("Enter did not make the selection a claim: %+v", cEN)
	}
	_ = quoteEN
	// Enter again on the same span makes no second claim.
	pEN.view.SetSelection(start, end)
	pEN.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n := len(pEN.claims); n != 1 {
		t.Fatalf("the same span made %d claims", n)
	}

	// Disputed, by the inspector's button.
	test.Tap(h.mw.inspector.verdictButtons[annotate.Disputed])

	// A source that contradicts it.
	test.Type(h.mw.inspector.srcURL, "https://example.org/toll")
	test.Type(h.mw.inspector.srcTitle, "Ministry of Health figures")
	test.Type(h.mw.inspector.srcPublisher, "Ministry of Health")
	test.Type(h.mw.inspector.srcQuote, "At least 500 dead")
	h.mw.inspector.srcRelation.SetSelected(annotate.Contradicts.Label())
	test.Tap(h.mw.inspector.addSourceButton)
	if h.mw.inspector.srcURL.Text != "" {
		t.Error("the source form was not cleared after a successful add")
	}
	if len(h.mw.inspector.sourceRows) != 1 {
		t.Fatalf("inspector shows %d sources, want 1", len(h.mw.inspector.sourceRows))
	}

	// The same claim in the French pane, then link the two.
	cFR := h.makeClaim(pFR, "300 à 400 morts")
	if other, p, ok := h.mw.linkCandidate(); !ok || other.ID != cEN.ID || p != pEN {
		t.Fatalf("link candidate = %v %v, want the English claim", other.ID, ok)
	}
	test.Tap(h.mw.inspector.linkSame)
	if len(h.mw.inspector.linkRows) != 1 || h.mw.inspector.linkRows[0].other.ID != cEN.ID {
		t.Fatalf("inspector links = %d rows, want the English claim", len(h.mw.inspector.linkRows))
	}

	// The database has it all.
	got := h.claimInDB(cEN.ID)
	if got.Verdict != annotate.Disputed || got.Exact != "300 to 400" || got.ArticleID != en || got.CreatedBy != testReviewer {
		t.Errorf("English claim in the database: %+v", got)
	}
	if a, err := annotate.NewAnchor(pEN.article.Text, got.Start, got.End); err != nil || a.Exact != got.Exact {
		t.Errorf("stored offsets do not match the text: %v %q", err, a.Exact)
	}
	links, err := h.db.Links(ctx, cEN.ID)
	if err != nil {
		t.Fatal(err)
	}
	var src, same bool
	for _, l := range links {
		if l.Source != nil && l.Relation == annotate.Contradicts && l.Source.URL == "https://example.org/toll" &&
			l.Source.Title == "Ministry of Health figures" && l.Source.Quote == "At least 500 dead" && l.Source.Publisher == "Ministry of Health" {
			src = true
		}
		if l.Relation == annotate.SameClaim && l.Other(cEN.ID) == cFR.ID {
			same = true
		}
	}
	if !src || !same {
		t.Errorf("links of the English claim: source=%v same-claim=%v (%+v)", src, same, links)
	}
	fc := h.claimInDB(cFR.ID)
	if fc.ArticleID != fr || fc.Verdict != annotate.Unverified {
		t.Errorf("French claim: %+v", fc)
	}
	hist, err := h.db.History(ctx, cEN.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, e := range hist {
		if e.Reviewer != testReviewer {
			t.Errorf("history entry by %q, want %q", e.Reviewer, testReviewer)
		}
		fields = append(fields, e.Table+"."+e.Field)
	}
	for _, want := range []string{"claims.create", "claims.verdict", "sources.create", "links.create"} {
		if !strings.Contains(strings.Join(fields, " "), want) {
			t.Errorf("history lacks %s: %v", want, fields)
		}
	}

	// The corpus list counts them, by verdict.
	if a, _ := h.mw.corpus.article(en); a.Counts.Disputed != 1 {
		t.Errorf("corpus counts of the English article: %+v", a.Counts)
	}
	if h.overlayText() != "" {
		t.Errorf("unexpected dialog: %s", h.overlayText())
	}
}

// Selecting a claim shows its linked claims in the other open pane, and offers to open the
// article of a linked claim that is not open.
func TestLinkedClaimsShownInOtherPanes(t *testing.T) {
	h := newHarness(t, nil)
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	cEN := h.makeClaim(pEN, "300 to 400")
	cFR := h.makeClaim(pFR, "300 à 400 morts")
	h.mw.onLink(annotate.SameClaim)

	// Select the English claim again: the French one is emphasised and revealed.
	pEN.onClaimTapped(cEN.ID)
	if c, _ := h.mw.currentClaim(); c.ID != cEN.ID {
		t.Fatalf("inspector shows %s, want %s", c.ID, cEN.ID)
	}
	if len(pFR.linked) != 1 || pFR.linked[0] != cFR.ID {
		t.Errorf("French pane outlines %v, want the linked claim %s", pFR.linked, cFR.ID)
	}
	if !strings.Contains(h.mw.status.Text, "1 linked claim outlined") {
		t.Errorf("status = %q", h.mw.status.Text)
	}

	// Close the French pane: the link row offers to open it; Open does.
	h.mw.panes.close(pFR)
	pEN.onClaimTapped(cEN.ID)
	if len(h.mw.inspector.linkRows) != 1 || h.mw.inspector.linkRows[0].openButton.Text != "Open" {
		t.Fatalf("link row does not offer to open the article")
	}
	test.Tap(h.mw.inspector.linkRows[0].openButton)
	p := h.mw.panes.find(fr)
	if p == nil {
		t.Fatal("Open did not open the French article")
	}
	if c, _ := h.mw.currentClaim(); c.ID != cFR.ID {
		t.Errorf("inspector shows %s after Open, want the French claim", c.ID)
	}
	if s, e := p.view.Selection(); s != cFR.Start || e != cFR.End {
		t.Errorf("the opened claim is not selected: %d-%d", s, e)
	}
}

// Claims in all three verdicts, then the claims list filtered by verdict, article, reviewer
// and text; and the full-text search with snippets.
func TestFilterAndSearch(t *testing.T) {
	h := newHarness(t, nil)
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	c1 := h.makeClaim(pEN, "300 to 400")
	h.mw.onSetVerdict(annotate.Disputed)
	c2 := h.makeClaim(pEN, "Kremlin")
	h.mw.onSetVerdict(annotate.Confirmed)
	c3 := h.makeClaim(pFR, "300 à 400 morts")
	test.Type(h.mw.inspector.note, "compare with the English toll")
	h.mw.inspector.flushNote()

	// Another reviewer's claim.
	if err := h.mw.setReviewer("Other Person"); err != nil {
		t.Fatal(err)
	}
	c4 := h.makeClaim(pFR, "Poutine")
	if err := h.mw.setReviewer(testReviewer); err != nil {
		t.Fatal(err)
	}

	cp := h.mw.claims
	ids := func() []string {
		h.wait()
		var out []string
		for _, c := range cp.rows {
			out = append(out, c.ID)
		}
		return out
	}
	same := func(got []string, want ...string) bool {
		if len(got) != len(want) {
			return false
		}
		m := map[string]bool{}
		for _, g := range got {
			m[g] = true
		}
		for _, w := range want {
			if !m[w] {
				return false
			}
		}
		return true
	}
	if got := ids(); !same(got, c1.ID, c2.ID, c3.ID, c4.ID) {
		t.Fatalf("all claims: %v", got)
	}
	cp.verdictFilter.SetSelected(verdictText(annotate.Disputed))
	if got := ids(); !same(got, c1.ID) {
		t.Errorf("disputed: %v, want %v", got, c1.ID)
	}
	cp.verdictFilter.SetSelected(verdictText(annotate.Unverified))
	if got := ids(); !same(got, c3.ID, c4.ID) {
		t.Errorf("unverified: %v", got)
	}
	cp.verdictFilter.SetSelected(allVerdicts)
	var frLabel string
	for label, id := range cp.articleOf {
		if id == fr {
			frLabel = label
		}
	}
	cp.articleFilter.SetSelected(frLabel)
	if got := ids(); !same(got, c3.ID, c4.ID) {
		t.Errorf("French article: %v", got)
	}
	cp.articleFilter.SetSelected(allArticles)
	cp.reviewerFilter.SetSelected("Other Person")
	if got := ids(); !same(got, c4.ID) {
		t.Errorf("reviewer Other Person: %v", got)
	}
	cp.reviewerFilter.SetSelected(allReviewers)
	test.Type(cp.textFilter, "english toll")
	cp.filterer.Flush()
	if got := ids(); !same(got, c3.ID) {
		t.Errorf("text filter on the note: %v", got)
	}
	cp.textFilter.SetText("")
	cp.filterer.Flush()
	if got := ids(); len(got) != 4 {
		t.Errorf("cleared filters: %d claims", len(got))
	}
	if cp.count.Text() != "4 claims" {
		t.Errorf("count label %q", cp.count.Text())
	}

	// Choosing a claim in the list opens its article (closed first) and selects it.
	h.mw.panes.close(pFR)
	for i, c := range cp.rows {
		if c.ID == c3.ID {
			cp.list.Select(i)
		}
	}
	p := h.mw.panes.find(fr)
	if p == nil {
		t.Fatal("choosing a claim did not open its article")
	}
	if cur, _ := h.mw.currentClaim(); cur.ID != c3.ID {
		t.Errorf("inspector shows %s, want %s", cur.ID, c3.ID)
	}
	if s, e := p.view.Selection(); s != c3.Start || e != c3.End {
		t.Errorf("claim not selected in its pane: %d-%d", s, e)
	}

	// Full-text search: accents ignored, snippets marked, claims first.
	sp := h.mw.corpus
	test.Type(sp.search, "azerbaidjan")
	sp.searcher.Flush()
	h.wait()
	if len(sp.hits) == 0 {
		t.Fatal("search found nothing for azerbaidjan")
	}
	if sp.body.Objects[0] != sp.results {
		t.Error("search results not shown")
	}
	if !strings.Contains(sp.hits[0].Snippet, storage.SnippetOpen) {
		t.Errorf("snippet without match markers: %q", sp.hits[0].Snippet)
	}
	segs := snippetSegments(sp.hits[0].Snippet)
	bold := false
	for _, s := range segs {
		if ts, ok := s.(*widget.TextSegment); ok && strings.Contains(strings.ToLower(ts.Text), "azerba") && ts.Style.TextStyle.Bold {
			bold = true
		}
	}
	if !bold {
		t.Error("no highlighted segment for the match")
	}
	sp.search.SetText("")
	test.Type(sp.search, "toll english")
	sp.searcher.Flush()
	h.wait()
	if len(sp.hits) != 1 || sp.hits[0].Kind != "claim" || sp.hits[0].ClaimID != c3.ID {
		t.Fatalf("search on a note: %+v", sp.hits)
	}
	sp.results.Select(0)
	if cur, _ := h.mw.currentClaim(); cur.ID != c3.ID {
		t.Errorf("opening a claim hit selected %s", cur.ID)
	}
	sp.search.SetText("")
	sp.searcher.Flush()
	h.wait()
	if sp.body.Objects[0] != sp.list || !strings.Contains(sp.count.Text(), "2 articles") {
		t.Errorf("clearing the search does not bring back the corpus: %q", sp.count.Text())
	}
}

// Linking outlines the other pane's claim at once (it is active there and linked, and shows
// both); removing the link, and undoing that, update the outline; the status counts what is
// outlined.
func TestLinkingOutlinesTheOtherPanesClaim(t *testing.T) {
	h := newHarness(t, nil)
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	cEN := h.makeClaim(pEN, "300 to 400")
	h.makeClaim(pFR, "300 à 400 morts")
	if len(pEN.linked) != 0 {
		t.Fatalf("outlined before linking: %v", pEN.linked)
	}
	h.mw.onLink(annotate.SameClaim) // Ctrl+L
	if len(pEN.linked) != 1 || pEN.linked[0] != cEN.ID || pEN.view.ActiveClaim() != cEN.ID {
		t.Fatalf("after Ctrl+L the English pane outlines %v (active %s), want %s as linked and active", pEN.linked, pEN.view.ActiveClaim(), cEN.ID)
	}
	if got := h.mw.status.Text; got != "Linked: Same claim; 1 linked claim outlined in the other panes" {
		t.Errorf("status %q", got)
	}
	// A second link to the same claim is still one outline, counted once.
	h.mw.onLink(annotate.Supports)
	if len(pEN.linked) != 1 || !strings.Contains(h.mw.status.Text, "1 linked claim outlined") {
		t.Errorf("two links to one claim: outlined %v, status %q", pEN.linked, h.mw.status.Text)
	}
	// Remove both links: the outline goes.
	for len(h.mw.inspector.linkRows) > 0 {
		test.Tap(h.mw.inspector.linkRows[0].unlinkButton)
	}
	if len(pEN.linked) != 0 {
		t.Errorf("after removing the links the English pane outlines %v", pEN.linked)
	}
	h.mw.onUndo()
	if len(pEN.linked) != 1 {
		t.Errorf("undoing the removal did not outline the claim again: %v", pEN.linked)
	}
}
