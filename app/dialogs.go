package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Modal means modal: while a dialog (or any pop-up) is open, no menu item or shortcut acts on
// the window behind it. Every menu item's action goes through modeless, which passes the
// shortcut to the widget focused in the dialog instead (Ctrl+Z in a dialog's entry still
// undoes the typing there); every dialog goes through showDialog, which keeps the stack.

// modalOpen reports whether a dialog or a pop-up covers the window.
func (mw *mainWindow) modalOpen() bool {
	return len(mw.dialogs) > 0 || mw.win.Canvas().Overlays().Top() != nil
}

// modeless returns action guarded: it runs only when no dialog is open; otherwise sc, the
// item's shortcut, goes to the widget focused in the dialog, if it takes shortcuts.
func (mw *mainWindow) modeless(action func(), sc fyne.Shortcut) func() {
	return func() {
		if !mw.modalOpen() {
			action()
			return
		}
		if sc == nil {
			return
		}
		if f, ok := mw.win.Canvas().Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(sc)
		}
	}
}

// guardMenu makes every item of m (and of its submenus) modeless.
func (mw *mainWindow) guardMenu(m *fyne.MainMenu) {
	var guard func(items []*fyne.MenuItem)
	guard = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Action != nil {
				it.Action = mw.modeless(it.Action, it.Shortcut)
			}
			if it.ChildMenu != nil {
				guard(it.ChildMenu.Items)
			}
		}
	}
	for _, menu := range m.Items {
		guard(menu.Items)
	}
}

// showDialog shows d and keeps it on the stack that Escape closes from the top.
func (mw *mainWindow) showDialog(d dialog.Dialog) {
	mw.dialogs = append(mw.dialogs, d)
	d.SetOnClosed(func() {
		for i := len(mw.dialogs) - 1; i >= 0; i-- {
			if mw.dialogs[i] == d {
				mw.dialogs = append(mw.dialogs[:i], mw.dialogs[i+1:]...)
				break
			}
		}
		delete(mw.returnCloses, d)
		mw.runWhenNoDialog()
	})
	d.Show()
}

// showMessage shows a message to read and acknowledge (information, a warning, an error):
// Return closes it as well as Escape.
func (mw *mainWindow) showMessage(d dialog.Dialog) {
	mw.returnCloses[d] = true
	mw.showDialog(d)
}

// afterDialogs runs fn now when no dialog is open, else once the last one is closed, so that
// a question does not cover a warning shown before it.
func (mw *mainWindow) afterDialogs(fn func()) {
	mw.whenNoDialog = append(mw.whenNoDialog, fn)
	mw.runWhenNoDialog()
}

func (mw *mainWindow) runWhenNoDialog() {
	for len(mw.dialogs) == 0 && len(mw.whenNoDialog) > 0 {
		fn := mw.whenNoDialog[0]
		mw.whenNoDialog = mw.whenNoDialog[1:]
		fn()
	}
}

// closeTopDialog closes the dialog on top (Escape); false when none is open.
func (mw *mainWindow) closeTopDialog() bool {
	if len(mw.dialogs) == 0 {
		return false
	}
	mw.dialogs[len(mw.dialogs)-1].Hide()
	return true
}

// onTypedKey gets the keys no widget took: Escape closes the top dialog, Return closes it
// when it is a message (not a question, which Return must not answer by chance).
func (mw *mainWindow) onTypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		mw.closeTopDialog()
	case fyne.KeyReturn, fyne.KeyEnter:
		if n := len(mw.dialogs); n > 0 && mw.returnCloses[mw.dialogs[n-1]] {
			mw.closeTopDialog()
		}
	}
}

// showConfirm asks a yes/no question in a dialog that Escape cancels.
func (mw *mainWindow) showConfirm(title, message string, callback func(bool)) {
	mw.showDialog(dialog.NewConfirm(title, message, callback, mw.win))
}

// showInfo shows a message in a dialog that Escape and Return close.
func (mw *mainWindow) showInfo(title, message string) {
	mw.showMessage(dialog.NewInformation(title, message, mw.win))
}

// escEntry is a text entry in a dialog: Escape in it closes the dialog, as it does when no
// entry has the focus.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry(mw *mainWindow, multiLine bool) *escEntry {
	e := &escEntry{onEscape: func() { mw.closeTopDialog() }}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape and is an entry's for every other key.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// escList is a list in a dialog: Escape in it closes the dialog. A list that was clicked has
// the keyboard and gets every key, so the window's Escape handler would not see it.
type escList struct {
	widget.List
	onEscape func()
}

func newEscList(mw *mainWindow, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *escList {
	l := &escList{onEscape: func() { mw.closeTopDialog() }}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey closes the dialog on Escape and is the list's for every other key.
func (l *escList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && l.onEscape != nil {
		l.onEscape()
		return
	}
	l.List.TypedKey(k)
}
