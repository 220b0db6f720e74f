package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"factdesk/storage"
)

// startIn points a file dialog at the working database's folder.
func (mw *mainWindow) startIn(d *dialog.FileDialog) {
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(mw.workFolder())); err == nil {
		d.SetLocation(l)
	}
}

// onOpenDB opens another project database in this window.
func (mw *mainWindow) onOpenDB() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			mw.showError(lang.L("Choosing a database"), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		mw.switchDB(path)
	}, mw.win)
	// No filter: a database may have any name (factdesk share --out takes any); a file that is
	// not one is refused with the reason.
	mw.startIn(d)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
}

// onNewDB creates a new, empty project database and opens it.
func (mw *mainWindow) onNewDB() {
	mw.chooseSavePath(lang.L("New database"), "project.db", func(path string) {
		if filepath.Ext(path) == "" {
			path += ".db"
		}
		mw.switchDB(path)
	})
}

// onSaveCopy writes a consistent copy of the database, to pass to another reviewer.
func (mw *mainWindow) onSaveCopy() {
	if !mw.inspector.flushNote() {
		return
	}
	base := strings.TrimSuffix(mw.dbName(), filepath.Ext(mw.dbName()))
	name := base + "-copy.db"
	if mw.sess.Reviewer() != "" {
		name = base + "-" + strings.ReplaceAll(strings.ToLower(mw.sess.Reviewer()), " ", "-") + ".db"
	}
	mw.chooseSavePath(lang.L("Save a copy"), name, mw.onSaveCopyPath)
}

// onSaveCopyPath saves the copy to the chosen path: never over another project's file or a
// working database (refused, with what to do), and over an earlier copy of this project only
// once the person confirms.
func (mw *mainWindow) onSaveCopyPath(path string) {
	replaces, err := mw.db.CheckCopyTarget(mw.ctx, path)
	if err != nil {
		mw.showError(lang.L("Saving a copy"), err)
		return
	}
	if !replaces {
		mw.saveCopyTo(path)
		return
	}
	mw.showConfirm(lang.L("Replace the earlier copy?"), lang.L("{{.File}} is an earlier copy of this project.\nReplace it with a copy of the database as it is now?", fields{"File": filepath.Base(path)}), func(ok bool) {
		if ok {
			mw.saveCopyTo(path)
		}
	})
}

// savePathForm is the "where to save" dialog: a folder and a file name.
type savePathForm struct {
	folder *widget.Label
	name   *escEntry
	dialog *dialog.FormDialog
}

// chooseSavePath asks where to write a database file. Fyne's save dialog is not used on
// purpose: it creates and empties the chosen file before the program can check it, and the
// file chosen could be a database.
func (mw *mainWindow) chooseSavePath(title, name string, then func(path string)) {
	f := &savePathForm{folder: widget.NewLabel(mw.workFolder()), name: newEscEntry(mw, false)}
	f.folder.Truncation = fyne.TextTruncateEllipsis
	f.name.SetText(name)
	f.name.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" || strings.ContainsRune(s, os.PathSeparator) {
			return errors.New(lang.L("give a file name, such as {{.Name}}", fields{"Name": name}))
		}
		return nil
	}
	choose := widget.NewButton(lang.L("Choose…"), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				mw.showError(lang.L("Choosing a folder"), err)
				return
			}
			if u != nil {
				f.folder.SetText(u.Path())
			}
		}, mw.win)
		if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(f.folder.Text)); err == nil {
			d.SetLocation(l)
		}
		mw.showDialog(d)
		d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, choose, f.folder)),
		widget.NewFormItem(lang.L("File name"), f.name),
	}
	f.dialog = dialog.NewForm(title, lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		mw.savePath = nil
		if ok {
			then(filepath.Join(f.folder.Text, strings.TrimSpace(f.name.Text)))
		}
	}, mw.win)
	f.name.OnSubmitted = func(string) {
		if f.name.Validate() == nil {
			f.dialog.Submit()
		}
	}
	mw.savePath = f
	mw.showDialog(f.dialog)
	f.dialog.Resize(fyne.NewSize(620, 220))
	mw.win.Canvas().Focus(f.name)
}

// saveCopyTo writes the copy in the background behind a progress dialog that can cancel it.
func (mw *mainWindow) saveCopyTo(path string) {
	ctx, cancel := context.WithCancel(mw.ctx)
	pd := newProgressDialog(lang.L("Saving a copy"), mw.win, cancel)
	pd.Label.SetText(filepath.Base(path))
	mw.showDialog(pd.Dialog)
	db, keepPaths := mw.db, readSettings(mw.prefs).KeepPaths
	mw.background(func() func() {
		err := db.SaveCopyWith(ctx, path, storage.CopyOptions{KeepPaths: keepPaths, Progress: func(f float64) { mw.do(func() { pd.Bar.SetValue(f) }) }})
		cancel()
		return func() {
			pd.Dialog.Hide()
			if err != nil {
				mw.showError(lang.L("Saving a copy"), err)
				return
			}
			mw.say(lang.L("Saved a copy to {{.Path}}", fields{"Path": path}))
			mw.showInfo(lang.L("Copy saved"), lang.L("A consistent copy of the database was saved to\n{{.Path}}\n\nPass this file on: the other reviewer opens it, or merges it into theirs.", fields{"Path": path}))
		}
	})
}
