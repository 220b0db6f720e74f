package sharing

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/uihost"
	"factdesk/corpus"
	"factdesk/storage"
)

const (
	text1 = "The minister said unemployment fell to 4.2 percent in March, the lowest level in a decade. " +
		"Critics noted that the figure excludes people who stopped looking for work."
	text2 = "Rainfall in the region was 30 percent below average this spring, according to the weather service."
)

// queue is a worker for tests: what the background work hands to the UI goroutine is queued
// and run on the test goroutine by wait.
type queue struct {
	h  *uihost.Host
	mu sync.Mutex
	fn []func()
}

func newQueue(w fyne.Window) *queue {
	q := &queue{h: uihost.New(w)}
	q.h.Do = func(f func()) {
		q.mu.Lock()
		q.fn = append(q.fn, f)
		q.mu.Unlock()
	}
	return q
}

// wait lets the background work finish and runs what it handed back, until nothing is left.
func (q *queue) wait() {
	for {
		q.h.Wait()
		q.mu.Lock()
		fns := q.fn
		q.fn = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

func openDB(t *testing.T, path, reviewer string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.SetReviewer(context.Background(), reviewer); err != nil {
		t.Fatal(err)
	}
	return db
}

func claim(t *testing.T, db *storage.DB, articleID, text, quote string) annotate.Claim {
	t.Helper()
	a, err := annotate.FindQuote(text, quote, 1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.AddClaim(context.Background(), articleID, a, annotate.Unverified, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func share(t *testing.T, db *storage.DB, name string) string {
	t.Helper()
	out := filepath.Join(filepath.Dir(db.Path()), name)
	if err := db.SaveCopy(context.Background(), out, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

// project makes Alice's and Bob's databases from one base with two claims on one article.
func project(t *testing.T) (alice, bob *storage.DB, c1, c2 annotate.Claim) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	base := openDB(t, filepath.Join(dir, "base.db"), "Alice")
	res, err := base.ImportArticle(ctx, corpus.Article{Title: "Unemployment", Text: text1})
	if err != nil {
		t.Fatal(err)
	}
	c1 = claim(t, base, res.Article.ID, text1, "unemployment fell to 4.2 percent in March")
	c2 = claim(t, base, res.Article.ID, text1, "the lowest level in a decade")
	base.Close()
	for _, n := range []string{"alice.db", "bob.db"} {
		b, _ := os.ReadFile(filepath.Join(dir, "base.db"))
		os.WriteFile(filepath.Join(dir, n), b, 0o644)
	}
	return openDB(t, filepath.Join(dir, "alice.db"), "Alice"), openDB(t, filepath.Join(dir, "bob.db"), "Bob"), c1, c2
}

func tabTitles(tabs *container.AppTabs) string {
	var out []string
	for _, it := range tabs.Items {
		out = append(out, it.Text)
	}
	return strings.Join(out, ", ")
}

func topOverlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

func TestMergeDialogPreviewsThenMerges(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	alice, bob, c1, c2 := project(t)
	alice.SetNote(ctx, c1.ID, "Alice: checked with the ministry")
	bob.SetNote(ctx, c1.ID, "Bob: the ministry retracted it") // a conflict
	bob.SetVerdict(ctx, c2.ID, annotate.Confirmed)
	res, _ := bob.ImportArticle(ctx, corpus.Article{Title: "Rainfall", Text: text2})
	claim(t, bob, res.Article.ID, text2, "30 percent below average")
	file := share(t, bob, "bob-share.db")

	w := test.NewTempWindow(t, widget.NewLabel("main window"))
	w.Resize(fyne.NewSize(1000, 700))
	q := newQueue(w)
	m := NewMergeDialog(alice, w)
	m.Host = q.h
	var merged []storage.MergeReport
	m.OnMerged = func(r storage.MergeReport) { merged = append(merged, r) }

	m.PreviewFile(file)
	q.wait()
	if m.dlg == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("no preview shown")
	}
	if text := topOverlayText(w); !strings.Contains(text, "Merge the file from Alice and Bob\n") {
		t.Errorf("preview title not in %q", text)
	}
	if got := tabTitles(m.tabs); got != "New articles (1), New claims (1), New ratings (1), Conflicts (1)" {
		t.Fatalf("preview tabs = %s", got)
	}
	if !strings.Contains(m.summary.Text, "1 new article") || !strings.Contains(m.summary.Text, "1 conflict") || m.mergeButton.Disabled() {
		t.Fatalf("summary = %q", m.summary.Text)
	}
	// Rows are whole: the new claim's quote and its article's title, wrapped, not cut off.
	rows := m.tabs.Items[1].Content.(*container.Scroll).Content.(*fyne.Container).Objects
	if l := rows[0].(*widget.Label); !strings.Contains(l.Text, "“30 percent below average”  (Rainfall, by Bob)") || l.Wrapping != fyne.TextWrapWord {
		t.Errorf("new claim row %q (wrapping %v)", l.Text, l.Wrapping)
	}
	test.Tap(m.cancelButton)
	q.wait()
	if w.Canvas().Overlays().Top() != nil || len(merged) != 0 {
		t.Fatal("cancel left the dialog or merged")
	}
	if arts, _ := alice.Articles(ctx); len(arts) != 1 {
		t.Fatalf("cancel changed the database: %d articles", len(arts))
	}

	m.PreviewFile(file)
	q.wait()
	test.Tap(m.mergeButton)
	q.wait()
	if len(merged) != 1 || !merged[0].Committed || len(merged[0].Conflicts) != 1 {
		t.Fatalf("OnMerged got %+v", merged)
	}
	if text := topOverlayText(w); !strings.Contains(text, "Merged:") || !strings.Contains(text, "1 conflict to settle") ||
		!strings.Contains(text, "View > Conflicts to settle…") {
		t.Fatalf("result dialog says %q", text)
	}
	// The report offers to settle the conflicts now.
	settled := 0
	m.OnSettle = func() { settled++ }
	if m.settleButton == nil {
		t.Fatal("no Settle conflicts now button after a merge with conflicts")
	}
	test.Tap(m.settleButton)
	if settled != 1 || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Settle conflicts now: OnSettle %d times, report still shown %v", settled, w.Canvas().Overlays().Top() != nil)
	}
	if c, _ := alice.Claim(ctx, c1.ID); c.Note != "Alice: checked with the ministry" {
		t.Fatalf("the note in conflict was replaced: %+v", c)
	}
	if c, _ := alice.Claim(ctx, c2.ID); c.Verdict != annotate.Confirmed || len(c.Ratings) != 1 || c.Ratings[0].Reviewer != "Bob" {
		t.Fatalf("Bob's rating was not taken: %+v", c)
	}

	// The same file again: nothing to merge.
	m.PreviewFile(file)
	q.wait()
	if !m.mergeButton.Disabled() || !strings.Contains(m.summary.Text, "Nothing new") {
		t.Fatalf("second preview: %q, merge enabled %v", m.summary.Text, !m.mergeButton.Disabled())
	}
}

func TestMergeDialogShowsRefusals(t *testing.T) {
	test.NewTempApp(t)
	alice, _, _, _ := project(t)
	bad := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(bad, []byte(strings.Repeat("not a database\n", 20)), 0o644)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(900, 600))
	q := newQueue(w)
	m := NewMergeDialog(alice, w)
	m.Host = q.h
	m.PreviewFile(bad)
	q.wait()
	if text := topOverlayText(w); !strings.Contains(text, "not an SQLite file") || m.dlg != nil {
		t.Fatalf("refusal shown as %q", text)
	}
}

// conflicted makes a verdict conflict and a note conflict in Alice's database.
func conflicted(t *testing.T) (alice *storage.DB, c1, c2 annotate.Claim) {
	ctx := context.Background()
	alice, bob, c1, c2 := project(t)
	alice.SetNote(ctx, c1.ID, "Alice: confirmed by the agency")
	bob.SetNote(ctx, c1.ID, "Bob: disputed by the union")
	alice.SetNote(ctx, c2.ID, "Alice: from the bulletin")
	bob.SetNote(ctx, c2.ID, "Bob: the survey changed")
	if _, err := alice.Merge(ctx, share(t, bob, "b.db")); err != nil {
		t.Fatal(err)
	}
	return alice, c1, c2
}

func TestConflictsPanelResolvesBothWays(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	alice, c1, c2 := conflicted(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	p := NewConflictsPanel(alice, w)
	p.Host = q.h
	changed := 0
	p.OnChanged = func() { changed++ }
	var shown []string
	p.OnSelectClaim = func(claimID, _ string) { shown = append(shown, claimID) }
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(1000, 600))
	q.wait()
	if len(p.conflicts) != 2 || !p.keepMineButton.Disabled() {
		t.Fatalf("conflicts = %d, buttons enabled before a selection", len(p.conflicts))
	}
	find := func(claimID string) int {
		for i, c := range p.conflicts {
			if c.RowID == claimID {
				return i
			}
		}
		t.Fatalf("no conflict on %s", claimID)
		return -1
	}

	// The first note: take theirs.
	p.list.Select(find(c1.ID))
	if !strings.Contains(p.mineLabel.Text, "confirmed by the agency") || !strings.Contains(p.mineLabel.Text, "Alice") ||
		!strings.Contains(p.theirsLabel.Text, "disputed by the union") || !strings.Contains(p.theirsLabel.Text, "Bob") {
		t.Fatalf("detail: mine %q, theirs %q", p.mineLabel.Text, p.theirsLabel.Text)
	}
	if len(shown) != 1 || shown[0] != c1.ID {
		t.Fatalf("OnSelectClaim got %v", shown)
	}
	test.Tap(p.keepTheirs)
	q.wait()
	if c, _ := alice.Claim(ctx, c1.ID); c.Note != "Bob: disputed by the union" {
		t.Fatalf("after taking theirs: %+v", c)
	}
	if len(p.conflicts) != 1 || changed != 1 {
		t.Fatalf("after one resolution: %d conflicts listed, OnChanged %d", len(p.conflicts), changed)
	}

	// The second note: an edited value.
	p.list.Select(find(c2.ID))
	if !p.editEntry.Visible() || p.editEntry.Text != "Alice: from the bulletin" {
		t.Fatalf("edit entry = %q", p.editEntry.Text)
	}
	p.editEntry.SetText("Both: bulletin, survey changed")
	test.Tap(p.editButton)
	q.wait()
	if c, _ := alice.Claim(ctx, c2.ID); c.Note != "Both: bulletin, survey changed" {
		t.Fatalf("after editing: %+v", c)
	}
	if len(p.conflicts) != 0 || !strings.Contains(p.emptyLabel.Text, "No conflicts") {
		t.Fatalf("after both: %d conflicts, %q", len(p.conflicts), p.emptyLabel.Text)
	}
}

func TestConflictsPanelKeepMine(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	alice, c1, _ := conflicted(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	p := NewConflictsPanel(alice, w)
	p.Host = q.h
	w.SetContent(p.Content())
	q.wait()
	for i, c := range p.conflicts {
		if c.RowID == c1.ID {
			p.list.Select(i)
		}
	}
	test.Tap(p.keepMineButton)
	q.wait()
	if c, _ := alice.Claim(ctx, c1.ID); c.Note != "Alice: confirmed by the agency" {
		t.Fatalf("after keeping mine: %+v", c)
	}
	all, _ := alice.Conflicts(ctx, storage.ConflictFilter{All: true})
	resolved := 0
	for _, c := range all {
		if c.Resolved && c.Resolution == storage.KeepMine && c.ResolvedBy == "Alice" {
			resolved++
		}
	}
	if resolved != 1 || len(p.conflicts) != 1 {
		t.Fatalf("resolved %d, still listed %d", resolved, len(p.conflicts))
	}
}

// rated makes Alice and Bob rate three claims, disagreeing on one.
func rated(t *testing.T) (*storage.DB, annotate.Claim) {
	ctx := context.Background()
	alice, bob, c1, c2 := project(t)
	arts, _ := alice.Articles(ctx)
	c3 := claim(t, alice, arts[0].ID, text1, "Critics noted")
	if _, err := bob.Merge(ctx, share(t, alice, "a0.db")); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		db *storage.DB
		c  annotate.Claim
		v  annotate.Verdict
	}{{alice, c1, annotate.Confirmed}, {alice, c2, annotate.Confirmed}, {alice, c3, annotate.Disputed},
		{bob, c1, annotate.Confirmed}, {bob, c2, annotate.Disputed}, {bob, c3, annotate.Disputed}} {
		if _, err := x.db.SetVerdict(ctx, x.c.ID, x.v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := alice.Merge(ctx, share(t, bob, "b1.db")); err != nil {
		t.Fatal(err)
	}
	return alice, c2
}

func TestAgreementView(t *testing.T) {
	test.NewTempApp(t)
	alice, c2 := rated(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	v := NewAgreementView(alice, w)
	v.Host = q.h
	var opened []string
	v.OnSelectClaim = func(id, _ string) { opened = append(opened, id) }
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(900, 700))
	q.wait()
	want := annotate.Agreement([]annotate.Rating{
		{Item: "1", Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: "1", Reviewer: "Bob", Verdict: annotate.Confirmed},
		{Item: "2", Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: "2", Reviewer: "Bob", Verdict: annotate.Disputed},
		{Item: "3", Reviewer: "Alice", Verdict: annotate.Disputed}, {Item: "3", Reviewer: "Bob", Verdict: annotate.Disputed},
	})
	if v.percentLabel.Text != "66.7%" || !strings.HasPrefix(v.kappaLabel.Text, fmt.Sprintf("%.3f (Alice and Bob)", want.Pairs[0].Kappa)) ||
		!strings.HasPrefix(v.alphaLabel.Text, fmt.Sprintf("%.3f", want.KrippendorffAlpha)) {
		t.Fatalf("figures: %q / %q / %q; want kappa %.3f alpha %.3f", v.percentLabel.Text, v.kappaLabel.Text, v.alphaLabel.Text, want.Pairs[0].Kappa, want.KrippendorffAlpha)
	}
	if len(v.pairs.Objects) != 1 || len(v.result.Disagreements) != 1 || !strings.Contains(v.summaryLabel.Text, "3 claims") {
		t.Fatalf("pairs %d, disagreements %d, summary %q", len(v.pairs.Objects), len(v.result.Disagreements), v.summaryLabel.Text)
	}
	if got := v.disagreementText(0); !strings.Contains(got, "the lowest level") || !strings.Contains(got, "Alice ✓ Confirmed") || !strings.Contains(got, "Bob ✗ Disputed") {
		t.Fatalf("disagreement row = %q", got)
	}
	if len(v.rows) != 1 || v.listTab.Text != "Disagreements to discuss (1)" {
		t.Fatalf("%d rows, tab %q", len(v.rows), v.listTab.Text)
	}
	// The whole quote and title, not their first words.
	it := v.result.Details[v.result.Disagreements[0].Item]
	if !strings.Contains(v.rows[0].text.Text, it.Quote) || !strings.Contains(v.rows[0].text.Text, it.ArticleTitle) {
		t.Errorf("row %q lacks the quote %q or the title %q", v.rows[0].text.Text, it.Quote, it.ArticleTitle)
	}
	test.Tap(v.rows[0].open)
	if len(opened) != 1 || opened[0] != c2.ID {
		t.Fatalf("OnSelectClaim got %v", opened)
	}
	// The confusion table: Alice confirmed, Bob disputed: 1.
	grid := v.pairs.Objects[0].(*widget.Card).Content.(*fyne.Container)
	if cell := grid.Objects[4+2].(*widget.Label).Text; cell != "1" {
		t.Fatalf("confusion cell (confirmed, disputed) = %q", cell)
	}
	test.AssertObjectRendersToMarkup(t, "agreement_pair.xml", v.pairs.Objects[0])
}

func TestAgreementViewWithoutRatings(t *testing.T) {
	test.NewTempApp(t)
	alice, _, _, _ := project(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	v := NewAgreementView(alice, w)
	v.Host = q.h
	w.SetContent(v.Content())
	q.wait()
	if !strings.Contains(v.summaryLabel.Text, "No claim was rated by two") || v.percentLabel.Text != "—" {
		t.Fatalf("empty agreement: %q %q", v.summaryLabel.Text, v.percentLabel.Text)
	}
}

func TestReviewerFilter(t *testing.T) {
	test.NewTempApp(t)
	alice, c2 := rated(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	f := NewReviewerFilter(alice, w)
	f.Host = q.h
	w.SetContent(f.Content())
	w.Resize(fyne.NewSize(900, 600))
	q.wait()
	if len(f.claims) != 3 || strings.Join(f.reviewerSelect.Options, ",") != "All reviewers,Alice,Bob" {
		t.Fatalf("all: %d claims, options %v", len(f.claims), f.reviewerSelect.Options)
	}
	f.SelectReviewer("Bob")
	q.wait()
	if len(f.claims) != 3 || f.countLabel.Text != "3 rated claims" {
		t.Fatalf("Bob: %d claims (%q)", len(f.claims), f.countLabel.Text)
	}
	test.Tap(f.disagreementsCheck)
	q.wait()
	if len(f.claims) != 1 || f.claims[0].ID != c2.ID || !strings.Contains(ratingsText(f.claims[0]), "(disagree)") {
		t.Fatalf("disagreements: %+v", f.claims)
	}
	var opened []string
	f.OnSelectClaim = func(id, _ string) { opened = append(opened, id) }
	f.list.Select(0)
	if len(opened) != 1 || opened[0] != c2.ID {
		t.Fatalf("OnSelectClaim got %v", opened)
	}
}

func TestOpenSharedReadOnlyAndAsWorkingDatabase(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	alice, _, _, _ := project(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(900, 600))
	q := newQueue(w)
	out := share(t, alice, "alice-share.db")
	before, _ := os.ReadFile(out)

	o := NewOpenShared(w)
	o.Host = q.h
	var opened *storage.DB
	var incoming *storage.Incoming
	o.OnOpened = func(db *storage.DB, in *storage.Incoming) { opened, incoming = db, in }
	o.Open(out)
	q.wait()
	if opened == nil || !opened.ReadOnly() {
		t.Fatal("the shared file was not opened read-only")
	}
	if cs, err := opened.Claims(ctx, storage.ClaimFilter{}); err != nil || len(cs) != 2 {
		t.Fatalf("claims of the opened file = %d, %v", len(cs), err)
	}
	var switched string
	o.OnSwitch = func(p string) { switched = p }
	dest := filepath.Join(t.TempDir(), "working.db")
	o.UseAsWorking(incoming, dest)
	q.wait()
	opened.Close()
	incoming.Close()
	if switched != dest {
		t.Fatalf("OnSwitch got %q", switched)
	}
	work := openDB(t, dest, "Carol")
	if cs, _ := work.Claims(ctx, storage.ClaimFilter{}); len(cs) != 2 {
		t.Fatalf("the new working database has %d claims", len(cs))
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Fatal("opening the shared file changed it")
	}
}

func TestShowLocationWarning(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(900, 600))
	if ShowLocationWarning(w, filepath.Join(t.TempDir(), "work.db")) || w.Canvas().Overlays().Top() != nil {
		t.Fatal("a warning for a local folder")
	}
	if !ShowLocationWarning(w, filepath.Join(t.TempDir(), "OneDrive", "work.db")) || !strings.Contains(topOverlayText(w), "OneDrive") {
		t.Fatalf("no OneDrive warning: %q", topOverlayText(w))
	}
}

// A deletion against an edit is settled by keeping one side: the panel offers no value of
// one's own for it. For a note, the edit box shows without scrolling at the dialog's size.
func TestConflictsPanelDeleteConflictAndEditBoxInView(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	alice, bob, c1, c2 := project(t)
	if err := alice.DeleteClaim(ctx, c1.ID); err != nil {
		t.Fatal(err)
	}
	bob.SetVerdict(ctx, c1.ID, annotate.Disputed)
	alice.SetNote(ctx, c2.ID, "Alice: "+strings.Repeat("from the bulletin of the statistics office, ", 4))
	bob.SetNote(ctx, c2.ID, "Bob: "+strings.Repeat("the survey changed its method in January, ", 4))
	if _, err := alice.Merge(ctx, share(t, bob, "b.db")); err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1280, 800))
	q := newQueue(w)
	p := NewConflictsPanel(alice, w)
	p.Host = q.h
	p.ShowDialog()
	q.wait()
	pick := func(field string) {
		t.Helper()
		for i, c := range p.conflicts {
			if c.Field == field {
				p.list.Select(i)
				return
			}
		}
		t.Fatalf("no %s conflict in %+v", field, p.conflicts)
	}
	pick("delete")
	if p.editBox.Visible() {
		t.Error("a delete-versus-edit conflict offers to write a value")
	}
	if !strings.Contains(p.mineLabel.Text+p.theirsLabel.Text, "deleted it") || p.keepMineButton.Disabled() || p.keepTheirs.Disabled() {
		t.Errorf("delete conflict sides: %q / %q", p.mineLabel.Text, p.theirsLabel.Text)
	}
	pick("note")
	if !p.editBox.Visible() || !p.editEntry.Visible() {
		t.Fatal("no edit box for a note conflict")
	}
	if need, have := p.detail.MinSize().Height, p.detailScroll.Size().Height; need > have {
		t.Errorf("the edit box needs scrolling: the detail is %v tall in %v", need, have)
	}
}

func TestJoinNames(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"Alice"}, "Alice"}, {[]string{"Alice", "Bob"}, "Alice and Bob"}, {[]string{"Alice", "Bob", "Carol"}, "Alice, Bob and Carol"}} {
		if got := JoinNames(c.in); got != c.want {
			t.Errorf("JoinNames(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Escape in a screen's list or entry, which keep the key from the window once clicked, goes
// to the host (which closes the dialog).
func TestEscapeInListsAndEntriesGoesToTheHost(t *testing.T) {
	test.NewTempApp(t)
	alice, _, _ := conflicted(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	p := NewConflictsPanel(alice, w)
	p.Host = q.h
	escapes := 0
	p.Escape = func() { escapes++ }
	w.SetContent(p.Content())
	q.wait()
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	p.editEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if escapes != 2 {
		t.Errorf("Escape reached the host %d times, want 2", escapes)
	}
}

// The preview says which claims of the file become one with a claim here (the same span) and
// which overlap one without being the same span (to link as the same claim).
func TestMergePreviewShowsClaimsMadeOneAndOverlaps(t *testing.T) {
	test.NewTempApp(t)
	alice, bob, c1, _ := project(t)
	art := c1.ArticleID
	claim(t, alice, art, text1, "Critics noted")
	claim(t, bob, art, text1, "Critics noted")
	claim(t, alice, art, text1, "said unemployment fell")
	claim(t, bob, art, text1, "minister said unemployment fell")
	file := share(t, bob, "bob-share.db")
	w := test.NewTempWindow(t, widget.NewLabel("main window"))
	w.Resize(fyne.NewSize(1000, 700))
	q := newQueue(w)
	m := NewMergeDialog(alice, w)
	m.Host = q.h
	m.PreviewFile(file)
	q.wait()
	titles := tabTitles(m.tabs)
	if !strings.Contains(titles, "Made one claim (1)") || !strings.Contains(titles, "Overlapping claims (1)") {
		t.Fatalf("preview tabs = %s", titles)
	}
	for _, it := range m.tabs.Items {
		if strings.HasPrefix(it.Text, "Overlapping claims") {
			l := it.Content.(*container.Scroll).Content.(*fyne.Container).Objects[0].(*widget.Label)
			if !strings.Contains(l.Text, "“said unemployment fell”") || !strings.Contains(l.Text, "“minister said unemployment fell”") {
				t.Errorf("overlap row %q", l.Text)
			}
		}
	}
}

// The conflicts panel offers to link claims whose spans overlap heavily as the same claim;
// once linked they are offered no more.
func TestConflictsPanelOffersToLinkOverlaps(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	alice, bob, c1, _ := project(t)
	a := claim(t, alice, c1.ArticleID, text1, "said unemployment fell")
	claim(t, bob, c1.ArticleID, text1, "minister said unemployment fell")
	if _, err := alice.Merge(ctx, share(t, bob, "b.db")); err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	q := newQueue(w)
	p := NewConflictsPanel(alice, w)
	p.Host = q.h
	changed := 0
	p.OnChanged = func() { changed++ }
	w.SetContent(p.Content())
	w.Resize(dialogSize)
	q.wait()
	if p.overlapTab.Text != "Overlapping claims (1)" || len(p.linkButtons) != 1 {
		t.Fatalf("tab %q, %d offers", p.overlapTab.Text, len(p.linkButtons))
	}
	test.Tap(p.linkButtons[0])
	q.wait()
	links, _ := alice.Links(ctx, a.ID)
	if len(links) != 1 || links[0].Relation != annotate.SameClaim || changed != 1 {
		t.Fatalf("links %+v, OnChanged %d", links, changed)
	}
	if p.overlapTab.Text != "Overlapping claims (0)" {
		t.Errorf("still offered: %q", p.overlapTab.Text)
	}
}
