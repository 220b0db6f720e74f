package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"

	"factdesk/storage"
)

// dbFilter shows database files in the file dialogs.
var dbFilter = fynestorage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3", ".factdesk"})

// startIn points a file dialog at the current database's folder.
func (mw *mainWindow) startIn(d *dialog.FileDialog) {
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(filepath.Dir(mw.db.Path()))); err == nil {
		d.SetLocation(l)
	}
}

// onOpenDB opens another project database in this window.
func (mw *mainWindow) onOpenDB() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			mw.showError("Choosing a database", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		mw.switchDB(path)
	}, mw.win)
	d.SetFilter(dbFilter)
	mw.startIn(d)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
}

// onNewDB creates a new, empty project database and opens it.
func (mw *mainWindow) onNewDB() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			mw.showError("Choosing where to create the database", err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.Contains(filepath.Base(path), ".") {
			os.Remove(path)
			path += ".db"
		}
		mw.switchDB(path)
	}, mw.win)
	d.SetFileName("project.db")
	mw.startIn(d)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
}

// onSaveCopy writes a consistent copy of the database, to pass to another reviewer.
func (mw *mainWindow) onSaveCopy() {
	if !mw.inspector.flushNote() {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			mw.showError("Choosing where to save the copy", err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if abs, _ := filepath.Abs(path); abs == mw.db.Path() {
			mw.showError("Saving a copy", fmt.Errorf("choose another file than the database itself"))
			return
		}
		// The dialog created an empty file; the copy must be written to a fresh name.
		if st, err := os.Stat(path); err == nil && st.Size() == 0 {
			os.Remove(path)
		}
		db := mw.db
		mw.setStatus("Saving a copy to %s…", path)
		mw.background(func() func() {
			err := saveCopy(mw.ctx, db, path)
			return func() {
				if err != nil {
					mw.showError("Saving a copy", err)
					return
				}
				mw.setStatus("Saved a copy to %s", path)
				mw.showInfo("Copy saved", "A consistent copy of the database was saved to\n"+path+
					"\n\nPass this file on; the other reviewer opens it or merges it into theirs.")
			}
		})
	}, mw.win)
	base := strings.TrimSuffix(filepath.Base(mw.db.Path()), filepath.Ext(mw.db.Path()))
	name := base + "-copy.db"
	if mw.reviewer != "" {
		name = base + "-" + strings.ReplaceAll(strings.ToLower(mw.reviewer), " ", "-") + ".db"
	}
	d.SetFileName(name)
	mw.startIn(d)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
}

// copier is the storage API that writes a consistent copy of a database (owned by the
// sharing work; see the report).
type copier interface {
	SaveCopy(ctx context.Context, path string) error
}

func saveCopy(ctx context.Context, db *storage.DB, path string) error {
	c, ok := any(db).(copier)
	if !ok {
		return fmt.Errorf("this build cannot save copies yet")
	}
	return c.SaveCopy(ctx, path)
}
