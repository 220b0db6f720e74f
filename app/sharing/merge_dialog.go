package sharing

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/i18n"
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
	// OnSettle, when set, is called by the lang.L("Settle conflicts now") button of the report of a
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
			m.showError(m.win, lang.L("Choosing a file to merge"), err)
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
			return func() { m.showError(m.win, lang.L("Checking {{.File}}", map[string]any{"File": path}), err) }
		}
		rep, err := m.db.PreviewMergeIncoming(ctx, in)
		if err != nil {
			in.Close()
			return func() {
				m.showError(m.win, lang.L("Previewing the merge of {{.File}}", map[string]any{"File": path}), err)
			}
		}
		return func() { m.showPreview(in, rep) }
	})
}

func (m *MergeDialog) showPreview(in *storage.Incoming, rep storage.MergeReport) {
	m.closeIncoming()
	m.in, m.preview = in, rep
	title := lang.L("Merge a reviewer's file")
	if len(rep.Reviewers) > 0 {
		title = lang.L("Merge the file from {{.Names}}", map[string]any{"Names": JoinNames(rep.Reviewers)})
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
	m.mergeButton = widget.NewButton(lang.L("Merge"), m.onMerge)
	m.mergeButton.Importance = widget.HighImportance
	m.cancelButton = widget.NewButton(lang.L("Cancel"), m.onCancel)
	if rep.Empty() {
		m.summary.SetText(lang.L("Nothing new: everything in {{.File}} is already in your database.", map[string]any{"File": rep.File}))
		m.mergeButton.Disable()
		m.cancelButton.SetText(lang.L("Close"))
	} else {
		m.summary.SetText(lang.L("Merging {{.File}} would bring: {{.Summary}}.\nYour verdicts and notes are never replaced silently: where you both changed one, yours stays and a conflict is listed for you to resolve.",
			map[string]any{"File": rep.File, "Summary": mergeSummary(rep)}))
	}
	m.tabs = container.NewAppTabs()
	addTab := func(title string, n int, row func(i int) string) {
		if n == 0 {
			return
		}
		m.tabs.Append(container.NewTabItem(fmt.Sprintf("%s (%s)", title, i18n.Number(n)), wrappedRows(n, row)))
	}
	// Whole rows, wrapped: quotes, titles and values are not cut off.
	addTab(lang.L("New articles"), len(rep.NewArticles), func(i int) string { return oneLine(rep.NewArticles[i].Title) })
	addTab(lang.L("New claims"), len(rep.NewClaims), func(i int) string {
		c := rep.NewClaims[i]
		return lang.L("{{.Verdict}}  “{{.Quote}}”  ({{.Title}}, by {{.By}})", map[string]any{"Verdict": verdictText(c.Verdict), "Quote": oneLine(c.Quote), "Title": oneLine(c.ArticleTitle), "By": c.By})
	})
	changeRow := func(cs []storage.MergeChange) func(int) string {
		return func(i int) string {
			c := cs[i]
			// Words, not an arrow: Fyne's text shaping draws "→ " with a broken glyph.
			old, new := c.Old, c.New
			if c.Field == "verdict" {
				old, new = verdictOption(old), verdictOption(new)
			}
			return lang.L("“{{.Label}}”: was {{.Old}}, now {{.New}} ({{.By}}, {{.When}})", map[string]any{"Label": oneLine(c.Label),
				"Old": oneLine(nonEmpty(old, lang.L("(empty)"))), "New": oneLine(nonEmpty(new, lang.L("(empty)"))), "By": c.By, "When": when(c.At)})
		}
	}
	// Ratings join the ratings here, never replacing one: a tab of their own.
	verdicts := rep.ChangedVerdicts()
	addTab(lang.L("New ratings"), len(verdicts), changeRow(verdicts))
	addTab(lang.L("Made one claim"), len(rep.Unified), func(i int) string {
		u := rep.Unified[i]
		return lang.L("“{{.Quote}}”: the same span was claimed on both sides; it is one claim, rated by both", map[string]any{"Quote": oneLine(u.Quote)})
	})
	addTab(lang.L("Overlapping claims"), len(rep.Overlaps), func(i int) string {
		o := rep.Overlaps[i]
		return lang.L("“{{.A}}” and “{{.B}}” ({{.Title}}, {{.Percent}} shared): two claims; if they say the same, link them as the same claim (Ctrl+L)",
			map[string]any{"A": oneLine(o.A.Exact), "B": oneLine(o.B.Exact), "Title": oneLine(o.ArticleTitle), "Percent": i18n.Percent(o.Overlap*100, 0)})
	})
	var other []storage.MergeChange
	for _, c := range rep.Changes {
		if !(c.Table == "claims" && c.Field == "verdict") {
			c.Label = recordName(c.Table) + " " + fieldName(c.Field) + ": " + c.Label
			other = append(other, c)
		}
	}
	addTab(lang.L("Other changes"), len(other), changeRow(other))
	addTab(lang.L("Deleted"), len(rep.Deleted), changeRow(rep.Deleted))
	addTab(lang.L("Re-anchored"), len(rep.Reanchored), changeRow(rep.Reanchored))
	addTab(lang.L("Conflicts"), len(rep.Conflicts), func(i int) string {
		c := rep.Conflicts[i]
		return lang.L("“{{.Label}}”: yours “{{.Mine}}” ({{.MineBy}}) / theirs “{{.Theirs}}” ({{.TheirsBy}}, {{.When}})", map[string]any{"Label": oneLine(c.Label),
			"Mine": oneLine(c.Mine.Value), "MineBy": c.Mine.Reviewer, "Theirs": oneLine(c.Theirs.Value), "TheirsBy": c.Theirs.Reviewer, "When": when(c.Theirs.At)})
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
	m.status.SetText(lang.L("Merging…"))
	in := m.in
	m.run(m.win, func() func() {
		rep, err := m.db.MergeIncoming(context.Background(), in)
		return func() {
			m.dlg.Hide()
			if err != nil {
				m.showError(m.win, lang.L("Merging {{.Source}}", map[string]any{"Source": in.Source}), err)
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
	msg := widget.NewLabel(lang.L("Merged: {{.Summary}}.", map[string]any{"Summary": mergeSummary(rep)}))
	msg.Wrapping = fyne.TextWrapWord
	closeButton := widget.NewButton(lang.L("Close"), nil)
	buttons := []fyne.CanvasObject{closeButton}
	if n := len(rep.Conflicts); n > 0 {
		msg.SetText(msg.Text + "\n\n" + i18n.Count("{{.Count}} conflict to settle: your values stay until you do (now, or later with View > Conflicts to settle…).", n))
		m.settleButton = widget.NewButton(lang.L("Settle conflicts now"), nil)
		m.settleButton.Importance = widget.HighImportance
		buttons = append(buttons, m.settleButton)
	}
	d := dialog.NewCustomWithoutButtons(lang.L("Merge done"), msg, m.win)
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
		box.Add(widget.NewLabel(i18n.Count("… and {{.Count}} more (factdesk merge FILE lists them all)", n-maxPreviewRows)))

	}
	return container.NewVScroll(box)
}

// oneLine is s on one line: runs of spaces and line breaks become one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
