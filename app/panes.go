package app

import (
	"fmt"
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/storage"
)

// paneArea is the centre of the window: one to four article panes side by side.
type paneArea struct {
	mw      *mainWindow
	panes   []*articlePane
	current *articlePane

	placeholder *widget.Label
	root        *fyne.Container
}

func newPaneArea(mw *mainWindow) *paneArea {
	return &paneArea{mw: mw}
}

func (a *paneArea) buildUI() fyne.CanvasObject {
	a.placeholder = widget.NewLabel("Open an article from the corpus on the left (or View > Open article…, Ctrl+P).\n" +
		"Open up to four side by side, select a span of text and press Enter to make it a claim.")
	a.placeholder.Alignment = fyne.TextAlignCenter
	a.placeholder.Wrapping = fyne.TextWrapWord
	a.root = container.NewStack()
	a.relayout()
	return a.root
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
	a.mw.inspector.suggestions.refresh()
}

// loadArticle reads an article with its text and claims.
func loadArticle(mw *mainWindow, id string) (annotate.Article, []annotate.Claim, error) {
	art, err := mw.db.Article(mw.ctx, id)
	if err != nil {
		return art, nil, err
	}
	claims, err := mw.db.Claims(mw.ctx, storage.ClaimFilter{ArticleID: id})
	return art, claims, err
}

// open shows article id: in pane replace when given, else in a new pane on the right. With
// four panes open already, the current pane is replaced.
func (a *paneArea) open(id string, replace *articlePane) (*articlePane, error) {
	start := time.Now()
	art, claims, err := loadArticle(a.mw, id)
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
		p = newArticlePane(a.mw)
		a.panes = append(a.panes, p)
	} else if a.mw.inspector.pane == p {
		if !a.mw.inspector.flushNote() {
			return nil, fmt.Errorf("the note of the current claim is not saved yet")
		}
		a.mw.inspector.clear()
	}
	p.setArticle(art, claims)
	a.current = p
	p.touched = time.Now()
	a.relayout()
	a.save()
	a.mw.trace.untilPainted(fmt.Sprintf("pane open (%d KB)", len(art.Text)/1024), start)
	return p, nil
}

// close closes pane p.
func (a *paneArea) close(p *articlePane) {
	i := a.index(p)
	if i < 0 {
		return
	}
	if a.mw.inspector.pane == p {
		if !a.mw.inspector.flushNote() {
			return
		}
		a.mw.inspector.clear()
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

func (a *paneArea) prefKey() string     { return prefPanesPrefix + a.mw.dbKey() }
func (a *paneArea) topsPrefKey() string { return prefPaneTopsPrefix + a.mw.dbKey() }

// save remembers the open articles, and where each was scrolled to, for the next run.
func (a *paneArea) save() {
	ids := make([]string, 0, len(a.panes))
	tops := make([]int, 0, len(a.panes))
	for _, p := range a.panes {
		ids = append(ids, p.article.ID)
		tops = append(tops, p.view.TopOffset())
	}
	a.mw.prefs.SetStringList(a.prefKey(), ids)
	a.mw.prefs.SetIntList(a.topsPrefKey(), tops)
}

// restore reopens the panes of the last run, loading them in the background.
func (a *paneArea) restore() {
	ids := a.mw.prefs.StringList(a.prefKey())
	if len(ids) == 0 {
		return
	}
	tops := map[string]int{}
	for i, top := range a.mw.prefs.IntList(a.topsPrefKey()) {
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
	a.mw.background(func() func() {
		var got []loaded
		size := 0
		defer a.mw.trace.span(fmt.Sprintf("read %d panes' articles", len(ids)), time.Now())
		for _, id := range ids {
			art, claims, err := loadArticle(a.mw, id)
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
				p := newArticlePane(a.mw)
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
			a.mw.trace.untilPainted(fmt.Sprintf("%d panes restored (%d KB)", len(got), size/1024), start)
		}
	})
}

// openArticle shows article id: its pane if it is open, else a new pane on the right (the
// current pane is replaced when four are open).
func (mw *mainWindow) openArticle(id string) *articlePane {
	if p := mw.panes.find(id); p != nil {
		mw.focusPane(p)
		return p
	}
	p, err := mw.panes.open(id, nil)
	if err != nil {
		mw.showError("Opening the article", err)
		return nil
	}
	mw.focusPane(p)
	return p
}

// replaceCurrent shows article id in the current pane instead of its article.
func (mw *mainWindow) replaceCurrent(id string) *articlePane {
	if p := mw.panes.find(id); p != nil {
		mw.focusPane(p)
		return p
	}
	p, err := mw.panes.open(id, mw.panes.current)
	if err != nil {
		mw.showError("Opening the article", err)
		return nil
	}
	mw.focusPane(p)
	return p
}
