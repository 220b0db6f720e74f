package sharing

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/storage"
)

// AgreementView shows how far reviewers agree on the claims two or more of them rated (the
// same span of the same text, or claims linked as the same claim): percent agreement, Cohen's
// kappa for two reviewers, Krippendorff's alpha for more, each pair's confusion table, and the
// disagreements to discuss.
//
//	v := sharing.NewAgreementView(db, win)
//	v.OnSelectClaim = func(claimID, articleID string) { open the claim }
//	v.ShowDialog()  // or container.NewTabItem("Agreement", v.Content())
type AgreementView struct {
	Presenter
	db  *storage.DB
	win fyne.Window
	// OnSelectClaim is called when a disagreement is selected.
	OnSelectClaim func(claimID, articleID string)

	result storage.AgreementResult

	content      fyne.CanvasObject
	summaryLabel *widget.Label
	percentLabel *widget.Label
	kappaLabel   *widget.Label
	alphaLabel   *widget.Label
	pairs        *fyne.Container
	tabs         *container.AppTabs
	listTab      *container.TabItem
	list         *fyne.Container    // the disagreements, one whole row each
	rows         []*disagreementRow // the rows shown, in order
	dialog       dialog.Dialog      // the view's own dialog, closed when a claim is opened
}

// maxDisagreementRows is how many disagreements the list shows; the rest are counted.
const maxDisagreementRows = 500

// disagreementRow is one disagreement to discuss: the whole quote, its article, who said
// what, and a button that opens the claim in its pane.
type disagreementRow struct {
	text *widget.Label
	open *widget.Button
	box  fyne.CanvasObject
}

// NewAgreementView makes the view for db in win; Content builds it and computes the figures.
func NewAgreementView(db *storage.DB, win fyne.Window) *AgreementView {
	v := &AgreementView{db: db, win: win}
	return v
}

// Content returns the view, built on first use.
func (v *AgreementView) Content() fyne.CanvasObject {
	if v.content == nil {
		v.content = v.buildUI()
		v.Refresh()
	}
	return v.content
}

// ShowDialog shows the view in a dialog of its own.
func (v *AgreementView) ShowDialog() {
	d := dialog.NewCustom(lang.L("Agreement between reviewers"), lang.L("Close"), v.Content(), v.win)
	d.Resize(fyne.NewSize(820, 600))
	v.dialog = d
	v.present(d)
}

func (v *AgreementView) buildUI() fyne.CanvasObject {
	v.summaryLabel = widget.NewLabel("")
	v.summaryLabel.Wrapping = fyne.TextWrapWord
	v.percentLabel = widget.NewLabel("")
	v.kappaLabel = widget.NewLabel("")
	v.alphaLabel = widget.NewLabel("")
	v.pairs = container.NewVBox()
	v.list = container.NewVBox()
	figures := widget.NewForm(
		widget.NewFormItem(lang.L("Percent agreement"), v.percentLabel),
		widget.NewFormItem(lang.L("Cohen's kappa"), v.kappaLabel),
		widget.NewFormItem(lang.L("Krippendorff's alpha"), v.alphaLabel))
	// Two tabs, so that the disagreements have the whole height of the view to scroll in.
	v.listTab = container.NewTabItem(lang.L("Disagreements to discuss"), container.NewVScroll(v.list))
	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Figures"), container.NewVScroll(container.NewVBox(v.summaryLabel, figures, v.pairs))),
		v.listTab)
	return v.tabs
}

// showDisagreements fills the list, one whole row per disagreement.
func (v *AgreementView) showDisagreements() {
	v.list.RemoveAll()
	v.rows = nil
	n := len(v.result.Disagreements)
	v.listTab.Text = i18n.Count("Disagreements to discuss ({{.Count}})", n)
	v.tabs.Refresh()
	if n == 0 {
		l := widget.NewLabel(lang.L("No disagreement: the reviewers gave the same verdict on every claim they both rated."))
		l.Wrapping = fyne.TextWrapWord
		v.list.Add(l)
		return
	}
	for i := 0; i < n && i < maxDisagreementRows; i++ {
		i := i
		r := &disagreementRow{text: widget.NewLabel(v.disagreementText(i))}
		r.text.Wrapping = fyne.TextWrapWord
		r.open = widget.NewButtonWithIcon(lang.L("Open"), theme.NavigateNextIcon(), func() { v.onSelectDisagreement(i) })
		r.box = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewCenter(r.open), r.text), widget.NewSeparator())
		v.rows = append(v.rows, r)
		v.list.Add(r.box)
	}
	if n > maxDisagreementRows {
		v.list.Add(widget.NewLabel(i18n.Count("… and {{.Count}} more: factdesk agreement lists them all.", n-maxDisagreementRows)))
	}
}

// Refresh recomputes the figures in the background.
func (v *AgreementView) Refresh() {
	v.run(v.win, func() func() {
		res, err := v.db.Agreement(context.Background())
		return func() {
			if err != nil {
				v.showError(v.win, lang.L("Measuring agreement"), err)
				return
			}
			v.result = res
			v.show()
		}
	})
}

func (v *AgreementView) show() {
	res := v.result
	v.pairs.RemoveAll()
	if !res.Defined {
		v.summaryLabel.SetText(lang.L("No claim was rated by two or more reviewers yet. Merge other reviewers' files, then rate the same claims: agreement appears here."))
		v.percentLabel.SetText("—")
		v.kappaLabel.SetText("—")
		v.alphaLabel.SetText("—")
		v.showDisagreements()
		return
	}
	v.summaryLabel.SetText(lang.N("{{.Count}} claim rated by two or more of {{.Reviewers}}.", res.Items,
		map[string]any{"Count": i18n.Number(res.Items), "Reviewers": strings.Join(res.Reviewers, ", ")}))
	v.percentLabel.SetText(i18n.Percent(res.PercentAgreement, 1))
	switch {
	case len(res.Pairs) == 1:
		v.kappaLabel.SetText(lang.L("{{.Kappa}} ({{.A}} and {{.B}})", map[string]any{"Kappa": i18n.Decimal(res.Pairs[0].Kappa, 3), "A": res.Pairs[0].A, "B": res.Pairs[0].B}))
	default:
		v.kappaLabel.SetText(lang.L("per pair, below"))
	}
	v.alphaLabel.SetText(lang.L("{{.Alpha}} (nominal, all reviewers)", map[string]any{"Alpha": i18n.Decimal(res.KrippendorffAlpha, 3)}))
	for _, p := range res.Pairs {
		v.pairs.Add(widget.NewCard(JoinNames([]string{p.A, p.B}),
			lang.N("{{.Count}} claim, {{.Percent}} agreement, Cohen's kappa {{.Kappa}}", p.N,
				map[string]any{"Count": i18n.Number(p.N), "Percent": i18n.Percent(p.Percent, 1), "Kappa": i18n.Decimal(p.Kappa, 3)}), confusionGrid(p)))
	}
	v.showDisagreements()
}

// confusionGrid is a pair's confusion table: rows A's verdicts, columns B's.
func confusionGrid(p annotate.Pair) fyne.CanvasObject {
	cells := []fyne.CanvasObject{widget.NewLabel(p.A + " \\ " + p.B)}
	for _, b := range annotate.Verdicts {
		cells = append(cells, widget.NewLabelWithStyle(verdictText(b), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	for _, a := range annotate.Verdicts {
		cells = append(cells, widget.NewLabelWithStyle(verdictText(a), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, b := range annotate.Verdicts {
			cells = append(cells, widget.NewLabelWithStyle(fmt.Sprint(p.Confusion.At(a, b)), fyne.TextAlignCenter, fyne.TextStyle{}))
		}
	}
	return container.NewGridWithColumns(4, cells...)
}

func (v *AgreementView) disagreementText(i int) string {
	d := v.result.Disagreements[i]
	it := v.result.Details[d.Item]
	names := make([]string, 0, len(d.Ratings))
	for n := range d.Ratings {
		names = append(names, n)
	}
	sort.Strings(names)
	var rs []string
	for _, n := range names {
		rs = append(rs, n+" "+verdictText(d.Ratings[n]))
	}
	return lang.L("“{{.Quote}}”\nin «{{.Title}}»: {{.Ratings}}", map[string]any{"Quote": strings.Join(strings.Fields(it.Quote), " "), "Title": it.ArticleTitle, "Ratings": strings.Join(rs, ", ")})

}

func (v *AgreementView) onSelectDisagreement(i widget.ListItemID) {
	if v.OnSelectClaim == nil || i < 0 || i >= len(v.result.Disagreements) {
		return
	}
	it := v.result.Details[v.result.Disagreements[i].Item]
	if v.dialog != nil {
		v.dialog.Hide() // the claim opens in its pane, which the dialog would cover
	}
	v.OnSelectClaim(it.ID, it.ArticleID)
}
