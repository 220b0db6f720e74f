package sharing

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/storage"
)

// allReviewers is the reviewer choice that filters nothing.
const allReviewers = "All reviewers"

// ReviewerFilter is the per-reviewer view: every rated claim with each reviewer's verdict,
// filtered by reviewer, optionally to the claims reviewers rated differently.
//
//	f := sharing.NewReviewerFilter(db, win)
//	f.OnSelectClaim = func(claimID, articleID string) { open the claim }
//	tab := container.NewTabItem("Ratings", f.Content())
//	f.Refresh() after a merge or an edit
type ReviewerFilter struct {
	Presenter
	db  *storage.DB
	win fyne.Window
	// OnSelectClaim is called when a claim of the list is selected.
	OnSelectClaim func(claimID, articleID string)

	reviewers []annotate.Reviewer
	claims    []storage.RatedClaim

	content            fyne.CanvasObject
	reviewerSelect     *widget.Select
	disagreementsCheck *widget.Check
	countLabel         *widget.Label
	list               *escList
}

// NewReviewerFilter makes the view for db in win; Content builds it and loads the ratings.
func NewReviewerFilter(db *storage.DB, win fyne.Window) *ReviewerFilter {
	f := &ReviewerFilter{db: db, win: win}
	return f
}

// Content returns the view, built on first use.
func (f *ReviewerFilter) Content() fyne.CanvasObject {
	if f.content == nil {
		f.content = f.buildUI()
		f.Refresh()
	}
	return f.content
}

func (f *ReviewerFilter) buildUI() fyne.CanvasObject {
	f.reviewerSelect = widget.NewSelect([]string{lang.L(allReviewers)}, func(string) { f.reload() })
	f.reviewerSelect.SetSelected(lang.L(allReviewers))
	f.disagreementsCheck = widget.NewCheck(lang.L("Only where reviewers disagree"), func(bool) { f.reload() })
	f.countLabel = widget.NewLabel("")
	f.list = newEscList(&f.Presenter, func() int { return len(f.claims) },
		func() fyne.CanvasObject {
			quote := widget.NewLabel("")
			quote.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(quote, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := f.claims[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(lang.L("“{{.Quote}}”  — {{.Title}}", map[string]any{"Quote": clip(c.Exact, 80), "Title": clip(c.ArticleTitle, 40)}))
			box.Objects[1].(*widget.Label).SetText(ratingsText(c))
		})
	f.list.OnSelected = func(i widget.ListItemID) {
		if f.OnSelectClaim != nil && i >= 0 && i < len(f.claims) {
			f.OnSelectClaim(f.claims[i].ID, f.claims[i].ArticleID)
		}
	}
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Rated by")), f.disagreementsCheck, f.reviewerSelect), f.countLabel)
	return container.NewBorder(top, nil, nil, nil, f.list)
}

func ratingsText(c storage.RatedClaim) string {
	var rs []string
	for _, r := range c.Ratings {
		rs = append(rs, r.Reviewer+" "+verdictText(r.Verdict))
	}
	s := strings.Join(rs, " · ")
	if !c.Agrees() {
		s += "  " + lang.L("(disagree)")
	}
	return s
}

// Refresh reloads the reviewers and the rated claims.
func (f *ReviewerFilter) Refresh() {
	f.run(f.win, func() func() {
		revs, err := f.db.Reviewers(context.Background())
		return func() {
			if err != nil {
				f.showError(f.win, lang.L("Listing the reviewers"), err)
				return
			}
			f.reviewers = revs
			options := []string{lang.L(allReviewers)}
			seen := map[string]bool{}
			for _, r := range revs {
				if !seen[r.Name] {
					seen[r.Name] = true
					options = append(options, r.Name)
				}
			}
			f.reviewerSelect.SetOptions(options)
			if !seen[f.reviewerSelect.Selected] && f.reviewerSelect.Selected != lang.L(allReviewers) {
				f.reviewerSelect.SetSelected(lang.L(allReviewers)) // calls reload
				return
			}
			f.reload()
		}
	})
}

// SelectReviewer filters by the reviewer named name ("" for all).
func (f *ReviewerFilter) SelectReviewer(name string) {
	if name == "" {
		name = lang.L(allReviewers)
	}
	f.reviewerSelect.SetSelected(name)
}

// reload queries the rated claims for the current filter.
func (f *ReviewerFilter) reload() {
	if f.list == nil {
		return
	}
	name := f.reviewerSelect.Selected
	var ids []string
	for _, r := range f.reviewers {
		if r.Name == name {
			ids = append(ids, r.ID)
		}
	}
	only := f.disagreementsCheck.Checked
	f.run(f.win, func() func() {
		var claims []storage.RatedClaim
		var err error
		if name == lang.L(allReviewers) || len(ids) == 0 {
			claims, err = f.db.RatedClaims(context.Background(), storage.RatingFilter{Disagreements: only})
		} else {
			// One person may have a reviewer row on each laptop: all of them count.
			seen := map[string]bool{}
			for _, id := range ids {
				cs, e := f.db.RatedClaims(context.Background(), storage.RatingFilter{ReviewerID: id, Disagreements: only})
				if e != nil {
					err = e
					break
				}
				for _, c := range cs {
					if !seen[c.ID] {
						seen[c.ID] = true
						claims = append(claims, c)
					}
				}
			}
		}
		return func() {
			if err != nil {
				f.showError(f.win, lang.L("Listing the ratings"), err)
				return
			}
			f.claims = claims
			f.list.UnselectAll()
			f.list.Refresh()
			f.countLabel.SetText(i18n.Count("{{.Count}} rated claim", len(claims)))

		}
	})
}
