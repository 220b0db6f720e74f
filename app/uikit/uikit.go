// Package uikit holds the small pieces the app's screens share (the main window, the export
// dialog, the sharing screens): the progress dialog of slow work, and counted nouns.
package uikit

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Progress is the dialog of slow work (an import, an export, a copy): what it is doing, a
// progress bar, and a Cancel button.
type Progress struct {
	Dialog       *dialog.CustomDialog
	Label        *widget.Label
	Bar          *widget.ProgressBar
	CancelButton *widget.Button
}

// NewProgress makes the dialog (not shown yet) titled title, saying start; Cancel calls
// cancel once and says lang.L("Cancelling…") until the work stops.
func NewProgress(title, start string, win fyne.Window, cancel func()) *Progress {
	p := &Progress{Label: widget.NewLabel(start), Bar: widget.NewProgressBar()}
	p.Label.Truncation = fyne.TextTruncateEllipsis
	p.CancelButton = widget.NewButton(lang.L("Cancel"), func() {
		p.CancelButton.Disable()
		p.Label.SetText(lang.L("Cancelling…"))
		cancel()
	})
	content := container.NewVBox(p.Label, p.Bar)
	p.Dialog = dialog.NewCustomWithoutButtons(title, container.NewGridWrap(fyne.NewSize(420, content.MinSize().Height), content), win)
	p.Dialog.SetButtons([]fyne.CanvasObject{p.CancelButton})
	return p
}

// Cancelling reports whether the person pressed Cancel.
func (p *Progress) Cancelling() bool { return p.CancelButton.Disabled() }

// Count is n with the noun's form that agrees: "1 file", "3 files"; one and many are the
// two forms ("1 was", "3 were"; "1 reply", "2 replies").
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Plural is Count for nouns whose plural adds an s: "1 claim", "2 claims".
func Plural(n int, noun string) string { return Count(n, noun, noun+"s") }
