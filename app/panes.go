package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/session"
	"factdesk/storage"
)

// paneArea is the centre of the window: one to four article panes side by side. It opens,
// moves, closes and remembers them, and keeps them in step with the session's changes: a
// claim made, changed or deleted is drawn in the pane of its article from the change itself,
// an article's new record shows in its header, a removed article's pane closes.
type paneArea struct {
	host    paneAreaHost
	prefs   fyne.Preferences
	trace   *tracer
	panes   []*articlePane
	current *articlePane

	// linkedSummary says how the claims linked to the inspected claim are outlined, as of
	// the last change of its links ("" for none).
	linkedSummary string
	// stop ends the area's subscription to the session (when the window builds a new one).
	stop func()

	placeholder *widget.Label
	root        *fyne.Container
}

// paneAreaHost is what the pane area asks of the window, beyond what its panes ask: where to
// read articles, claims and links, background work and errors, the key the open panes are
// remembered under, and the inspector's side of a pane's life.
type paneAreaHost interface {
	paneHost
	context() context.Context
	paneReader() paneReader
	background(work func() func())
	showError(what string, err error)
	dbKey() string
	focus(o fyne.Focusable)
	// releasePane has the inspector let go of pane p's claim before the pane closes or shows
	// another article; false when it holds a note that could not be saved.
	releasePane(p *articlePane) bool
	// paneFocused tells that the person works in pane p now; currentPaneChanged that the
	// current pane is another one.
	paneFocused(p *articlePane)
	currentPaneChanged()
}

// paneReader is what the pane area reads: *storage.DB implements it.
type paneReader interface {
	Article(ctx context.Context, id string) (annotate.Article, error)
	Claims(ctx context.Context, f storage.ClaimFilter) ([]annotate.Claim, error)
	Links(ctx context.Context, claimID string) ([]annotate.Link, error)
}

// newPaneArea is an empty pane area that follows the changes sess announces; the open panes
// are remembered in prefs.
func newPaneArea(host paneAreaHost, sess *session.Session, prefs fyne.Preferences, tr *tracer) *paneArea {
	a := &paneArea{host: host, prefs: prefs, trace: tr}
	a.stop = sess.Subscribe(a.onChange)
	return a
}

func (a *paneArea) buildUI() fyne.CanvasObject {
	a.placeholder = widget.NewLabel(lang.L("Open an article from the corpus on the left (or View > Open article…, Ctrl+P).\n" +
		"Open up to four side by side, select a span of text and press Enter to make it a claim."))
	a.placeholder.Alignment = fyne.TextAlignCenter
	a.placeholder.Wrapping = fyne.TextWrapWord
	a.root = container.NewStack()
	a.relayout()
	return a.root
}

// newPane is an empty pane of this area, its text at the size chosen in Settings.
func (a *paneArea) newPane() *articlePane {
	return newArticlePane(a.host, a, readSettings(a.prefs).TextSize)
}

// onChange shows a change the session made in the pane of its article, from the change.
func (a *paneArea) onChange(ch session.Change) {
	switch ch.Kind {
	case session.ClaimAdded, session.ClaimChanged:
		if p := a.find(ch.After.ArticleID); p != nil {
			p.upsertClaim(ch.After)
		}
	case session.ClaimRemoved:
		if p := a.find(ch.ArticleID); p != nil {
			p.removeClaim(ch.Before.ID)
		}
	case session.LinksChanged:
		a.linkedSummary = a.refreshLinked()
	case session.ArticleChanged:
		if p := a.find(ch.ArticleID); p != nil {
			p.setRecord(ch.Article)
		}
	case session.ArticleRemoved:
		if p := a.find(ch.ArticleID); p != nil {
			a.close(p)
		}
	}
}

// relayout puts the panes side by side in their order and updates their buttons.
func (a *paneArea) relayout() {
	if len(a.panes) == 0 {
		a.root.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 120), a.placeholder))}
		a.root.Refresh()
		return
	}
	objs := make([]fyne.CanvasObject, len(a.panes))
	for i, p := range a.panes {
		objs[i] = p.root
		if i == 0 {
			p.leftButton.Disable()
		} else {
			p.leftButton.Enable()
		}
		if i == len(a.panes)-1 {
			p.rightButton.Disable()
		} else {
			p.rightButton.Enable()
		}
		p.marker.SetOn(p == a.current)
	}
	a.root.Objects = []fyne.CanvasObject{container.NewGridWithColumns(len(objs), objs...)}
	a.root.Refresh()
}

// find returns the pane showing article id, or nil.
func (a *paneArea) find(articleID string) *articlePane {
	for _, p := range a.panes {
		if p.article.ID == articleID {
			return p
		}
	}
	return nil
}

func (a *paneArea) index(p *articlePane) int {
	for i, q := range a.panes {
		if q == p {
			return i
		}
	}
	return -1
}

// setCurrent makes p the pane that menu actions apply to.
func (a *paneArea) setCurrent(p *articlePane) {
	if a.current == p {
		return
	}
	a.current = p
	for _, q := range a.panes {
		q.marker.SetOn(q == p)
	}
	a.host.currentPaneChanged()
}

// focus marks p as the pane the person is working in.
func (a *paneArea) focus(p *articlePane) {
	p.touched = time.Now()
	a.setCurrent(p)
	a.host.paneFocused(p)
}

// load reads an article with its text and claims.
func (a *paneArea) load(ctx context.Context, id string) (annotate.Article, []annotate.Claim, error) {
	r := a.host.paneReader()
	art, err := r.Article(ctx, id)
	if err != nil {
		return art, nil, err
	}
	claims, err := r.Claims(ctx, storage.ClaimFilter{ArticleID: id})
	return art, claims, err
}

// open shows article id: in pane replace when given, else in a new pane on the right. With
// four panes open already, the current pane is replaced.
func (a *paneArea) open(id string, replace *articlePane) (*articlePane, error) {
	start := time.Now()
	art, claims, err := a.load(a.host.context(), id)
	if err != nil {
		return nil, err
	}
	if replace == nil && len(a.panes) >= maxPanes {
		replace = a.current
		if replace == nil {
			replace = a.panes[len(a.panes)-1]
		}
	}
	p := replace
	if p == nil {
		p = a.newPane()
		a.panes = append(a.panes, p)
	} else if !a.host.releasePane(p) {
		return nil, errors.New(lang.L("The note of the current claim is not saved yet."))
	}
	p.setArticle(art, claims)
	a.current = p
	p.touched = time.Now()
	a.relayout()
	a.save()
	a.trace.untilPainted(fmt.Sprintf("pane open (%d KB)", len(art.Text)/1024), start)
	return p, nil
}

// show shows article id: its pane if it is open, else a new pane on the right (or, with
// replace, the current pane; the current pane is replaced too when four are open). It says
// what went wrong and returns nil when the article cannot be read.
func (a *paneArea) show(id string, replace bool) *articlePane {
	if p := a.find(id); p != nil {
		a.focus(p)
		return p
	}
	var in *articlePane
	if replace {
		in = a.current
	}
	p, err := a.open(id, in)
	if err != nil {
		a.host.showError(lang.L("Opening the article"), err)
		return nil
	}
	a.focus(p)
	return p
}

// close closes pane p.
func (a *paneArea) close(p *articlePane) {
	i := a.index(p)
	if i < 0 || !a.host.releasePane(p) {
		return
	}
	a.panes = append(a.panes[:i], a.panes[i+1:]...)
	if a.current == p {
		a.current = nil
		if len(a.panes) > 0 {
			a.current = a.panes[min(i, len(a.panes)-1)]
		}
	}
	a.relayout()
	a.save()
}

// closeCurrent closes the current pane (View > Close pane).
func (a *paneArea) closeCurrent() {
	if a.current != nil {
		a.close(a.current)
	}
}

// closeAll closes every pane without touching the saved list (used when switching database).
func (a *paneArea) closeAll() {
	a.panes, a.current = nil, nil
	a.relayout()
}

// move moves pane p delta places (-1 left, 1 right).
func (a *paneArea) move(p *articlePane, delta int) {
	i := a.index(p)
	j := i + delta
	if i < 0 || j < 0 || j >= len(a.panes) {
		return
	}
	a.panes[i], a.panes[j] = a.panes[j], a.panes[i]
	a.current = p
	a.relayout()
	a.save()
}

// moveCurrent moves the current pane delta places (View > Move pane left/right).
func (a *paneArea) moveCurrent(delta int) {
	if a.current != nil {
		a.move(a.current, delta)
	}
}

// cycle makes the pane delta places from the current one current, with the keyboard in its
// text (View > Next pane, View > Previous pane), and returns it, nil when none is open.
func (a *paneArea) cycle(delta int) *articlePane {
	n := len(a.panes)
	if n == 0 {
		return nil
	}
	i := a.index(a.current)
	p := a.panes[((i+delta)%n+n)%n]
	a.focus(p)
	a.host.focus(p.view)
	return p
}

// currentOrSay is the current pane, false (with a word in the status bar) when none is open.
func (a *paneArea) currentOrSay() (*articlePane, bool) {
	if a.current == nil {
		a.host.setStatus("%s", lang.L("Open an article first: its details are edited from its pane"))
		return nil, false
	}
	return a.current, true
}

// nextClaim selects the next (dir 1) or previous (dir -1) claim of the current pane, in text
// order, and reveals it (Claim > Next claim, Claim > Previous claim).
func (a *paneArea) nextClaim(dir int) {
	p := a.current
	if p == nil {
		a.host.setStatus("%s", lang.L("Open an article first"))
		return
	}
	id, ok := p.neighbour(dir)
	if !ok {
		a.host.setStatus("%s", lang.L("This article has no claims yet"))
		return
	}
	if a.host.selectClaim(p, id) {
		p.view.RevealClaim(id)
	}
}

// hasClaim reports whether claim id is in an open pane.
func (a *paneArea) hasClaim(id string) bool {
	for _, p := range a.panes {
		if _, ok := p.claims[id]; ok {
			return true
		}
	}
	return false
}

// linkCandidate is the claim to link claim cur (selected in pane in) with: the selected
// claim of the other pane the person worked in most recently.
func (a *paneArea) linkCandidate(cur string, in *articlePane) (annotate.Claim, *articlePane, bool) {
	var best *articlePane
	for _, p := range a.panes {
		if p == in || p.active == "" || p.active == cur {
			continue
		}
		if best == nil || p.touched.After(best.touched) {
			best = p
		}
	}
	if best == nil {
		return annotate.Claim{}, nil, false
	}
	return best.claims[best.active], best, true
}

// showLinked outlines the claims linked to c (selected in pane p) in the other open panes and
// scrolls each pane to the first. It returns what to say in the status bar: how many are
// outlined, and how many are in articles not open (the inspector's Linked claims opens them);
// "" when c has no linked claim. A claim linked twice counts once, as it is outlined once.
func (a *paneArea) showLinked(p *articlePane, c annotate.Claim) string {
	links, err := a.host.paneReader().Links(a.host.context(), c.ID)
	if err != nil {
		log.Printf("factdesk: reading links: %v", err)
		return ""
	}
	var others []string
	seen := map[string]bool{}
	for _, l := range links {
		if l.TargetClaimID == "" {
			continue
		}
		if o := l.Other(c.ID); !seen[o] {
			seen[o] = true
			others = append(others, o)
		}
	}
	shown, elsewhere := 0, 0
	for _, q := range a.panes {
		if q == p {
			continue
		}
		var ids []string
		for _, o := range others {
			if _, ok := q.claims[o]; ok {
				ids = append(ids, o)
			}
		}
		q.showLinked(ids)
		shown += len(ids)
	}
	for _, o := range others {
		if !a.hasClaim(o) {
			elsewhere++
		}
	}
	outlined := lang.N("{{.Count}} linked claim outlined in the other panes", shown, map[string]any{"Count": shown})
	switch {
	case elsewhere > 0:
		return outlined + lang.N("; {{.Count}} other in articles not open: Linked claims in the inspector opens it", elsewhere, map[string]any{"Count": elsewhere})
	case shown > 0:
		return outlined
	}
	return ""
}

// refreshLinked outlines again the claims linked to the claim in the inspector, after a link
// was made or removed, and returns what to say about them ("" for nothing).
func (a *paneArea) refreshLinked() string {
	if c, p, ok := a.host.inspected(); ok && p != nil {
		return a.showLinked(p, c)
	}
	return ""
}

func (a *paneArea) prefKey() string     { return prefPanesPrefix + a.host.dbKey() }
func (a *paneArea) topsPrefKey() string { return prefPaneTopsPrefix + a.host.dbKey() }

// save remembers the open articles, and where each was scrolled to, for the next run.
func (a *paneArea) save() {
	ids := make([]string, 0, len(a.panes))
	tops := make([]int, 0, len(a.panes))
	for _, p := range a.panes {
		ids = append(ids, p.article.ID)
		tops = append(tops, p.view.TopOffset())
	}
	a.prefs.SetStringList(a.prefKey(), ids)
	a.prefs.SetIntList(a.topsPrefKey(), tops)
}

// restore reopens the panes of the last run, loading them in the background.
func (a *paneArea) restore() {
	ids := a.prefs.StringList(a.prefKey())
	if len(ids) == 0 {
		return
	}
	tops := map[string]int{}
	for i, top := range a.prefs.IntList(a.topsPrefKey()) {
		if i < len(ids) {
			tops[ids[i]] = top
		}
	}
	if len(ids) > maxPanes {
		ids = ids[:maxPanes]
	}
	start := time.Now()
	type loaded struct {
		art    annotate.Article
		claims []annotate.Claim
	}
	ctx := a.host.context()
	a.host.background(func() func() {
		var got []loaded
		size := 0
		defer a.trace.span(fmt.Sprintf("read %d panes' articles", len(ids)), time.Now())
		for _, id := range ids {
			art, claims, err := a.load(ctx, id)
			if err != nil {
				log.Printf("factdesk: reopening article %s: %v", id, err)
				continue
			}
			size += len(art.Text)
			got = append(got, loaded{art, claims})
		}
		return func() {
			for _, l := range got {
				if a.find(l.art.ID) != nil || len(a.panes) >= maxPanes {
					continue
				}
				p := a.newPane()
				p.setArticle(l.art, l.claims)
				if top := tops[l.art.ID]; top > 0 {
					p.view.SetTopOffset(top)
				}
				a.panes = append(a.panes, p)
			}
			if len(a.panes) > 0 && a.current == nil {
				a.current = a.panes[0]
			}
			a.relayout()
			a.save()
			a.trace.untilPainted(fmt.Sprintf("%d panes restored (%d KB)", len(got), size/1024), start)
		}
	})
}

// openArticle shows article id: its pane if it is open, else a new pane on the right (the
// current pane is replaced when four are open).
func (mw *mainWindow) openArticle(id string) *articlePane { return mw.panes.show(id, false) }
