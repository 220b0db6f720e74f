package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/app/session"
	"factdesk/corpus"
	"factdesk/storage"
)

// The panes and the corpus panel tested through their own constructors, without a main
// window: a small host records what they ask of the window, a real session on a temporary
// database makes the changes, and a counting reader tells whether they read the database
// again for a change the session told them about.

// countingScreenReader is the database as the panes and the corpus panel read it, counting reads.
type countingScreenReader struct {
	*storage.DB
	mu    sync.Mutex
	reads map[string]int
}

func (r *countingScreenReader) count(what string) {
	r.mu.Lock()
	r.reads[what]++
	r.mu.Unlock()
}

func (r *countingScreenReader) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, v := range r.reads {
		n += v
	}
	return n
}

func (r *countingScreenReader) Article(ctx context.Context, id string) (annotate.Article, error) {
	r.count("article")
	return r.DB.Article(ctx, id)
}

func (r *countingScreenReader) Claims(ctx context.Context, f storage.ClaimFilter) ([]annotate.Claim, error) {
	r.count("claims")
	return r.DB.Claims(ctx, f)
}

func (r *countingScreenReader) Links(ctx context.Context, id string) ([]annotate.Link, error) {
	r.count("links")
	return r.DB.Links(ctx, id)
}

func (r *countingScreenReader) Search(ctx context.Context, q string, limit int) ([]storage.Hit, error) {
	r.count("search")
	return r.DB.Search(ctx, q, limit)
}

// screenHost is the window as the panes and the corpus panel see it: it records what they
// ask, and makes claims and verdicts through the session as the window does.
type screenHost struct {
	t      *testing.T
	ctx    context.Context
	sess   *session.Session
	reader *countingScreenReader
	ro     bool

	status        []string
	errors        []string
	selected      []string // claim ids shown in the inspector, in order
	selectedPane  *articlePane
	focused       []*articlePane
	released      []*articlePane
	opened        []string // articles the corpus panel opened
	shownClaims   []string
	articlesMoved int
	edited        []*articlePane
}

func (h *screenHost) readOnly() bool { return h.ro }
func (h *screenHost) setStatus(format string, args ...any) {
	h.status = append(h.status, fmt.Sprintf(format, args...))
}
func (h *screenHost) openURL(string) {}
func (h *screenHost) selectClaim(p *articlePane, id string) bool {
	if _, ok := p.claims[id]; !ok {
		return false
	}
	p.setActive(id)
	h.selected, h.selectedPane = append(h.selected, id), p
	return true
}
func (h *screenHost) createClaim(p *articlePane, start, end int) (annotate.Claim, bool) {
	a, err := annotate.NewAnchor(p.article.Text, start, end)
	if err != nil {
		h.t.Fatal(err)
	}
	ch, err := h.sess.NewClaim(h.ctx, p.article.ID, a)
	if err != nil {
		h.t.Fatal(err)
	}
	return ch.After, h.selectClaim(p, ch.After.ID)
}
func (h *screenHost) setVerdict(id string, v annotate.Verdict) bool {
	_, err := h.sess.SetVerdict(h.ctx, id, v)
	return err == nil
}
func (h *screenHost) linkClaims(a, b string, rel annotate.Relation) (annotate.Link, bool) {
	l, _, err := h.sess.LinkClaims(h.ctx, a, b, rel)
	return l, err == nil
}
func (h *screenHost) inspected() (annotate.Claim, *articlePane, bool) {
	if len(h.selected) == 0 || h.selectedPane == nil {
		return annotate.Claim{}, nil, false
	}
	c, ok := h.selectedPane.claims[h.selected[len(h.selected)-1]]
	return c, h.selectedPane, ok
}
func (h *screenHost) selectionChanged()              { h.status = append(h.status, "(selection)") }
func (h *screenHost) editArticle(p *articlePane)     { h.edited = append(h.edited, p) }
func (h *screenHost) removeArticle(p *articlePane)   {}
func (h *screenHost) context() context.Context       { return h.ctx }
func (h *screenHost) paneReader() paneReader         { return h.reader }
func (h *screenHost) corpusSearcher() corpusSearcher { return h.reader }
func (h *screenHost) background(work func() func())  { work()() }
func (h *screenHost) uiDo(fn func())                 { fn() }
func (h *screenHost) showError(what string, err error) {
	h.errors = append(h.errors, what+": "+err.Error())
}
func (h *screenHost) dbKey() string        { return "test" }
func (h *screenHost) focus(fyne.Focusable) {}
func (h *screenHost) releasePane(p *articlePane) bool {
	h.released = append(h.released, p)
	return true
}
func (h *screenHost) paneFocused(p *articlePane)         { h.focused = append(h.focused, p) }
func (h *screenHost) currentPaneChanged()                {}
func (h *screenHost) openArticle(id string) *articlePane { h.opened = append(h.opened, id); return nil }
func (h *screenHost) showClaim(id string) bool {
	h.shownClaims = append(h.shownClaims, id)
	return true
}
func (h *screenHost) importURLs([]string) {}
func (h *screenHost) articlesChanged()    { h.articlesMoved++ }
func (h *screenHost) lastStatus() string  { return h.status[len(h.status)-1] }
func (h *screenHost) newArea(prefs fyne.Preferences) *paneArea {
	a := newPaneArea(h, h.sess, prefs, nil)
	test.NewTempWindow(h.t, a.buildUI()).Resize(fyne.NewSize(1200, 700))
	return a
}

// newScreenHost opens a temporary database with the two test articles imported (English
// first) and a session on it for testReviewer.
func newScreenHost(t *testing.T) (h *screenHost, en, fr annotate.Article) {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "panes.db"), storage.Options{})
	sess := session.New(db)
	if err := sess.SetReviewer(ctx, testReviewer); err != nil {
		t.Fatal(err)
	}
	var arts []annotate.Article
	for _, f := range []string{seedEN, seedFR} {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, _, _ := strings.Cut(string(text), "\n")
		res, err := db.ImportArticle(ctx, corpus.Article{Title: title, Text: string(text), Language: filepath.Base(f)[6:8], Origin: f})
		if err != nil {
			t.Fatal(err)
		}
		full, err := db.Article(ctx, res.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, full)
	}
	h = &screenHost{t: t, ctx: ctx, sess: sess, reader: &countingScreenReader{DB: db, reads: map[string]int{}}}
	return h, arts[0], arts[1]
}

// anchorOf is the anchor of the first occurrence of quote in text.
func anchorOf(t *testing.T, text, quote string) annotate.Anchor {
	t.Helper()
	start, end, ok := findFold(text, quote)
	if !ok {
		t.Fatalf("%q not in the text", quote)
	}
	a, err := annotate.NewAnchor(text, start, end)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// A pane shows its article's claims and then follows the session: a claim made, rated,
// contested and deleted elsewhere (the inspector, the claims list, an undo) is drawn, recoloured
// and removed from the change itself, without reading the database again.
func TestPaneAreaFollowsTheSessionWithoutReading(t *testing.T) {
	h, en, fr := newScreenHost(t)
	if _, err := h.sess.NewClaim(h.ctx, en.ID, anchorOf(t, en.Text, "300 to 400")); err != nil {
		t.Fatal(err)
	}
	area := h.newArea(test.NewTempApp(t).Preferences())
	pEN := area.show(en.ID, false)
	pFR := area.show(fr.ID, false)
	if pEN == nil || pFR == nil || len(area.panes) != 2 || area.current != pFR {
		t.Fatalf("two panes, the French one current: %d panes, errors %v", len(area.panes), h.errors)
	}
	if len(pEN.claims) != 1 || len(pEN.view.Claims()) != 1 || pEN.title.Text != displayTitle(en) {
		t.Fatalf("the English pane: %d claims, %d highlights, title %q", len(pEN.claims), len(pEN.view.Claims()), pEN.title.Text)
	}
	reads := h.reader.total()

	ch, err := h.sess.NewClaim(h.ctx, en.ID, anchorOf(t, en.Text, "Friday"))
	if err != nil {
		t.Fatal(err)
	}
	id := ch.After.ID
	if _, ok := pEN.view.Claim(id); !ok || len(pEN.order) != 2 || len(pFR.claims) != 0 {
		t.Fatalf("a claim made elsewhere: highlighted %v, %d in order, French pane %d claims", ok, len(pEN.order), len(pFR.claims))
	}
	if _, err := h.sess.SetVerdict(h.ctx, id, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	if hl, _ := pEN.view.Claim(id); hl.Verdict != annotate.Disputed || pEN.claims[id].Verdict != annotate.Disputed {
		t.Fatalf("after the verdict: highlight %+v", hl)
	}
	// A second reviewer disagrees: the highlight turns contested.
	if err := h.sess.SetReviewer(h.ctx, "Other Person"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.sess.SetVerdict(h.ctx, id, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if hl, _ := pEN.view.Claim(id); !hl.Contested {
		t.Fatalf("a contested claim is not drawn contested: %+v", hl)
	}
	if _, err := h.sess.DeleteClaim(h.ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, ok := pEN.view.Claim(id); ok || len(pEN.claims) != 1 {
		t.Fatalf("a deleted claim is still drawn (%d claims)", len(pEN.claims))
	}
	if n := h.reader.total(); n != reads {
		t.Errorf("the panes read the database %d times for changes the session told them about: %v", n-reads, h.reader.reads)
	}
}

// Selecting in a pane: tapping a highlight shows that claim (and makes the pane current);
// selecting text and pressing Enter makes it a claim, drawn at once; a selection says how
// many characters it holds.
func TestPaneSelectionAndTapShowAndMakeClaims(t *testing.T) {
	h, en, fr := newScreenHost(t)
	ch, err := h.sess.NewClaim(h.ctx, en.ID, anchorOf(t, en.Text, "The official death toll is 300 to 400"))
	if err != nil {
		t.Fatal(err)
	}
	area := h.newArea(test.NewTempApp(t).Preferences())
	pEN := area.show(en.ID, false)
	area.show(fr.ID, false)

	at := pEN.view.PositionForOffset(ch.After.Start+3).AddXY(0, pEN.view.LineHeight()/2)
	test.Tap(pEN.view) // a tap at the top does not open a claim
	pEN.view.Tapped(&fyne.PointEvent{Position: at})
	if len(h.selected) != 1 || h.selected[0] != ch.After.ID || area.current != pEN || pEN.active != ch.After.ID {
		t.Fatalf("tapping the highlight: selected %v, current pane is the English one %v", h.selected, area.current == pEN)
	}
	if got := h.focused[len(h.focused)-1]; got != pEN {
		t.Error("the window was not told the English pane is the one worked in")
	}

	start, end, _ := findFold(en.Text, "exchange of prisoners")
	pEN.view.SetSelection(start, end)
	if got := h.lastStatus(); got != "(selection)" || !strings.Contains(strings.Join(h.status, "\n"), "21 characters selected") {
		t.Errorf("the selection's status: %q", h.status)
	}
	pEN.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	var made string
	for cid, c := range pEN.claims {
		if c.Exact == "exchange of prisoners" {
			made = cid
		}
	}
	if made == "" || h.selected[len(h.selected)-1] != made {
		t.Fatalf("Enter did not make the selection a claim shown in the inspector: %+v", pEN.claims)
	}
	if _, ok := pEN.view.Claim(made); !ok {
		t.Error("the new claim is not highlighted")
	}
	// Next claim in text order, from the one selected.
	area.nextClaim(-1)
	if got := h.selected[len(h.selected)-1]; got != ch.After.ID {
		t.Errorf("previous claim: %s, want the death toll %s", got, ch.After.ID)
	}
}

// The pane area opens, moves, closes and remembers panes; an article's new record shows in
// its header; removing an article closes its pane (the inspector lets go of it first).
func TestPaneAreaMovesClosesAndFollowsArticles(t *testing.T) {
	h, en, fr := newScreenHost(t)
	prefs := test.NewTempApp(t).Preferences()
	area := h.newArea(prefs)
	pEN, pFR := area.show(en.ID, false), area.show(fr.ID, false)
	if !pEN.leftButton.Disabled() || pEN.rightButton.Disabled() || !pFR.rightButton.Disabled() {
		t.Error("the outer move buttons are not disabled")
	}
	test.Tap(pEN.rightButton)
	if area.panes[0] != pFR || area.panes[1] != pEN {
		t.Fatal("→ did not move the English pane right")
	}
	if ids := prefs.StringList(area.prefKey()); len(ids) != 2 || ids[0] != fr.ID {
		t.Errorf("the order remembered: %v", ids)
	}
	if area.show(en.ID, false) != pEN || len(area.panes) != 2 {
		t.Error("showing an open article opened it twice")
	}

	title := "Talks in Moscow: the ministers are invited"
	if _, err := h.sess.EditArticle(h.ctx, en.ID, storage.ArticleEdit{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if pEN.title.Text != title {
		t.Errorf("the header after the edit: %q", pEN.title.Text)
	}
	if _, err := h.sess.RemoveArticle(h.ctx, en.ID); err != nil {
		t.Fatal(err)
	}
	if area.find(en.ID) != nil || len(area.panes) != 1 || area.current != pFR {
		t.Fatalf("the removed article's pane is open: %d panes", len(area.panes))
	}
	if len(h.released) == 0 || h.released[len(h.released)-1] != pEN {
		t.Error("the inspector was not asked to let go of the closing pane")
	}
	test.Tap(pFR.closeButton)
	if len(area.panes) != 0 || area.current != nil || len(prefs.StringList(area.prefKey())) != 0 {
		t.Errorf("closing the last pane: %d panes", len(area.panes))
	}
	if area.show("no-such-article", false) != nil || len(h.errors) != 1 {
		t.Errorf("a missing article: errors %v", h.errors)
	}
}

// The context menu of a claim: a verdict for it, a link with the inspected claim of another
// pane; nothing on a read-only file.
func TestPaneContextMenuSetsVerdictAndLinks(t *testing.T) {
	h, en, fr := newScreenHost(t)
	cEN, err := h.sess.NewClaim(h.ctx, en.ID, anchorOf(t, en.Text, "300 to 400"))
	if err != nil {
		t.Fatal(err)
	}
	cFR, err := h.sess.NewClaim(h.ctx, fr.ID, anchorOf(t, fr.Text, "300 à 400"))
	if err != nil {
		t.Fatal(err)
	}
	area := h.newArea(test.NewTempApp(t).Preferences())
	pEN, pFR := area.show(en.ID, false), area.show(fr.ID, false)
	h.selectClaim(pFR, cFR.After.ID)
	items := map[string]*fyne.MenuItem{}
	for _, it := range pEN.menuItems([]string{cEN.After.ID}) {
		items[it.Label] = it
	}
	items["Set ✗ Disputed"].Action()
	if pEN.claims[cEN.After.ID].Verdict != annotate.Disputed {
		t.Errorf("Set ✗ Disputed: %+v", pEN.claims[cEN.After.ID])
	}
	items["Link with the inspected claim: same claim"].Action()
	if pEN.linked == nil && area.linkedSummary == "" {
		t.Errorf("linking outlined nothing")
	}
	if !strings.HasPrefix(area.linkedSummary, "1 linked claim outlined") {
		t.Errorf("after linking: %q", area.linkedSummary)
	}
	h.ro = true
	if items := pEN.menuItems([]string{cEN.After.ID}); items != nil {
		t.Errorf("read-only: %d menu items", len(items))
	}
}

// The corpus panel lists the articles with their counts and follows the session: a claim
// made or rated updates its article's counts, a new record its row, a removed article leaves
// the list, from the change (no query); choosing a row opens the article; search shows hits.
func TestCorpusPanelFollowsTheSessionAndSearches(t *testing.T) {
	h, en, fr := newScreenHost(t)
	cp := newCorpusPanel(h, h.sess, importActions{})
	test.NewTempWindow(t, cp.buildUI()).Resize(fyne.NewSize(360, 600))
	if cp.count.Text() != "Loading the corpus…" {
		t.Errorf("before the list is read: %q", cp.count.Text())
	}
	arts, err := h.reader.DB.Articles(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	cp.setArticles(arts)
	if cp.count.Text() != "2 articles" || cp.list.Length() != 2 {
		t.Fatalf("the list: %q, %d rows", cp.count.Text(), cp.list.Length())
	}
	reads := h.reader.total()
	moved := h.articlesMoved
	ch, err := h.sess.NewClaim(h.ctx, en.ID, anchorOf(t, en.Text, "300 to 400"))
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := cp.article(en.ID); a.Counts.Unverified != 1 || h.articlesMoved != moved+1 {
		t.Fatalf("counts after a claim: %+v (articles with claims changed: %d)", a.Counts, h.articlesMoved-moved)
	}
	if _, err := h.sess.SetVerdict(h.ctx, ch.After.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if err := h.sess.SetReviewer(h.ctx, "Other Person"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.sess.SetVerdict(h.ctx, ch.After.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	row := newArticleRow()
	a, _ := cp.article(en.ID)
	row.set(a)
	if a.Counts.Contested != 1 || a.Counts.Total() != 1 || !row.contested.Visible() || row.contested.Text != "≠1" {
		t.Fatalf("a contested claim: counts %+v, row %q", a.Counts, row.contested.Text)
	}
	outlet := "The Northern Ledger"
	if _, err := h.sess.EditArticle(h.ctx, en.ID, storage.ArticleEdit{Outlet: &outlet}); err != nil {
		t.Fatal(err)
	}
	if a, _ := cp.article(en.ID); a.Outlet != outlet || a.Counts.Contested != 1 {
		t.Errorf("after the record's edit: %+v", a)
	}
	if _, err := h.sess.RemoveArticle(h.ctx, fr.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := cp.article(fr.ID); ok || cp.count.Text() != "1 article" || cp.list.Length() != 1 {
		t.Errorf("after removing an article: %q, %d rows", cp.count.Text(), cp.list.Length())
	}
	if n := h.reader.total(); n != reads {
		t.Errorf("the corpus panel read the database %d times for changes the session told it about", n-reads)
	}
	cp.list.Select(0)
	if len(h.opened) != 1 || h.opened[0] != en.ID {
		t.Errorf("choosing the row opened %v", h.opened)
	}

	test.Type(cp.search, "ministers")
	cp.searcher.Flush()
	if got := cp.count.Text(); got != "0 claims, 1 article match “ministers”" || len(cp.hits) != 1 {
		t.Errorf("search: %q, %d hits", got, len(cp.hits))
	}
	cp.search.SetText("")
	cp.searcher.Flush()
	if cp.count.Text() != "1 article" {
		t.Errorf("search cleared: %q", cp.count.Text())
	}
}
