// Package uihost is the one place in the GUI that shows errors and runs background work.
//
// Storage and the domain say what went wrong as a storage.Error with a Code and its Facts;
// this package words it for a person, in the interface language (fyne.io/fyne/v2/lang), with
// the remedy the GUI offers: its menus (the CLI words the same codes with its flags). A Host
// shows the message in a dialog through the window's dialog stack, so that one dialog at a
// time is open and Escape closes it, and runs slow work off the UI goroutine, handing its
// result back to it. The main window, the export dialog and the sharing screens share one.
package uihost

import (
	"errors"
	"log"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// Host shows the errors of a window and runs its background work.
type Host struct {
	win fyne.Window
	// Present shows a message dialog. The main window sets its dialog stack's, which keeps
	// the one-dialog-at-a-time rule and lets Escape and Return close the message; when nil
	// the dialog is simply shown.
	Present func(dialog.Dialog)
	// Do hands a function to the UI goroutine: fyne.Do when nil. Tests queue it and run it
	// on the test goroutine.
	Do func(func())

	wg   sync.WaitGroup
	mu   sync.Mutex
	last string
}

// New makes the Host of win.
func New(win fyne.Window) *Host { return &Host{win: win} }

// Go runs work off the UI goroutine, then the function it returns (if any) on the UI
// goroutine: work reads and writes storage, the function it returns changes widgets.
func (h *Host) Go(work func() func()) {
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		if ui := work(); ui != nil {
			h.UI(ui)
		}
	}()
}

// UI hands fn to the UI goroutine (from a goroutine: progress of slow work).
func (h *Host) UI(fn func()) {
	if h.Do != nil {
		h.Do(fn)
		return
	}
	fyne.Do(fn)
}

// Wait waits for the work started with Go to finish (at shutdown, in tests).
func (h *Host) Wait() { h.wg.Wait() }

// ShowError logs the detail of err and shows the person what failed (what: "Exporting",
// "Opening project.db"), what happened and what to do, in a dialog. Call it on the UI
// goroutine. The edit the person made stays on screen: callers clear a form only after a
// success.
func (h *Host) ShowError(what string, err error) {
	if err == nil {
		return
	}
	log.Printf("factdesk: %s: %v", what, err)
	msg := Message(what, err)
	h.mu.Lock()
	h.last = msg
	h.mu.Unlock()
	d := dialog.NewError(errors.New(msg), h.win)
	if h.Present != nil {
		h.Present(d)
		return
	}
	d.Show()
}

// LastError is the text of the last error shown, "" when none was.
func (h *Host) LastError() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// Message is the text of the error dialog: what failed, what happened, what to do.
func Message(what string, err error) string {
	var parts []string
	if what != "" {
		parts = append(parts, lang.L("{{.What}} failed.", map[string]any{"What": what}))
	}
	parts = append(parts, capitalized(Describe(err)))
	if r := Remedy(err); r != "" {
		parts = append(parts, r)
	}
	return strings.Join(parts, "\n\n")
}

// capitalized starts s with a capital letter: storage's messages start in lower case, to
// follow a colon in a log line; a dialog shows them as sentences.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
