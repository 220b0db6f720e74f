package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/storage"
)

// tapDialogButton taps the button labelled label in the top dialog.
func (h *harness) tapDialogButton(label string) {
	h.t.Helper()
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatalf("no dialog open to tap %q in", label)
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == label && found == nil {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(h.t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		h.t.Fatalf("no %q button in the dialog:\n%s", label, h.overlayText())
	}
	test.Tap(found)
	h.wait()
}

// Help > Load demo corpus… on a database that holds work adds nothing to it: it offers the
// demo desk, a database of its own beside it, switches to it with the demo, and File > Back
// to my database returns. The next launch opens the person's database, not the demo desk.
func TestDemoDeskKeepsTheDemoApartFromWork(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	mine := h.db.Path()
	en, _ := h.importTestArticles()
	h.makeClaim(h.mw.openArticle(en), "300 to 400")
	before, _ := h.db.LastChange(ctx)

	h.mw.onLoadDemo()
	h.wait()
	if !strings.Contains(h.overlayText(), "never added to it") || !strings.Contains(h.overlayText(), demoDeskFile) {
		t.Fatalf("no offer of the demo desk: %q", h.overlayText())
	}
	if after, _ := h.db.LastChange(ctx); after != before {
		t.Fatal("asking changed the database")
	}
	h.tapDialogButton("Open the demo desk")
	h.wait()

	desk := filepath.Join(filepath.Dir(mine), demoDeskFile)
	if h.mw.db.Path() != desk || !h.mw.onDemoDesk() {
		t.Fatalf("window shows %s, want the demo desk %s", h.mw.db.Path(), desk)
	}
	if len(h.mw.corpus.articles) != 6 || len(h.mw.panes.panes) != 3 {
		t.Errorf("demo desk: %d articles, %d panes", len(h.mw.corpus.articles), len(h.mw.panes.panes))
	}
	if !h.mw.roBar.root.Visible() || !strings.Contains(h.mw.roBar.text(), "Back to my database") ||
		!strings.Contains(h.mw.roBar.text(), filepath.Base(mine)) || !h.mw.roBar.backButton.Visible() {
		t.Errorf("the bar does not say how to go back: %q", h.mw.roBar.text())
	}
	if h.mw.backItem.Disabled {
		t.Error("File > Back to my database is disabled on the demo desk")
	}
	if h.app.Preferences().String(prefLastDB) == desk {
		t.Error("the next launch would open the demo desk")
	}

	// Loading the demo on the demo desk adds nothing more.
	h.mw.onLoadDemo()
	h.wait()
	if len(h.mw.corpus.articles) != 6 || h.mw.modalOpen() {
		t.Errorf("demo again on the desk: %d articles, dialog %q", len(h.mw.corpus.articles), h.overlayText())
	}

	test.Tap(h.mw.roBar.backButton)
	h.wait()
	if h.mw.db.Path() != mine || h.mw.onDemoDesk() || h.mw.roBar.root.Visible() {
		t.Fatalf("back: window shows %s", h.mw.db.Path())
	}
	arts, err := h.mw.db.Articles(ctx)
	if err != nil || len(arts) != 2 {
		t.Errorf("my database has %d articles (%v), want my 2", len(arts), err)
	}
	claims, _ := h.mw.db.Claims(ctx, storage.ClaimFilter{})
	if len(claims) != 1 {
		t.Errorf("my database has %d claims, want 1", len(claims))
	}
}

// On an empty database the demo loads into it, at once.
func TestDemoLoadsIntoAnEmptyDatabase(t *testing.T) {
	h := newHarness(t, nil)
	h.mw.onLoadDemo()
	h.wait()
	if len(h.mw.corpus.articles) != 6 || h.mw.db.Path() != h.db.Path() || h.mw.modalOpen() {
		t.Errorf("%d articles in %s, dialog %q", len(h.mw.corpus.articles), h.mw.db.Path(), h.overlayText())
	}
}

// typeInForm types text into the entry of the top dialog's form item labelled label,
// replacing what it holds.
func (h *harness) typeInForm(label, text string) {
	h.t.Helper()
	top := h.win.Canvas().Overlays().Top()
	var found *widget.Form
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Form:
			found = x
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(h.t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		h.t.Fatalf("no form in the dialog")
	}
	for _, it := range found.Items {
		if it.Text == label {
			e := it.Widget.(*escEntry)
			e.SetText("")
			test.Type(e, text)
			return
		}
	}
	h.t.Fatalf("no %q in the form", label)
}
