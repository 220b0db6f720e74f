package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate/counterpart"
	"factdesk/app/i18n"
	"factdesk/app/textview"
)

// suggestionsView is the inspector's "Suggested claims" toggle: the sentences of the current
// pane's article that state checkable facts (annotate/counterpart.Suggest), listed with a
// neutral mark and marked in the text by a grey bar in the margin (textview.SetMarks), never a
// verdict colour; accepting one makes it a claim.
type suggestionsView struct {
	mw      *mainWindow
	toggle  *widget.Check
	hint    *widget.Label
	list    *fyne.Container
	scroll  *container.Scroll
	panel   *fyne.Container
	rows    []*suggestionRow
	article string       // the article listed
	marked  *articlePane // the pane whose text shows the marks
}

// suggestionRow is one suggested sentence.
type suggestionRow struct {
	sug          counterpart.Suggestion
	showButton   *widget.Button // the sentence: selects it in its pane
	acceptButton *widget.Button
}

// suggestionMark is the neutral mark of a suggested sentence: a shape, not a verdict colour.
const suggestionMark = "◇"

func (mw *mainWindow) newSuggestionsView() *suggestionsView { return &suggestionsView{mw: mw} }

func (v *suggestionsView) buildUI() fyne.CanvasObject {
	v.toggle = widget.NewCheck(lang.L("Show suggested claims"), func(bool) { v.refresh() })
	v.hint = widget.NewLabel("")
	v.hint.Wrapping = fyne.TextWrapWord
	v.list = container.NewVBox()
	v.scroll = container.NewVScroll(v.list)
	v.scroll.SetMinSize(fyne.NewSize(0, 180))
	v.panel = container.NewVBox(v.hint, v.scroll)
	v.panel.Hide()
	return container.NewVBox(v.toggle, v.panel)
}

// refresh lists the suggestions of the current pane's article, when the toggle is on.
func (v *suggestionsView) refresh() {
	if v.toggle == nil {
		return
	}
	v.rows = nil
	v.list.Objects = nil
	if v.marked != nil {
		v.marked.view.SetMarks(nil)
		v.marked = nil
	}
	if !v.toggle.Checked {
		v.panel.Hide()
		v.list.Refresh()
		return
	}
	v.panel.Show()
	p := v.mw.panes.current
	if p == nil {
		v.article = ""
		v.hint.SetText(lang.L("Open an article to see the sentences worth checking."))
		v.list.Refresh()
		return
	}
	v.article = p.article.ID
	for _, s := range counterpart.Suggest(p.article.Text, p.article.Language) {
		if !s.Suggested {
			continue
		}
		if _, ok := claimAt(p, s.Start, s.End); ok {
			continue
		}
		v.rows = append(v.rows, v.newRow(p, s))
	}
	marks := make([]textview.Span, len(v.rows))
	for i, r := range v.rows {
		marks[i] = textview.Span{Start: r.sug.Start, End: r.sug.End}
	}
	p.view.SetMarks(marks)
	v.marked = p
	if len(v.rows) == 0 {
		v.hint.SetText(lang.L("No other sentence of «{{.Title}}» states a checkable fact (figures, dates, what someone said or did).", fields{"Title": clip(displayTitle(p.article), 40)}))
	} else {
		v.hint.SetText(suggestionMark + " " + lang.N("{{.Count}} sentences of «{{.Title}}» state checkable facts (a suggestion, not a verdict). Click one to see it; + makes it a claim.",
			len(v.rows), fields{"Count": i18n.Number(len(v.rows)), "Title": clip(displayTitle(p.article), 40)}))

	}
	v.list.Refresh()
}

func (v *suggestionsView) newRow(p *articlePane, s counterpart.Suggestion) *suggestionRow {
	r := &suggestionRow{sug: s}
	r.showButton = widget.NewButton(suggestionMark+" "+clip(oneLine(s.Text), 40), func() {
		p.view.SetSelection(s.Start, s.End)
		p.view.RevealOffset(s.Start)
		v.mw.inspector.refreshNewClaim()
	})
	r.showButton.Importance = widget.LowImportance
	r.showButton.Alignment = widget.ButtonAlignLeading
	r.acceptButton = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { v.onAccept(p, r) })
	if v.mw.db.ReadOnly() {
		r.acceptButton.Disable()
	}
	v.list.Add(container.NewBorder(nil, nil, nil, r.acceptButton, r.showButton))
	return r
}

// onAccept makes a suggested sentence a claim and shows it in the inspector.
func (v *suggestionsView) onAccept(p *articlePane, r *suggestionRow) {
	if _, ok := v.mw.createClaim(p, r.sug.Start, r.sug.End); ok {
		v.refresh()
	}
}
