package sharing

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"factdesk/storage"
)

// MergeDialog is "File > Merge a reviewer's file…": it checks the file, shows a preview (new
// articles, new claims, changed verdicts, other changes, conflicts) and merges it only when the
// person confirms, then reports what changed.
//
//	m := sharing.NewMergeDialog(db, win)
//	m.OnMerged = func(storage.MergeReport) { reload the corpus, claims and inspector }
//	m.Show()
type MergeDialog struct {
	Presenter
	db  *storage.DB
	win fyne.Window
	// OnMerged is called on the UI goroutine after a merge committed.
	OnMerged func(storage.MergeReport)
	// BeforeMerge, when set, runs when the person confirms, before the merge starts (to save a
	// note being typed); returning false leaves the preview open and merges nothing.
	BeforeMerge func() bool
	// OnSettle, when set, is called by the "Settle conflicts now" button of the report of a
	// merge that found conflicts (to open the conflicts panel).
	OnSettle func()

	in      *storage.Incoming
	preview storage.MergeReport
	result  storage.MergeReport

	dlg          *dialog.CustomDialog
	summary      *widget.Label
	tabs         *container.AppTabs
	mergeButton  *widget.Button
	cancelButton *widget.Button
	status       *widget.Label
	done         *dialog.CustomDialog // the report after the merge
	settleButton *widget.Button       // in the report, when the merge found conflicts
}

// NewMergeDialog makes the merge dialog for the working database db in win.
func NewMergeDialog(db *storage.DB, win fyne.Window) *MergeDialog {
	m := &MergeDialog{db: db, win: win}
	return m
}

// Show asks for the file, then previews it.
func (m *MergeDialog) Show() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			m.showError(m.win, "Choosing a file to merge", err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		m.PreviewFile(path)
	}, m.win)
	// No filter: a shared file may have any name (factdesk share --out takes any).
	m.present(d)
	d.Resize(fileDialogSize) // after Show: FileDialog.Resize panics before
}

// PreviewFile checks path and computes what merging it would do, in the background, then shows
// the preview.
func (m *MergeDialog) PreviewFile(path string) {
	m.run(m.win, func() func() {
		ctx := context.Background()
		in, err := storage.ReceiveFile(ctx, path)
		if err != nil {
			return func() { m.showError(m.win, "Checking "+path, err) }
		}
		rep, err := m.db.PreviewMergeIncoming(ctx, in)
		if err != nil {
			in.Close()
			return func() { m.showError(m.win, "Previewing the merge of "+path, err) }
		}
		return func() { m.showPreview(in, rep) }
	})
}

func (m *MergeDialog) showPreview(in *storage.Incoming, rep storage.MergeReport) {
	m.closeIncoming()
	m.in, m.preview = in, rep
	title := "Merge a reviewer's file"
	if len(rep.Reviewers) > 0 {
		title = "Merge the file from " + JoinNames(rep.Reviewers)
	}
	m.dlg = dialog.NewCustomWithoutButtons(title, m.buildUI(), m.win)
	m.dlg.SetOnClosed(m.closeIncoming)
	m.dlg.Resize(fyne.NewSize(860, 560))
	m.present(m.dlg)
}

func (m *MergeDialog) closeIncoming() {
	if m.in != nil {
		m.in.Close()
		m.in = nil
	}
}

// buildUI is the preview: a summary, a tab per kind of change, Merge and Cancel.
func (m *MergeDialog) buildUI() fyne.CanvasObject {
	rep := m.preview
	m.summary = widget.NewLabel("")
	m.summary.Wrapping = fyne.TextWrapWord
	m.status = widget.NewLabel("")
	m.mergeButton = widget.NewButton("Merge", m.onMerge)
	m.mergeButton.Importance = widget.HighImportance
	m.cancelButton = widget.NewButton("Cancel", m.onCancel)
	if rep.Empty() {
		m.summary.SetText("Nothing new: everything in " + rep.File + " is already in your database.")
		m.mergeButton.Disable()
		m.cancelButton.SetText("Close")
	} else {
		m.summary.SetText("Merging " + rep.File + " would bring: " + rep.Summary() + ".\nYour verdicts and notes are never replaced silently: where you both changed one, yours stays and a conflict is listed for you to resolve.")
	}
	m.tabs = container.NewAppTabs()
	addTab := func(title string, n int, row func(i int) string) {
		if n == 0 {
			return
		}
		m.tabs.Append(container.NewTabItem(fmt.Sprintf("%s (%d)", title, n), wrappedRows(n, row)))
	}
	// Whole rows, wrapped: quotes, titles and values are not cut off.
	addTab("New articles", len(rep.NewArticles), func(i int) string { return oneLine(rep.NewArticles[i].Title) })
	addTab("New claims", len(rep.NewClaims), func(i int) string {
		c := rep.NewClaims[i]
		return fmt.Sprintf("%s  “%s”  (%s, by %s)", verdictText(c.Verdict), oneLine(c.Quote), oneLine(c.ArticleTitle), c.By)
	})
	changeRow := func(cs []storage.MergeChange) func(int) string {
		return func(i int) string {
			c := cs[i]
			// Words, not an arrow: Fyne's text shaping draws "→ " with a broken glyph.
			return fmt.Sprintf("“%s”: was %s, now %s (%s, %s)", oneLine(c.Label), oneLine(nonEmpty(c.Old, "(empty)")),
				oneLine(nonEmpty(c.New, "(empty)")), c.By, when(c.At))
		}
	}
	// Ratings join the ratings here, never replacing one: a tab of their own.
	verdicts := rep.ChangedVerdicts()
	addTab("New ratings", len(verdicts), changeRow(verdicts))
	addTab("Made one claim", len(rep.Unified), func(i int) string {
		u := rep.Unified[i]
		return fmt.Sprintf("“%s”: the same span was claimed on both sides; it is one claim, rated by both", oneLine(u.Quote))
	})
	addTab("Overlapping claims", len(rep.Overlaps), func(i int) string {
		o := rep.Overlaps[i]
		return fmt.Sprintf("“%s” and “%s” (%s, %.0f%% shared): two claims; if they say the same, link them as the same claim (Ctrl+L)",
			oneLine(o.A.Exact), oneLine(o.B.Exact), oneLine(o.ArticleTitle), o.Overlap*100)
	})
	var other []storage.MergeChange
	for _, c := range rep.Changes {
		if !(c.Table == "claims" && c.Field == "verdict") {
			c.Label = strings.TrimSuffix(c.Table, "s") + " " + c.Field + ": " + c.Label
			other = append(other, c)
		}
	}
	addTab("Other changes", len(other), changeRow(other))
	addTab("Deleted", len(rep.Deleted), changeRow(rep.Deleted))
	addTab("Re-anchored", len(rep.Reanchored), changeRow(rep.Reanchored))
	addTab("Conflicts", len(rep.Conflicts), func(i int) string {
		c := rep.Conflicts[i]
		return fmt.Sprintf("“%s”: yours “%s” (%s) / theirs “%s” (%s, %s)", oneLine(c.Label), oneLine(c.Mine.Value), c.Mine.Reviewer,
			oneLine(c.Theirs.Value), c.Theirs.Reviewer, when(c.Theirs.At))
	})
	buttons := container.NewHBox(m.status, layout.NewSpacer(), m.cancelButton, m.mergeButton)
	return container.NewBorder(m.summary, buttons, nil, nil, m.tabs)
}

// onMerge merges the checked file in the background, then reports what changed.
func (m *MergeDialog) onMerge() {
	if m.in == nil || (m.BeforeMerge != nil && !m.BeforeMerge()) {
		return
	}
	m.mergeButton.Disable()
	m.cancelButton.Disable()
	m.status.SetText("Merging…")
	in := m.in
	m.run(m.win, func() func() {
		rep, err := m.db.MergeIncoming(context.Background(), in)
		return func() {
			m.dlg.Hide()
			if err != nil {
				m.showError(m.win, "Merging "+in.Source, err)
				return
			}
			m.result = rep
			if m.OnMerged != nil {
				m.OnMerged(rep)
			}
			m.showDone(rep)
		}
	})
}

// showDone says what the merge changed; when it found conflicts, it offers to settle them
// now (OnSettle), or later with View > Conflicts to settle….
func (m *MergeDialog) showDone(rep storage.MergeReport) {
	msg := widget.NewLabel("Merged: " + rep.Summary() + ".")
	msg.Wrapping = fyne.TextWrapWord
	closeButton := widget.NewButton("Close", nil)
	buttons := []fyne.CanvasObject{closeButton}
	if n := len(rep.Conflicts); n > 0 {
		msg.SetText(msg.Text + "\n\n" + plural(n, "conflict", "conflicts") + " to settle: your values stay until you do " +
			"(now, or later with View > Conflicts to settle…).")
		m.settleButton = widget.NewButton("Settle conflicts now", nil)
		m.settleButton.Importance = widget.HighImportance
		buttons = append(buttons, m.settleButton)
	}
	d := dialog.NewCustomWithoutButtons("Merge done", msg, m.win)
	d.SetButtons(buttons)
	closeButton.OnTapped = d.Hide
	if m.settleButton != nil {
		m.settleButton.OnTapped = func() {
			d.Hide()
			if m.OnSettle != nil {
				m.OnSettle()
			}
		}
	}
	m.done = d
	m.present(d)
	d.Resize(fyne.NewSize(560, 240))
}

func nonEmpty(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// onCancel closes the preview; nothing was changed.
func (m *MergeDialog) onCancel() {
	if m.dlg != nil {
		m.dlg.Hide()
	}
}

// maxPreviewRows is how many rows a tab of the merge preview shows; the rest are counted
// (the command line's merge lists them all).
const maxPreviewRows = 500

// wrappedRows is a scrolling column of n rows, each a label wrapped to the width of the
// dialog, so that no row is cut off.
func wrappedRows(n int, row func(i int) string) fyne.CanvasObject {
	box := container.NewVBox()
	for i := 0; i < n && i < maxPreviewRows; i++ {
		l := widget.NewLabel(row(i))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	if n > maxPreviewRows {
		box.Add(widget.NewLabel(fmt.Sprintf("… and %d more (factdesk merge FILE lists them all)", n-maxPreviewRows)))
	}
	return container.NewVScroll(box)
}

// oneLine is s on one line: runs of spaces and line breaks become one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
