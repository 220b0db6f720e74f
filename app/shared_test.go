package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/corpus"
	fdstorage "factdesk/storage"
)

// bobsFile makes Bob's shared file: the English seed with one disputed claim, saved as a copy
// for sharing next to dir. It returns the file and the claim.
func bobsFile(t *testing.T, dir string) (string, annotate.Claim) {
	t.Helper()
	ctx := context.Background()
	bob := openDB(t, filepath.Join(dir, "bob.db"), fdstorage.Options{})
	if _, err := bob.SetReviewer(ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(seedEN)
	if err != nil {
		t.Fatal(err)
	}
	art, err := corpus.Parse(filepath.Base(seedEN), data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := bob.ImportArticle(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	a, err := annotate.FindQuote(art.Text, "300 to 400", 1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := bob.AddClaim(ctx, res.Article.ID, a, annotate.Disputed, "Bob's note")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bob-share.db")
	if err := bob.SaveCopy(ctx, out, nil); err != nil {
		t.Fatal(err)
	}
	return out, c
}

// Another reviewer's file opens read-only: a bar says whose file it is and what to do, the
// status bar and title name the file (not its private copy), editing is disabled and refused;
// File > Back to my database returns; File > Use this file as my working database… saves it
// where the person chooses, with the app's own form, and switches to it.
func TestOpenReviewerFileReadOnlyBackAndUseAsWorking(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	mine := h.db.Path()
	h.importTestArticles()
	share, bobClaim := bobsFile(t, t.TempDir())
	before, _ := os.ReadFile(share)

	if !h.mw.useItem.Disabled || !h.mw.backItem.Disabled {
		t.Error("Use this file / Back to my database are enabled on my own database")
	}
	h.mw.newOpenShared().Open(share)
	h.wait()
	t.Cleanup(func() { h.mw.db.Close() })
	mw := h.mw
	if mw.shared == nil || !mw.db.ReadOnly() {
		t.Fatal("Bob's file is not shown read-only")
	}
	if bar := mw.roBar.text(); !mw.roBar.root.Visible() || !strings.Contains(bar, "Looking at Bob's file bob-share.db, read-only") ||
		!strings.Contains(bar, "File > Back to my database") {
		t.Errorf("read-only bar (visible %v): %q", mw.roBar.root.Visible(), bar)
	}
	if l := mw.dbLabel.Text(); !strings.Contains(l, "bob-share.db") || strings.Contains(l, "incoming") {
		t.Errorf("status bar names %q", l)
	}
	if !strings.Contains(h.win.Title(), "bob-share.db") || !strings.Contains(h.win.Title(), "read-only") {
		t.Errorf("title %q", h.win.Title())
	}
	for _, it := range mw.editItems {
		if !it.Disabled {
			t.Errorf("%s is enabled on a read-only file", it.Label)
		}
	}
	if mw.useItem.Disabled || mw.backItem.Disabled {
		t.Error("the ways out of Bob's file are disabled")
	}
	if !mw.corpus.importButton.Disabled() {
		t.Error("Import is enabled on a read-only file")
	}

	// The inspector shows Bob's claim to read, with no editing controls.
	if !mw.showClaim(bobClaim.ID) {
		t.Fatal("Bob's claim not shown")
	}
	in := mw.inspector
	if in.verdictGrid.Visible() || !in.verdictLabel.Visible() || in.verdictLabel.Text != verdictText(annotate.Disputed) {
		t.Errorf("verdict: buttons visible %v, label %q", in.verdictGrid.Visible(), in.verdictLabel.Text)
	}
	if in.note.Visible() || in.noteView.Text != "Bob's note" || in.sourceForm.Visible() || in.deleteButton.Visible() {
		t.Errorf("the inspector offers to edit a read-only claim: note %v %q, source form %v, delete %v",
			in.note.Visible(), in.noteView.Text, in.sourceForm.Visible(), in.deleteButton.Visible())
	}
	p := mw.panes.current
	h.selectText(p, "Kremlin")
	if !in.newClaimButton.Disabled() || strings.Contains(mw.status.Text, "makes the selection a claim") {
		t.Error("a new claim is offered on a read-only file")
	}
	if items := p.menuItems([]string{bobClaim.ID}); len(items) != 0 {
		t.Errorf("the context menu offers %d changes on a read-only file", len(items))
	}
	mw.onNewClaim()
	mw.onSetVerdict(annotate.Confirmed)
	if !strings.Contains(mw.status.Text, "read-only") || !strings.Contains(mw.status.Text, "Back to my database") {
		t.Errorf("refusal not explained: %q", mw.status.Text)
	}
	if h.overlayText() != "" {
		t.Errorf("a refused edit opened a dialog: %q", h.overlayText())
	}
	if c, _ := mw.db.Claim(ctx, bobClaim.ID); c.Verdict != annotate.Disputed || len(p.claims) != 1 {
		t.Error("the read-only file changed")
	}

	// Back to my database.
	mw.onBackToMine()
	h.wait()
	if mw.shared != nil || mw.db.Path() != mine || mw.db.ReadOnly() || mw.roBar.root.Visible() {
		t.Fatalf("not back on my database: %s (read-only %v)", mw.db.Path(), mw.db.ReadOnly())
	}
	for _, it := range mw.editItems {
		if it.Disabled {
			t.Errorf("%s stays disabled on my database", it.Label)
		}
	}
	if !mw.useItem.Disabled {
		t.Error("Use this file stays enabled on my database")
	}

	// Open it again and make it my working database, beside mine.
	mw.newOpenShared().Open(share)
	h.wait()
	mw.onUseAsWorking()
	f := mw.savePath
	if f == nil {
		t.Fatal("no form to choose where to save the working database")
	}
	if f.folder.Text != filepath.Dir(mine) || f.name.Text != "bob-share-working.db" {
		t.Errorf("form offers %s / %s, want the folder of my database", f.folder.Text, f.name.Text)
	}
	f.name.SetText("from-bob.db")
	f.dialog.Submit()
	h.wait()
	want := filepath.Join(filepath.Dir(mine), "from-bob.db")
	if mw.db.Path() != want || mw.db.ReadOnly() || mw.shared != nil || mw.roBar.root.Visible() {
		t.Fatalf("working database %s (read-only %v), want %s", mw.db.Path(), mw.db.ReadOnly(), want)
	}
	if !strings.Contains(mw.status.Text, "made from Bob's file bob-share.db") {
		t.Errorf("status %q", mw.status.Text)
	}
	// It is mine to change now.
	if !mw.setVerdict(bobClaim.ID, annotate.Confirmed) {
		t.Fatal("cannot change the new working database")
	}
	// My verdict is my rating, beside Bob's: the claim is contested until someone settles it.
	c, _ := mw.db.Claim(ctx, bobClaim.ID)
	rated := false
	for _, r := range c.Ratings {
		rated = rated || (r.Reviewer == testReviewer && r.Verdict == annotate.Confirmed)
	}
	if !rated || len(c.Ratings) != 2 || c.UpdatedBy != testReviewer {
		t.Errorf("claim after the change: %+v", c)
	}
	if after, _ := os.ReadFile(share); !bytes.Equal(before, after) {
		t.Error("Bob's file changed")
	}
}

// The location warning is tracked like every dialog: Return or Escape closes it, and the
// first-run questions wait until it is closed instead of covering it.
func TestLocationWarningReturnClosesAndNothingStacks(t *testing.T) {
	a := &recordingApp{App: test.NewTempApp(t)}
	dir := filepath.Join(t.TempDir(), "Dropbox")
	db := openDB(t, filepath.Join(dir, "work.db"), fdstorage.Options{})
	w := test.NewTempWindow(t, nil)
	mw := newMainWindow(a, w, db, Config{DBPath: db.Path()}, nil)
	h := &harness{t: t, app: a, mw: mw, db: db, win: w}
	mw.do = func(fn func()) { h.mu.Lock(); h.queue = append(h.queue, fn); h.mu.Unlock() }
	mw.show()
	mw.showLocationWarning(db.Path())
	h.wait()
	if len(mw.dialogs) != 1 || !strings.Contains(h.overlayText(), "Dropbox") {
		t.Fatalf("%d dialogs, top says %q; want the warning alone", len(mw.dialogs), h.overlayText())
	}
	if mw.reviewerForm != nil {
		t.Fatal("the welcome dialog covers the warning")
	}
	mw.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if mw.reviewerForm == nil || len(mw.dialogs) != 1 {
		t.Fatalf("after Return: %d dialogs, welcome shown %v", len(mw.dialogs), mw.reviewerForm != nil)
	}
	// Return does not answer a question by chance: the welcome dialog stays.
	w.Canvas().Unfocus()
	mw.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if mw.reviewerForm == nil {
		t.Error("Return closed the welcome dialog")
	}
}

// A shared file is named for the reviewer who made its last change, else for all whose work
// it holds.
func TestSharedFileName(t *testing.T) {
	for _, c := range []struct {
		s    sharedFile
		want string
	}{
		{sharedFile{source: "/x/bob-share.db", owner: "Bob", reviewers: []string{"Alice", "Bob"}}, "Bob's file bob-share.db"},
		{sharedFile{source: "/x/ab.db", reviewers: []string{"Alice", "Bob"}}, "the file from Alice and Bob, ab.db"},
		{sharedFile{source: "/x/f.db", reviewers: []string{"A", "B", "C", "D"}}, "the file from A, B and 2 others, f.db"},
		{sharedFile{source: "/x/f.db"}, "f.db"},
	} {
		if got := c.s.whose(); got != c.want {
			t.Errorf("whose() = %q, want %q", got, c.want)
		}
	}
}
