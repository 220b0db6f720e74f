package exportui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/corpus"
	"factdesk/corpus/corpustest"
	"factdesk/storage"
)

// fixture is a headless window over a database of the project's three test articles
// (testdata/articles) with claims in
// every verdict, sources and links, and an export dialog on it whose UI work from the export
// goroutine is handed to the test goroutine (as the driver hands it to the UI goroutine).
type fixture struct {
	t        *testing.T
	db       *storage.DB
	win      fyne.Window
	d        *Dialog
	arts     []annotate.Article
	handoffs chan func()
	acks     chan struct{}
	dir      string
}

// fixtureQuotes are the seven quotes a fixture claims, by article: English (two), French (two),
// French of another outlet (three).
type fixtureQuotes struct {
	tollEN, unverifiedEN, tollFR, notConfirmed, confirmed, unverifiedFR2, disputedFR2 string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	var paths []string
	for _, n := range corpustest.Articles {
		paths = append(paths, corpustest.Article(t, n))
	}
	return newFixtureOf(t, paths, fixtureQuotes{
		tollEN:        "300 to 400, including around forty children",
		unverifiedEN:  "each accused the other of ignoring warnings about the dam",
		tollFR:        "300 à 400 morts, dont une quarantaine d’enfants",
		notConfirmed:  "n’ont pas confirmé leur participation",
		confirmed:     "avaient confirmé leur participation",
		unverifiedFR2: "La Sorvie a décrété l’état d’urgence",
		disputedFR2:   "Ilka Varens",
	})
}

// newFixtureOf builds the fixture on the three articles at paths (English, French, French),
// claiming q in them.
func newFixtureOf(t *testing.T, paths []string, q fixtureQuotes) *fixture {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "p.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.SetReviewer(ctx, "Tess Checker"); err != nil {
		t.Fatal(err)
	}
	var parsed []corpus.Article
	for _, p := range paths {
		a, err := corpus.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, a)
	}
	res, err := db.ImportArticles(ctx, parsed)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, handoffs: make(chan func()), acks: make(chan struct{}), dir: t.TempDir()}
	claim := func(i int, quote string, v annotate.Verdict) annotate.Claim {
		a, err := annotate.FindQuote(parsed[i].Text, quote, 1)
		if err != nil {
			t.Fatal(err)
		}
		c, err := db.AddClaim(ctx, res[i].Article.ID, a, v, "Note on « "+quote[:10]+" »")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tollEN := claim(0, q.tollEN, annotate.Confirmed)
	claim(0, q.unverifiedEN, annotate.Unverified)
	tollFR := claim(1, q.tollFR, annotate.Confirmed)
	not := claim(1, q.notConfirmed, annotate.Confirmed)
	yes := claim(2, q.confirmed, annotate.Disputed)
	claim(2, q.unverifiedFR2, annotate.Unverified)
	claim(2, q.disputedFR2, annotate.Disputed)
	for _, l := range [][2]annotate.Claim{{tollEN, tollFR}, {not, yes}} {
		rel := annotate.SameClaim
		if l[0].ID == not.ID {
			rel = annotate.Contradicts
		}
		if _, err := db.LinkClaims(ctx, l[0].ID, l[1].ID, rel); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.AddSource(ctx, yes.ID, annotate.Source{URL: "https://mid-sorvia.example/press", Title: "МИД Сорвии"}, annotate.Contradicts); err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		a, err := db.Article(ctx, r.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.arts = append(f.arts, a)
	}
	f.win = test.NewTempWindow(t, widget.NewLabel(""))
	f.win.Resize(fyne.NewSize(1100, 800))
	f.d = New(db, f.win)
	// UI work from the export goroutine waits until the test goroutine has run it.
	f.d.host().Do = func(fn func()) {
		f.handoffs <- fn
		<-f.acks
	}
	return f
}

// run runs the UI work of the export goroutine, calling each (when set) after every piece,
// until the export has finished.
func (f *fixture) run(each func()) *outcome {
	f.t.Helper()
	deadline := time.After(20 * time.Second)
	for f.d.last == nil {
		select {
		case fn := <-f.handoffs:
			fn()
			if each != nil && f.d.last == nil {
				each()
			}
			f.acks <- struct{}{}
		case <-deadline:
			f.t.Fatal("the export did not finish")
		}
	}
	return f.d.last
}

// choose answers the destination form with path, as its Export button does.
func (f *fixture) choose(path string) {
	f.t.Helper()
	f.d.saveTo(path)
}

func (f *fixture) overlays() int { return len(f.win.Canvas().Overlays().List()) }

func (f *fixture) leftInDir() []string {
	entries, err := os.ReadDir(f.dir)
	if err != nil {
		f.t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestExportChosenArticlesAndVerdictsToCSV(t *testing.T) {
	exportChosenArticlesAndVerdictsToCSV(t, newFixture(t))
}

// exportChosenArticlesAndVerdictsToCSV exports the confirmed and disputed claims of the two
// French articles of f to CSV through the dialog and checks the file, the notice and the
// remembered choices.
func exportChosenArticlesAndVerdictsToCSV(t *testing.T, f *fixture) {
	t.Helper()
	f.d.Show(f.arts[2].ID) // the article open in a pane
	if f.d.scope.Selected != scopeChosen || !f.d.articleBox.Visible() {
		t.Fatalf("scope %q with an article given", f.d.scope.Selected)
	}
	f.d.format.SetSelected(report.CSV.Label())
	f.d.onArticleChecked(f.arts[1].ID, true)
	f.d.verdicts.SetSelected([]string{verdictOption(annotate.Confirmed), verdictOption(annotate.Disputed)})
	f.d.title.SetText("Velka, 9 octobre")

	before := f.overlays()
	test.Tap(f.d.exportButton)
	if f.overlays() != before+1 || f.d.message.Text != "" || f.d.destination == nil || !strings.HasSuffix(f.d.fileName.Text, ".csv") {
		t.Fatalf("Export… did not ask where to save (message %q)", f.d.message.Text)
	}
	f.win.Canvas().Overlays().Top().Hide() // the form closes itself before answering
	path := filepath.Join(f.dir, "claims.csv")
	f.choose(path)
	if !f.d.running || f.d.progress == nil || f.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no progress dialog while exporting")
	}
	out := f.run(nil)
	if out.err != nil || out.cancelled {
		t.Fatalf("export: %+v", out)
	}
	if out.result.Claims != 4 || out.result.Articles != 2 || out.result.Path != path || out.result.Bytes == 0 {
		t.Errorf("result %+v, want 4 claims (2 confirmed in the first French article, 2 disputed in the second) of 2 articles", out.result)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d CSV rows, want a header and 4 claims", len(rows))
	}
	for _, r := range rows[1:] {
		if r[7] != "confirmed" && r[7] != "disputed" || r[3] != "fr" {
			t.Errorf("row %v", r)
		}
	}
	if !strings.Contains(f.d.notice, "Export finished") || !strings.Contains(f.d.notice, "Exported 4 claims of 2 articles") {
		t.Errorf("top dialog says %q", f.d.notice)
	}
	if got := fyne.CurrentApp().Preferences().String(prefFormat); got != string(report.CSV) {
		t.Errorf("format preference %q", got)
	}
}

func TestClaimReviewNeedsTheSiteURLWhichIsRemembered(t *testing.T) {
	f := newFixture(t)
	f.d.Show()
	f.d.format.SetSelected(report.ClaimReview.Label())
	if f.d.includeUnverified.Disabled() {
		t.Error("the unverified option is disabled for ClaimReview")
	}
	before := f.overlays()
	test.Tap(f.d.exportButton)
	if f.overlays() != before || !strings.Contains(f.d.message.Text, "Published at") {
		t.Fatalf("no site URL: overlays %d→%d, message %q", before, f.overlays(), f.d.message.Text)
	}
	test.Type(f.d.siteURL, "javascript:alert(1)")
	test.Tap(f.d.exportButton)
	if f.overlays() != before || !strings.Contains(f.d.message.Text, "web address") {
		t.Fatalf("bad site URL: message %q", f.d.message.Text)
	}
	f.d.siteURL.SetText("https://factcheck.example/karabakh")
	test.Type(f.d.org, "Desk «Vérif»")
	f.d.includeUnverified.SetChecked(true)
	test.Tap(f.d.exportButton)
	if f.overlays() != before+1 {
		t.Fatalf("a valid form did not open the file chooser: %q", f.d.message.Text)
	}
	f.win.Canvas().Overlays().Top().Hide()
	path := filepath.Join(f.dir, "reviews.jsonld")
	f.choose(path)
	if out := f.run(nil); out.err != nil || out.result.Claims != 7 {
		t.Fatalf("export: %+v", out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte(`"@type": "ClaimReview"`)) + bytes.Count(b, []byte(`"@type":"ClaimReview"`)); n != 7 {
		t.Errorf("%d ClaimReviews, want 7 (unverified included)", n)
	}
	if !bytes.Contains(b, []byte("Desk «Vérif»")) || !bytes.Contains(b, []byte("https://factcheck.example/karabakh#claim-")) {
		t.Errorf("the settings are not in the export")
	}

	// The next export dialog starts with the organization and site URL.
	again := New(f.db, f.win)
	again.Show()
	if again.org.Text != "Desk «Vérif»" || again.siteURL.Text != "https://factcheck.example/karabakh" || again.selectedFormat() != report.ClaimReview {
		t.Errorf("not remembered: %q %q %s", again.org.Text, again.siteURL.Text, again.selectedFormat())
	}
	// Nothing to export is said before asking where.
	again.verdicts.SetSelected(nil)
	test.Tap(again.exportButton)
	if !strings.Contains(again.message.Text, "at least one verdict") {
		t.Errorf("no verdict: %q", again.message.Text)
	}
	again.verdicts.SetSelected(again.verdicts.Options)
	again.scope.SetSelected(scopeChosen)
	test.Tap(again.exportButton)
	if !strings.Contains(again.message.Text, "at least one article") {
		t.Errorf("no article: %q", again.message.Text)
	}
}

func TestCancelShowsProgressAndLeavesNoFile(t *testing.T) {
	f := newFixture(t)
	f.d.Show()
	f.d.format.SetSelected(report.HTML.Label())
	path := filepath.Join(f.dir, "report.html")
	f.choose(path)
	sawProgress := false
	out := f.run(func() {
		if _, err := os.Stat(path); err == nil {
			t.Error("the report is there before the export has finished")
		}
		if f.d.progress.Bar.Value > 0 && !sawProgress {
			sawProgress = true
			if !strings.Contains(f.d.progress.Label.Text, "Writing claim") {
				t.Errorf("progress label %q", f.d.progress.Label.Text)
			}
			test.Tap(f.d.progress.CancelButton)
			if f.d.progress.Label.Text != "Cancelling…" || !f.d.progress.CancelButton.Disabled() {
				t.Errorf("after Cancel: %q", f.d.progress.Label.Text)
			}
		}
	})
	if !sawProgress {
		t.Fatal("no progress was shown")
	}
	if !out.cancelled {
		t.Fatalf("outcome %+v, want cancelled", out)
	}
	if left := f.leftInDir(); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if !strings.Contains(f.d.notice, "nothing was written") {
		t.Errorf("top dialog says %q", f.d.notice)
	}
	if f.d.running {
		t.Error("still running")
	}
}

func TestFailedExportSaysWhyAndLeavesTheFolderClean(t *testing.T) {
	f := newFixture(t)
	f.d.Show()
	f.d.format.SetSelected(report.PDF.Label())
	// The database closes under the export: reading fails.
	f.db.Close()
	path := filepath.Join(f.dir, "report.pdf")
	f.choose(path)
	out := f.run(nil)
	if out.err == nil || out.cancelled {
		t.Fatalf("outcome %+v, want an error", out)
	}
	if left := f.leftInDir(); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if !strings.Contains(f.d.notice, "Exporting failed") {
		t.Errorf("top dialog says %q", f.d.notice)
	}
}

// The destination form refuses the open database and any other database, before anything is
// written, and says what to do; an ordinary file is replaced after asking.
func TestExportRefusesToOverwriteADatabase(t *testing.T) {
	f := newFixture(t)
	other, err := storage.Open(context.Background(), filepath.Join(f.dir, "other.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	before, err := os.ReadFile(f.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, words string }{
		{f.db.Path(), "is the database Factdesk has open: choose another file name"},
		{filepath.Join(f.dir, "other.db"), "is a database: choose another file name"},
	} {
		f.d.Show()
		f.d.format.SetSelected(report.HTML.Label())
		test.Tap(f.d.exportButton)
		if f.d.destination == nil {
			t.Fatal("Export… did not ask where to save")
		}
		f.d.folder.SetText(filepath.Dir(tc.path))
		f.d.fileName.SetText(filepath.Base(tc.path))
		f.d.destination.Submit() // the form's Export button
		if f.d.running || !strings.Contains(f.d.notice, "Exporting failed") || !strings.Contains(f.d.notice, tc.words) {
			t.Errorf("%s: running %v, the dialog says %q; want %q", tc.path, f.d.running, f.d.notice, tc.words)
		}
	}
	if after, err := os.ReadFile(f.db.Path()); err != nil || len(after) < len(before)/2 {
		t.Fatalf("the database was changed: %v", err)
	}
	if arts, err := f.db.Articles(context.Background()); err != nil || len(arts) != 3 {
		t.Fatalf("the database after the refused exports: %d articles, %v", len(arts), err)
	}
	// An earlier report is replaced, after asking.
	old := filepath.Join(f.dir, "old.md")
	if err := os.WriteFile(old, []byte("an earlier report"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.d.Show()
	f.d.format.SetSelected(report.Markdown.Label())
	f.choose(old)
	if f.d.confirmReplace == nil || f.d.running {
		t.Fatal("no question before replacing an existing file")
	}
	f.d.confirmReplace(true)
	if out := f.run(nil); out.err != nil {
		t.Fatalf("export over an earlier report: %v", out.err)
	}
	if b, _ := os.ReadFile(old); !bytes.HasPrefix(b, []byte("# ")) {
		t.Errorf("the earlier report was not replaced: %q", b[:min(len(b), 40)])
	}
}

// The folders of an imported file's path stay on this machine: a JSON export carries only
// the file name, unless the dialog keeps paths (Settings: the person opted in).
func TestExportCarriesOnlyFileNamesUnlessPathsAreKept(t *testing.T) {
	f := newFixture(t)
	folder := filepath.Dir(corpustest.Article(t, corpustest.Articles[0]))
	for _, keep := range []bool{false, true} {
		f.d.KeepPaths = keep
		f.d.last = nil
		f.d.Show()
		f.d.format.SetSelected(report.JSON.Label())
		test.Tap(f.d.exportButton)
		f.win.Canvas().Overlays().Top().Hide()
		path := filepath.Join(f.dir, fmt.Sprintf("keep-%v.json", keep))
		f.choose(path)
		if out := f.run(nil); out.err != nil {
			t.Fatalf("export: %+v", out)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if has := bytes.Contains(b, []byte(folder)); has != keep {
			t.Errorf("KeepPaths %v: the export holds the folder %s: %v", keep, folder, has)
		}
		if !bytes.Contains(b, []byte(filepath.Base(corpustest.Article(t, corpustest.Articles[0])))) {
			t.Errorf("KeepPaths %v: the export lost the file name", keep)
		}
	}
}
