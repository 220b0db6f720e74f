package app

import (
	"context"
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/app/session"
	"factdesk/storage"
)

// Filter choices that mean "no filter".
const (
	allVerdicts  = "All verdicts"
	allArticles  = "All articles"
	allReviewers = "All reviewers"
	// contestedFilter lists the claims whose reviewers disagree and nobody settled.
	contestedFilter = contestedSymbol + " Contested"
)

// claimsPanel is the left column's second tab: every claim, filtered by verdict, article,
// reviewer and text. Choosing one opens its article and reveals it.
type claimsPanel struct {
	host claimsHost

	verdictFilter  *widget.Select
	articleFilter  *widget.Select
	reviewerFilter *widget.Select
	textFilter     *widget.Entry
	count          *mutedText
	list           *widget.List

	rows      []annotate.Claim
	articleOf map[string]string // article filter label -> id
	reviewers map[string]string // reviewer name -> id
	filterer  *debouncer
	gen       int
	selecting bool // Select called by the program, not a choice
}

// claimsHost is what the claims list asks of the window it is in: the database to read the
// claims from, the corpus (for titles and the article filter), where to show a claim, and the
// UI goroutine. Changes come to it from the session (applyChange), not through the host.
type claimsHost interface {
	claimReader() claimReader
	context() context.Context
	articleList() []annotate.Article
	articleTitle(id string) string
	currentClaim() (annotate.Claim, bool)
	showClaim(id string) bool
	background(work func() func())
	uiDo(fn func())
	focus(o fyne.Focusable)
}

// claimReader is what the claims list reads: *storage.DB implements it.
type claimReader interface {
	Claims(ctx context.Context, f storage.ClaimFilter) ([]annotate.Claim, error)
	Reviewers(ctx context.Context) ([]annotate.Reviewer, error)
}

func newClaimsPanel(host claimsHost) *claimsPanel {
	cp := &claimsPanel{host: host, articleOf: map[string]string{}, reviewers: map[string]string{}}
	cp.filterer = newDebouncer(searchDelay, cp.reload, host.uiDo)
	return cp
}

func (cp *claimsPanel) buildUI() fyne.CanvasObject {
	opts := []string{lang.L(allVerdicts)}
	for _, v := range annotate.Verdicts {
		opts = append(opts, verdictText(v))
	}
	opts = append(opts, lang.L(contestedFilter))
	cp.verdictFilter = widget.NewSelect(opts, func(string) { cp.reload() })
	cp.verdictFilter.SetSelectedIndex(0)
	cp.articleFilter = widget.NewSelect([]string{lang.L(allArticles)}, func(string) { cp.reload() })
	cp.articleFilter.SetSelectedIndex(0)
	cp.reviewerFilter = widget.NewSelect([]string{lang.L(allReviewers)}, func(string) { cp.reload() })
	cp.reviewerFilter.SetSelectedIndex(0)
	cp.textFilter = widget.NewEntry()
	cp.textFilter.SetPlaceHolder(lang.L("Filter by words of the quote or note"))
	cp.textFilter.OnChanged = func(string) { cp.filterer.Trigger() }
	cp.textFilter.OnSubmitted = func(string) { cp.filterer.Trigger(); cp.filterer.Flush() }
	cp.count = newMutedLine("")

	cp.list = widget.NewList(
		func() int { return len(cp.rows) },
		func() fyne.CanvasObject { return newClaimRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(cp.rows) {
				c := cp.rows[i]
				o.(*claimRow).set(c, cp.host.articleTitle(c.ArticleID))
			}
		})
	cp.list.OnSelected = func(i widget.ListItemID) {
		if cp.selecting || i >= len(cp.rows) {
			return
		}
		cp.host.showClaim(cp.rows[i].ID)
	}
	filters := container.NewVBox(
		container.NewGridWithColumns(2, cp.verdictFilter, cp.reviewerFilter),
		cp.articleFilter,
		cp.textFilter,
		cp.count,
	)
	return container.NewBorder(filters, nil, nil, nil, cp.list)
}

// filter is the query the filters describe.
func (cp *claimsPanel) filter() storage.ClaimFilter {
	var f storage.ClaimFilter
	for _, v := range annotate.Verdicts {
		if cp.verdictFilter.Selected == verdictText(v) {
			f.Verdict = v
		}
	}
	f.Contested = cp.verdictFilter.Selected == lang.L(contestedFilter)
	f.ArticleID = cp.articleOf[cp.articleFilter.Selected]
	f.ReviewerID = cp.reviewers[cp.reviewerFilter.Selected]
	f.Text = cp.textFilter.Text
	return f
}

// reload runs the query in the background and shows the claims.
func (cp *claimsPanel) reload() {
	if cp.list == nil {
		return
	}
	f := cp.filter()
	cp.gen++
	gen := cp.gen
	db, ctx := cp.host.claimReader(), cp.host.context()
	cp.host.background(func() func() {
		claims, err := db.Claims(ctx, f)
		return func() {
			if gen != cp.gen {
				return
			}
			if err != nil {
				cp.count.SetText(lang.L("Could not read the claims: {{.Error}}", fields{"Error": err.Error()}))
				return
			}
			cp.show(claims)
		}
	})
}

func (cp *claimsPanel) show(claims []annotate.Claim) {
	// Newest changes first: what the person is working on is at the top.
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].UpdatedAt.After(claims[j].UpdatedAt) })
	cp.rows = claims
	cp.list.UnselectAll()
	cp.list.Refresh()
	if len(claims) == 0 {
		cp.count.SetText(lang.L("No claims match"))
	} else {
		cp.count.SetText(i18n.Count("{{.Count}} claim", len(claims)))
	}
	if cur, ok := cp.host.currentClaim(); ok {
		cp.selectRow(cur.ID)
	}
}

// applyChange redraws one changed claim from the change, or re-runs the query when the
// claim may no longer match the filters.
func (cp *claimsPanel) applyChange(ch session.Change) {
	c := ch.After
	f := cp.filter()
	if f.Verdict != "" || f.Contested || f.Text != "" || f.ReviewerID != "" {
		cp.reload()
		return
	}
	for i := range cp.rows {
		if cp.rows[i].ID == c.ID {
			cp.rows[i] = c
			cp.list.RefreshItem(i)
			return
		}
	}
	cp.reload()
}

// selectRow highlights claim id in the list without opening it again.
func (cp *claimsPanel) selectRow(id string) {
	if cp.list == nil {
		return
	}
	for i := range cp.rows {
		if cp.rows[i].ID == id {
			cp.selecting = true
			cp.list.Select(i)
			cp.selecting = false
			return
		}
	}
}

// refreshArticleOptions offers the articles that have claims in the article filter.
func (cp *claimsPanel) refreshArticleOptions() {
	if cp.articleFilter == nil {
		return
	}
	cp.articleOf = map[string]string{}
	opts := []string{lang.L(allArticles)}
	seen := map[string]int{}
	for _, a := range cp.host.articleList() {
		if a.Counts.Total() == 0 {
			continue
		}
		label := clip(displayTitle(a), 60)
		if seen[label]++; seen[label] > 1 {
			label = fmt.Sprintf("%s (%d)", label, seen[label])
		}
		cp.articleOf[label] = a.ID
		opts = append(opts, label)
	}
	sel := cp.articleFilter.Selected
	cp.articleFilter.SetOptions(opts)
	if _, ok := cp.articleOf[sel]; !ok {
		sel = lang.L(allArticles)
	}
	cp.articleFilter.Selected = sel
	cp.articleFilter.Refresh()
	cp.reloadReviewers()
}

// reloadReviewers offers every reviewer in the reviewer filter.
func (cp *claimsPanel) reloadReviewers() {
	if cp.reviewerFilter == nil {
		return
	}
	rs, err := cp.host.claimReader().Reviewers(cp.host.context())
	if err != nil {
		return
	}
	cp.reviewers = map[string]string{}
	opts := []string{lang.L(allReviewers)}
	for _, r := range rs {
		cp.reviewers[r.Name] = r.ID
		opts = append(opts, r.Name)
	}
	sel := cp.reviewerFilter.Selected
	cp.reviewerFilter.SetOptions(opts)
	if _, ok := cp.reviewers[sel]; !ok {
		sel = lang.L(allReviewers)
	}
	cp.reviewerFilter.Selected = sel
	cp.reviewerFilter.Refresh()
}

// focusFilter puts the keyboard in the text filter.
func (cp *claimsPanel) focusFilter() {
	cp.host.focus(cp.textFilter)
}

// claimRow is one claim in the list: verdict (symbol, word, colour), a marker when reviewers
// disagree on it, the article and who changed it last, then the quote.
type claimRow struct {
	widget.BaseWidget
	verdict  *tintedText
	disagree *tintedText // who said what ("Alice ✓, Bob ✗"), only when the reviewers disagree
	where    *mutedText
	quote    *widget.Label
}

func newClaimRow() *claimRow {
	r := &claimRow{
		verdict:  newTintedText(),
		disagree: newTintedText(),
		where:    newMutedLine(""),
		quote:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
	}
	r.disagree.Hide()
	r.quote.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// set shows claim c of the article titled title: its desk verdict ("≠ Contested" while its
// reviewers disagree and nobody settled it, with who said what), where, who, and the quote.
func (r *claimRow) set(c annotate.Claim, title string) {
	r.verdict.set(claimVerdictText(c), claimColour(c))
	switch {
	case c.Contested:
		r.disagree.set(whoSaidWhat(c.Ratings), colorNameContested)
		r.disagree.Show()
	case len(c.Ratings) > 1 && !ratingsAgree(c.Ratings):
		// Settled although the reviewers disagree: who said what stays in view.
		r.disagree.set(lang.L("settled; {{.Ratings}}", fields{"Ratings": whoSaidWhat(c.Ratings)}), theme.ColorNamePlaceHolder)
		r.disagree.Show()
	default:
		r.disagree.Hide()
	}
	when := i18n.DayTime(c.UpdatedAt.Local())
	if time.Since(c.UpdatedAt) > 180*24*time.Hour {
		when = i18n.ShortDate(c.UpdatedAt.Local())
	}
	r.where.SetText(fmt.Sprintf("%s · %s, %s", title, nonEmpty(c.UpdatedBy, lang.L("unknown")), when))

	r.quote.SetText(quoted(clip(c.Exact, 200)))
}

// CreateRenderer lays the row out.
func (r *claimRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&tightVBox{},
		container.NewBorder(nil, nil, container.NewHBox(r.verdict, r.disagree), nil, r.where),
		r.quote))
}
