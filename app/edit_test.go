package app

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/storage"
)

// The note is saved as the reviewer types, after a pause, with no save step.
func TestNoteAutosaveAfterPause(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "300 to 400")

	h.win.Canvas().Focus(h.mw.inspector.note)
	test.Type(h.mw.inspector.note, "Checked with AFP")
	if got := h.claimInDB(c.ID).Note; got != "" {
		t.Fatalf("note saved at once (%q): it should wait for a pause", got)
	}
	time.Sleep(noteSaveDelay + 300*time.Millisecond)
	h.wait() // the debounce timer handed the save to the UI goroutine
	if got := h.claimInDB(c.ID).Note; got != "Checked with AFP" {
		t.Fatalf("note after a pause = %q", got)
	}
	if !strings.HasPrefix(h.mw.inspector.noteStatus.Text, "Saved") {
		t.Errorf("note status %q", h.mw.inspector.noteStatus.Text)
	}
	// Typing on in one burst saves once more, with one history entry.
	test.Type(h.mw.inspector.note, ", twice.")
	time.Sleep(noteSaveDelay + 300*time.Millisecond)
	h.wait()
	if got := h.claimInDB(c.ID).Note; got != "Checked with AFP, twice." {
		t.Fatalf("note = %q", got)
	}
	hist, _ := h.db.History(context.Background(), c.ID, 0)
	notes := 0
	for _, e := range hist {
		if e.Field == "note" {
			notes++
		}
	}
	if notes != 2 {
		t.Errorf("%d note changes in history, want 2 (one per pause)", notes)
	}
}

// Nothing typed is lost: moving the focus away, choosing another claim or closing the
// window saves the note at once.
func TestNoteFlushedOnFocusChangeSelectionAndClose(t *testing.T) {
	h := newHarness(t, nil)
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	c1 := h.makeClaim(pEN, "300 to 400")
	c2 := h.makeClaim(pFR, "300 à 400 morts")

	// Focus change.
	h.win.Canvas().Focus(h.mw.inspector.note)
	test.Type(h.mw.inspector.note, "focus")
	h.win.Canvas().Focus(h.mw.corpus.search)
	if got := h.claimInDB(c2.ID).Note; got != "focus" {
		t.Errorf("note after the focus moved = %q", got)
	}

	// Choosing another claim.
	h.win.Canvas().Focus(h.mw.inspector.note)
	test.Type(h.mw.inspector.note, " then switch")
	pEN.onClaimTapped(c1.ID)
	if got := h.claimInDB(c2.ID).Note; got != "focus then switch" {
		t.Errorf("note after choosing another claim = %q", got)
	}
	if h.mw.inspector.note.Text != "" {
		t.Errorf("the other claim's empty note should show, got %q", h.mw.inspector.note.Text)
	}

	// Closing the window.
	test.Type(h.mw.inspector.note, "closing")
	h.keepWindowOpen()
	h.mw.onCloseRequested()
	if got := h.claimInDB(c1.ID).Note; got != "closing" {
		t.Errorf("note after close = %q", got)
	}
}

// Undo and redo of claim edits: each is a new change in the history, never a rewrite.
func TestUndoRedo(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	c := h.makeClaim(pEN, "300 to 400")
	h.mw.onSetVerdict(annotate.Disputed)
	h.win.Canvas().Focus(h.mw.inspector.note)
	test.Type(h.mw.inspector.note, "a note")
	h.win.Canvas().Unfocus() // saves it

	if h.mw.undoItem.Label != "Undo note change" || h.mw.undoItem.Disabled {
		t.Fatalf("undo menu item: %q disabled=%v", h.mw.undoItem.Label, h.mw.undoItem.Disabled)
	}
	h.mw.onUndo()
	if got := h.claimInDB(c.ID); got.Note != "" || got.Verdict != annotate.Disputed {
		t.Fatalf("after undoing the note: %+v", got)
	}
	if h.mw.inspector.note.Text != "" {
		t.Errorf("the inspector still shows the undone note %q", h.mw.inspector.note.Text)
	}
	h.mw.onUndo()
	if got := h.claimInDB(c.ID); got.Verdict != annotate.Unverified {
		t.Fatalf("after undoing the verdict: %s", got.Verdict)
	}
	if pEN.claims[c.ID].Verdict != annotate.Unverified {
		t.Error("the pane's highlight kept the undone verdict")
	}
	h.mw.onRedo()
	if got := h.claimInDB(c.ID); got.Verdict != annotate.Disputed {
		t.Fatalf("after redoing the verdict: %s", got.Verdict)
	}
	if h.mw.redoItem.Label != "Redo note change" {
		t.Errorf("redo menu item: %q", h.mw.redoItem.Label)
	}

	hist, _ := h.db.History(ctx, c.ID, 0)
	// Undoing the first verdict withdrew the rating (no "unverified" rating left behind).
	var verdicts []string
	for _, e := range hist {
		switch e.Field {
		case "verdict":
			verdicts = append(verdicts, e.Old+"->"+e.New)
		case "unrate":
			verdicts = append(verdicts, "withdrawn")
		}
	}
	if strings.Join(verdicts, " ") != "unverified->disputed withdrawn unverified->disputed" {
		t.Errorf("verdict history: %v", verdicts)
	}

	// Undo the creation itself (after the verdict): the claim goes, and redo brings the same
	// claim back (restored), with the verdict redone on it.
	h.mw.onUndo() // verdict
	h.mw.onUndo() // creation
	if _, err := h.db.Claim(ctx, c.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Fatalf("claim still there after undoing its creation: %v", err)
	}
	if len(pEN.claims) != 0 || h.mw.inspector.claim != nil {
		t.Error("the undone claim is still shown")
	}
	h.mw.onRedo() // creation
	h.mw.onRedo() // verdict
	h.mw.onRedo() // note
	claims, _ := h.db.Claims(ctx, storage.ClaimFilter{ArticleID: en})
	if len(claims) != 1 || claims[0].ID != c.ID || claims[0].Exact != "300 to 400" || claims[0].Verdict != annotate.Disputed || claims[0].Note != "a note" {
		t.Fatalf("after redoing everything: %+v", claims)
	}

	// Links and deletes undo too: the deleted claim comes back, the same claim, with its link.
	c2 := h.makeClaim(pFR, "300 à 400 morts")
	l, ok := h.mw.linkClaims(c2.ID, claims[0].ID, annotate.SameClaim)
	if !ok {
		t.Fatal("link failed")
	}
	if !h.mw.deleteClaim(c2.ID) {
		t.Fatal("delete failed")
	}
	if links, _ := h.db.Links(ctx, claims[0].ID); len(links) != 0 {
		t.Fatalf("link survived the delete: %+v", links)
	}
	h.mw.onUndo()
	links, _ := h.db.Links(ctx, claims[0].ID)
	if len(links) != 1 || links[0].Relation != annotate.SameClaim {
		t.Fatalf("undoing the delete did not bring back the link: %+v", links)
	}
	back := h.claimInDB(links[0].Other(claims[0].ID))
	if back.Exact != "300 à 400 morts" || back.ID != c2.ID {
		t.Errorf("restored claim: %+v, want the same id %s", back, c2.ID)
	}
	h.mw.onUndo() // the link
	if links, _ := h.db.Links(ctx, claims[0].ID); len(links) != 0 {
		t.Errorf("undoing the link left %+v", links)
	}
	_ = l
}

// failWrites makes every change to claims, links and sources fail from now on, as a full disk
// or a broken file would: triggers added behind the app's back by another connection.
func failWrites(t *testing.T, path string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		`CREATE TRIGGER fail_claims BEFORE UPDATE ON claims BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`,
		`CREATE TRIGGER fail_sources BEFORE INSERT ON sources BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`,
		`CREATE TRIGGER fail_links BEFORE INSERT ON links BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`,
	} {
		if _, err := conn.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// A storage error (here: every write fails) shows a dialog that says what happened and
// keeps the edit on screen.
func TestStorageErrorShowsDialogAndKeepsEdit(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	c0 := h.makeClaim(h.mw.openArticle(en), "300 to 400")
	failWrites(t, h.db.Path())
	h.mw.showClaim(c0.ID)
	c, ok := h.mw.currentClaim()
	if !ok {
		t.Fatal("no claim shown")
	}

	h.win.Canvas().Focus(h.mw.inspector.note)
	test.Type(h.mw.inspector.note, "this cannot be saved")
	h.mw.inspector.noteSaver.Flush()
	msg := h.overlayText()
	if !strings.Contains(msg, "Saving the note failed") {
		t.Fatalf("error dialog = %q", msg)
	}
	if h.mw.inspector.note.Text != "this cannot be saved" {
		t.Errorf("the note was not kept on screen: %q", h.mw.inspector.note.Text)
	}
	if !strings.HasPrefix(h.mw.inspector.noteStatus.Text, "Not saved") {
		t.Errorf("note status %q", h.mw.inspector.noteStatus.Text)
	}
	if got := h.claimInDB(c.ID).Note; got != "" {
		t.Errorf("database changed: %q", got)
	}
	// The claim stays in the inspector: choosing another claim is refused while the note is
	// unsaved.
	if h.mw.inspector.flushNote() {
		t.Error("flush reported success")
	}
	h.dismissOverlays()

	// A verdict change fails the same way and the buttons keep showing the stored verdict.
	test.Tap(h.mw.inspector.verdictButtons[annotate.Confirmed])
	if msg := h.overlayText(); !strings.Contains(msg, "Setting the verdict failed") {
		t.Errorf("verdict error dialog = %q", msg)
	}
	if h.mw.inspector.verdictButtons[annotate.Confirmed].Importance == verdictImportance(annotate.Confirmed) {
		t.Error("the verdict buttons show a verdict that was not saved")
	}
	h.dismissOverlays()

	// The source form keeps what was typed.
	test.Type(h.mw.inspector.srcURL, "https://example.org/x")
	test.Type(h.mw.inspector.srcTitle, "X")
	test.Tap(h.mw.inspector.addSourceButton)
	if h.mw.inspector.srcURL.Text != "https://example.org/x" || h.mw.inspector.srcTitle.Text != "X" {
		t.Error("the source form was cleared although nothing was saved")
	}
	if !strings.Contains(h.overlayText(), "Adding the source failed") {
		t.Errorf("source error dialog = %q", h.overlayText())
	}
	h.dismissOverlays()

	// Closing with the unsaved note asks before losing it.
	h.keepWindowOpen()
	h.mw.onCloseRequested()
	if !strings.Contains(h.overlayText(), "could not be saved") {
		t.Errorf("close did not warn about the unsaved note: %q", h.overlayText())
	}
}

// The history says who changed what, when, from what to what.
func TestHistoryInWords(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	h.makeClaim(h.mw.openArticle(en), "300 to 400")
	h.mw.onSetVerdict(annotate.Disputed)
	test.Type(h.mw.inspector.note, "first")
	h.mw.inspector.flushNote()
	h.wait() // the history is read again in the background after an edit
	var lines []string
	for _, o := range h.mw.inspector.historyBox.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		testReviewer, "rated the claim disputed", "note from “(empty)” to “first”", "made the claim (? Unverified)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("history lacks %q:\n%s", want, all)
		}
	}
	if !strings.HasPrefix(lines[0], time.Now().Format("2006-01-02")) || !strings.Contains(lines[0], "note") {
		t.Errorf("newest change not first: %q", lines[0])
	}
}

// The text view's context menu sets the verdict of the claim under the pointer and links it
// with the inspected claim; Ctrl+Z in a text entry is the entry's own undo, not a claim undo.
func TestContextMenuAndUndoInEntry(t *testing.T) {
	h := newHarness(t, nil)
	en, fr := h.importTestArticles()
	pEN, pFR := h.mw.openArticle(en), h.mw.openArticle(fr)
	cEN := h.makeClaim(pEN, "300 to 400")
	cFR := h.makeClaim(pFR, "300 à 400 morts")
	pEN.onClaimTapped(cEN.ID) // the English claim in the inspector

	items := pFR.menuItems([]string{cFR.ID})
	labels := map[string]*fyne.MenuItem{}
	for _, it := range items {
		labels[it.Label] = it
	}
	link := labels["Link with the inspected claim: same claim"]
	if link == nil {
		t.Fatalf("no link item in %v", labels)
	}
	link.Action()
	links, _ := h.db.Links(context.Background(), cEN.ID)
	if len(links) != 1 || links[0].Other(cEN.ID) != cFR.ID || links[0].Relation != annotate.SameClaim {
		t.Fatalf("links after the context menu: %+v", links)
	}
	labels["Set "+verdictText(annotate.Disputed)].Action()
	if got := h.claimInDB(cFR.ID).Verdict; got != annotate.Disputed {
		t.Errorf("verdict from the context menu: %s", got)
	}
	if cur, _ := h.mw.currentClaim(); cur.ID != cFR.ID {
		t.Error("the context menu's verdict did not select its claim")
	}
	if len(pFR.menuItems(nil)) != 0 {
		t.Error("menu items offered with no claim under the pointer")
	}

	// Ctrl+Z while typing in the search box undoes the typing, not the last claim edit.
	h.win.Canvas().Focus(h.mw.corpus.search)
	test.Type(h.mw.corpus.search, "abc")
	h.mw.onUndo()
	if got := h.claimInDB(cFR.ID).Verdict; got != annotate.Disputed {
		t.Errorf("Ctrl+Z in an entry undid a claim edit (verdict %s)", got)
	}
	if h.mw.corpus.search.Text == "abc" {
		t.Error("Ctrl+Z in an entry did not undo the typing")
	}
}

// A second reviewer pressing the verdict a claim already has adds their rating beside the
// first (for agreement), without changing the claim's verdict; undo withdraws their rating
// only.
func TestSameVerdictFromSecondReviewerIsRecorded(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "The official death toll is 300 to 400")
	test.Tap(h.mw.inspector.verdictButtons[annotate.Confirmed])
	if err := h.mw.setReviewer("Second Reviewer"); err != nil {
		t.Fatal(err)
	}
	test.Tap(h.mw.inspector.verdictButtons[annotate.Confirmed])
	got := h.claimInDB(c.ID)
	if len(got.Ratings) != 2 || got.Verdict != annotate.Confirmed || got.Contested {
		t.Fatalf("ratings = %+v, verdict %s; want both reviewers' ratings, confirmed", got.Ratings, got.Verdict)
	}
	// Pressing it again changes nothing to undo.
	steps := h.mw.sess.UndoSteps()
	test.Tap(h.mw.inspector.verdictButtons[annotate.Confirmed])
	if h.mw.sess.UndoSteps() != steps {
		t.Error("the same rating again made an undo step")
	}
	h.mw.onUndo()
	got = h.claimInDB(c.ID)
	if len(got.Ratings) != 1 || got.Ratings[0].Reviewer != testReviewer || got.Verdict != annotate.Confirmed {
		t.Errorf("after undo: %+v", got.Ratings)
	}
}
