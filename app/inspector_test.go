package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
)

// Showing another claim scrolls the inspector back to its top: a claim chosen in the Claims
// list, or with Alt+Down, while the inspector was scrolled down is not shown blank. A revealed
// claim is selected in its pane, and that selection is not offered as a new claim.
func TestInspectorScrollsToTopAndRevealedClaimIsNotANewClaim(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c1 := h.makeClaim(p, "300 to 400")
	for i := range 6 {
		if _, ok := h.mw.addSource(c1.ID, annotate.Source{Title: fmt.Sprintf("Printed source %d", i),
			Quote: strings.Repeat("A long quoted passage of the source. ", 6)}, annotate.Supports); !ok {
			t.Fatal("adding a source failed")
		}
	}
	c2 := h.makeClaim(p, "Kremlin")
	in := h.mw.inspector

	scrollDown := func() {
		t.Helper()
		in.scroll.ScrollToBottom()
		if in.scroll.Offset.Y <= 0 {
			t.Fatalf("the inspector cannot scroll (content %v, view %v)", in.scroll.Content.MinSize(), in.scroll.Size())
		}
	}
	h.mw.showClaim(c1.ID)
	scrollDown()
	// The claims list: choosing a row shows the claim.
	h.mw.claims.reload()
	h.wait()
	for i, r := range h.mw.claims.rows {
		if r.ID == c2.ID {
			h.mw.claims.list.Select(i)
		}
	}
	if c, _ := h.mw.currentClaim(); c.ID != c2.ID {
		t.Fatalf("the claims list did not show %s", c2.ID)
	}
	if in.scroll.Offset.Y != 0 {
		t.Errorf("inspector left scrolled at %v after choosing another claim", in.scroll.Offset.Y)
	}
	// The revealed claim is selected, and that is not "characters selected: Enter makes them
	// a claim".
	if s, e := p.view.Selection(); s != c2.Start || e != c2.End {
		t.Errorf("revealed claim not selected: %d-%d", s, e)
	}
	if strings.Contains(h.mw.status.Text, "selected:") {
		t.Errorf("status offers the revealed claim as a new claim: %q", h.mw.status.Text)
	}
	if !in.newClaimButton.Disabled() {
		t.Error("New claim is enabled on a selection that is a claim already")
	}
	// A selection that is not a claim still is offered.
	h.selectText(p, "Kremlin said")
	if in.newClaimButton.Disabled() || !strings.Contains(h.mw.status.Text, "12 characters selected") {
		t.Errorf("a new selection is not offered: button disabled %v, status %q", in.newClaimButton.Disabled(), h.mw.status.Text)
	}

	// Next claim (Alt+Down) from a scrolled inspector.
	h.mw.showClaim(c1.ID)
	scrollDown()
	h.mw.panes.nextClaim(1)
	if c, _ := h.mw.currentClaim(); c.ID == c1.ID {
		t.Fatal("next claim stayed on the same claim")
	}
	if in.scroll.Offset.Y != 0 {
		t.Errorf("inspector left scrolled at %v after Next claim", in.scroll.Offset.Y)
	}
	// The same claim shown again (after an edit) keeps the place.
	scrollDown()
	y := in.scroll.Offset.Y
	c, _ := h.mw.currentClaim()
	in.show(c, p)
	if in.scroll.Offset.Y != y {
		t.Errorf("showing the same claim again scrolled from %v to %v", y, in.scroll.Offset.Y)
	}
}

// Claim > Edit note (Ctrl+E) puts the cursor at the end of the note.
func TestEditNoteCursorAtEnd(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	h.makeClaim(h.mw.openArticle(en), "300 to 400")
	in := h.mw.inspector
	note := "First line of the note.\nSecond line, which is long enough to wrap in the inspector's width, " +
		"and goes on a little more so that it surely does."
	in.setNoteText(note)
	h.win.Canvas().Focus(h.mw.claims.textFilter)
	in.focusNote()
	if h.win.Canvas().Focused() != in.note {
		t.Fatal("the note does not have the focus")
	}
	if got, want := in.note.CursorTextOffset(), len([]rune(note)); got != want {
		t.Errorf("cursor at %d, want the end (%d)", got, want)
	}
	test.Type(in.note, " More.")
	if !strings.HasSuffix(in.note.Text, "does. More.") {
		t.Errorf("typing went elsewhere: %q", in.note.Text)
	}
}

// The add-source form works from the keyboard: Enter moves from field to field, Tab leaves
// the multi-line passage (it does not insert a tab), Shift+Enter in the passage adds the
// source; the claim stays in the inspector.
func TestAddSourceFormByKeyboard(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	c := h.makeClaim(h.mw.openArticle(en), "300 to 400")
	in := h.mw.inspector
	h.mw.onAddSourceForm()
	if h.win.Canvas().Focused() != in.srcURL {
		t.Fatal("Claim > Add source did not focus the URL field")
	}
	typeIn := func(e *fieldEntry, s string) {
		t.Helper()
		if h.win.Canvas().Focused() != e {
			t.Fatalf("focus on %T, want the field for %q", h.win.Canvas().Focused(), s)
		}
		test.Type(e, s)
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	typeIn(in.srcURL, "https://example.org/toll")
	typeIn(in.srcTitle, "Health ministry figures")
	typeIn(in.srcPublisher, "Ministry of Health")
	if h.win.Canvas().Focused() != in.srcQuote {
		t.Fatal("Enter in Publisher did not go to the passage")
	}
	test.Type(in.srcQuote, "At least 500 dead")
	if in.srcQuote.AcceptsTab() {
		t.Error("Tab in the passage would insert a tab instead of moving on")
	}
	if len(in.sourceRows) != 0 {
		t.Fatal("a source was added before the form was finished")
	}
	// Shift+Enter adds the source.
	in.srcQuote.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	in.srcQuote.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	in.srcQuote.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if cur, _ := h.mw.currentClaim(); cur.ID != c.ID {
		t.Fatal("the form lost its claim")
	}
	if len(in.sourceRows) != 1 || in.srcURL.Text != "" {
		t.Fatalf("source not added from the keyboard: %d rows, URL field %q", len(in.sourceRows), in.srcURL.Text)
	}
	s := in.sourceRows[0].link.Source
	if s.URL != "https://example.org/toll" || s.Title != "Health ministry figures" || s.Publisher != "Ministry of Health" || s.Quote != "At least 500 dead" {
		t.Errorf("source stored as %+v", s)
	}
	// Tab out of the passage goes to the next control of the form, not elsewhere.
	h.win.Canvas().Focus(in.srcQuote)
	h.win.Canvas().FocusNext()
	switch h.win.Canvas().Focused() {
	case in.srcQuote, nil:
		t.Errorf("Tab stayed in the passage or lost the focus")
	}
}

// labelsIn is the text of every label in o, in order.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *mutedText:
			b.WriteString(x.Text() + "\n")
		case *tintedText:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// Every claim shows which reviewers rated it and how. When they disagree the claim is
// contested: the inspector says so with who said what and offers to settle it, the claims
// list reads "≠ Contested" (and filters on it), the corpus counts it; never a verdict nobody
// settled. Settling gives the desk's verdict and keeps the ratings.
func TestContestedClaimInTheWindow(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "300 to 400")
	in := h.mw.inspector
	if got := labelsIn(in.ratingsBox); !strings.Contains(got, "No reviewer has given it a verdict yet") {
		t.Errorf("ratings of a new claim: %q", got)
	}
	h.mw.onSetVerdict(annotate.Confirmed)
	got := labelsIn(in.ratingsBox)
	if !strings.Contains(got, testReviewer) || !strings.Contains(got, verdictText(annotate.Confirmed)) || strings.Contains(got, "Contested") {
		t.Errorf("ratings after one verdict: %q", got)
	}
	// A second reviewer disputes it: a rating beside the first, the claim contested.
	if err := h.mw.setReviewer("Other Person"); err != nil {
		t.Fatal(err)
	}
	h.mw.onSetVerdict(annotate.Disputed)
	stored := h.claimInDB(c.ID)
	if !stored.Contested || len(stored.Ratings) != 2 {
		t.Fatalf("stored claim: contested %v, ratings %+v", stored.Contested, stored.Ratings)
	}
	got = labelsIn(in.ratingsBox)
	for _, want := range []string{"≠ Contested: Other Person ✗, " + testReviewer + " ✓", "Other Person", verdictText(annotate.Disputed)} {
		if !strings.Contains(got, want) {
			t.Errorf("ratings lack %q: %q", want, got)
		}
	}
	if in.verdictLabel.Text != "≠ Contested" || !in.settleBox.Visible() {
		t.Errorf("desk verdict %q, settle offered %v", in.verdictLabel.Text, in.settleBox.Visible())
	}
	if in.verdictButtons[annotate.Disputed].Importance == widget.MediumImportance || in.verdictButtons[annotate.Confirmed].Importance != widget.MediumImportance {
		t.Error("the verdict buttons do not mark the reviewer's own rating")
	}
	// The claims list and the corpus counts.
	h.mw.claims.reload()
	h.wait()
	row := newClaimRow()
	row.set(h.mw.claims.rows[0], "title")
	if row.verdict.Text != "≠ Contested" || !row.disagree.Visible() || !strings.Contains(row.disagree.Text, "Other Person ✗") {
		t.Errorf("claims list row: %q, %q", row.verdict.Text, row.disagree.Text)
	}
	if a, _ := h.mw.corpus.article(en); a.Counts.Contested != 1 || a.Counts.Confirmed+a.Counts.Disputed+a.Counts.Unverified != 0 {
		t.Errorf("corpus counts %+v", a.Counts)
	}
	h.mw.claims.verdictFilter.SetSelected(contestedFilter)
	h.wait()
	if len(h.mw.claims.rows) != 1 {
		t.Errorf("contested filter: %d claims", len(h.mw.claims.rows))
	}
	h.mw.claims.verdictFilter.SetSelected(verdictText(annotate.Confirmed))
	h.wait()
	if len(h.mw.claims.rows) != 0 {
		t.Errorf("a contested claim listed as confirmed")
	}
	h.mw.claims.verdictFilter.SetSelected(allVerdicts)
	h.wait()

	// Settling: the desk's verdict, the ratings unchanged.
	in.onSettle(annotate.Disputed)
	h.wait()
	stored = h.claimInDB(c.ID)
	if stored.Contested || stored.Verdict != annotate.Disputed || len(stored.Ratings) != 2 {
		t.Fatalf("after settling: %+v", stored)
	}
	if in.verdictLabel.Text != verdictText(annotate.Disputed) || in.settleBox.Visible() || !strings.Contains(labelsIn(in.ratingsBox), "Settled as ✗ Disputed by Other Person") {
		t.Errorf("after settling: %q, %q", in.verdictLabel.Text, labelsIn(in.ratingsBox))
	}
	if a, _ := h.mw.corpus.article(en); a.Counts.Disputed != 1 || a.Counts.Contested != 0 {
		t.Errorf("corpus counts after settling %+v", a.Counts)
	}
}

// Linked claims: "contradicts" has its own symbol (≠), not the remove button's; the remove
// button is a trash icon; the history names the claim that was linked.
func TestLinkSymbolsAndHistoryNamesTheClaim(t *testing.T) {
	h := newHarness(t, nil)
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	h.makeClaim(pEN, "300 to 400")
	h.makeClaim(pFR, "300 à 400 morts")
	h.mw.onLink(annotate.Contradicts)
	in := h.mw.inspector
	if len(in.linkRows) != 1 {
		t.Fatalf("%d link rows", len(in.linkRows))
	}
	row := in.linkRows[0]
	if got := labelsIn(row.box.(*fyne.Container)); !strings.Contains(got, "≠ Contradicts") || strings.Contains(got, "−") {
		t.Errorf("link row reads %q", got)
	}
	if in.linkContradict.Text != "≠ Contradicts" {
		t.Errorf("contradicts button %q", in.linkContradict.Text)
	}
	if row.unlinkButton.Text != "" || row.unlinkButton.Icon.Name() != theme.DeleteIcon().Name() {
		t.Errorf("remove button: text %q icon %s", row.unlinkButton.Text, row.unlinkButton.Icon.Name())
	}
	history := func() string { return labelsIn(in.historyBox) }
	if got := history(); !strings.Contains(got, "linked “300 to 400” (Contradicts)") {
		t.Errorf("history does not name the linked claim:\n%s", got)
	}
	test.Tap(row.unlinkButton)
	if got := history(); !strings.Contains(got, "removed the link to “300 to 400”") {
		t.Errorf("history does not name the unlinked claim:\n%s", got)
	}
}

// Claim > Add source… scrolls the inspector to the form it opens, so that the field with the
// keyboard is in view.
func TestAddSourceFormIsScrolledIntoView(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	c := h.makeClaim(h.mw.openArticle(en), "300 to 400")
	h.mw.inspector.setNoteText(strings.Repeat("A long note line.\n", 12))
	h.mw.showClaim(c.ID)
	in := h.mw.inspector
	h.mw.onAddSourceForm()
	url := fyne.CurrentApp().Driver().AbsolutePositionForObject(in.srcURL)
	view := fyne.CurrentApp().Driver().AbsolutePositionForObject(in.scroll)
	if in.scroll.Offset.Y <= 0 || url.Y < view.Y || url.Y+in.srcURL.Size().Height > view.Y+in.scroll.Size().Height {
		t.Errorf("URL field at y=%v, inspector shows %v to %v (offset %v)", url.Y, view.Y, view.Y+in.scroll.Size().Height, in.scroll.Offset.Y)
	}
}

// The history shows notes whole, and of two long notes the part that changed.
func TestNoteChangeInHistory(t *testing.T) {
	o, n := noteChange("checked", "checked twice")
	if o != "checked" || n != "checked twice" {
		t.Errorf("short notes: %q, %q", o, n)
	}
	long := strings.Repeat("The ministry confirmed the figure on the phone. ", 10)
	o, n = noteChange(long+"Call back on Monday.", long+"Called back: they retract it.")
	if o == n || !strings.HasSuffix(o, "Call back on Monday.") || !strings.HasSuffix(n, "Called back: they retract it.") ||
		!strings.HasPrefix(o, "…") || !strings.HasPrefix(n, "…") {
		t.Errorf("long notes changed at the end: %q / %q", o, n)
	}
	o, n = noteChange("Draft: "+long, "Final: "+long)
	if !strings.HasPrefix(o, "Draft:") || !strings.HasPrefix(n, "Final:") || !strings.HasSuffix(o, "…") {
		t.Errorf("long notes changed at the start: %q / %q", o, n)
	}
	whole := strings.Repeat("x", wholeNote)
	if o, _ := noteChange(whole, ""); o != whole {
		t.Errorf("a note of %d runes is not whole", wholeNote)
	}
}
