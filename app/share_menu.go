package app

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"factdesk/app/sharing"
	"factdesk/storage"
)

// The screens of sharing between reviewers (package sharing), wired into the main window.

// onMerge merges another reviewer's file into this database, after a preview.
func (mw *mainWindow) onMerge() {
	if mw.db.ReadOnly() {
		mw.showError(lang.L("Merging"), errors.New(lang.L("this database is open read-only: {{.Hint}}, then merge into yours", fields{"Hint": mw.readOnlyHint()})))
		return
	}
	m := sharing.NewMergeDialog(mw.db, mw.win)
	mw.host(&m.Presenter)
	m.BeforeMerge = mw.inspector.flushNote
	m.OnMerged = func(storage.MergeReport) {
		mw.afterWrite()
		mw.reloadAll()
		mw.say(lang.L("Merged: the corpus, the panes and the claims show the merged work"))
	}
	m.OnSettle = mw.onConflicts
	m.Show()
}

// host wires a sharing screen to this window: its dialogs are tracked (Escape closes them),
// its background work is waited for at shutdown and comes back on the UI goroutine.
func (mw *mainWindow) host(p *sharing.Presenter) {
	p.Present, p.Host = mw.showDialog, mw.work
	p.Escape = func() { mw.closeTopDialog() }
}

// onOpenShared opens another reviewer's file read-only in this window (a private copy; the
// file itself is never changed). While it is shown, File > Use this file as my working
// database… makes a working database of it, File > Back to my database returns.
func (mw *mainWindow) onOpenShared() {
	if !mw.inspector.flushNote() {
		return
	}
	mw.newOpenShared().Show()
}

// newOpenShared is the open-a-reviewer's-file action, wired to this window.
func (mw *mainWindow) newOpenShared() *sharing.OpenShared {
	o := sharing.NewOpenShared(mw.win)
	mw.host(&o.Presenter)
	o.OnOpened = func(db *storage.DB, in *storage.Incoming) { mw.showShared(o, db, in) }
	o.OnSwitch = func(path string) {
		from := ""
		if mw.shared != nil {
			from = mw.shared.whose()
		}
		if mw.switchDB(path) && from != "" {
			mw.say(lang.L("Now working on {{.File}}, made from {{.From}} (which stays as it was)", fields{"File": filepath.Base(path), "From": from}))
		}
	}
	return o
}

// showShared shows the other reviewer's database db (read-only, the private copy in) in the
// window instead of the working database.
func (mw *mainWindow) showShared(o *sharing.OpenShared, db *storage.DB, in *storage.Incoming) {
	back := mw.db.Path()
	if mw.shared != nil {
		back = mw.shared.back // from one reviewer's file to another's: back is still mine
	}
	s := &sharedFile{source: in.Source, owner: sharedOwner(mw, db), reviewers: sharedReviewers(mw, db), back: back, in: in, opener: o}
	mw.adoptDB(db, func() { in.Close() }, s)
	mw.say(lang.L("Looking at {{.Whose}}, read-only: {{.Hint}}", fields{"Whose": s.whose(), "Hint": mw.readOnlyHint()}))

}

// onConflicts lists the conflicts merges found, to settle them.
func (mw *mainWindow) onConflicts() {
	p := sharing.NewConflictsPanel(mw.db, mw.win)
	mw.host(&p.Presenter)
	p.OnChanged = func() {
		mw.afterWrite()
		mw.reloadAll()
	}
	p.OnSelectClaim = func(claimID, _ string) { mw.showClaim(claimID) }
	p.ShowDialog()
}

// onAgreement shows how far the reviewers agree.
func (mw *mainWindow) onAgreement() {
	v := sharing.NewAgreementView(mw.db, mw.win)
	mw.host(&v.Presenter)
	v.OnSelectClaim = func(claimID, _ string) { mw.showClaim(claimID) }
	v.ShowDialog()
}

// onRatings shows every rated claim with each reviewer's verdict.
func (mw *mainWindow) onRatings() {
	f := sharing.NewReviewerFilter(mw.db, mw.win)
	mw.host(&f.Presenter)
	f.OnSelectClaim = func(claimID, _ string) { mw.showClaim(claimID) }
	d := dialog.NewCustom(lang.L("Ratings by reviewer"), lang.L("Close"), f.Content(), mw.win)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600))
	f.Refresh()
}
