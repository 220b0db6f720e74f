package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/app/session"
	"factdesk/corpus"
	"factdesk/storage"
)

// listHost is a claims list's host without a main window: a database, a session, and a
// count of the reads the list makes.
type listHost struct {
	db     *storage.DB
	reads  int
	shown  []string
	titles map[string]string
}

func (h *listHost) claimReader() claimReader             { return countingReader{h} }
func (h *listHost) context() context.Context             { return context.Background() }
func (h *listHost) articleList() []annotate.Article      { return nil }
func (h *listHost) articleTitle(id string) string        { return h.titles[id] }
func (h *listHost) currentClaim() (annotate.Claim, bool) { return annotate.Claim{}, false }
func (h *listHost) showClaim(id string) bool             { h.shown = append(h.shown, id); return true }
func (h *listHost) background(work func() func())        { work()() }
func (h *listHost) uiDo(fn func())                       { fn() }
func (h *listHost) focus(fyne.Focusable)                 {}

type countingReader struct{ h *listHost }

func (r countingReader) Claims(ctx context.Context, f storage.ClaimFilter) ([]annotate.Claim, error) {
	r.h.reads++
	return r.h.db.Claims(ctx, f)
}

func (r countingReader) Disagreements(ctx context.Context) (map[string][]storage.Rating, error) {
	r.h.reads++
	return r.h.db.Disagreements(ctx)
}

func (r countingReader) Reviewers(ctx context.Context) ([]annotate.Reviewer, error) {
	r.h.reads++
	return r.h.db.Reviewers(ctx)
}

// The claims list lives without the main window: it lists what its host's database holds,
// takes a verdict change from the session's change without reading again, and opens a claim
// through its host.
func TestClaimsListUpdatesFromTheSessionsChange(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "list.db"), storage.Options{})
	s := session.New(db)
	if err := s.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	text := "The official death toll is 300 to 400. Roads were closed."
	res, err := db.ImportArticle(ctx, corpus.Article{Title: "Talks", Text: text, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := annotate.NewAnchor(text, 0, 38)
	ch, err := s.NewClaim(ctx, res.Article.ID, a)
	if err != nil {
		t.Fatal(err)
	}

	host := &listHost{db: db, titles: map[string]string{res.Article.ID: "Talks"}}
	cp := newClaimsPanel(host)
	w := test.NewTempWindow(t, cp.buildUI())
	w.Resize(fyne.NewSize(400, 500))
	s.Subscribe(cp.applyChange)
	cp.reload()
	if len(cp.rows) != 1 || cp.count.Text() != "1 claim" {
		t.Fatalf("%d rows, count %q", len(cp.rows), cp.count.Text())
	}

	host.reads = 0
	if _, err := s.SetVerdict(ctx, ch.After.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	if host.reads != 0 {
		t.Errorf("the list read the database %d times after a verdict change", host.reads)
	}
	if cp.rows[0].Verdict != annotate.Disputed {
		t.Errorf("row verdict %s, want disputed", cp.rows[0].Verdict)
	}
	o := cp.list.CreateItem()
	cp.list.UpdateItem(0, o)
	if r := o.(*claimRow); !strings.HasPrefix(r.where.Text(), "Talks · Alice") || r.verdict.Text != verdictText(annotate.Disputed) {
		t.Errorf("row: %q, %q", r.where.Text(), r.verdict.Text)
	}
	cp.list.Select(0)
	if len(host.shown) != 1 || host.shown[0] != ch.After.ID {
		t.Errorf("choosing the row showed %v", host.shown)
	}
}
