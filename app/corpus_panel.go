package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/session"
	"factdesk/corpus/fetch"
	"factdesk/storage"
)

// searchDelay is how long the search waits after the last key.
const searchDelay = 250 * time.Millisecond

// corpusPanel is the left column's first tab: the articles with their claim counts, a
// full-text search over articles and claims, and the import button. It holds the corpus list
// (the articles without their text) and keeps its counts and records in step with the
// session's changes, from the change itself.
type corpusPanel struct {
	host    corpusHost
	imports importActions
	stop    func() // ends the panel's subscription to the session

	articles []annotate.Article // the corpus, without text
	byID     map[string]int
	loaded   bool // the list has been read once

	search       *widget.Entry
	importButton *widget.Button
	count        *mutedText
	list         *widget.List
	results      *widget.List
	body         *fyne.Container

	hits      []storage.Hit
	query     string // the query the hits are for
	searcher  *debouncer
	searchGen int
	// searchCtx is the running search's context; a newer search cancels it (SQLite is
	// interrupted), so keystrokes never queue up searches.
	searchCtx    context.Context
	cancelSearch context.CancelFunc
}

// corpusHost is what the corpus panel asks of the window: the context and the index to search,
// background work, where to show an article or a claim, importing a pasted web address, the
// keyboard focus, and telling that the list changed (the claims list filters by article).
type corpusHost interface {
	context() context.Context
	corpusSearcher() corpusSearcher
	background(work func() func())
	uiDo(fn func())
	openArticle(id string) *articlePane
	showClaim(id string) bool
	importURLs(addresses []string)
	focus(o fyne.Focusable)
	articlesChanged()
}

// corpusSearcher is the full-text search: *storage.DB implements it.
type corpusSearcher interface {
	Search(ctx context.Context, q string, limit int) ([]storage.Hit, error)
}

// importActions are the ways to import the Import button offers.
type importActions struct {
	file, folder, web, paste, demo func()
}

// newCorpusPanel is the corpus panel, its list empty until setArticles, following the
// changes sess announces.
func newCorpusPanel(host corpusHost, sess *session.Session, imports importActions) *corpusPanel {
	cp := &corpusPanel{host: host, imports: imports, byID: map[string]int{}}
	cp.searcher = newDebouncer(searchDelay, cp.runSearch, host.uiDo)
	cp.stop = sess.Subscribe(cp.onChange)
	return cp
}

func (cp *corpusPanel) buildUI() fyne.CanvasObject {
	cp.search = widget.NewEntry()
	cp.search.SetPlaceHolder(lang.L("Search (Ctrl+F)"))
	cp.search.ActionItem = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { cp.search.SetText("") })
	cp.search.OnChanged = func(string) { cp.searcher.Trigger() }
	cp.search.OnSubmitted = func(s string) {
		if isWebAddressOnly(s) { // a pasted address: Enter imports the page
			cp.search.SetText("")
			cp.host.importURLs([]string{strings.TrimSpace(s)})
			return
		}
		cp.searcher.Trigger()
		cp.searcher.Flush()
	}

	cp.importButton = widget.NewButtonWithIcon(lang.L("Import"), theme.ContentAddIcon(), cp.onImportMenu)
	cp.count = newMutedLine(lang.L("Loading the corpus…"))

	cp.list = widget.NewList(
		func() int { return len(cp.articles) },
		func() fyne.CanvasObject { return newArticleRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(cp.articles) {
				o.(*articleRow).set(cp.articles[i])
			}
		})
	cp.list.OnSelected = func(i widget.ListItemID) {
		cp.list.UnselectAll()
		if i < len(cp.articles) {
			cp.host.openArticle(cp.articles[i].ID)
		}
	}

	cp.results = widget.NewList(
		func() int { return len(cp.hits) },
		func() fyne.CanvasObject { return newHitRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(cp.hits) {
				o.(*hitRow).set(cp.hits[i])
			}
		})
	cp.results.OnSelected = func(i widget.ListItemID) {
		cp.results.UnselectAll()
		if i < len(cp.hits) {
			cp.openHit(cp.hits[i])
		}
	}

	cp.body = container.NewStack(cp.list)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, cp.importButton, cp.search),
		cp.count,
	)
	return container.NewBorder(top, nil, nil, nil, cp.body)
}

// setArticles replaces the corpus list (read from the database).
func (cp *corpusPanel) setArticles(arts []annotate.Article) {
	cp.articles = arts
	cp.byID = make(map[string]int, len(arts))
	for i, a := range arts {
		cp.byID[a.ID] = i
	}
	cp.loaded = true
	cp.refresh()
	cp.host.articlesChanged()
}

// clear empties the list until the next setArticles (another database is being opened).
func (cp *corpusPanel) clear() {
	cp.articles, cp.byID, cp.loaded = nil, map[string]int{}, false
	cp.refresh()
}

// article returns the corpus entry (without text) of id.
func (cp *corpusPanel) article(id string) (annotate.Article, bool) {
	if i, ok := cp.byID[id]; ok {
		return cp.articles[i], true
	}
	return annotate.Article{}, false
}

// onChange keeps the list in step with a change the session made: the counts of a claim's
// article, an article's new record, a removed article, from the change (no query).
func (cp *corpusPanel) onChange(ch session.Change) {
	i, ok := cp.byID[ch.ArticleID]
	if !ok {
		return
	}
	switch ch.Kind {
	case session.ClaimAdded, session.ClaimChanged, session.ClaimRemoved:
		c := ch.Counts(cp.articles[i].Counts)
		had := cp.articles[i].Counts.Total() > 0
		cp.articles[i].Counts = c
		cp.refreshRow(i)
		if had != (c.Total() > 0) {
			cp.host.articlesChanged()
		}
	case session.ArticleChanged:
		counts := cp.articles[i].Counts
		cp.articles[i] = ch.Article
		cp.articles[i].Counts = counts
		cp.refreshRow(i)
	case session.ArticleRemoved:
		arts := append(append([]annotate.Article(nil), cp.articles[:i]...), cp.articles[i+1:]...)
		cp.setArticles(arts)
	}
}

// refresh shows the corpus list as it is now.
func (cp *corpusPanel) refresh() {
	if cp.list == nil {
		return
	}
	cp.list.Refresh()
	if strings.TrimSpace(cp.search.Text) == "" {
		cp.showCount()
	}
}

// refreshRow redraws the row of article i (its counts or record changed).
func (cp *corpusPanel) refreshRow(i int) {
	if cp.list != nil {
		cp.list.RefreshItem(i)
	}
}

func (cp *corpusPanel) showCount() {
	switch n := len(cp.articles); {
	case !cp.loaded:
		cp.count.SetText(lang.L("Loading the corpus…"))
	case n == 0:
		cp.count.SetText(lang.L("No articles yet: Import, drop files here, or Help > Load demo corpus…"))
	default:
		cp.count.SetText(lang.N("{{.Count}} article", n, map[string]any{"Count": n}))
	}
}

// runSearch queries the full-text index in the background and shows the hits.
func (cp *corpusPanel) runSearch() {
	q := strings.TrimSpace(cp.search.Text)
	cp.searchGen++
	gen := cp.searchGen
	if cp.cancelSearch != nil {
		cp.cancelSearch() // superseded
		cp.cancelSearch = nil
	}
	if q == "" {
		cp.hits, cp.query = nil, ""
		cp.body.Objects = []fyne.CanvasObject{cp.list}
		cp.body.Refresh()
		cp.showCount()
		return
	}
	if isWebAddressOnly(q) {
		cp.count.SetText(lang.L("A web address: press Enter to import the page"))
		return
	}
	cp.count.SetText(lang.L("Searching…"))
	ctx, cancel := context.WithCancel(cp.host.context())
	cp.searchCtx, cp.cancelSearch = ctx, cancel
	search := cp.host.corpusSearcher()
	cp.host.background(func() func() {
		hits, err := search.Search(ctx, q, 100)
		return func() {
			if gen != cp.searchGen {
				return // a newer search is under way
			}
			if err != nil {
				cp.count.SetText(lang.L("Search failed: {{.Error}}", map[string]any{"Error": err.Error()}))
				return
			}
			cp.showHits(q, hits)
		}
	})
}

func (cp *corpusPanel) showHits(q string, hits []storage.Hit) {
	cp.hits, cp.query = hits, q
	claims, arts := 0, 0
	for _, h := range hits {
		if h.Kind == "claim" {
			claims++
		} else {
			arts++
		}
	}
	if len(hits) == 0 {
		cp.count.SetText(lang.L("Nothing found for “{{.Query}}”", map[string]any{"Query": q}))
	} else {
		cp.count.SetText(lang.L("{{.Claims}}, {{.Articles}} match “{{.Query}}”", map[string]any{
			"Claims":   lang.N("{{.Count}} claim", claims, map[string]any{"Count": claims}),
			"Articles": lang.N("{{.Count}} article", arts, map[string]any{"Count": arts}),
			"Query":    q,
		}))
	}
	cp.body.Objects = []fyne.CanvasObject{cp.results}
	cp.body.Refresh()
	cp.results.Refresh()
	cp.results.ScrollToTop()
}

// openHit opens a search result: a claim is revealed and selected; an article opens at the
// first matching word.
func (cp *corpusPanel) openHit(h storage.Hit) {
	if h.Kind == "claim" {
		cp.host.showClaim(h.ClaimID)
		return
	}
	p := cp.host.openArticle(h.ArticleID)
	if p == nil {
		return
	}
	for _, term := range snippetTerms(h.Snippet) {
		if start, end, ok := findFold(p.article.Text, term); ok {
			p.view.SetSelection(start, end)
			p.view.RevealOffset(start)
			return
		}
	}
}

// snippetTerms are the marked words of a snippet.
func snippetTerms(s string) []string {
	var out []string
	for {
		i := strings.Index(s, storage.SnippetOpen)
		if i < 0 {
			return out
		}
		s = s[i+len(storage.SnippetOpen):]
		j := strings.Index(s, storage.SnippetClose)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(storage.SnippetClose):]
	}
}

// findFold finds term in text ignoring case and returns rune offsets.
func findFold(text, term string) (int, int, bool) {
	lt, lq := strings.ToLower(text), strings.ToLower(term)
	if len(lt) != len(text) || lq == "" {
		// Lower-casing changed byte lengths: search the text as is.
		lt, lq = text, term
	}
	i := strings.Index(lt, lq)
	if i < 0 {
		return 0, 0, false
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(text[i:i+len(lq)]), true
}

// onImportMenu offers the ways to import.
func (cp *corpusPanel) onImportMenu() {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("File…"), cp.imports.file),
		fyne.NewMenuItem(lang.L("Folder…"), cp.imports.folder),
		fyne.NewMenuItem(lang.L("Web address…"), cp.imports.web),
		fyne.NewMenuItem(lang.L("Paste text…"), cp.imports.paste),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Demo corpus"), cp.imports.demo),
	)
	c := fyne.CurrentApp().Driver().CanvasForObject(cp.importButton)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(cp.importButton)
	widget.ShowPopUpMenuAtPosition(menu, c, pos.AddXY(0, cp.importButton.Size().Height))
}

// focusSearch puts the keyboard in the search box.
func (cp *corpusPanel) focusSearch() {
	cp.host.focus(cp.search)
}

// articleRow is one article in the corpus list: title, then outlet · language · date and
// the claim counts by verdict (symbol and number, in the verdict's colour).
type articleRow struct {
	widget.BaseWidget
	title      *widget.Label
	meta       *mutedText
	confirmed  *widget.Label
	disputed   *widget.Label
	unverified *widget.Label
	contested  *tintedText // in the violet the text view draws contested claims in
	none       *mutedText
}

func newArticleRow() *articleRow {
	r := &articleRow{
		title:      widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:       newMutedLine(""),
		confirmed:  widget.NewLabel(""),
		disputed:   widget.NewLabel(""),
		unverified: widget.NewLabel(""),
		contested:  newTintedText(),
		none:       newMutedText(lang.L("no claims")),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.confirmed.Importance = verdictImportance(annotate.Confirmed)
	r.disputed.Importance = verdictImportance(annotate.Disputed)
	r.unverified.Importance = verdictImportance(annotate.Unverified)
	r.ExtendBaseWidget(r)
	return r
}

func (r *articleRow) set(a annotate.Article) {
	r.title.SetText(displayTitle(a))
	r.meta.SetText(articleMeta(a))
	setCount := func(l *widget.Label, v annotate.Verdict) {
		n := a.Counts.Of(v)
		if n == 0 {
			l.Hide()
			return
		}
		l.SetText(fmt.Sprintf("%s%d", v.Symbol(), n))
		l.Show()
	}
	setCount(r.confirmed, annotate.Confirmed)
	setCount(r.disputed, annotate.Disputed)
	setCount(r.unverified, annotate.Unverified)
	if n := a.Counts.Contested; n > 0 {
		r.contested.set(fmt.Sprintf("%s%d", contestedSymbol, n), colorNameContested)
		r.contested.Show()
	} else {
		r.contested.Hide()
	}
	if a.Counts.Total() == 0 {
		r.none.Show()
	} else {
		r.none.Hide()
	}
}

// CreateRenderer lays the row out.
func (r *articleRow) CreateRenderer() fyne.WidgetRenderer {
	counts := container.NewHBox(r.confirmed, r.disputed, r.unverified, r.contested, r.none)
	return widget.NewSimpleRenderer(container.New(&tightVBox{},
		r.title,
		container.NewBorder(nil, nil, nil, counts, r.meta)))
}

// hitRow is one search result: what it is and in which article, then the snippet with the
// matching words in bold.
type hitRow struct {
	widget.BaseWidget
	kind    *widget.Label
	title   *mutedText
	snippet *widget.RichText
}

func newHitRow() *hitRow {
	r := &hitRow{
		kind:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		title:   newMutedLine(""),
		snippet: widget.NewRichText(),
	}
	r.snippet.Wrapping = fyne.TextWrapWord
	r.ExtendBaseWidget(r)
	return r
}

func (r *hitRow) set(h storage.Hit) {
	if h.Kind == "claim" {
		r.kind.SetText(lang.L("Claim"))
		r.kind.Importance = widget.HighImportance
	} else {
		r.kind.SetText(lang.L("Article"))
		r.kind.Importance = widget.MediumImportance
	}
	r.kind.Refresh()
	r.title.SetText(strings.TrimSpace(oneLine(h.Title)))
	r.snippet.Segments = snippetSegments(h.Snippet)
	r.snippet.Refresh()
}

// MinSize keeps every result the same height: a line of title and three of snippet.
func (r *hitRow) MinSize() fyne.Size {
	line := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	return fyne.NewSize(120, 3.6*line)
}

// CreateRenderer lays the row out.
func (r *hitRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(
		container.NewBorder(nil, nil, r.kind, nil, r.title), nil, nil, nil, r.snippet))
}

// snippetSegments turns a search snippet into rich text with the matches in bold.
func snippetSegments(s string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	s = strings.ReplaceAll(s, "\n", " ")
	for s != "" {
		i := strings.Index(s, storage.SnippetOpen)
		if i < 0 {
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleInline, Text: s})
			break
		}
		if i > 0 {
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleInline, Text: s[:i]})
		}
		s = s[i+len(storage.SnippetOpen):]
		j := strings.Index(s, storage.SnippetClose)
		if j < 0 {
			j = len(s)
		}
		strong := widget.RichTextStyleStrong
		strong.ColorName = theme.ColorNamePrimary
		segs = append(segs, &widget.TextSegment{Style: strong, Text: s[:j]})
		if j < len(s) {
			s = s[j+len(storage.SnippetClose):]
		} else {
			s = ""
		}
	}
	return segs
}

// tightVBox stacks objects vertically without padding between them: two labels read as one
// list row rather than two.
type tightVBox struct{}

// MinSize is the widest object and the sum of the heights, less the labels' inner padding
// that would double up.
func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - theme.InnerPadding()
	}
	return s.AddWidthHeight(0, theme.InnerPadding())
}

// Layout places the objects one under the other, overlapping their padding.
func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.InnerPadding()
	}
}

// isWebAddressOnly reports whether s is one web address and nothing else.
func isWebAddressOnly(s string) bool {
	s = strings.TrimSpace(s)
	return fetch.IsWebAddress(s) && !strings.ContainsAny(s, " \t\n")
}
