package app

import (
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// aboutFacts are what Help > About Factdesk tells: the program's build, and the database in use.
type aboutFacts struct {
	Build     BuildInfo
	Platform  string // "linux/amd64"
	Database  string
	WrittenBy string // the version that last changed the database; "" unknown
	Reviewer  string
}

// rows are the facts as label and value, in the order shown (and copied).
func (f aboutFacts) rows() [][2]string {
	return [][2]string{
		{lang.L("Version"), nonEmpty(f.Build.Version, "dev")},
		{lang.L("Commit"), nonEmpty(f.Build.Commit, lang.L("unknown"))},
		{lang.L("Built"), nonEmpty(f.Build.Date, lang.L("unknown"))},

		{lang.L("Platform"), f.Platform},
		{lang.L("Database"), f.Database},
		{lang.L("Last changed by"), nonEmpty(f.WrittenBy, lang.L("not recorded yet"))},
		{lang.L("Reviewer"), nonEmpty(f.Reviewer, lang.L("not set"))},
	}
}

// text is the facts as plain text, for a bug report.
func (f aboutFacts) text() string {
	var b strings.Builder
	b.WriteString("Factdesk\n")
	for _, r := range f.rows() {
		fmt.Fprintf(&b, "%s: %s\n", r[0], r[1])
	}
	return b.String()
}

// aboutScreen is the content of Help > About Factdesk; Copy puts the facts on the clipboard.
type aboutScreen struct {
	facts      aboutFacts
	clipboard  fyne.Clipboard
	copyButton *widget.Button
	copied     *widget.Label
}

func newAboutScreen(facts aboutFacts, clipboard fyne.Clipboard) *aboutScreen {
	s := &aboutScreen{facts: facts, clipboard: clipboard}
	s.copyButton = widget.NewButtonWithIcon(lang.L("Copy these details"), theme.ContentCopyIcon(), s.onCopy)
	s.copied = widget.NewLabel("")
	return s
}

func (s *aboutScreen) buildUI() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Factdesk "+nonEmpty(s.facts.Build.Version, "dev"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	blurb := widget.NewLabel(lang.L("Check claims across articles, side by side."))
	form := widget.NewForm()
	for _, r := range s.facts.rows() {
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapBreak
		v.Selectable = true
		form.Append(r[0], v)
	}
	return container.NewVBox(title, blurb, form, container.NewHBox(s.copyButton, s.copied))
}

func (s *aboutScreen) onCopy() {
	s.clipboard.SetContent(s.facts.text())
	s.copied.SetText(lang.L("Copied"))
}

// onAbout opens Help > About Factdesk: version, commit and build date, and the database in use.
func (mw *mainWindow) onAbout() {
	facts := aboutFacts{Build: mw.cfg.Build, Platform: runtime.GOOS + "/" + runtime.GOARCH,
		Database: mw.db.Path(), Reviewer: mw.sess.Reviewer()}
	if v, err := mw.db.WrittenBy(mw.ctx); err == nil {
		facts.WrittenBy = v
	}
	s := newAboutScreen(facts, mw.app.Clipboard())
	mw.about = s
	d := dialog.NewCustom(lang.L("About Factdesk"), lang.L("Close"), s.buildUI(), mw.win)
	d.Resize(fyne.NewSize(560, 0))
	mw.showMessage(d)
}
