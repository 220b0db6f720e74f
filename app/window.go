package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/session"
	"factdesk/app/sharing"
	"factdesk/app/textview"
	"factdesk/app/uihost"
	"factdesk/storage"
)

// mainWindow is the one screen of the app: corpus and claims lists on the left, article
// panes in the centre, the inspector on the right. The editing session (package session)
// owns the reviewer and the undo stack and makes every change to a claim; the window shows
// each change it announces (onChange) in the panes, lists and inspector.
type mainWindow struct {
	app   fyne.App
	win   fyne.Window
	db    *storage.DB
	cfg   Config
	prefs fyne.Preferences
	trace *tracer

	ctx    context.Context
	cancel context.CancelFunc

	sess *session.Session // the reviewer, undo/redo, and every change to the claims

	corpus    *corpusPanel
	claims    *claimsPanel
	panes     *paneArea
	inspector *inspector
	// subscriptions end the panels' and the window's subscriptions to the session.
	subscriptions []func()

	leftTabs   *container.AppTabs
	corpusTab  *container.TabItem
	claimsTab  *container.TabItem
	root       *fyne.Container // holds the current arrangement of the three columns
	showLeft   bool
	showRight  bool
	leftSplit  *container.Split
	rightSplit *container.Split
	status     *widget.Label
	dbLabel    *mutedText
	legend     *textview.Legend
	roBar      *readOnlyBar
	settings   *settingsScreen // File > Settings…, the last one opened
	about      *aboutScreen    // Help > About Factdesk, the last one opened

	mainMenu  *fyne.MainMenu
	undoItem  *fyne.MenuItem
	redoItem  *fyne.MenuItem
	editItems []*fyne.MenuItem // actions that change the work: disabled while read-only
	useItem   *fyne.MenuItem   // File > Use this file as my working database…
	backItem  *fyne.MenuItem   // File > Back to my database

	// shared is another reviewer's file shown read-only instead of the working database.
	shared *sharedFile
	// demoBack is the working database to go back to while the demo desk is shown, "" else.
	demoBack string

	// stopIndexing cancels the background indexing of the database for counterparts.
	stopIndexing context.CancelFunc

	pollStop chan struct{}
	// work shows errors and runs background work (waited for by tests and at shutdown): the
	// one place that does, shared with the export dialog and the sharing screens.
	work *uihost.Host
	// do runs a function on the UI goroutine from another goroutine: fyne.Do, except in
	// tests, which queue it and run it on the test goroutine (the test driver would run it at
	// once on the calling goroutine, concurrently with the test).
	do func(func())
	// dbCleanup runs after db is closed (the private copy of another reviewer's file).
	dbCleanup func()
	// restoreAfterPaint reopens the last panes once the window is on screen (real runs; the
	// headless test driver draws no frames).
	restoreAfterPaint bool
	// closeFunc, when set, replaces closing the window (tests).
	closeFunc    func()
	closing      bool
	progress     *progressDialog // the import under way, nil when none
	dialogs      []dialog.Dialog // open dialogs, the top last: Escape closes it
	returnCloses map[dialog.Dialog]bool
	// whenNoDialog runs, in order, once no dialog is open (first-run questions wait for the
	// location warning instead of covering it).
	whenNoDialog []func()
	reviewerForm *reviewerForm // the reviewer dialog while it is open
	savePath     *savePathForm // the "where to save" dialog while it is open
}

func newMainWindow(a fyne.App, w fyne.Window, db *storage.DB, cfg Config, tr *tracer) *mainWindow {
	if tr == nil {
		tr = newTracer()
	}
	ctx, cancel := context.WithCancel(context.Background())
	mw := &mainWindow{
		app: a, win: w, db: db, cfg: cfg, prefs: a.Preferences(),
		ctx: ctx, cancel: cancel,
		returnCloses: map[dialog.Dialog]bool{},
		showLeft:     true, showRight: true,
		trace: tr,
		do:    fyne.Do,
	}
	mw.work = uihost.New(w)
	mw.work.Present, mw.work.Do = mw.showMessage, mw.uiDo
	mw.sess = session.New(db)
	mw.makePanels()
	return mw
}

// makePanels makes the corpus list, the pane area, the claims list and the inspector (again,
// when the interface language changed). The panes and the corpus list follow the session
// themselves, before the window's own handler (which selects a claim an undo brought back in
// its pane); the subscriptions of the panels they replace end.
func (mw *mainWindow) makePanels() {
	for _, stop := range mw.subscriptions {
		stop()
	}
	mw.panes = newPaneArea(mw, mw.sess, mw.prefs, mw.trace)
	mw.corpus = newCorpusPanel(mw, mw.sess, importActions{
		file: mw.onImportFile, folder: mw.onImportFolder, web: mw.onImportURL, paste: mw.onPaste, demo: mw.onLoadDemo})
	mw.subscriptions = []func(){mw.panes.stop, mw.corpus.stop, mw.sess.Subscribe(mw.onChange)}
	mw.claims = newClaimsPanel(mw)
	mw.inspector = newInspector(mw)
}

// buildUI returns the window's content.
func (mw *mainWindow) buildUI() fyne.CanvasObject {
	mw.corpusTab = container.NewTabItem(lang.L("Corpus"), mw.corpus.buildUI())
	mw.claimsTab = container.NewTabItem(lang.L("Claims"), mw.claims.buildUI())
	mw.leftTabs = container.NewAppTabs(mw.corpusTab, mw.claimsTab)
	mw.leftTabs.OnSelected = func(t *container.TabItem) {
		if t == mw.claimsTab {
			mw.claims.reload()
		}
	}
	centre := mw.panes.buildUI()
	right := mw.inspector.buildUI()
	mw.rightSplit = container.NewHSplit(centre, right)
	mw.rightSplit.SetOffset(0.655)
	mw.leftSplit = container.NewHSplit(mw.leftTabs, mw.rightSplit)
	mw.leftSplit.SetOffset(0.22)
	mw.root = container.NewStack()
	mw.arrange()

	mw.status = widget.NewLabel("")
	mw.status.Truncation = fyne.TextTruncateEllipsis
	mw.dbLabel = newMutedText("")
	mw.legend = textview.NewLegend()
	mw.roBar = newReadOnlyBar(mw)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(mw.dbLabel, mw.trace.probeObject()), mw.status)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewHScroll(mw.legend), bar)
	return container.NewBorder(mw.roBar.root, bottom, nil, nil, mw.root)
}

// arrange lays out the columns that are shown (View > Show or hide the left column, and the
// inspector).
func (mw *mainWindow) arrange() {
	centre := mw.panes.root
	right := mw.inspector.root
	var obj fyne.CanvasObject
	switch {
	case mw.showLeft && mw.showRight:
		mw.rightSplit.Leading, mw.rightSplit.Trailing = centre, right
		mw.leftSplit.Leading, mw.leftSplit.Trailing = mw.leftTabs, mw.rightSplit
		mw.rightSplit.Refresh()
		mw.leftSplit.Refresh()
		obj = mw.leftSplit
	case mw.showLeft:
		split := container.NewHSplit(mw.leftTabs, centre)
		split.SetOffset(0.22)
		obj = split
	case mw.showRight:
		mw.rightSplit.Leading, mw.rightSplit.Trailing = centre, right
		mw.rightSplit.Refresh()
		obj = mw.rightSplit
	default:
		obj = centre
	}
	mw.root.Objects = []fyne.CanvasObject{obj}
	mw.root.Refresh()
}

// show puts the window together, sizes it and starts the first loads; the corpus list is
// read in the background so the window appears at once even on a large database.
func (mw *mainWindow) show() {
	mw.win.SetContent(mw.buildUI())
	mw.mainMenu = mw.makeMenu()
	mw.win.SetMainMenu(mw.mainMenu)
	mw.refreshEditable()
	mw.win.SetOnDropped(mw.onDropped)
	mw.win.Canvas().SetOnTypedKey(mw.onTypedKey)
	mw.win.SetCloseIntercept(mw.onCloseRequested)
	width := mw.prefs.FloatWithFallback(prefWindowWidth, 1280)
	height := mw.prefs.FloatWithFallback(prefWindowHeight, 800)
	mw.win.Resize(fyne.NewSize(float32(width), float32(height)))
	mw.updateTitle()
	mw.start()
}

// start loads the corpus, restores the panes and runs the first-run questions.
func (mw *mainWindow) start() {
	if n, err := mw.db.LastChange(mw.ctx); err == nil {
		mw.sess.SetLastChange(n)
	}
	mw.reloadArticles(func() {
		mw.trace.mark("corpus list loaded")
		mw.firstRun()
	})
	mw.indexCounterparts()
	if mw.restoreAfterPaint {
		mw.trace.afterFirstPaint(mw.panes.restore)
	} else {
		mw.panes.restore()
	}
}

// updateTitle shows the database file name in the window title and the status bar: while
// another reviewer's file is shown, its own name, not its private copy's.
func (mw *mainWindow) updateTitle() {
	name := mw.dbName()
	title := "Factdesk — " + name
	switch {
	case mw.shared != nil && mw.shared.owner != "":
		title += " " + lang.L("({{.Owner}}'s file, read-only)", fields{"Owner": mw.shared.owner})
	case mw.db.ReadOnly():
		title += " " + lang.L("(read-only)")
	}
	mw.win.SetTitle(title)
	who := mw.sess.Reviewer()
	if who == "" {
		who = lang.L("no reviewer set")
	}
	if mw.db.ReadOnly() {
		name += " " + lang.L("(read-only)")
	}
	mw.dbLabel.SetText(fmt.Sprintf("%s · %s", who, name))
}

// setStatus shows a short message at the bottom of the window.
func (mw *mainWindow) setStatus(format string, args ...any) {
	mw.status.SetText(fmt.Sprintf(format, args...))
}

// background runs work off the UI goroutine and then the function it returns on it.
func (mw *mainWindow) background(work func() func()) { mw.work.Go(work) }

// showError tells the person what went wrong with what they tried and what to do (uihost
// words it), and notes the failure in the status bar.
func (mw *mainWindow) showError(what string, err error) {
	if err == nil {
		return
	}
	mw.setStatus("%s: failed", what)
	mw.work.ShowError(what, err)
}

// ensureReviewer asks for the reviewer's name when none is known yet, then runs then. On a
// read-only database it refuses (saying why) and returns false.
func (mw *mainWindow) ensureReviewer(then func()) bool {
	if mw.refuseReadOnly(lang.L("Changing the work")) {
		return false
	}
	if mw.sess.Reviewer() != "" {
		return true
	}
	mw.askReviewer(false, then)
	return false
}

// setReviewer records name as the reviewer of every following change.
func (mw *mainWindow) setReviewer(name string) error {
	if err := mw.sess.SetReviewer(mw.ctx, name); err != nil {
		return err
	}
	mw.updateTitle()
	mw.claims.reloadReviewers()
	return nil
}

// reloadArticles reads the corpus list in the background, then runs then (may be nil).
func (mw *mainWindow) reloadArticles(then func()) {
	start := time.Now()
	mw.background(func() func() {
		arts, err := mw.db.Articles(mw.ctx)
		return func() {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					mw.showError(lang.L("Reading the list of articles"), err)
				}
				return
			}
			mw.corpus.setArticles(arts)
			mw.trace.span(fmt.Sprintf("corpus list (%d articles)", len(arts)), start)
			if then != nil {
				then()
			}
		}
	})
}

// articleTitle is the title of article id for lists, or a placeholder.
func (mw *mainWindow) articleTitle(id string) string {
	if a, ok := mw.corpus.article(id); ok && a.Title != "" {
		return a.Title
	}
	if p := mw.panes.find(id); p != nil {
		return p.article.Title
	}
	return lang.L("(untitled article)")
}

// onCloseRequested saves what is pending before the window closes; a note that cannot be
// saved is not dropped silently.
func (mw *mainWindow) onCloseRequested() {
	if !mw.inspector.flushNote() {
		mw.showConfirm(lang.L("Quit without saving the note?"),
			lang.L("The note you were writing could not be saved (see the previous message).\nQuit anyway and lose it?"),
			func(quit bool) {
				if quit {
					mw.inspector.discardNote()
					mw.closeWindow()
				}
			})
		return
	}
	mw.closeWindow()
}

func (mw *mainWindow) closeWindow() {
	size := mw.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		mw.prefs.SetFloat(prefWindowWidth, float64(size.Width))
		mw.prefs.SetFloat(prefWindowHeight, float64(size.Height))
	}
	mw.panes.save()
	mw.closing = true
	if mw.closeFunc != nil {
		mw.closeFunc()
		return
	}
	mw.win.Close()
}

// shutdown stops polling and background work once the window is gone.
func (mw *mainWindow) shutdown() {
	mw.inspector.flushNote()
	mw.stopPolling()
	mw.cancel()
	mw.work.Wait()
}

// switchDB closes the current database and opens the one at path in the same window, as the
// working database; it reports whether it did.
func (mw *mainWindow) switchDB(path string) bool {
	if !mw.inspector.flushNote() {
		return false
	}
	db, err := storage.Open(mw.ctx, path, storage.Options{AppVersion: mw.cfg.Build.Version})
	if err != nil {
		mw.showError(lang.L("Opening {{.File}}", fields{"File": filepath.Base(path)}), err)
		return false
	}
	mw.adoptDB(db, nil, nil)
	mw.say(lang.L("Opened {{.Path}}", fields{"Path": db.Path()}))

	mw.showLocationWarning(db.Path())
	return true
}

// showLocationWarning warns when the working database at path sits in a risky place (a
// network drive, a cloud-sync folder), in a dialog Escape and Return close.
func (mw *mainWindow) showLocationWarning(path string) {
	if d := sharing.NewLocationWarning(mw.win, path); d != nil {
		mw.showMessage(d)
	}
}

// adoptDB shows db in this window instead of the current database, which is closed (with
// its own cleanup). cleanup, when not nil, runs after db is closed in its turn. shared is
// the other reviewer's file db is the private copy of, nil for a working database.
func (mw *mainWindow) adoptDB(db *storage.DB, cleanup func(), shared *sharedFile) {
	mw.stopPolling()
	if mw.stopIndexing != nil {
		mw.stopIndexing()
	}
	mw.work.Wait()
	old, oldCleanup := mw.db, mw.dbCleanup
	mw.db, mw.dbCleanup = db, cleanup
	if err := old.Close(); err != nil {
		log.Printf("factdesk: closing %s: %v", old.Path(), err)
	}
	if oldCleanup != nil {
		oldCleanup()
	}
	mw.cfg.DBPath = db.Path()
	mw.shared = shared
	mw.demoBack = ""
	if shared == nil && !db.ReadOnly() && filepath.Base(db.Path()) != demoDeskFile {
		mw.prefs.SetString(prefLastDB, db.Path()) // the next launch opens it again (not the demo desk)
	}
	mw.sess.Reset(db)
	mw.refreshUndoMenu()
	mw.inspector.clear()
	mw.panes.closeAll()
	mw.corpus.clear()
	if r := mw.sess.Reviewer(); r != "" {
		if err := mw.setReviewer(r); err != nil {
			mw.showError(lang.L("Setting the reviewer"), err)
		}
	}
	mw.updateTitle()
	mw.refreshEditable()
	mw.start()
	mw.startPolling()
}

// The window as the host of its screens (claimsHost, inspectorHost): the database shown, the
// corpus, the current pane, focus.

func (mw *mainWindow) claimReader() claimReader         { return mw.db }
func (mw *mainWindow) context() context.Context         { return mw.ctx }
func (mw *mainWindow) articleList() []annotate.Article  { return mw.corpus.articles }
func (mw *mainWindow) focus(o fyne.Focusable)           { mw.win.Canvas().Focus(o) }
func (mw *mainWindow) focused() fyne.Focusable          { return mw.win.Canvas().Focused() }
func (mw *mainWindow) inspectorReader() inspectorReader { return mw.db }
func (mw *mainWindow) readOnly() bool                   { return mw.db.ReadOnly() }
func (mw *mainWindow) currentPane() *articlePane        { return mw.panes.current }

// The window as the host of the panes (paneAreaHost) and the corpus list (corpusHost).

func (mw *mainWindow) paneReader() paneReader         { return mw.db }
func (mw *mainWindow) corpusSearcher() corpusSearcher { return mw.db }
func (mw *mainWindow) articlesChanged()               { mw.claims.refreshArticleOptions() }
func (mw *mainWindow) selectionChanged()              { mw.inspector.refreshNewClaim() }
func (mw *mainWindow) currentPaneChanged()            { mw.inspector.suggestions.refresh() }

// inspected is the claim in the inspector and the pane it was selected in.
func (mw *mainWindow) inspected() (annotate.Claim, *articlePane, bool) {
	c, ok := mw.currentClaim()
	return c, mw.inspector.pane, ok
}

// paneFocused updates what the inspector offers for the pane the person works in: a link
// with its selected claim, a claim of its selection.
func (mw *mainWindow) paneFocused(*articlePane) {
	mw.inspector.refreshLinkTarget()
	mw.inspector.refreshNewClaim()
}

// releasePane has the inspector let go of pane p's claim (saving its note first); false when
// the note could not be saved.
func (mw *mainWindow) releasePane(p *articlePane) bool {
	if mw.inspector.pane != p {
		return true
	}
	if !mw.inspector.flushNote() {
		return false
	}
	mw.inspector.clear()
	return true
}

// revealInspector shows the inspector's column when it is hidden.
func (mw *mainWindow) revealInspector() {
	if !mw.showRight {
		mw.onToggleRight()
	}
}

// uiDo hands fn to the UI goroutine through mw.do (read when called, so tests can swap it).
func (mw *mainWindow) uiDo(fn func()) { mw.do(fn) }
