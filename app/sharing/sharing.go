// Package sharing holds the GUI screens of sharing between reviewers (saving a copy is the main
// window's File > Save a copy…, with storage.SaveCopy): opening another reviewer's file to look
// at it or to work on it, merging it (with a preview),
// resolving conflicts, the per-reviewer view of ratings and the agreement between reviewers.
// Each screen is a struct built with the working *storage.DB and the window, holding its
// widgets; slow work runs in the background and comes back to the UI goroutine with fyne.Do.
// The main window wires them into its menus (see each constructor).
package sharing

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/app/uihost"
	"factdesk/storage"
)

// host is the Host of the screen: the window's when it set one, else one of the screen's own
// (made on first use), whose dialogs go through present.
func (p *Presenter) host(win fyne.Window) *uihost.Host {
	if p.Host == nil {
		p.Host = uihost.New(win)
		p.Host.Present = p.present
	}
	return p.Host
}

// run calls work off the UI goroutine, then the function it returns (if any) on it.
func (p *Presenter) run(win fyne.Window, work func() func()) { p.host(win).Go(work) }

// showError shows what failed, what happened and what to do (see uihost).
func (p *Presenter) showError(win fyne.Window, what string, err error) {
	p.host(win).ShowError(what, err)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.DateTime(t.Local())
}

// fileDialogSize is the size of the file dialogs: room for long names and many files.
var fileDialogSize = fyne.NewSize(900, 600)

func verdictText(v annotate.Verdict) string { return v.Symbol() + " " + i18n.VerdictLabel(v) }

// NewLocationWarning returns a dialog that says why the working database's place is risky (a
// network drive, a cloud-sync folder) and what to do instead, or nil when the place is fine.
// Show it after opening the working database, through the window's dialog tracking.
func NewLocationWarning(win fyne.Window, dbPath string) dialog.Dialog {
	risk := storage.CheckLocation(dbPath)
	if risk == nil {
		return nil
	}
	label := widget.NewLabel(uihost.Describe(risk) + "\n\n" + uihost.Remedy(risk))
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Your database is in a risky place"), lang.L("I understand"), container.NewPadded(label), win)
	d.Resize(fyne.NewSize(560, 260))
	return d
}

// ShowLocationWarning shows NewLocationWarning's dialog and reports whether there was one.
func ShowLocationWarning(win fyne.Window, dbPath string) bool {
	d := NewLocationWarning(win, dbPath)
	if d == nil {
		return false
	}
	d.Show()
	return true
}

// JoinNames lists names for a sentence: "Alice", "Alice and Bob", "Alice, Bob and Carol".
func JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return lang.L("{{.Names}} and {{.Last}}", map[string]any{"Names": strings.Join(names[:len(names)-1], ", "), "Last": names[len(names)-1]})
}

// Presenter shows the dialogs of a screen. The host window sets Present to track them (so
// that Escape closes the one on top); without it dialogs are simply shown.
type Presenter struct {
	Present func(dialog.Dialog)
	// Host, when set, shows the screen's errors and runs its slow work: the window's, which
	// waits for the work at shutdown and in tests. Without it the screen makes its own.
	Host *uihost.Host
	// Escape, when set, is called when Escape is pressed in one of the screen's lists or
	// entries, which keep the key from the window once clicked: hosts close the top dialog.
	Escape func()
}

func (p *Presenter) escape() {
	if p.Escape != nil {
		p.Escape()
	}
}

// escList is a list that passes Escape on to its screen's Presenter: a list that was clicked
// has the keyboard and gets every key, so the window would never see Escape.
type escList struct {
	widget.List
	p *Presenter
}

func newEscList(p *Presenter, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *escList {
	l := &escList{p: p}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey passes Escape on and is the list's for every other key.
func (l *escList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		l.p.escape()
		return
	}
	l.List.TypedKey(k)
}

// escEntry is an entry that passes Escape on to its screen's Presenter.
type escEntry struct {
	widget.Entry
	p *Presenter
}

func newEscEntry(p *Presenter, multiLine bool) *escEntry {
	e := &escEntry{p: p}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape on and is the entry's for every other key.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.p.escape()
		return
	}
	e.Entry.TypedKey(k)
}

func (p *Presenter) present(d dialog.Dialog) {
	if p.Present != nil {
		p.Present(d)
		return
	}
	d.Show()
}

// OpenShared is "File > Open a reviewer's file…": the file is checked and copied privately (the
// file itself is never changed), then opened read-only to look at it, or saved as a new working
// database to switch to.
//
//	o := sharing.NewOpenShared(win)
//	o.OnOpened = func(db *storage.DB, in *storage.Incoming) { ... show db read-only; on close: db.Close(); in.Close() }
//	o.OnSwitch = func(path string) { ... open path as the working database }
//	o.Show()
type OpenShared struct {
	Presenter
	win fyne.Window
	// OnOpened gets the other reviewer's database, open read-only, and its private copy: close
	// the database, then the Incoming, when done looking.
	OnOpened func(db *storage.DB, in *storage.Incoming)
	// OnSwitch gets the path of a new working database made from the file (UseAsWorking).
	OnSwitch func(path string)
}

// NewOpenShared makes the action for win.
func NewOpenShared(win fyne.Window) *OpenShared {
	o := &OpenShared{win: win}
	return o
}

// Show asks for the file, then opens it read-only.
func (o *OpenShared) Show() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			o.showError(o.win, lang.L("Choosing a file to open"), err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		o.Open(path)
	}, o.win)
	// No filter: a shared file may have any name (factdesk share --out takes any).
	o.present(d)
	d.Resize(fileDialogSize) // after Show: FileDialog.Resize panics before
}

// Open checks path and opens its private copy read-only, in the background.
func (o *OpenShared) Open(path string) {
	o.run(o.win, func() func() {
		ctx := context.Background()
		in, err := storage.ReceiveFile(ctx, path)
		if err != nil {
			return func() { o.showError(o.win, lang.L("Opening {{.File}}", map[string]any{"File": path}), err) }
		}
		db, err := in.Open(ctx)
		if err != nil {
			in.Close()
			return func() { o.showError(o.win, lang.L("Opening {{.File}}", map[string]any{"File": path}), err) }
		}
		return func() {
			if o.OnOpened != nil {
				o.OnOpened(db, in)
			} else {
				db.Close()
				in.Close()
			}
		}
	})
}

// UseAsWorking saves the checked copy in as a new working database at dest (which must not
// exist), then calls OnSwitch.
func (o *OpenShared) UseAsWorking(in *storage.Incoming, dest string) {
	o.run(o.win, func() func() {
		err := in.SaveAs(context.Background(), dest)
		return func() {
			if err != nil {
				o.showError(o.win, lang.L("Making a working database"), err)
				return
			}
			if o.OnSwitch != nil {
				o.OnSwitch(dest)
			}
		}
	})
}

// plural is "1 claim" or "3 claims".
