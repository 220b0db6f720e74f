package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"


	"factdesk/annotate"
)

// Showing another claim scrolls the inspector back to its top: a claim chosen in the Claims
// list, or with Alt+Down, while the inspector was scrolled down is not shown blank. A revealed
// claim is selected in its pane, and that selection is not offered as a new claim.
func TestInspectorScrollsToTopAndRevealedClaimIsNotANewClaim(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importSeeds()
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
	h.mw.onNextClaim(1)
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
	en, _ := h.importSeeds()
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
