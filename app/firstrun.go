package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/demo"
	"factdesk/corpus"
)

// reviewerForm is the "Who are you?" dialog: the name recorded with every change, and at
// first run the offer of the demo corpus.
type reviewerForm struct {
	name   *escEntry
	demo   *widget.Check
	dialog *dialog.FormDialog
}

// knownReviewer is the reviewer's name from the command line, else from preferences.
func (mw *mainWindow) knownReviewer() string {
	if n := strings.TrimSpace(mw.cfg.Reviewer); n != "" {
		return n
	}
	return strings.TrimSpace(mw.prefs.String(prefReviewer))
}

// firstRun runs once the corpus list is loaded: it asks who the reviewer is when nobody
// said, and offers the demo corpus on an empty database.
func (mw *mainWindow) firstRun() {
	if mw.reviewer == "" {
		if name := mw.knownReviewer(); name != "" {
			if err := mw.setReviewer(name); err != nil {
				mw.showError("Setting the reviewer", err)
			}
		}
	}
	if mw.reviewer == "" {
		mw.askReviewer(false, nil)
		return
	}
	mw.offerDemo()
}

// askReviewer asks for the reviewer's name (change: the person chose File > Reviewer name),
// then runs then.
func (mw *mainWindow) askReviewer(change bool, then func()) {
	if mw.reviewerForm != nil {
		return // already asking
	}
	f := &reviewerForm{name: newEscEntry(mw, false)}
	f.name.SetPlaceHolder("e.g. Alex Martin")
	f.name.SetText(mw.reviewer)
	f.name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("type your name: it is recorded with every change you make")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Your name", f.name)}
	items[0].HintText = "Recorded with every change you make, so others know who checked what"
	empty := mw.loaded && len(mw.articles) == 0
	if empty && !mw.db.ReadOnly() {
		f.demo = widget.NewCheck("Load the demo corpus: six short fictional articles to practise on", nil)
		f.demo.SetChecked(true)
		items = append(items, widget.NewFormItem("", f.demo))
	}
	title := "Welcome to Factdesk"
	if change {
		title = "Reviewer"
	}
	f.dialog = dialog.NewForm(title, "OK", "Cancel", items, func(ok bool) {
		mw.reviewerForm = nil
		if !ok {
			if mw.reviewer == "" {
				mw.setStatus("No reviewer set: changes are refused until you give your name (File > Reviewer name…)")
			}
			return
		}
		name := strings.TrimSpace(f.name.Text)
		if err := mw.setReviewer(name); err != nil {
			mw.showError("Setting the reviewer", err)
			return
		}
		if mw.cfg.Reviewer == "" || change {
			mw.prefs.SetString(prefReviewer, name)
		}
		mw.prefs.SetBool(mw.demoOfferedKey(), true)
		mw.setStatus("Changes are recorded for %s", name)
		if f.demo != nil && f.demo.Checked {
			mw.onLoadDemo()
		}
		if then != nil {
			then()
		}
	}, mw.win)
	f.name.OnSubmitted = func(s string) {
		if f.name.Validate() == nil {
			f.dialog.Submit()
		}
	}
	f.dialog.Resize(fyne.NewSize(520, 240))
	mw.reviewerForm = f
	mw.showDialog(f.dialog)
	mw.win.Canvas().Focus(f.name)
}

func (mw *mainWindow) demoOfferedKey() string { return prefDemoOfferedPrefix + mw.db.Path() }

// offerDemo offers the demo corpus once per database, when it has no articles.
func (mw *mainWindow) offerDemo() {
	if !mw.loaded || len(mw.articles) > 0 || mw.db.ReadOnly() || mw.prefs.Bool(mw.demoOfferedKey()) {
		return
	}
	mw.prefs.SetBool(mw.demoOfferedKey(), true)
	mw.showConfirm("Try the demo corpus?",
		"This database has no articles yet.\n\nLoad six short fictional articles (English and French) about one event,\n"+
			"with a few claims already made, to try the workflow? You can delete them later,\n"+
			"or load them any time with File > Load demo corpus.",
		func(yes bool) {
			if yes {
				mw.onLoadDemo()
			}
		})
}

// onLoadDemo imports the demo corpus and opens three of its articles side by side.
func (mw *mainWindow) onLoadDemo() {
	db := mw.db
	mw.runJob("Loading the demo corpus", func(ctx context.Context, progress func(i, n int, name string)) importSummary {
		progress(0, 1, "demo articles")
		res, err := demo.Load(ctx, db, corpus.Parse)
		sum := importSummary{added: res.Added, existing: len(res.ArticleIDs) - res.Added, ids: res.ArticleIDs, err: err}
		if errors.Is(err, context.Canceled) {
			sum.err, sum.cancelled = nil, true
		}
		for _, k := range res.Skipped {
			sum.failed = append(sum.failed, fmt.Sprintf("demo claim %s: quote not found", k))
		}
		return sum
	}, func(sum importSummary) {
		if sum.err != nil || len(sum.ids) < 3 {
			return
		}
		// The English wire story between the two French ones: the figures disagree.
		for _, id := range []string{sum.ids[1], sum.ids[2], sum.ids[0]} {
			if mw.panes.find(id) == nil && len(mw.panes.panes) < maxPanes {
				if _, err := mw.panes.open(id, nil); err != nil {
					mw.showError("Opening a demo article", err)
					return
				}
			}
		}
		mw.setStatus("Demo corpus loaded: click a highlight to inspect a claim; select text and press Enter to make one")
	})
}
