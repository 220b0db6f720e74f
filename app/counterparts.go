package app

import (
	"context"
	"fmt"
	"log"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/annotate/counterpart"
	"factdesk/app/i18n"
	"factdesk/storage"
)

// Counterparts shown in the inspector: the open panes first, then the rest of the corpus.
const (
	counterpartsShown    = 5
	counterpartsFromOpen = 3
)

// counterpartsView is the inspector's "Same fact elsewhere" section: the sentences of other
// articles that likely state the current claim's fact, with why, and one-click links that make
// the sentence a claim when it is not one yet.
type counterpartsView struct {
	mw     *mainWindow
	status *widget.Label
	box    *fyne.Container
	rows   []*counterpartRow
	gen    int    // the query being shown: answers to older ones are dropped
	claim  string // the claim the rows are for

	mu       sync.Mutex
	analyses map[string][]*counterpart.Sentence // article id -> its analysed sentences
}

// counterpartRow is one candidate with its buttons.
type counterpartRow struct {
	cand       storage.CounterpartCandidate
	heading    *widget.Label
	snippet    *widget.Label
	reasons    *widget.Label
	showButton *widget.Button
	linkButton map[annotate.Relation]*widget.Button
	box        fyne.CanvasObject
}

func (mw *mainWindow) newCounterpartsView() *counterpartsView {
	return &counterpartsView{mw: mw, analyses: map[string][]*counterpart.Sentence{}}
}

func (v *counterpartsView) buildUI() fyne.CanvasObject {
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.box = container.NewVBox()
	return container.NewVBox(v.status, v.box)
}

// showFor looks for the counterparts of claim c in the background and shows them.
func (v *counterpartsView) showFor(c annotate.Claim) {
	v.gen++
	gen := v.gen
	v.claim = c.ID
	v.rows = nil
	v.box.Objects = nil
	v.box.Refresh()
	v.status.SetText(lang.L("Looking for the same fact in the other articles…"))
	lang := ""
	if a, ok := v.mw.corpus.article(c.ArticleID); ok {
		lang = a.Language
	}
	var opens []annotate.Article
	for _, p := range v.mw.panes.panes {
		if p.article.ID != c.ArticleID {
			opens = append(opens, p.article)
		}
	}
	db, ctx := v.mw.db, v.mw.ctx
	v.mw.background(func() func() {
		cands, err := v.find(ctx, db, c, lang, opens)
		return func() {
			if gen == v.gen {
				v.show(cands, err)
			}
		}
	})
}

// sentencesOf returns the analysed sentences of an article, analysing it once.
func (v *counterpartsView) sentencesOf(a annotate.Article) []*counterpart.Sentence {
	v.mu.Lock()
	ss, ok := v.analyses[a.ID]
	v.mu.Unlock()
	if ok {
		return ss
	}
	ss = counterpart.AnalyzeText(a.Text, a.Language, counterpart.DefaultLexicon())
	v.mu.Lock()
	v.analyses[a.ID] = ss
	v.mu.Unlock()
	return ss
}

// find ranks the sentences of the open articles, then asks the corpus index for the others.
func (v *counterpartsView) find(ctx context.Context, db *storage.DB, c annotate.Claim, lang string, opens []annotate.Article) ([]storage.CounterpartCandidate, error) {
	q := counterpart.Analyze(c.Exact, lang, counterpart.DefaultLexicon())
	var pool []*counterpart.Sentence
	var owner []annotate.Article
	for _, a := range opens {
		for _, s := range v.sentencesOf(a) {
			pool = append(pool, s)
			owner = append(owner, a)
		}
	}
	var out []storage.CounterpartCandidate
	seen := map[string]bool{}
	for _, r := range counterpart.Rank(q, pool, nil, counterpartsFromOpen) {
		s, a := pool[r.Index], owner[r.Index]
		out = append(out, storage.CounterpartCandidate{ArticleID: a.ID, ArticleTitle: displayTitle(a), Start: s.Start, End: s.End, Text: s.Text, Match: r.Match})
		seen[fmt.Sprint(a.ID, s.Start)] = true
	}
	more, err := db.Counterparts(ctx, storage.CounterpartQuery{Text: c.Exact, Language: lang, Exclude: c.ArticleID, Top: counterpartsShown + len(out)})
	if err != nil {
		return out, err
	}
	for _, m := range more {
		if len(out) >= counterpartsShown {
			break
		}
		if !seen[fmt.Sprint(m.ArticleID, m.Start)] {
			out = append(out, m)
		}
	}
	return out, nil
}

// show puts the candidates on screen.
func (v *counterpartsView) show(cands []storage.CounterpartCandidate, err error) {
	v.rows = nil
	v.box.Objects = nil
	switch {
	case err != nil && len(cands) == 0:
		v.status.SetText(lang.L("Could not look for counterparts: {{.Error}}", fields{"Error": err.Error()}))
	case len(cands) == 0:
		v.status.SetText(lang.L("No sentence of the other articles shares this claim's figures, names or words."))
	default:
		msg := lang.L("Sentences of the other articles that may state the same fact, best first. Show scrolls to one; Same, Supports or ≠ Contradicts links it (and makes it a claim).")
		if m := counterpart.DefaultLexicon().Missing(); m != "" {
			msg += "\n" + lang.L("Only figures, names and cognates match across languages: {{.Missing}}.", fields{"Missing": m})
		}
		v.status.SetText(msg)
	}
	for _, c := range cands {
		r := v.newRow(c)
		v.rows = append(v.rows, r)
		v.box.Add(r.box)
	}
	v.box.Refresh()
}

func (v *counterpartsView) newRow(c storage.CounterpartCandidate) *counterpartRow {
	r := &counterpartRow{cand: c, linkButton: map[annotate.Relation]*widget.Button{}}
	head := clip(c.ArticleTitle, 48) + " · " + i18n.Percent(c.Score*100, 0)
	if c.Contradiction {
		head += " · " + lang.L("possible contradiction")
	}
	r.heading = widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.heading.Wrapping = fyne.TextWrapWord
	if c.Contradiction {
		r.heading.Importance = widget.WarningImportance
	}
	r.snippet = widget.NewLabel(quoted(clip(oneLine(c.Text), 220)))
	r.snippet.Wrapping = fyne.TextWrapWord
	r.reasons = widget.NewLabel(reasonsWords(c.Match))
	r.reasons.Wrapping = fyne.TextWrapWord
	r.reasons.SizeName = theme.SizeNameCaptionText
	r.showButton = widget.NewButtonWithIcon(lang.L("Show"), theme.VisibilityIcon(), func() { v.onShow(r) })
	buttons := container.NewHBox(r.showButton)
	if !v.mw.db.ReadOnly() {
		for _, rel := range []annotate.Relation{annotate.SameClaim, annotate.Supports, annotate.Contradicts} {
			b := widget.NewButton(relationText(rel), func() { v.onLink(r, rel) })
			r.linkButton[rel] = b
			buttons.Add(b)
		}
	}
	r.box = container.NewVBox(r.heading, r.snippet, r.reasons, buttons, widget.NewSeparator())
	return r
}

// paneFor returns the pane of an article, opening one when it is not open.
func (v *counterpartsView) paneFor(articleID string) *articlePane {
	if p := v.mw.panes.find(articleID); p != nil {
		return p
	}
	p, err := v.mw.panes.open(articleID, nil)
	if err != nil {
		v.mw.showError(lang.L("Opening the article"), err)
		return nil
	}
	return p
}

// claimAt returns the claim of pane p whose span is [start, end).
func claimAt(p *articlePane, start, end int) (annotate.Claim, bool) {
	for _, c := range p.claims {
		if c.Start == start && c.End == end {
			return c, true
		}
	}
	return annotate.Claim{}, false
}

// onShow scrolls the candidate's pane to it (opening the article) and outlines it: a claim is
// outlined like a linked one, another sentence is selected (Enter then makes it a claim).
func (v *counterpartsView) onShow(r *counterpartRow) {
	p := v.paneFor(r.cand.ArticleID)
	if p == nil {
		return
	}
	if c, ok := claimAt(p, r.cand.Start, r.cand.End); ok {
		p.showLinked([]string{c.ID})
	} else {
		p.view.SetSelection(r.cand.Start, r.cand.End)
		p.view.RevealOffset(r.cand.Start)
	}
	v.mw.say(lang.L("Shown in «{{.Title}}»: {{.Quote}}", fields{"Title": clip(r.cand.ArticleTitle, 40), "Quote": clip(oneLine(r.cand.Text), 60)}))
}

// onLink links the current claim with the candidate, making the candidate a claim first when
// it is not one.
func (v *counterpartsView) onLink(r *counterpartRow, rel annotate.Relation) {
	cur, ok := v.mw.currentClaim()
	if !ok || cur.ID != v.claim {
		return
	}
	if !v.mw.ensureReviewer(nil) {
		return
	}
	p := v.paneFor(r.cand.ArticleID)
	if p == nil {
		return
	}
	other, ok := claimAt(p, r.cand.Start, r.cand.End)
	if !ok {
		anchor, err := annotate.NewAnchor(p.article.Text, r.cand.Start, r.cand.End)
		if err != nil {
			v.mw.showError(lang.L("Making the counterpart a claim"), err)
			return
		}
		ch, err := v.mw.sess.NewClaim(v.mw.ctx, p.article.ID, anchor)
		if err != nil {
			v.mw.showError(lang.L("Making the counterpart a claim"), err)
			return
		}
		other = ch.After
	}
	if _, ok := v.mw.linkClaims(cur.ID, other.ID, rel); !ok {
		return
	}
	for _, b := range r.linkButton {
		b.Disable()
	}
	r.heading.SetText(r.heading.Text + " · " + lang.L("linked: {{.Relation}}", fields{"Relation": i18n.RelationLabel(rel)}))

}

// indexCounterparts builds, in the background, the counterpart index of the articles that lack
// it (a database made by an older Factdesk; imports and merges index as they go), with its
// progress in the status bar. Switching database or closing the window stops it between two
// chunks; what was built stays, and the rest is built the next time the database is opened.
// Until then the articles not indexed are read whole, so the answers are the same.
func (mw *mainWindow) indexCounterparts() {
	db := mw.db
	if db.ReadOnly() {
		return
	}
	if mw.stopIndexing != nil {
		mw.stopIndexing()
	}
	ctx, cancel := context.WithCancel(mw.ctx)
	mw.stopIndexing = cancel
	mw.work.Go(func() func() {
		defer cancel()
		if n, err := db.CounterpartsPending(ctx); err != nil || n == 0 {
			return nil
		}
		n, err := db.IndexCounterparts(ctx, func(done, total int) {
			msg := lang.L("Indexing the articles to find the same fact elsewhere: {{.Done}} of {{.Total}}…", map[string]any{"Done": i18n.Number(done), "Total": i18n.Number(total)})
			mw.do(func() {
				if mw.db == db {
					mw.setStatus("%s", msg)
				}
			})
		})
		if ctx.Err() != nil {
			return nil // stopped: the window closed or shows another database
		}
		return func() {
			if mw.db != db {
				return
			}
			if err != nil {
				log.Printf("factdesk: indexing for counterparts: %v", err)
				mw.setStatus("%s", lang.L("Indexing to find the same fact elsewhere failed; the rest is indexed the next time this database is opened."))
				return
			}
			mw.setStatus("%s", lang.L("Articles indexed to find the same fact elsewhere: {{.Count}}", map[string]any{"Count": i18n.Number(n)}))
		}
	})
}
