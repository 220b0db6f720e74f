package app

import (
	"errors"
	"log"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/sharing"
	"factdesk/storage"
)

// sharedFile is another reviewer's file open read-only in the window (File > Open a reviewer's
// file…): the window shows its checked private copy; the file itself is never changed.
type sharedFile struct {
	source    string            // the file as chosen
	owner     string            // who changed it last: whose file it is, "" if unknown
	reviewers []string          // whose work it holds
	back      string            // the working database to go back to
	in        *storage.Incoming // the private copy, for Use this file as my working database
	opener    *sharing.OpenShared
}

// name is the file's name as the person chose it.
func (s *sharedFile) name() string { return filepath.Base(s.source) }

// whose is "Bob's file bob-share.db" (Bob made its last change), else "the file from Alice
// and Bob, ab.db", or "bob-share.db".
func (s *sharedFile) whose() string {
	if s.owner != "" {
		return lang.L("{{.Owner}}'s file {{.File}}", fields{"Owner": s.owner, "File": s.name()})
	}
	switch n := len(s.reviewers); {
	case n == 0:
		return s.name()
	case n == 1:
		return lang.L("{{.Owner}}'s file {{.File}}", fields{"Owner": s.reviewers[0], "File": s.name()})
	case n <= 3:
		return lang.L("the file from {{.Names}}, {{.File}}", fields{"Names": sharing.JoinNames(s.reviewers), "File": s.name()})
	default:
		return lang.N("the file from {{.Names}} and {{.Count}} others, {{.File}}", n-2,
			fields{"Names": strings.Join(s.reviewers[:2], ", "), "Count": n - 2, "File": s.name()})
	}
}

// sharedOwner is the reviewer who made the last change in db (the one who sent it), without
// the demo desk; "" when unknown.
func sharedOwner(mw *mainWindow, db *storage.DB) string {
	hs, err := db.History(mw.ctx, "", 20)
	if err != nil {
		log.Printf("factdesk: reading the history of a shared file: %v", err)
		return ""
	}
	for i := len(hs) - 1; i >= 0; i-- {
		if r := hs[i].Reviewer; r != "" && r != demoReviewer {
			return r
		}
	}
	return ""
}

// sharedReviewers names the reviewers whose work db holds, without the demo desk.
func sharedReviewers(mw *mainWindow, db *storage.DB) []string {
	rs, err := db.Reviewers(mw.ctx)
	if err != nil {
		log.Printf("factdesk: listing the reviewers of a shared file: %v", err)
		return nil
	}
	var names []string
	seen := map[string]bool{}
	for _, r := range rs {
		if r.Name != demoReviewer && !seen[r.Name] {
			seen[r.Name] = true
			names = append(names, r.Name)
		}
	}
	return names
}

// dbName is the name of the file the window shows: the other reviewer's file while one is
// open, not its private copy.
func (mw *mainWindow) dbName() string {
	if mw.shared != nil {
		return mw.shared.name()
	}
	return filepath.Base(mw.db.Path())
}

// dbKey names the database in preferences (open panes): the other reviewer's file by its own
// path, so that looking at it again reopens its panes.
func (mw *mainWindow) dbKey() string {
	if mw.shared != nil {
		return mw.shared.source
	}
	return mw.db.Path()
}

// workFolder is where new files go by default: beside the working database, also while
// another reviewer's file (whose private copy is in a temporary folder) is shown.
func (mw *mainWindow) workFolder() string {
	if mw.shared != nil {
		return filepath.Dir(mw.shared.back)
	}
	return filepath.Dir(mw.db.Path())
}

// readOnlyHint says what to do while the database is read-only.
func (mw *mainWindow) readOnlyHint() string {
	if mw.shared != nil {
		return lang.L("File > Back to my database, or File > Use this file as my working database… to work on it")
	}
	return lang.L("File > Open database… opens your working database")
}

// refuseReadOnly says, in the status bar, why what was asked cannot be done on a read-only
// database and what to do instead, and reports whether it is read-only.
func (mw *mainWindow) refuseReadOnly(what string) bool {
	if !mw.db.ReadOnly() {
		return false
	}
	who := lang.L("this database")
	if mw.shared != nil {
		who = mw.shared.whose()
	}
	mw.say(lang.L("{{.What}} is not possible: {{.Who}} is open read-only. {{.Hint}}", fields{"What": what, "Who": who, "Hint": mw.readOnlyHint()}))
	return true
}

// readOnlyBar is the bar across the top of the window while the database is read-only: whose
// file it is and what to do, with the two ways out as buttons.
type readOnlyBar struct {
	message    *widget.RichText
	useButton  *widget.Button
	backButton *widget.Button
	root       *fyne.Container
}

func newReadOnlyBar(mw *mainWindow) *readOnlyBar {
	b := &readOnlyBar{message: widget.NewRichText()}
	b.message.Wrapping = fyne.TextWrapWord
	b.useButton = widget.NewButtonWithIcon(lang.L("Use this file as my working database…"), theme.DocumentSaveIcon(), mw.onUseAsWorking)
	b.backButton = widget.NewButtonWithIcon(lang.L("Back to my database"), theme.NavigateBackIcon(), mw.onBackToMine)
	b.backButton.Importance = widget.HighImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	icon := widget.NewIcon(theme.NewColoredResource(theme.VisibilityIcon(), theme.ColorNameForegroundOnWarning))
	row := container.NewBorder(nil, nil, icon, container.NewHBox(b.useButton, b.backButton), b.message)
	b.root = container.NewStack(bg, container.NewPadded(row))
	b.root.Hide()
	return b
}

// show fills the bar for the database shown: another reviewer's file, a read-only file, or
// the demo desk (which says how to go back); it is hidden on the working database.
func (b *readOnlyBar) show(mw *mainWindow) {
	demo := mw.demoBack != ""
	if !mw.db.ReadOnly() && !demo {
		b.root.Hide()
		return
	}
	style := widget.RichTextStyleStrong
	style.ColorName = theme.ColorNameForegroundOnWarning
	plain := widget.RichTextStyleInline
	plain.ColorName = theme.ColorNameForegroundOnWarning
	var head, rest string
	switch {
	case demo:
		head = lang.L("The demo desk: fictional articles to practise on, apart from your work.")
		rest = " " + lang.L("File > Back to my database (Ctrl+Shift+M) returns to {{.File}}.", fields{"File": filepath.Base(mw.demoBack)})
		b.useButton.Hide()
		b.backButton.Show()
	case mw.shared != nil:
		head = lang.L("Looking at {{.Whose}}, read-only.", fields{"Whose": mw.shared.whose()})
		rest = " " + lang.L("Nothing here can be changed. File > Back to my database (Ctrl+Shift+M) returns to {{.File}}.", fields{"File": filepath.Base(mw.shared.back)})
		b.useButton.Show()
		b.backButton.Show()
	default:
		head = lang.L("{{.File}} is open read-only.", fields{"File": filepath.Base(mw.db.Path())})
		rest = " " + lang.L("Nothing can be changed here: {{.Hint}}.", fields{"Hint": mw.readOnlyHint()})
		b.useButton.Hide()
		b.backButton.Hide()
	}
	b.message.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Style: style, Text: head},
		&widget.TextSegment{Style: plain, Text: rest},
	}
	b.message.Refresh()
	b.root.Objects[0].(*canvas.Rectangle).FillColor = theme.Color(theme.ColorNameWarning)
	b.root.Show()
	b.root.Refresh()
}

// text is the bar's message, for tests.
func (b *readOnlyBar) text() string { return b.message.String() }

// onUseAsWorking saves the other reviewer's file (its checked copy) as a new working database,
// in a place the person chooses, and switches to it; their file stays as it was.
func (mw *mainWindow) onUseAsWorking() {
	s := mw.shared
	if s == nil {
		mw.say(lang.L("Use this file as my working database: open a reviewer's file first (File > Open a reviewer's file…)"))
		return
	}
	base := strings.TrimSuffix(s.name(), filepath.Ext(s.name()))
	mw.chooseSavePath(lang.L("Use this file as my working database"), base+"-working.db", func(path string) {
		if filepath.Ext(path) == "" {
			path += ".db"
		}
		if abs, _ := filepath.Abs(path); abs == s.source {
			mw.showError(lang.L("Making a working database"), errors.New(lang.L("choose another name than the file you were given: it stays as it was, for its owner")))
			return
		}
		mw.say(lang.L("Saving {{.File}} as your working database…", fields{"File": filepath.Base(path)}))
		s.opener.UseAsWorking(s.in, path)
	})
}

// onBackToMine closes the other reviewer's file, or the demo desk, and opens the working
// database again.
func (mw *mainWindow) onBackToMine() {
	if back := mw.demoBack; back != "" {
		if mw.switchDB(back) {
			mw.say(lang.L("Back to {{.File}}", fields{"File": filepath.Base(back)}))
		}
		return
	}
	s := mw.shared
	if s == nil {
		mw.say(lang.L("You are on your own database ({{.File}})", fields{"File": mw.dbName()}))
		return
	}
	if mw.switchDB(s.back) {
		mw.say(lang.L("Back to {{.File}}", fields{"File": filepath.Base(s.back)}))
	}

}

// refreshEditable enables the actions that change the work, or disables them while the
// database is read-only (and the two ways out of another reviewer's file only then).
func (mw *mainWindow) refreshEditable() {
	ro := mw.db.ReadOnly()
	for _, it := range mw.editItems {
		it.Disabled = ro
	}
	if mw.useItem != nil {
		mw.useItem.Disabled = mw.shared == nil
		mw.backItem.Disabled = mw.shared == nil && mw.demoBack == ""
	}
	if mw.corpus.importButton != nil {
		if ro {
			mw.corpus.importButton.Disable()
		} else {
			mw.corpus.importButton.Enable()
		}
	}
	mw.inspector.refreshEditable()
	if mw.roBar != nil {
		mw.roBar.show(mw)
	}
	mw.refreshUndoMenu()
}
