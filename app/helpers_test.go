package app

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/storage"
)

// The package's test articles (written for these tests, in testdata): the same story in
// English and in French.
var (
	seedEN = filepath.Join("testdata", "talks-en.txt")
	seedFR = filepath.Join("testdata", "talks-fr.txt")
)

const testReviewer = "Tess Checker"

// recordingApp is the test app, remembering the links it was asked to open.
type recordingApp struct {
	fyne.App
	opened []string
}

func (a *recordingApp) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u.String())
	return nil
}

// harness is a main window on a temporary database, headless. Work handed to the UI
// goroutine from other goroutines (background loads, debounce timers) is queued and run on
// the test goroutine by wait, as the real driver would run it on the UI goroutine.
type harness struct {
	t   *testing.T
	app *recordingApp
	mw  *mainWindow
	db  *storage.DB
	win fyne.Window

	mu    sync.Mutex
	queue []func()
}

// openDB opens (creating) a database in dir.
func openDB(t *testing.T, path string, opts storage.Options) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newHarness builds the main window on db (a new temporary database when nil), with the
// reviewer given on the "command line" and the demo offer already answered.
func newHarness(t *testing.T, db *storage.DB) *harness {
	t.Helper()
	a := &recordingApp{App: test.NewTempApp(t)}
	if db == nil {
		db = openDB(t, filepath.Join(t.TempDir(), "test.db"), storage.Options{})
	}
	a.Preferences().SetBool(prefDemoOfferedPrefix+db.Path(), true)
	// Tests stay offline: no snapshot of the sources' (made-up) web pages unless a test asks.
	a.Preferences().SetBool(prefSnapshotSources, false)
	return startHarness(t, a, db)
}

func startHarness(t *testing.T, a *recordingApp, db *storage.DB) *harness {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	mw := newMainWindow(a, w, db, Config{DBPath: db.Path(), Reviewer: testReviewer}, nil)
	h := &harness{t: t, app: a, mw: mw, db: db, win: w}
	mw.do = func(fn func()) {
		h.mu.Lock()
		h.queue = append(h.queue, fn)
		h.mu.Unlock()
	}
	mw.show()
	w.Resize(fyne.NewSize(1280, 800))
	h.wait()
	t.Cleanup(func() {
		mw.stopPolling()
		mw.cancel()
		mw.work.Wait()
	})
	return h
}

// wait lets background work (loads, imports, searches) finish and runs what it handed to
// the UI goroutine, until nothing is left.
func (h *harness) wait() {
	for {
		h.mw.work.Wait()
		h.mu.Lock()
		q := h.queue
		h.queue = nil
		h.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, fn := range q {
			fn()
		}
	}
}

// importTestArticles imports the two test articles through the import job and returns their
// ids, English first.
func (h *harness) importTestArticles() (en, fr string) {
	h.t.Helper()
	h.mw.importPaths([]string{seedEN, seedFR})
	h.wait()
	for _, a := range h.mw.corpus.articles {
		switch filepath.Base(a.Origin) {
		case filepath.Base(seedEN):
			en = a.ID
		case filepath.Base(seedFR):
			fr = a.ID
		}
	}
	if en == "" || fr == "" {
		h.t.Fatalf("test articles not imported: %+v", h.mw.corpus.articles)
	}
	return en, fr
}

// selectText selects the first occurrence of s in pane p, as a mouse selection would.
func (h *harness) selectText(p *articlePane, s string) (int, int) {
	h.t.Helper()
	start, end, ok := findFold(p.article.Text, s)
	if !ok {
		h.t.Fatalf("%q not found in %q", s, p.article.Title)
	}
	p.view.SetSelection(start, end)
	return start, end
}

// makeClaim selects s in pane p and makes it a claim with the inspector's button.
func (h *harness) makeClaim(p *articlePane, s string) annotate.Claim {
	h.t.Helper()
	h.selectText(p, s)
	test.Tap(h.mw.inspector.newClaimButton)
	c, ok := h.mw.currentClaim()
	if !ok || c.Exact != s {
		h.t.Fatalf("claim for %q not selected after making it (got %+v)", s, c)
	}
	return c
}

// overlayText is the text of every label in the top dialog, or "" when none is shown.
func (h *harness) overlayText() string {
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(h.t, x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

// dismissOverlays closes every dialog.
func (h *harness) dismissOverlays() {
	for h.win.Canvas().Overlays().Top() != nil {
		h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
	}
}

func (h *harness) claimInDB(id string) annotate.Claim {
	h.t.Helper()
	c, err := h.db.Claim(context.Background(), id)
	if err != nil {
		h.t.Fatalf("claim %s: %v", id, err)
	}
	return c
}

// keepWindowOpen makes closing the window a no-op for the rest of the test: the test
// window is closed by the test's cleanup, and closing it twice panics in the test driver.
func (h *harness) keepWindowOpen() {
	h.mw.closeFunc = func() {}
}
