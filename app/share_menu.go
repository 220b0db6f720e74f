package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"factdesk/app/sharing"
	"factdesk/storage"
)

// The screens of sharing between reviewers (package sharing), wired into the main window.

// onMerge merges another reviewer's file into this database, after a preview.
func (mw *mainWindow) onMerge() {
	if mw.db.ReadOnly() {
		mw.showError("Merging", fmt.Errorf("this database is open read-only: open your working database (File > Open database…) to merge into it"))
		return
	}
	m := sharing.NewMergeDialog(mw.db, mw.win)
	m.Present, m.Do = mw.showDialog, mw.uiDo
	m.BeforeMerge = mw.inspector.flushNote
	m.OnMerged = func(storage.MergeReport) {
		mw.afterWrite()
		mw.reloadAll()
		mw.setStatus("Merged: the corpus, the panes and the claims show the merged work")
	}
	m.Show()
}

// onOpenShared opens another reviewer's file read-only in this window (a private copy; the
// file itself is never changed), or makes it a new working database.
func (mw *mainWindow) onOpenShared() {
	if !mw.inspector.flushNote() {
		return
	}
	o := sharing.NewOpenShared(mw.win)
	o.Present, o.Do = mw.showDialog, mw.uiDo
	o.OnOpened = func(db *storage.DB, in *storage.Incoming) {
		back := mw.db.Path()
		mw.adoptDB(db, func() { in.Close() })
		mw.setStatus("Looking at another reviewer's file, read-only. File > Open database… (%s) goes back to yours", filepath.Base(back))
	}
	o.OnSwitch = mw.switchDB
	o.Show()
}

// onConflicts lists the conflicts merges found, to settle them.
func (mw *mainWindow) onConflicts() {
	p := sharing.NewConflictsPanel(mw.db, mw.win)
	p.Present, p.Do = mw.showDialog, mw.uiDo
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
	v.Present, v.Do = mw.showDialog, mw.uiDo
	v.OnSelectClaim = func(claimID, _ string) { mw.showClaim(claimID) }
	v.ShowDialog()
}

// onRatings shows every rated claim with each reviewer's verdict.
func (mw *mainWindow) onRatings() {
	f := sharing.NewReviewerFilter(mw.db, mw.win)
	f.Present, f.Do = mw.showDialog, mw.uiDo
	f.OnSelectClaim = func(claimID, _ string) { mw.showClaim(claimID) }
	d := dialog.NewCustom("Ratings by reviewer", "Close", f.Content(), mw.win)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600))
	f.Refresh()
}
