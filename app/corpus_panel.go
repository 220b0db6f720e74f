package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/corpus/fetch"
	"factdesk/storage"
)

// searchDelay is how long the search waits after the last key.
const searchDelay = 250 * time.Millisecond

// corpusPanel is the left column's first tab: the articles with their claim counts, a
// full-text search over articles and claims, and the import button.
type corpusPanel struct {
	mw *mainWindow

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

func newCorpusPanel(mw *mainWindow) *corpusPanel {
	cp := &corpusPanel{mw: mw}
	cp.searcher = newDebouncer(searchDelay, cp.runSearch, mw.uiDo)
	return cp
}

func (cp *corpusPanel) buildUI() fyne.CanvasObject {
	cp.search = widget.NewEntry()
	cp.search.SetPlaceHolder("Search (Ctrl+F)")
	cp.search.ActionItem = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { cp.search.SetText("") })
	cp.search.OnChanged = func(string) { cp.searcher.Trigger() }
	cp.search.OnSubmitted = func(s string) {
		if isWebAddressOnly(s) { // a pasted address: Enter imports the page
			cp.search.SetText("")
			cp.mw.importURLs([]string{strings.TrimSpace(s)})
			return
		}
		cp.searcher.Trigger()
		cp.searcher.Flush()
	}

	cp.importButton = widget.NewButtonWithIcon("Import", theme.ContentAddIcon(), cp.onImportMenu)
	cp.count = newMutedLine("Loading the corpus…")

	cp.list = widget.NewList(
		func() int { return len(cp.mw.articles) },
		func() fyne.CanvasObject { return newArticleRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(cp.mw.articles) {
				o.(*articleRow).set(cp.mw.articles[i])
			}
		})
	cp.list.OnSelected = func(i widget.ListItemID) {
		cp.list.UnselectAll()
		if i < len(cp.mw.articles) {
			cp.mw.openArticle(cp.mw.articles[i].ID)
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

// refreshArticle redraws the row of one article (its counts changed).
func (cp *corpusPanel) refreshArticle(id string) {
	if i, ok := cp.mw.articleByID[id]; ok && cp.list != nil {
		cp.list.RefreshItem(i)
	}
}

func (cp *corpusPanel) showCount() {
	switch n := len(cp.mw.articles); {
	case !cp.mw.loaded:
		cp.count.SetText("Loading the corpus…")
	case n == 0:
		cp.count.SetText("No articles yet: Import, drop files here, or Help > Load demo corpus…")
	default:
		cp.count.SetText(plural(n, "article"))
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
		cp.count.SetText("A web address: press Enter to import the page")
		return
	}
	cp.count.SetText("Searching…")
	ctx, cancel := context.WithCancel(cp.mw.ctx)
	cp.searchCtx, cp.cancelSearch = ctx, cancel
	cp.mw.background(func() func() {
		hits, err := cp.mw.db.Search(ctx, q, 100)
		return func() {
			if gen != cp.searchGen {
				return // a newer search is under way
			}
			if err != nil {
				cp.count.SetText("Search failed: " + err.Error())
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
		cp.count.SetText(fmt.Sprintf("Nothing found for “%s”", q))
	} else {
		cp.count.SetText(fmt.Sprintf("%s, %s match “%s”", plural(claims, "claim"), plural(arts, "article"), q))
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
		cp.mw.showClaim(h.ClaimID)
		return
	}
	p := cp.mw.openArticle(h.ArticleID)
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
		fyne.NewMenuItem("File…", cp.mw.onImportFile),
		fyne.NewMenuItem("Folder…", cp.mw.onImportFolder),
		fyne.NewMenuItem("Web address…", cp.mw.onImportURL),
		fyne.NewMenuItem("Paste text…", cp.mw.onPaste),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Demo corpus", cp.mw.onLoadDemo),
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
	cp.mw.win.Canvas().Focus(cp.search)
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
		none:       newMutedText("no claims"),
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
		r.kind.SetText("Claim")
		r.kind.Importance = widget.HighImportance
	} else {
		r.kind.SetText("Article")
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
