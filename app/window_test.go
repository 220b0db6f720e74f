package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/app/demo"
	fdstorage "factdesk/storage"
)

// Panes open side by side (at most four), close, reorder, replace, and come back in the
// same order at the next run.
func TestPanesOpenCloseReorderAndPersist(t *testing.T) {
	h := newHarness(t, nil)
	h.mw.onLoadDemo()
	h.wait()
	if len(h.mw.corpus.articles) != 6 {
		t.Fatalf("demo corpus: %d articles", len(h.mw.corpus.articles))
	}
	h.mw.panes.closeAll()
	var ids []string
	for _, a := range h.mw.corpus.articles {
		ids = append(ids, a.ID)
	}
	for _, id := range ids[:4] {
		h.mw.openArticle(id)
	}
	order := func() string {
		var s []string
		for _, p := range h.mw.panes.panes {
			for i, id := range ids {
				if p.article.ID == id {
					s = append(s, string(rune('A'+i)))
				}
			}
		}
		return strings.Join(s, "")
	}
	if order() != "ABCD" {
		t.Fatalf("order %s", order())
	}
	// A fifth article replaces the current pane (D).
	h.mw.openArticle(ids[4])
	if order() != "ABCE" {
		t.Fatalf("fifth article: order %s", order())
	}
	// Opening an open article focuses its pane.
	h.mw.openArticle(ids[1])
	if h.mw.panes.current != h.mw.panes.panes[1] || len(h.mw.panes.panes) != 4 {
		t.Fatalf("re-opening B did not focus its pane")
	}
	// Move B right, then left twice (the first button is disabled at the edge).
	test.Tap(h.mw.panes.panes[1].rightButton)
	if order() != "ACBE" {
		t.Fatalf("after move right: %s", order())
	}
	b := h.mw.panes.find(ids[1])
	test.Tap(b.leftButton)
	test.Tap(b.leftButton)
	if order() != "BACE" {
		t.Fatalf("after two moves left: %s", order())
	}
	if !b.leftButton.Disabled() {
		t.Error("move left is enabled on the first pane")
	}
	test.Tap(h.mw.panes.find(ids[2]).closeButton)
	if order() != "BAE" {
		t.Fatalf("after close: %s", order())
	}
	// Replace the current pane.
	h.mw.panes.focus(h.mw.panes.find(ids[0]))
	h.mw.panes.show(ids[5], true)
	if order() != "BFE" {
		t.Fatalf("after replace: %s", order())
	}
	h.mw.panes.find(ids[5]).view.SetTopOffset(0)

	// The next run reopens them in this order.
	h2 := startHarness(t, h.app, h.db)
	h2.wait()
	var got []string
	for _, p := range h2.mw.panes.panes {
		got = append(got, p.article.ID)
	}
	want := []string{ids[1], ids[5], ids[4]}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("restored panes %v, want %v", got, want)
	}
	if h2.mw.panes.panes[0].article.Text == "" || len(h2.mw.panes.panes[0].claims) == 0 {
		t.Error("restored pane has no text or no claims")
	}
}

// The demo corpus: six articles in two languages, claims in every verdict, sources and
// links, and three articles side by side; loading it twice adds nothing.
func TestDemoCorpus(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	h.mw.onLoadDemo()
	h.wait()
	langs := map[string]int{}
	for _, a := range h.mw.corpus.articles {
		langs[a.Language]++
		if a.Title == "" || a.Outlet == "" || a.URL == "" || a.Published == "" {
			t.Errorf("demo article lacks metadata: %+v", a.Article)
		}
	}
	if len(h.mw.corpus.articles) != 6 || langs["en"] != 3 || langs["fr"] != 3 {
		t.Fatalf("demo articles by language: %v (%d)", langs, len(h.mw.corpus.articles))
	}
	claims, err := h.db.Claims(ctx, fdstorage.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != len(demo.Claims) {
		t.Errorf("%d demo claims made, want %d", len(claims), len(demo.Claims))
	}
	var counts annotate.VerdictCounts
	links := 0
	for _, c := range claims {
		counts.Add(c.Verdict)
		ls, _ := h.db.Links(ctx, c.ID)
		links += len(ls)
	}
	if counts.Confirmed == 0 || counts.Disputed == 0 || counts.Unverified == 0 {
		t.Errorf("demo verdicts: %+v", counts)
	}
	if links == 0 {
		t.Error("demo has no links")
	}
	if len(h.mw.panes.panes) != 3 {
		t.Errorf("demo opened %d panes, want 3", len(h.mw.panes.panes))
	}
	// A database that holds articles (the demo's here) is offered the demo desk instead.
	h.mw.onLoadDemo()
	h.wait()
	if !strings.Contains(h.overlayText(), "Open the demo desk") {
		t.Errorf("second load: %q", h.overlayText())
	}
	h.mw.closeTopDialog()
	h.wait()
	again, _ := h.db.Claims(ctx, fdstorage.ClaimFilter{})
	if len(h.mw.corpus.articles) != 6 || len(again) != len(claims) {
		t.Errorf("loading the demo twice: %d articles, %d claims", len(h.mw.corpus.articles), len(again))
	}
}

// First run on an empty database: the app asks the reviewer's name and offers the demo.
func TestFirstRunAsksReviewerAndOffersDemo(t *testing.T) {
	a := &recordingApp{App: test.NewTempApp(t)}
	db := openDB(t, filepath.Join(t.TempDir(), "new.db"), fdstorage.Options{})
	w := test.NewTempWindow(t, nil)
	mw := newMainWindow(a, w, db, Config{DBPath: db.Path()}, nil)
	h := &harness{t: t, app: a, mw: mw, db: db, win: w}
	mw.do = func(fn func()) { h.mu.Lock(); h.queue = append(h.queue, fn); h.mu.Unlock() }
	mw.show()
	h.wait()
	f := mw.reviewerForm
	if f == nil || f.demo == nil || !f.demo.Checked {
		t.Fatal("first run did not ask for the name with the demo offered")
	}
	if mw.sess.Reviewer() != "" {
		t.Fatal("a reviewer is set before the person said who they are")
	}
	// No complaint about the empty name before the person did anything.
	if f.problem.Visible() {
		t.Error("the welcome dialog shows an error before any typing")
	}
	// OK with no name: the dialog stays and says what is missing.
	test.Tap(f.okButton)
	if !f.problem.Visible() || mw.reviewerForm != f || h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("OK with an empty name closed the dialog or said nothing")
	}
	test.Type(f.name, "Ada Reviewer")
	if f.problem.Visible() {
		t.Error("the problem is still shown after typing a name")
	}
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.wait()
	if mw.reviewerForm != nil {
		t.Fatal("Enter with a name did not close the dialog")
	}
	if mw.sess.Reviewer() != "Ada Reviewer" || a.Preferences().String(prefReviewer) != "Ada Reviewer" {
		t.Errorf("reviewer %q, preference %q", mw.sess.Reviewer(), a.Preferences().String(prefReviewer))
	}
	if len(mw.corpus.articles) != 6 {
		t.Errorf("demo not loaded: %d articles", len(mw.corpus.articles))
	}
	// The demo's claims are the demo desk's ratings, not the person's: two reviewers who both
	// load the demo do not agree on it.
	claims, _ := db.Claims(context.Background(), fdstorage.ClaimFilter{})
	if len(claims) == 0 {
		t.Fatal("no demo claims")
	}
	for _, c := range claims {
		if c.CreatedBy != demoReviewer {
			t.Fatalf("demo claim recorded for %q, want %q", c.CreatedBy, demoReviewer)
		}
		rs, _ := db.Ratings(context.Background(), c.ID)
		for _, r := range rs {
			if r.Reviewer != demoReviewer {
				t.Errorf("demo claim rated by %q", r.Reviewer)
			}
		}
	}
	// The person's own changes are still recorded for them.
	v := annotate.Confirmed
	if claims[0].Verdict == v {
		v = annotate.Disputed
	}
	mw.setVerdict(claims[0].ID, v)
	if got := h.claimInDB(claims[0].ID).UpdatedBy; got != "Ada Reviewer" {
		t.Errorf("a change after the demo recorded for %q", got)
	}
	if !strings.Contains(w.Title(), "new.db") {
		t.Errorf("window title %q does not name the database file", w.Title())
	}
}

// Changes made by another process (here a second connection, as the command line would
// make) show up without a restart.
func TestExternalChangesShowUp(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "300 to 400")
	if h.mw.checkForChanges() {
		t.Fatal("our own changes were taken for someone else's")
	}

	other := openDB(t, h.db.Path(), fdstorage.Options{})
	if _, err := other.SetReviewer(ctx, "Someone Else"); err != nil {
		t.Fatal(err)
	}
	a, err := annotate.FindQuote(p.article.Text, "Kremlin", 1)
	if err != nil {
		t.Fatal(err)
	}
	added, err := other.AddClaim(ctx, en, a, annotate.Confirmed, "from the CLI")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.SetVerdict(ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if !h.mw.checkForChanges() {
		t.Fatal("the change counter did not move")
	}
	h.wait()
	if _, ok := p.claims[added.ID]; !ok {
		t.Error("the pane does not show the claim added elsewhere")
	}
	if got := p.claims[c.ID].Verdict; got != annotate.Confirmed {
		t.Errorf("pane verdict %s, want confirmed", got)
	}
	if h.mw.inspector.claim.Verdict != annotate.Confirmed {
		t.Error("the inspector kept the old verdict")
	}
	if art, _ := h.mw.corpus.article(en); art.Counts.Total() != 2 {
		t.Errorf("corpus counts %+v", art.Counts)
	}
	found := false
	for _, r := range h.mw.claims.rows {
		found = found || r.ID == added.ID
	}
	if !found {
		t.Error("the claims list does not show the claim added elsewhere")
	}
}

// Imports: files by path (as the file dialog and drag-and-drop give them), a folder,
// pasted text; bad files are reported, not fatal; a cancelled import keeps what was done.
func TestImportPathsDropPasteAndCancel(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a.txt", "First article\n\nThe mayor said 12 people were hurt in the fire on Friday night.")
	write("b.md", "# Second article\n\nThe prefecture said 14 people were hurt.")
	write("notes.pdf", "%PDF-1.4 binary")
	pdf := filepath.Join(dir, "notes.pdf")

	// Drop the folder and an explicit bad file on the window.
	h.mw.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(dir), storage.NewFileURI(pdf)})
	h.wait()
	if len(h.mw.corpus.articles) != 2 {
		t.Fatalf("after dropping the folder: %d articles", len(h.mw.corpus.articles))
	}
	if msg := h.overlayText(); !strings.Contains(msg, "notes.pdf") {
		t.Errorf("the bad file is not reported: %q", msg)
	}
	h.dismissOverlays()

	h.mw.importPasted("Pasted piece", "Some text pasted from a web page, long enough to be an article about the fire.")
	h.wait()
	if len(h.mw.corpus.articles) != 3 {
		t.Fatalf("after paste: %d articles", len(h.mw.corpus.articles))
	}
	if p := h.mw.panes.current; p == nil || !strings.Contains(p.article.Text, "pasted from a web page") {
		t.Error("the pasted article was not opened")
	}

	// Cancel: the job stops at once and says so.
	var items []importItem
	for i := range 60 {
		items = append(items, importItem{name: "gen.txt", data: []byte(strings.Repeat("word ", 50) + string(rune('a'+i%26)) + strings.Repeat("x", i))})
	}
	var sum importSummary
	h.mw.runJob("Importing", func(ctx context.Context, progress func(int, int, float64, string)) importSummary {
		h.mw.progress.CancelButton.OnTapped() // the person cancels at once
		return importAll(ctx, h.db, items, progress)
	}, func(s importSummary) { sum = s })
	h.wait()
	if !sum.cancelled || sum.added != 0 {
		t.Errorf("cancelled import: %+v", sum)
	}
	if h.mw.progress != nil {
		t.Error("the progress dialog is still up")
	}
}

// Every menu action has a shortcut, shown in the menu, and no two share one; links open
// only when they are web links.
func TestMenusShortcutsAndLinks(t *testing.T) {
	h := newHarness(t, nil)
	seen := map[string]string{}
	for _, m := range h.mw.mainMenu.Items {
		for _, it := range m.Items {
			if it.IsSeparator || it.Label == "About Factdesk" {
				continue
			}
			if it.Shortcut == nil {
				t.Errorf("%s > %s has no shortcut", m.Label, it.Label)
				continue
			}
			k := it.Shortcut.ShortcutName()
			if prev, dup := seen[k]; dup {
				t.Errorf("%s and %s share the shortcut %s", prev, it.Label, shortcutText(it.Shortcut))
			}
			seen[k] = it.Label
		}
	}
	for _, want := range []string{"File", "Edit", "Claim", "View", "Help"} {
		found := false
		for _, m := range h.mw.mainMenu.Items {
			found = found || m.Label == want
		}
		if !found {
			t.Errorf("no %s menu", want)
		}
	}

	h.mw.openURL("https://example.org/a")
	h.mw.openURL("javascript:alert(1)")
	h.mw.openURL("file:///etc/passwd")
	if len(h.app.opened) != 1 || h.app.opened[0] != "https://example.org/a" {
		t.Errorf("opened %v", h.app.opened)
	}
	if !strings.Contains(h.overlayText(), "not a web link") {
		t.Errorf("refusal not explained: %q", h.overlayText())
	}
}

// Every dialog opens (file dialogs included) and Escape closes it, from the dialog's entry
// or with no focus.
func TestDialogsOpenAndEscapeCloses(t *testing.T) {
	h := newHarness(t, nil)
	h.importTestArticles()
	actions := map[string]func(){
		"open database": h.mw.onOpenDB, "new database": h.mw.onNewDB, "save a copy": h.mw.onSaveCopy,
		"import file": h.mw.onImportFile, "import folder": h.mw.onImportFolder, "paste": h.mw.onPaste,
		"open article": func() { h.mw.onChooseArticle(false) }, "shortcuts": h.mw.onShowShortcuts,
		"getting started": h.mw.onGettingStarted, "about": h.mw.onAbout, "export": h.mw.onExport, "merge": h.mw.onMerge, "open shared": h.mw.onOpenShared,
		"conflicts": h.mw.onConflicts, "agreement": h.mw.onAgreement, "ratings": h.mw.onRatings, "reviewer": func() { h.mw.askReviewer(true, nil) },
	}
	for name, open := range actions {
		open()
		if h.win.Canvas().Overlays().Top() == nil || len(h.mw.dialogs) != 1 {
			t.Errorf("%s: no dialog (%d tracked)", name, len(h.mw.dialogs))
			continue
		}
		if f, ok := h.win.Canvas().Focused().(*escEntry); ok {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		} else {
			h.win.Canvas().Unfocus()
			h.mw.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
		if h.win.Canvas().Overlays().Top() != nil || len(h.mw.dialogs) != 0 {
			t.Errorf("%s: Escape did not close the dialog", name)
			h.dismissOverlays()
			h.mw.dialogs = nil
		}
	}
	// The article chooser filters as one types, and Enter opens the first match.
	h.mw.onChooseArticle(false)
	f := h.win.Canvas().Focused().(*escEntry)
	test.Type(f, "Tension")
	f.OnSubmitted(f.Text)
	if p := h.mw.panes.current; p == nil || !strings.Contains(p.article.Title, "Tension") {
		t.Error("the article chooser did not open the matching article")
	}
}

// Save a copy writes a consistent database another reviewer can open; File > New database
// switches the window to a new, empty project.
func TestSaveCopyAndSwitchDatabase(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	c := h.makeClaim(h.mw.openArticle(en), "300 to 400")
	test.Type(h.mw.inspector.note, "pending note")

	dir := t.TempDir()
	h.mw.onSaveCopy() // flushes the note, then asks where
	if len(h.mw.dialogs) != 1 {
		t.Fatal("no save dialog")
	}
	h.mw.closeTopDialog()
	out := filepath.Join(dir, "share.db")
	h.mw.saveCopyTo(out)
	h.wait()
	if !strings.Contains(h.overlayText(), "Copy saved") {
		t.Fatalf("no confirmation: %q", h.overlayText())
	}
	h.dismissOverlays()
	h.mw.dialogs = nil
	cp := openDB(t, out, fdstorage.Options{ReadOnly: true})
	got, err := cp.Claim(context.Background(), c.ID)
	if err != nil || got.Note != "pending note" {
		t.Fatalf("the copy lacks the claim or its note: %+v %v", got, err)
	}

	newPath := filepath.Join(dir, "other.db")
	h.mw.switchDB(newPath)
	t.Cleanup(func() { h.mw.db.Close() })
	h.wait()
	if h.mw.db.Path() != newPath || !strings.Contains(h.win.Title(), "other.db") {
		t.Errorf("window on %s, title %q", h.mw.db.Path(), h.win.Title())
	}
	if len(h.mw.corpus.articles) != 0 || len(h.mw.panes.panes) != 0 || h.mw.inspector.claim != nil {
		t.Error("the new database shows the old one's work")
	}
	if h.mw.sess.Reviewer() != testReviewer {
		t.Errorf("reviewer %q after switching", h.mw.sess.Reviewer())
	}
}

// Titles and outlets with line breaks (pasted, or badly extracted) stay on one line in the
// lists and pane headers.
func TestTitlesOnOneLine(t *testing.T) {
	a := annotate.Article{}
	a.Title, a.Outlet, a.Language = "Fire at the port:\n\n12 injured ", " Gazette\n", "en"
	if got := displayTitle(a); got != "Fire at the port: 12 injured" {
		t.Errorf("title %q", got)
	}
	if got := articleMeta(a); got != "Gazette · EN" {
		t.Errorf("meta %q", got)
	}
}

// File > Quit (Ctrl+Q) saves the note being typed, then closes the window.
func TestQuitSavesTheNote(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	c := h.makeClaim(h.mw.openArticle(en), "300 to 400")
	closed := false
	h.mw.closeFunc = func() { closed = true }
	var quit *fyne.MenuItem
	for _, it := range h.mw.mainMenu.Items[0].Items {
		if it.Label == "Quit" {
			quit = it
		}
	}
	if quit == nil || !quit.IsQuit || shortcutText(quit.Shortcut) != "Ctrl+Q" {
		t.Fatalf("no File > Quit with Ctrl+Q: %+v", quit)
	}
	h.win.Canvas().Focus(h.mw.inspector.note)
	test.Type(h.mw.inspector.note, "typed just before quitting")
	quit.Action()
	if !closed {
		t.Fatal("Quit did not close the window")
	}
	if got := h.claimInDB(c.ID).Note; got != "typed just before quitting" {
		t.Errorf("note in the database %q", got)
	}
}

// Escape closes a dialog also once one of its lists was clicked (and so has the keyboard).
func TestEscapeClosesDialogFromItsList(t *testing.T) {
	h := newHarness(t, nil)
	h.importTestArticles()
	h.mw.onChooseArticle(false)
	var list *escList
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *escList:
			list = x
		case *fyne.Container:
			for _, c := range x.Objects {
				find(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				find(c)
			}
		}
	}
	find(h.win.Canvas().Overlays().Top())
	if list == nil {
		t.Fatal("no list in the article chooser")
	}
	h.win.Canvas().Focus(list)
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the list's own keys still work
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(h.mw.dialogs) != 0 || h.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape in the list did not close the dialog")
	}
}

// The working database opened in the app is the one the next launch opens (without --db).
func TestSwitchingDatabaseIsRememberedForNextLaunch(t *testing.T) {
	h := newHarness(t, nil)
	other := filepath.Join(t.TempDir(), "other.db")
	if !h.mw.switchDB(other) {
		t.Fatal("switchDB failed")
	}
	h.wait()
	if got := h.app.Preferences().String(prefLastDB); got != other {
		t.Fatalf("last database = %q, want %q", got, other)
	}
}
