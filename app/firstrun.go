package app

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/demo"
	"factdesk/corpus"
	"factdesk/storage"
)

// reviewerForm is the "Who are you?" dialog: the name recorded with every change, and at
// first run the offer of the demo corpus. An empty name is pointed out only once the person
// typed or pressed OK, not in red before they could type anything.
type reviewerForm struct {
	name     *escEntry
	demo     *widget.Check
	problem  *widget.Label // what is wrong with the name, shown once touched
	okButton *widget.Button
	dialog   *dialog.CustomDialog
	touched  bool // the person typed or pressed OK
	accepted bool
}

// check shows or hides the problem with the name, and reports whether the name will do.
func (f *reviewerForm) check() bool {
	ok := strings.TrimSpace(f.name.Text) != ""
	if ok || !f.touched {
		f.problem.Hide()
	} else {
		f.problem.Show()
	}
	return ok
}

// submit is OK (and Enter in the name): it closes the dialog with a name, or says that one is
// needed.
func (f *reviewerForm) submit() {
	f.touched = true
	if !f.check() {
		return
	}
	f.accepted = true
	f.dialog.Hide()
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
	if mw.sess.Reviewer() == "" {
		if name := mw.knownReviewer(); name != "" {
			if err := mw.setReviewer(name); err != nil {
				mw.showError(lang.L("Setting the reviewer"), err)
			}
		}
	}
	// The questions wait for a warning shown before them (a risky database location)
	// instead of covering it.
	if mw.sess.Reviewer() == "" {
		mw.afterDialogs(func() { mw.askReviewer(false, nil) })
		return
	}
	mw.afterDialogs(mw.offerDemo)
}

// askReviewer asks for the reviewer's name (change: the person chose File > Reviewer name…),
// then runs then.
func (mw *mainWindow) askReviewer(change bool, then func()) {
	if mw.reviewerForm != nil {
		return // already asking
	}
	f := &reviewerForm{name: newEscEntry(mw, false)}
	f.name.SetPlaceHolder(lang.L("e.g. Alex Martin"))
	f.name.SetText(mw.sess.Reviewer())
	f.problem = widget.NewLabel(lang.L("Type your name: it is recorded with every change you make."))
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	f.name.OnChanged = func(string) { f.touched = true; f.check() }
	f.name.OnSubmitted = func(string) { f.submit() }
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Your name"), f.name)}
	items[0].HintText = lang.L("Recorded with every change you make, so others know who checked what")
	empty := mw.corpus.loaded && len(mw.corpus.articles) == 0
	if empty && !mw.db.ReadOnly() {
		f.demo = widget.NewCheck(lang.L("Load the demo corpus: six short fictional articles to practise on"), nil)
		f.demo.SetChecked(true)
		items = append(items, widget.NewFormItem("", f.demo))
	}
	title := lang.L("Welcome to Factdesk")
	if change {
		title = lang.X("dialog.reviewer-title", "Reviewer")
	}
	f.okButton = widget.NewButtonWithIcon(lang.L("OK"), theme.ConfirmIcon(), f.submit)
	f.okButton.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), nil)
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewForm(items...), f.problem), mw.win)
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, f.okButton})
	cancel.OnTapped = f.dialog.Hide
	f.dialog.SetOnClosed(func() {
		mw.reviewerForm = nil
		if !f.accepted {
			if mw.sess.Reviewer() == "" {
				mw.say(lang.L("No reviewer set: changes are refused until you give your name (File > Reviewer name…)"))
			}
			return
		}
		name := strings.TrimSpace(f.name.Text)
		if err := mw.setReviewer(name); err != nil {
			mw.showError(lang.L("Setting the reviewer"), err)
			return
		}
		if mw.cfg.Reviewer == "" || change {
			mw.prefs.SetString(prefReviewer, name)
		}
		mw.prefs.SetBool(mw.demoOfferedKey(), true)
		mw.say(lang.L("Changes are recorded for {{.Name}}", fields{"Name": name}))
		if f.demo != nil && f.demo.Checked {
			mw.onLoadDemo()
		}
		if then != nil {
			then()
		}
	})
	f.dialog.Resize(fyne.NewSize(540, 260))
	mw.reviewerForm = f
	mw.showDialog(f.dialog)
	mw.win.Canvas().Focus(f.name)
}

func (mw *mainWindow) demoOfferedKey() string { return prefDemoOfferedPrefix + mw.db.Path() }

// offerDemo offers the demo corpus once per database, when it has no articles.
func (mw *mainWindow) offerDemo() {
	if !mw.corpus.loaded || len(mw.corpus.articles) > 0 || mw.db.ReadOnly() || mw.prefs.Bool(mw.demoOfferedKey()) {
		return
	}
	mw.prefs.SetBool(mw.demoOfferedKey(), true)
	mw.showConfirm(lang.L("Try the demo corpus?"),
		lang.L("This database has no articles yet.\n\nLoad six short fictional articles (English and French) about one event,\n"+
			"with a few claims already made, to try the workflow? Once this database holds your work,\n"+
			"Help > Load demo corpus… opens them in a demo desk of their own instead."),
		func(yes bool) {
			if yes {
				mw.onLoadDemo()
			}
		})
}

// demoReviewer is who the demo corpus's ready-made claims are recorded for: a fictional desk,
// not the person, so that two reviewers who both load the demo do not agree on its verdicts
// without having rated anything.
const demoReviewer = "Demo desk"

// onLoadDemo is Help > Load demo corpus…: the demo goes only into an empty database (or the
// demo desk itself); a database that holds work is offered the demo desk instead, a database
// of its own beside it, so that the person's project never receives demo articles.
func (mw *mainWindow) onLoadDemo() {
	if !mw.inspector.flushNote() {
		return
	}
	if !mw.corpus.loaded {
		mw.say(lang.L("The corpus list is still being read: try again in a moment"))
		return
	}
	if !mw.db.ReadOnly() && (len(mw.corpus.articles) == 0 || mw.onDemoDesk()) {
		mw.loadDemoHere()
		return
	}
	d := dialog.NewConfirm(lang.L("Open the demo desk?"),
		lang.L("{{.Mine}} holds your work: the demo corpus is never added to it.\n\n"+
			"The demo desk is a database of its own beside yours ({{.Demo}}), with six fictional articles to practise on. "+
			"File > Back to my database returns to {{.Mine}}.",
			fields{"Mine": mw.dbName(), "Demo": demoDeskFile}),
		func(yes bool) {
			if yes {
				mw.openDemoDesk()
			}
		}, mw.win)
	d.SetConfirmText(lang.L("Open the demo desk"))
	d.SetDismissText(lang.L("Cancel"))
	mw.showDialog(d)
}

// loadDemoHere imports the demo corpus into the database shown, through the import job
// (progress, cancel), and opens three of its articles side by side.
func (mw *mainWindow) loadDemoHere() {
	if mw.refuseReadOnly(lang.L("Loading the demo corpus")) {
		return
	}
	path := mw.db.Path()
	mw.runJob(lang.L("Loading the demo corpus"), func(ctx context.Context, progress func(i, n int, part float64, name string)) importSummary {
		progress(0, 1, 0, lang.L("demo articles"))
		res, err := loadDemoAs(ctx, path, demoReviewer)
		sum := importSummary{added: res.Added, existing: len(res.ArticleIDs) - res.Added, ids: res.ArticleIDs, err: err}
		if errors.Is(err, context.Canceled) {
			sum.err, sum.cancelled = nil, true
		}
		for _, k := range res.Skipped {
			sum.failed = append(sum.failed, lang.L("demo claim {{.Key}}: quote not found", fields{"Key": k}))

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
					mw.showError(lang.L("Opening a demo article"), err)
					return
				}
			}
		}
		mw.say(lang.L("Demo corpus loaded: click a highlight to inspect a claim; select text and press Enter to make one"))
	})
}

// loadDemoAs loads the demo corpus into the database at path through a connection of its own
// on which reviewer is the reviewer: the window's connection keeps recording the person's own
// changes meanwhile.
func loadDemoAs(ctx context.Context, path, reviewer string) (demo.Result, error) {
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		return demo.Result{}, err
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, reviewer); err != nil {
		return demo.Result{}, err
	}
	return demo.Load(ctx, db, corpus.Parse)
}
