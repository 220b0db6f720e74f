package session

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

const articleText = "The official death toll is 300 to 400. The mayor said the bridge would reopen in May. " +
	"Witnesses counted more than twenty trucks on the road."

// counting is a Store that counts the calls the session makes (each one a query or one
// transaction of the database): the round trips of an action.
type counting struct {
	*storage.DB
	mu    sync.Mutex
	calls []string
}

func (c *counting) count(name string) {
	c.mu.Lock()
	c.calls = append(c.calls, name)
	c.mu.Unlock()
}

func (c *counting) reset() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls := c.calls
	c.calls = nil
	return calls
}

func (c *counting) Claim(ctx context.Context, id string) (annotate.Claim, error) {
	c.count("Claim")
	return c.DB.Claim(ctx, id)
}

func (c *counting) SetVerdict(ctx context.Context, id string, v annotate.Verdict) (annotate.Claim, error) {
	c.count("SetVerdict")
	return c.DB.SetVerdict(ctx, id, v)
}

func (c *counting) LastChange(ctx context.Context) (int64, error) {
	c.count("LastChange")
	return c.DB.LastChange(ctx)
}

func (c *counting) History(ctx context.Context, id string, limit int) ([]annotate.HistoryEntry, error) {
	c.count("History")
	return c.DB.History(ctx, id, limit)
}

type fixture struct {
	t       testing.TB
	ctx     context.Context
	db      *storage.DB
	store   *counting
	s       *Session
	article string
	changes []Change
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "s.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, ctx: ctx, db: db, store: &counting{DB: db}}
	f.s = New(f.store)
	f.s.Subscribe(func(c Change) { f.changes = append(f.changes, c) })
	if err := f.s.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportArticle(ctx, corpus.Article{Title: "Bridge", Text: articleText, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	f.article = res.Article.ID
	return f
}

func (f *fixture) claim(quote string) annotate.Claim {
	f.t.Helper()
	start := strings.Index(articleText, quote)
	a, err := annotate.NewAnchor(articleText, len([]rune(articleText[:start])), len([]rune(articleText[:start]))+len([]rune(quote)))
	if err != nil {
		f.t.Fatal(err)
	}
	ch, err := f.s.NewClaim(f.ctx, f.article, a)
	if err != nil {
		f.t.Fatal(err)
	}
	return ch.After
}

func (f *fixture) take() []Change {
	chs := f.changes
	f.changes = nil
	return chs
}

func TestSessionRefusesChangesWithoutReviewer(t *testing.T) {
	f := newFixture(t)
	s := New(f.db)
	_, err := s.NewClaim(f.ctx, f.article, annotate.Anchor{Start: 0, End: 3, Exact: "The"})
	if !storage.IsKind(err, storage.KindUsage) || storage.CodeOf(err) != storage.CodeNoReviewer {
		t.Fatalf("err = %v, want a usage error with the code %s", err, storage.CodeOf(err))
	}
	cs, _ := f.db.Claims(f.ctx, storage.ClaimFilter{})
	if len(cs) != 0 {
		t.Errorf("%d claims were written", len(cs))
	}
}

func TestSetVerdictReturnsBeforeAfterRatingsAndNotifies(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	if got := f.take(); len(got) != 1 || got[0].Kind != ClaimAdded || got[0].After.ID != c.ID {
		t.Fatalf("new claim announced %+v", got)
	}
	ch, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Disputed)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Kind != ClaimChanged || ch.Before.Verdict != annotate.Unverified || ch.After.Verdict != annotate.Disputed {
		t.Errorf("change %v: %s -> %s", ch.Kind, ch.Before.Verdict, ch.After.Verdict)
	}
	if rs := ch.After.Ratings; len(rs) != 1 || rs[0].Reviewer != "Alice" || rs[0].Verdict != annotate.Disputed {
		t.Errorf("ratings %+v", rs)
	}
	counts := ch.Counts(annotate.VerdictCounts{Unverified: 1})
	if counts != (annotate.VerdictCounts{Disputed: 1}) {
		t.Errorf("counts %+v", counts)
	}
	stored, _ := f.db.ClaimCounts(f.ctx, f.article)
	if stored != counts {
		t.Errorf("counts from the change %+v, stored %+v", counts, stored)
	}
	if got := f.take(); len(got) != 1 || got[0].After.Verdict != annotate.Disputed {
		t.Errorf("subscriber got %+v", got)
	}
	if n, _ := f.db.LastChange(f.ctx); f.s.LastChange() != n {
		t.Errorf("session's last change %d, database's %d", f.s.LastChange(), n)
	}
}

// TestVerdictRoundTrips is the figure of docs/perf/gui.md: the database calls of one verdict
// click, made by the session (the screens then update from the change without reading).
func TestVerdictRoundTrips(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	f.store.reset()
	if _, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	calls := f.store.reset()
	want := []string{"Claim", "SetVerdict", "LastChange"}
	if strings.Join(calls, ",") != strings.Join(want, ",") {
		t.Errorf("calls %v, want %v", calls, want)
	}
}

func TestUndoRedoOfEveryEdit(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	d := f.claim("The mayor said the bridge would reopen in May.")
	if _, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SetNote(f.ctx, c.ID, "", "checked with the ministry"); err != nil {
		t.Fatal(err)
	}
	if _, existed, err := f.s.LinkClaims(f.ctx, c.ID, d.ID, annotate.Supports); err != nil || existed {
		t.Fatalf("link: existed %v, %v", existed, err)
	}
	if _, existed, err := f.s.LinkClaims(f.ctx, c.ID, d.ID, annotate.Supports); err != nil || !existed {
		t.Fatalf("second link: existed %v, %v", existed, err)
	}
	if label, ok := f.s.CanUndo(); !ok || label != "link claims" {
		t.Fatalf("undo names %q", label)
	}
	f.take()

	// Undo the link, the note, the verdict.
	for _, want := range []string{"link claims", "note change", "verdict change"} {
		label, chs, err := f.s.Undo(f.ctx)
		if err != nil || label != want || len(chs) == 0 || !chs[0].Undo {
			t.Fatalf("undo %q (%d changes, %v), want %q", label, len(chs), err, want)
		}
	}
	got, _ := f.db.Claim(f.ctx, c.ID)
	links, _ := f.db.Links(f.ctx, c.ID)
	if got.Verdict != annotate.Unverified || got.Note != "" || len(links) != 0 {
		t.Errorf("after undo: %s, note %q, %d links", got.Verdict, got.Note, len(links))
	}
	if label, ok := f.s.CanRedo(); !ok || label != "verdict change" {
		t.Errorf("redo names %q", label)
	}
	for range 3 {
		if _, _, err := f.s.Redo(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = f.db.Claim(f.ctx, c.ID)
	links, _ = f.db.Links(f.ctx, c.ID)
	if got.Verdict != annotate.Confirmed || got.Note != "checked with the ministry" || len(links) != 1 {
		t.Errorf("after redo: %s, note %q, %d links", got.Verdict, got.Note, len(links))
	}
	if _, ok := f.s.CanRedo(); ok {
		t.Error("redo still offered")
	}
	if n := len(f.take()); n != 6 {
		t.Errorf("%d changes announced for 3 undos and 3 redos", n)
	}
}

func TestDeleteAndUndoBringsClaimAndLinksBack(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	d := f.claim("Witnesses counted more than twenty trucks on the road.")
	if _, _, err := f.s.LinkClaims(f.ctx, c.ID, d.ID, annotate.Contradicts); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	f.take()
	ch, err := f.s.DeleteClaim(f.ctx, c.ID)
	if err != nil || ch.Kind != ClaimRemoved || ch.Before.ID != c.ID {
		t.Fatalf("delete: %+v, %v", ch, err)
	}
	if ch.Counts(annotate.VerdictCounts{Disputed: 1, Unverified: 1}) != (annotate.VerdictCounts{Unverified: 1}) {
		t.Error("counts after delete")
	}
	if _, chs, err := f.s.Undo(f.ctx); err != nil || len(chs) != 2 || chs[0].Kind != ClaimAdded || chs[1].Kind != LinksChanged {
		t.Fatalf("undo of delete: %+v, %v", chs, err)
	}
	// The same claim: same id, its history with a "restored" entry, its links.
	back, err := f.db.Claim(f.ctx, c.ID)
	if err != nil || back.Exact != c.Exact || back.Verdict != annotate.Disputed {
		t.Fatalf("restored %+v, %v", back, err)
	}
	links, _ := f.db.Links(f.ctx, c.ID)
	if len(links) != 1 || links[0].Other(c.ID) != d.ID {
		t.Errorf("links after undo: %+v", links)
	}
	hs, _ := f.db.History(f.ctx, c.ID, 0)
	var fields []string
	for _, h := range hs {
		if h.Table == "claims" && h.RowID == c.ID {
			fields = append(fields, h.Field)
		}
	}
	if got := strings.Join(fields, ","); got != "create,verdict,delete,deleted_at" {
		t.Errorf("history of the claim: %s, want create, verdict, delete, restored", got)
	}
	// Redo deletes it again, undo restores it again: still the same id.
	if _, _, err := f.s.Redo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Claim(f.ctx, c.ID); err != nil {
		t.Errorf("after redo and undo: %v", err)
	}
}

// Undo of a claim's first verdict leaves no rating behind (no phantom "unverified" that
// agreement would count); undo of a changed verdict gives back the one before.
func TestUndoOfAVerdictLeavesNoRatingNotGiven(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	if _, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	if _, chs, err := f.s.Undo(f.ctx); err != nil || chs[0].After.Verdict != annotate.Confirmed {
		t.Fatalf("undo of the second verdict: %+v, %v", chs, err)
	}
	_, chs, err := f.s.Undo(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.db.Claim(f.ctx, c.ID)
	if len(got.Ratings) != 0 || got.Verdict != annotate.Unverified || len(chs[0].After.Ratings) != 0 {
		t.Errorf("after undoing the first verdict: ratings %+v, verdict %s", got.Ratings, got.Verdict)
	}
	if _, _, err := f.s.Redo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.db.Claim(f.ctx, c.ID); len(got.Ratings) != 1 || got.Ratings[0].Verdict != annotate.Confirmed {
		t.Errorf("after redo: %+v", got.Ratings)
	}
}

// Two reviewers who disagree make the claim contested; the counts move it to Contested; a
// settlement gives the desk's verdict.
func TestContestedAndSettled(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	if _, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetReviewer(f.ctx, "Bob"); err != nil {
		t.Fatal(err)
	}
	ch, err := f.s.SetVerdict(f.ctx, c.ID, annotate.Disputed)
	if err != nil || !ch.After.Contested || len(ch.After.Ratings) != 2 {
		t.Fatalf("Bob's rating: %+v, %v", ch.After, err)
	}
	if got := ch.Counts(annotate.VerdictCounts{Confirmed: 1}); got != (annotate.VerdictCounts{Contested: 1}) {
		t.Errorf("counts %+v", got)
	}
	ch, err = f.s.Settle(f.ctx, c.ID, annotate.Disputed)
	if err != nil || ch.After.Contested || ch.After.Verdict != annotate.Disputed || len(ch.After.Ratings) != 2 {
		t.Fatalf("settled: %+v, %v", ch.After, err)
	}
	if got := ch.Counts(annotate.VerdictCounts{Contested: 1}); got != (annotate.VerdictCounts{Disputed: 1}) {
		t.Errorf("counts after settling %+v", got)
	}
}

func TestResetForgetsUndo(t *testing.T) {
	f := newFixture(t)
	f.claim("The official death toll is 300 to 400.")
	f.s.Reset(f.db)
	if _, ok := f.s.CanUndo(); ok {
		t.Error("undo kept across databases")
	}
}

// BenchmarkSetVerdict is one verdict click as the session makes it, with the database calls
// it makes (calls/op); the screens then update from the change.
func BenchmarkSetVerdict(b *testing.B) {
	f := newFixture(b)
	c := f.claim("The official death toll is 300 to 400.")
	vs := []annotate.Verdict{annotate.Confirmed, annotate.Disputed}
	f.store.reset()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.s.SetVerdict(f.ctx, c.ID, vs[i%2]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(f.store.reset()))/float64(b.N), "calls/op")
}

// BenchmarkVerdictClickBefore is the baseline: the database calls one verdict click made
// before the session (commit f8ded30), in the same order, all on the UI goroutine: the old
// claim, the write, the change counter, the inspector's ratings and history, the article's
// counts, and the claims list's ratings (plus one claim per linked claim in the history,
// none here).
func BenchmarkVerdictClickBefore(b *testing.B) {
	f := newFixture(b)
	c := f.claim("The official death toll is 300 to 400.")
	vs := []annotate.Verdict{annotate.Confirmed, annotate.Disputed}
	ctx, db := f.ctx, f.db
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		steps := []func() error{
			func() error { _, err := db.Claim(ctx, c.ID); return err },
			func() error { _, err := db.SetVerdict(ctx, c.ID, vs[i%2]); return err },
			func() error { _, err := db.LastChange(ctx); return err },
			func() error { _, err := db.Ratings(ctx, c.ID); return err },
			func() error { _, err := db.History(ctx, c.ID, 0); return err },
			func() error { _, err := db.ClaimCounts(ctx, f.article); return err },
			func() error { _, err := db.Ratings(ctx, c.ID); return err },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(7, "calls/op")
}

// An article's record is edited field by field and undone; removing it takes its claims, and
// undo restores the same article with the same claims.
func TestArticleEditRemoveAndUndo(t *testing.T) {
	f := newFixture(t)
	c := f.claim("The official death toll is 300 to 400.")
	outlet, date := "The Northern Ledger", "2024-03-15"
	ch, err := f.s.EditArticle(f.ctx, f.article, storage.ArticleEdit{Outlet: &outlet, Published: &date})
	if err != nil || ch.Kind != ArticleChanged || ch.ArticleBefore.Outlet != "" || ch.Article.Outlet != outlet || ch.Article.Published != date || ch.Article.Text != "" {
		t.Fatalf("edit: %+v, %v", ch, err)
	}
	bad := "15/03/2024"
	if _, err := f.s.EditArticle(f.ctx, f.article, storage.ArticleEdit{Published: &bad}); !storage.IsKind(err, storage.KindUsage) || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("a bad date: %v", err)
	}
	if label, _ := f.s.CanUndo(); label != "article details" {
		t.Errorf("undo names %q", label)
	}
	if _, chs, err := f.s.Undo(f.ctx); err != nil || chs[0].Article.Outlet != "" || chs[0].Article.Published != "" {
		t.Fatalf("undo of the edit: %+v, %v", chs, err)
	}
	a, _ := f.db.Article(f.ctx, f.article)
	if a.Outlet != "" || a.Published != "" || a.Title != "Bridge" {
		t.Errorf("after undo: %+v", a.Article)
	}
	if _, _, err := f.s.Redo(f.ctx); err != nil {
		t.Fatal(err)
	}

	if n, err := f.s.ClaimsOfArticle(f.ctx, f.article); err != nil || n != 1 {
		t.Fatalf("claims of the article: %d, %v", n, err)
	}
	ch, err = f.s.RemoveArticle(f.ctx, f.article)
	if err != nil || ch.Kind != ArticleRemoved || ch.Claims != 1 {
		t.Fatalf("remove: %+v, %v", ch, err)
	}
	if arts, _ := f.db.Articles(f.ctx); len(arts) != 0 {
		t.Errorf("%d articles after the removal", len(arts))
	}
	if _, chs, err := f.s.Undo(f.ctx); err != nil || chs[0].Kind != ArticleRestored {
		t.Fatalf("undo of the removal: %+v, %v", chs, err)
	}
	a, _ = f.db.Article(f.ctx, f.article)
	if back, err := f.db.Claim(f.ctx, c.ID); err != nil || back.ID != c.ID || a.Outlet != outlet {
		t.Errorf("after restoring: claim %v, outlet %q", err, a.Outlet)
	}
}

// A subscriber that stops hears of no later change; the others still do, in their order.
func TestSubscribeStops(t *testing.T) {
	f := newFixture(t)
	var order []string
	stopA := f.s.Subscribe(func(Change) { order = append(order, "a") })
	f.s.Subscribe(func(Change) { order = append(order, "b") })
	f.claim("The official death toll is 300 to 400.")
	if strings.Join(order, "") != "ab" {
		t.Fatalf("subscribers heard %q, want \"ab\"", order)
	}
	stopA()
	stopA() // stopping twice is harmless
	order = nil
	c := f.claim("The mayor said the bridge would reopen in May.")
	if strings.Join(order, "") != "b" {
		t.Errorf("after a stopped, subscribers heard %q, want \"b\"", order)
	}
	if got := f.take(); len(got) != 2 || got[1].After.ID != c.ID {
		t.Errorf("the fixture's own subscriber heard %d changes, want both claims", len(got))
	}
}
