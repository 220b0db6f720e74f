package app

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/textview"
)

// maxPanes is how many articles can be open side by side.
const maxPanes = 4

// articlePane shows one article: a header (title, outlet, language, date, link, buttons)
// over the text view with the claims highlighted.
type articlePane struct {
	mw      *mainWindow
	article annotate.Article // with text
	claims  map[string]annotate.Claim
	order   []string  // claim ids by position
	active  string    // the claim selected in this pane ("" none)
	touched time.Time // last time the person worked in this pane
	linked  []string  // claims outlined as linked to the claim selected in another pane

	view        *textview.View
	title       *widget.Label
	meta        *mutedText
	link        *widget.Hyperlink
	leftButton  *widget.Button
	rightButton *widget.Button
	closeButton *widget.Button
	moreButton  *widget.Button // the article's menu: details, remove
	marker      *paneMarker
	root        fyne.CanvasObject
}

func newArticlePane(mw *mainWindow) *articlePane {
	p := &articlePane{mw: mw, claims: map[string]annotate.Claim{}}
	p.root = p.buildUI()
	return p
}

func (p *articlePane) buildUI() fyne.CanvasObject {
	p.view = textview.New()
	p.view.SetTextSize(readSettings(p.mw.prefs).TextSize)
	p.view.OnSelectionChanged = p.onSelectionChanged
	p.view.OnClaimTapped = p.onClaimTapped
	p.view.OnCreateClaim = p.onCreateClaim

	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.meta = newMutedLine("")
	p.link = widget.NewHyperlink("", nil)
	p.link.Truncation = fyne.TextTruncateEllipsis
	p.link.OnTapped = func() {
		if p.link.URL != nil {
			p.mw.openURL(p.link.URL.String())
		}
	}
	p.view.ExtraMenuItems = p.menuItems
	p.leftButton = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.mw.panes.move(p, -1) })
	p.leftButton.Importance = widget.LowImportance
	p.rightButton = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.mw.panes.move(p, 1) })
	p.rightButton.Importance = widget.LowImportance
	p.closeButton = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { p.mw.panes.close(p) })
	p.closeButton.Importance = widget.LowImportance
	p.moreButton = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), p.onMore)
	p.moreButton.Importance = widget.LowImportance
	p.marker = newPaneMarker()

	buttons := container.NewHBox(p.moreButton, p.leftButton, p.rightButton, p.closeButton)
	header := container.NewVBox(
		p.marker,
		container.New(&tightVBox{}, p.title, p.meta, container.NewBorder(nil, nil, nil, buttons, p.link)),
		widget.NewSeparator(),
	)
	return container.NewBorder(header, nil, nil, nil, p.view)
}

// onMore opens the article's menu under its button: Article details…, Remove article….
func (p *articlePane) onMore() {
	ro := p.mw.db.ReadOnly()
	details := fyne.NewMenuItem("Article details…", func() { p.mw.focusPane(p); p.mw.editArticle(p) })
	remove := fyne.NewMenuItem("Remove article…", func() { p.mw.focusPane(p); p.mw.removeArticle(p) })
	details.Disabled, remove.Disabled = ro, ro
	c := fyne.CurrentApp().Driver().CanvasForObject(p.moreButton)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.moreButton)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", details, remove), c, pos.AddXY(0, p.moreButton.Size().Height))
}

// setRecord shows the article's record (title, outlet, language, date, link) after an edit;
// the text stays.
func (p *articlePane) setRecord(a annotate.Article) {
	a.Text = p.article.Text
	p.article = a
	p.showRecord()
}

// showRecord fills the header from p.article.
func (p *articlePane) showRecord() {
	art := p.article
	p.title.SetText(displayTitle(art))
	p.meta.SetText(articleMeta(art))
	if u, ok := httpURL(art.URL); ok {
		p.link.SetText(u.Host)
		p.link.SetURL(u)
		p.link.Show()
	} else {
		p.link.SetText("")
		p.link.SetURL(nil)
		p.link.Hide()
	}
}

// setArticle shows art (with text) and its claims.
func (p *articlePane) setArticle(art annotate.Article, claims []annotate.Claim) {
	p.article = art
	p.active = ""
	p.showRecord()
	p.view.SetText(art.Text)
	p.setClaims(claims)
	p.mw.inspector.refreshNewClaim()
}

// setClaims replaces the claims of the pane (after a load or a change elsewhere).
func (p *articlePane) setClaims(claims []annotate.Claim) {
	p.claims = make(map[string]annotate.Claim, len(claims))
	hs := make([]textview.Highlight, 0, len(claims))
	for _, c := range claims {
		p.claims[c.ID] = c
		hs = append(hs, highlightOf(c))
	}
	p.sortClaims()
	p.view.SetClaims(hs)
	if _, ok := p.claims[p.active]; !ok {
		p.active = ""
	}
	p.view.SetActiveClaim(p.active)
}

// upsertClaim adds or updates one claim.
func (p *articlePane) upsertClaim(c annotate.Claim) {
	_, existed := p.claims[c.ID]
	p.claims[c.ID] = c
	if !existed {
		p.sortClaims()
	}
	p.view.UpsertClaim(highlightOf(c))
}

// removeClaim drops one claim.
func (p *articlePane) removeClaim(id string) {
	if _, ok := p.claims[id]; !ok {
		return
	}
	delete(p.claims, id)
	p.sortClaims()
	p.view.RemoveClaim(id)
	if p.active == id {
		p.setActive("")
	}
}

func (p *articlePane) sortClaims() {
	p.order = p.order[:0]
	for id := range p.claims {
		p.order = append(p.order, id)
	}
	sort.Slice(p.order, func(i, j int) bool {
		a, b := p.claims[p.order[i]], p.claims[p.order[j]]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.ID < b.ID
	})
}

// setActive marks claim id as this pane's selected claim.
func (p *articlePane) setActive(id string) {
	p.active = id
	p.view.SetActiveClaim(id)
}

// neighbour returns the claim after (dir 1) or before (dir -1) the active one, or the
// selection, in text order.
func (p *articlePane) neighbour(dir int) (string, bool) {
	if len(p.order) == 0 {
		return "", false
	}
	pos := -1
	for i, id := range p.order {
		if id == p.active {
			pos = i
		}
	}
	if pos < 0 {
		start, _ := p.view.Selection()
		if dir > 0 {
			for _, id := range p.order {
				if p.claims[id].Start >= start {
					return id, true
				}
			}
			return p.order[0], true
		}
		for i := len(p.order) - 1; i >= 0; i-- {
			if p.claims[p.order[i]].Start < start {
				return p.order[i], true
			}
		}
		return p.order[len(p.order)-1], true
	}
	next := (pos + dir + len(p.order)) % len(p.order)
	return p.order[next], true
}

func (p *articlePane) onSelectionChanged(start, end int) {
	p.mw.focusPane(p)
	if end > start && !p.selectionIsClaim(start, end) && !p.mw.db.ReadOnly() {
		p.mw.setStatus("%s selected: Enter (or Ctrl+N) makes the selection a claim", plural(end-start, "character"))
	}
	p.mw.inspector.refreshNewClaim()
}

// selectionIsClaim reports whether [start, end), without the spaces at its ends, is exactly
// the span of a claim of this pane (a revealed claim is selected): making it a claim would
// only show that claim again.
func (p *articlePane) selectionIsClaim(start, end int) bool {
	start, end = trimSpan(p.article.Text, start, end)
	for _, c := range p.claims {
		if c.Start == start && c.End == end {
			return true
		}
	}
	return false
}

func (p *articlePane) onClaimTapped(id string) {
	p.mw.focusPane(p)
	p.mw.selectClaim(p, id)
}

func (p *articlePane) onCreateClaim(start, end int) {
	p.mw.focusPane(p)
	p.mw.createClaim(p, start, end)
}

// contextAround returns up to n runes of the article before and after claim c.
func (p *articlePane) contextAround(c annotate.Claim, n int) (before, after string) {
	text := p.article.Text
	before = annotate.Slice(text, max(0, c.Start-n), c.Start)
	after = annotate.Slice(text, c.End, c.End+n)
	return before, after
}

func highlightOf(c annotate.Claim) textview.Highlight {
	return textview.Highlight{ID: c.ID, Start: c.Start, End: c.End, Verdict: c.Verdict, Contested: c.Contested}
}

// displayTitle is the article's title, or its origin when it has none.
func displayTitle(a annotate.Article) string {
	if t := strings.TrimSpace(oneLine(a.Title)); t != "" {
		return t
	}
	if a.Origin != "" {
		return a.Origin
	}
	return "(untitled article)"
}

// articleMeta is "Outlet · FR · 2020-10-08" with what is known.
func articleMeta(a annotate.Article) string {
	var parts []string
	if o := strings.TrimSpace(oneLine(a.Outlet)); o != "" {
		parts = append(parts, o)
	}
	if a.Language != "" {
		parts = append(parts, strings.ToUpper(a.Language))
	}
	if a.Published != "" {
		parts = append(parts, a.Published)
	}
	if len(parts) == 0 {
		return "no outlet, language or date known"
	}
	return strings.Join(parts, " · ")
}

// httpURL parses s and accepts only http and https links with a host.
func httpURL(s string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, false
	}
	return u, true
}

// openURL opens an http(s) link in the browser and refuses every other scheme (file:,
// javascript:, custom handlers): links come from imported articles and sources.
func (mw *mainWindow) openURL(s string) {
	u, ok := httpURL(s)
	if !ok {
		mw.showError("Opening the link", fmt.Errorf("%q is not a web link (http or https), so Factdesk does not open it", s))
		return
	}
	if err := mw.app.OpenURL(u); err != nil {
		mw.showError("Opening the link", err)
		return
	}
	mw.setStatus("Opened %s in the browser", u.Host)
}

// paneMarker is the bar above the current pane, in the theme's primary colour.
type paneMarker struct {
	widget.BaseWidget
	on bool
}

func newPaneMarker() *paneMarker {
	m := &paneMarker{}
	m.ExtendBaseWidget(m)
	return m
}

// SetOn shows or hides the bar.
func (m *paneMarker) SetOn(on bool) {
	if m.on != on {
		m.on = on
		m.Refresh()
	}
}

// CreateRenderer draws the bar.
func (m *paneMarker) CreateRenderer() fyne.WidgetRenderer {
	r := &paneMarkerRenderer{m: m, rect: canvas.NewRectangle(nil)}
	r.setColour()
	return r
}

type paneMarkerRenderer struct {
	m    *paneMarker
	rect *canvas.Rectangle
}

func (r *paneMarkerRenderer) Layout(s fyne.Size)           { r.rect.Resize(s) }
func (r *paneMarkerRenderer) MinSize() fyne.Size           { return fyne.NewSize(10, 3) }
func (r *paneMarkerRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *paneMarkerRenderer) Destroy()                     {}
func (r *paneMarkerRenderer) Refresh() {
	r.setColour()
	r.rect.Refresh()
}

func (r *paneMarkerRenderer) setColour() {
	if r.m.on {
		r.rect.FillColor = theme.Color(theme.ColorNamePrimary)
	} else {
		r.rect.FillColor = theme.Color(theme.ColorNameSeparator)
	}
}

// showLinked outlines claims ids, linked to the claim selected in another pane, and scrolls
// the first into view; nil clears the outlines.
func (p *articlePane) showLinked(ids []string) {
	p.linked = ids
	p.view.Emphasize(ids)
	if len(ids) > 0 {
		p.view.RevealClaim(ids[0])
	}
}

// menuItems adds claim actions to the text view's context menu: set the verdict of the claim
// under the pointer, and link it with the claim in the inspector (none while read-only).
func (p *articlePane) menuItems(ids []string) []*fyne.MenuItem {
	if len(ids) == 0 || p.mw.db.ReadOnly() {
		return nil // nothing to change on a read-only file
	}
	id := ids[0]
	var items []*fyne.MenuItem
	for _, v := range annotate.Verdicts {
		v := v
		items = append(items, fyne.NewMenuItem("Set "+verdictText(v), func() {
			p.mw.focusPane(p)
			if p.mw.selectClaim(p, id) {
				p.mw.setVerdict(id, v)
			}
		}))
	}
	if cur, ok := p.mw.currentClaim(); ok && cur.ID != id && p.mw.inspector.pane != p {
		items = append(items, fyne.NewMenuItemSeparator())
		for _, rel := range annotate.Relations {
			rel := rel
			items = append(items, fyne.NewMenuItem(fmt.Sprintf("Link with the inspected claim: %s", strings.ToLower(rel.Label())), func() {
				p.mw.linkClaims(cur.ID, id, rel)
			}))
		}
	}
	return items
}
