package app

import (
	"errors"
	"net/url"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/textview"
)

// maxPanes is how many articles can be open side by side.
const maxPanes = 4

// articlePane shows one article: a header (title, outlet, language, date, link, buttons)
// over the text view with the claims highlighted. It knows the window only through host (the
// claim actions and the few window services it needs) and frame (the pane area it sits in).
type articlePane struct {
	host    paneHost
	frame   paneFrame
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

// paneHost is what an article pane asks of the window: whether the file can be changed, the
// status bar, the browser, the claim actions (each writes through the session, whose change
// then comes back to the pane), the claim in the inspector, and the article's own actions.
type paneHost interface {
	readOnly() bool
	setStatus(format string, args ...any)
	openURL(u string)
	selectClaim(p *articlePane, id string) bool
	createClaim(p *articlePane, start, end int) (annotate.Claim, bool)
	setVerdict(id string, v annotate.Verdict) bool
	linkClaims(a, b string, rel annotate.Relation) (annotate.Link, bool)
	// inspected is the claim in the inspector and the pane it was selected in.
	inspected() (annotate.Claim, *articlePane, bool)
	// selectionChanged tells that the text selected in a pane changed (the inspector offers
	// to make it a claim).
	selectionChanged()
	editArticle(p *articlePane)
	removeArticle(p *articlePane)
}

// paneFrame is the pane area a pane sits in: it makes a pane the current one, moves it
// among the others and closes it.
type paneFrame interface {
	focus(p *articlePane)
	move(p *articlePane, delta int)
	close(p *articlePane)
}

// newArticlePane is an empty pane in frame, its text drawn at textSize.
func newArticlePane(host paneHost, frame paneFrame, textSize float32) *articlePane {
	p := &articlePane{host: host, frame: frame, claims: map[string]annotate.Claim{}}
	p.root = p.buildUI(textSize)
	return p
}

func (p *articlePane) buildUI(textSize float32) fyne.CanvasObject {
	p.view = textview.New()
	p.view.SetTextSize(textSize)
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
			p.host.openURL(p.link.URL.String())
		}
	}
	p.view.ExtraMenuItems = p.menuItems
	p.leftButton = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.frame.move(p, -1) })
	p.leftButton.Importance = widget.LowImportance
	p.rightButton = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.frame.move(p, 1) })
	p.rightButton.Importance = widget.LowImportance
	p.closeButton = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { p.frame.close(p) })
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
	ro := p.host.readOnly()
	details := fyne.NewMenuItem(lang.L("Article details…"), func() { p.frame.focus(p); p.host.editArticle(p) })
	remove := fyne.NewMenuItem(lang.L("Remove article…"), func() { p.frame.focus(p); p.host.removeArticle(p) })
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
	p.host.selectionChanged()
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
	p.frame.focus(p)
	if n := end - start; n > 0 && !p.selectionIsClaim(start, end) && !p.host.readOnly() {
		p.host.setStatus("%s", lang.N("{{.Count}} character selected: Enter (or Ctrl+N) makes the selection a claim", n, map[string]any{"Count": n}))
	}
	p.host.selectionChanged()
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
	p.frame.focus(p)
	p.host.selectClaim(p, id)
}

func (p *articlePane) onCreateClaim(start, end int) {
	p.frame.focus(p)
	p.host.createClaim(p, start, end)
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
	return lang.L("(untitled article)")
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
		return lang.L("no outlet, language or date known")
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
		mw.showError(lang.L("Opening the link"), errors.New(lang.L("“{{.Link}}” is not a web link (http or https), so Factdesk does not open it", map[string]any{"Link": s})))
		return
	}
	if err := mw.app.OpenURL(u); err != nil {
		mw.showError(lang.L("Opening the link"), err)
		return
	}
	mw.setStatus("%s", lang.L("Opened {{.Host}} in the browser", map[string]any{"Host": u.Host}))
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
	if len(ids) == 0 || p.host.readOnly() {
		return nil // nothing to change on a read-only file
	}
	id := ids[0]
	var items []*fyne.MenuItem
	for _, v := range annotate.Verdicts {
		v := v
		items = append(items, fyne.NewMenuItem(setVerdictLabel(v), func() {
			p.frame.focus(p)
			if p.host.selectClaim(p, id) {
				p.host.setVerdict(id, v)
			}
		}))
	}
	if cur, in, ok := p.host.inspected(); ok && cur.ID != id && in != p {
		items = append(items, fyne.NewMenuItemSeparator())
		for _, rel := range annotate.Relations {
			rel := rel
			items = append(items, fyne.NewMenuItem(linkInspectedLabel(rel), func() {
				p.host.linkClaims(cur.ID, id, rel)
			}))
		}
	}
	return items
}

// setVerdictLabel is the context menu's item that gives a claim verdict v, whole, so that
// each language words it its own way.
func setVerdictLabel(v annotate.Verdict) string {
	switch v {
	case annotate.Confirmed:
		return lang.L("Set ✓ Confirmed")
	case annotate.Disputed:
		return lang.L("Set ✗ Disputed")
	}
	return lang.L("Set ? Unverified")
}

// linkInspectedLabel is the context menu's item that links a claim with the inspected one.
func linkInspectedLabel(rel annotate.Relation) string {
	switch rel {
	case annotate.Supports:
		return lang.L("Link with the inspected claim: supports")
	case annotate.Contradicts:
		return lang.L("Link with the inspected claim: contradicts")
	}
	return lang.L("Link with the inspected claim: same claim")
}
