package storage_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/storage"
)

// rpClaimReviews renders m as ClaimReview and returns each review, by the claim id of its url.
func rpClaimReviews(t *testing.T, m report.Model) map[string]map[string]any {
	t.Helper()
	m.Settings = report.Settings{SiteURL: "https://factcheck.example/r", Organization: "Desk", IncludeUnverified: true}
	var list []map[string]any
	if err := json.Unmarshal(rpExport(t, report.ClaimReview, m), &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, r := range list {
		u := r["url"].(string)
		out[u[strings.Index(u, "#claim-")+len("#claim-"):]] = r
	}
	return out
}

// rpAppearances lists the headlines of a ClaimReview's appearances, in order.
func rpAppearances(review map[string]any) []string {
	var out []string
	for _, a := range review["itemReviewed"].(map[string]any)["appearance"].([]any) {
		out = append(out, a.(map[string]any)["headline"].(string))
	}
	return out
}

// An export of one article, or of one verdict, still knows the claims its claims are linked
// to in other articles: ClaimReview appearances are those of an export of everything, the
// reports name the other claims as text, the CSV lists them, and nothing counts them.
func TestScopedExportsKeepCrossArticleLinks(t *testing.T) {
	ctx := context.Background()
	f := rpFixtureDB(t)
	en, fr, ru := f.articles[0], f.articles[1], f.articles[2]
	// A third appearance of the death toll, joined to the French one only: the English claim
	// reaches it through a claim out of scope.
	anchor, err := annotate.FindQuote(ru.Text, "Ilka Varens doit aussi rencontrer les assureurs", 1)
	if err != nil {
		t.Fatal(err)
	}
	third, err := f.db.AddClaim(ctx, ru.ID, anchor, annotate.Unverified, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.LinkClaims(ctx, f.claims["toll-fr"].ID, third.ID, annotate.SameClaim); err != nil {
		t.Fatal(err)
	}
	full, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fullReviews := rpClaimReviews(t, full)

	one, err := f.db.ReportModel(ctx, []string{en.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Related: the same claims in French and Russian (the second through the first) and the
	// claim two English claims contradict; their articles without text; the links.
	toll, tollFR, confirmed := f.claims["toll-en"], f.claims["toll-fr"], f.claims["confirmed"]
	if got := rpIDs(one.Related.Claims, func(c annotate.Claim) string { return c.ID }); !slices.Equal(got, rpIDs([]string{tollFR.ID, third.ID, confirmed.ID}, func(s string) string { return s })) {
		t.Errorf("related claims %v", got)
	}
	if len(one.Related.Articles) != 2 || one.Related.Articles[0].Text != "" || one.Related.Articles[0].SHA256 == "" || one.Related.Articles[0].Title == "" {
		t.Errorf("related articles %+v", one.Related.Articles)
	}
	if len(one.Related.Links) != 3 { // toll-en = toll-fr, toll-fr = third, unclear contradicts confirmed
		t.Errorf("%d related links, want 3", len(one.Related.Links))
	}
	if len(one.Articles) != 1 || len(one.Claims) != 3 || one.Articles[0].Counts.Total() != 3 {
		t.Errorf("scope: %d articles, %d claims", len(one.Articles), len(one.Claims))
	}
	for what, pair := range rpScopeExtras(one, full.Filter([]string{en.ID}, nil)) {
		if !slices.Equal(pair[0], pair[1]) {
			t.Errorf("%s: %v, want %v (as Model.Filter keeps)", what, pair[0], pair[1])
		}
	}

	// ClaimReview: the same review as in an export of everything, with three appearances.
	reviews := rpClaimReviews(t, one)
	got, want := reviews[toll.ID], fullReviews[toll.ID]
	if !slices.Equal(rpAppearances(got), rpAppearances(want)) || len(rpAppearances(got)) != 3 {
		t.Errorf("appearances %q, want %q (three articles)", rpAppearances(got), rpAppearances(want))
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if !bytes.Equal(gj, wj) {
		t.Errorf("the review of one article's export differs from the full export's:\n%s\n%s", gj, wj)
	}

	// The reports name the claims out of scope, never link to them, and count only the scope.
	html := string(rpExport(t, report.HTML, one))
	md := string(rpExport(t, report.Markdown, one))
	for _, out := range []string{html, md} {
		if !strings.Contains(out, "Same claim as") || !strings.Contains(out, "Contradicts") ||
			!strings.Contains(out, "in «"+fr.Title+"», not in this report") || !strings.Contains(out, "in «"+ru.Title+"», not in this report") {
			t.Errorf("a report of one article lacks its links to others:\n%s", out[:min(len(out), 400)])
		}
		if strings.Contains(out, "#"+report.ClaimAnchor(tollFR.ID)) || strings.Contains(out, "#"+report.ClaimAnchor(confirmed.ID)) {
			t.Error("a report links to a claim it does not hold")
		}
	}
	if !strings.Contains(html, "1 article, 3 claims") || !strings.Contains(md, "1 article, 3 claims") {
		t.Error("the summary counts claims out of scope")
	}
	// The CSV lists every link of the claims, out of scope too.
	rows, err := csv.NewReader(bytes.NewReader(rpExport(t, report.CSV, one))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var links string
	for _, r := range rows[1:] {
		links += r[10] + "\n"
	}
	for _, id := range []string{tollFR.ID, confirmed.ID} {
		if !strings.Contains(links, id) {
			t.Errorf("the CSV links column lacks %s:\n%s", id, links)
		}
	}
	// The data exports hold the scope only, and read back.
	data := rpExport(t, report.JSON, one)
	back, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the JSON export of one article does not read back: %v", err)
	}
	if len(back.Claims) != 3 || bytes.Contains(data, []byte(tollFR.ID)) {
		t.Errorf("the JSON export holds claims out of scope")
	}
	w3c := rpExport(t, report.W3C, one)
	if _, err := report.ReadW3C(bytes.NewReader(w3c)); err != nil {
		t.Fatalf("the W3C export of one article does not read back: %v", err)
	}
	if bytes.Contains(w3c, []byte(tollFR.ID)) {
		t.Error("the W3C export links to a claim it does not hold")
	}

	// By verdict: the unverified claim, alone in scope, still appears in three articles.
	unv, err := f.db.ReportModel(ctx, nil, []annotate.Verdict{annotate.Unverified})
	if err != nil {
		t.Fatal(err)
	}
	r := rpClaimReviews(t, unv)[third.ID]
	if r == nil || len(rpAppearances(r)) != 3 || !slices.Equal(rpAppearances(r), rpAppearances(fullReviews[third.ID])) {
		t.Errorf("unverified only: appearances %v, want %v", rpAppearances(r), rpAppearances(fullReviews[third.ID]))
	}
	for what, pair := range rpScopeExtras(unv, full.Filter(nil, []annotate.Verdict{annotate.Unverified})) {
		if !slices.Equal(pair[0], pair[1]) {
			t.Errorf("unverified: %s: %v, want %v (as Model.Filter keeps)", what, pair[0], pair[1])
		}
	}
	// A deleted link or claim is not followed.
	if err := f.db.DeleteClaim(ctx, tollFR.ID); err != nil {
		t.Fatal(err)
	}
	one, err = f.db.ReportModel(ctx, []string{en.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := rpIDs(one.Related.Claims, func(c annotate.Claim) string { return c.ID }); len(got) != 1 || got[0] != confirmed.ID {
		t.Errorf("after deleting the French claim: related %v, want only the contradicted claim", got)
	}
}

// rpTombstones lists a model's tombstones as "table id by" strings, sorted.
func rpTombstones(m report.Model) []string {
	var out []string
	for _, d := range m.Deleted.Articles {
		out = append(out, "articles "+d.Row.ID+" "+d.By+" "+d.At.String())
	}
	for _, d := range m.Deleted.Claims {
		out = append(out, "claims "+d.Row.ID+" "+d.By+" "+d.At.String())
	}
	for _, d := range m.Deleted.Sources {
		out = append(out, "sources "+d.Row.ID+" "+d.By+" "+d.At.String())
	}
	for _, d := range m.Deleted.Links {
		out = append(out, "links "+d.Row.ID+" "+d.By+" "+d.At.String())
	}
	slices.Sort(out)
	return out
}

// The JSON export carries the deletions, and import-json restores them as deletions: a new
// database rebuilt from the file has the same tombstones and history, a row live here that
// the file deleted is deleted unless it changed here since, and nothing comes back to life.
func TestImportJSONRestoresDeletions(t *testing.T) {
	ctx := context.Background()
	f := rpFixtureDB(t)
	before, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	older := rpExport(t, report.JSON, before) // before the deletions below

	// Deletions: an article (with its claims), a claim (with its links), and, in the file, a
	// source (sources are deleted by merges only; here the export is edited).
	if _, err := f.db.SetReviewer(ctx, "Дмитрий Орлов"); err != nil {
		t.Fatal(err)
	}
	fr := f.articles[1]
	if err := f.db.DeleteArticle(ctx, fr.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.DeleteClaim(ctx, f.claims["unclear"].ID); err != nil {
		t.Fatal(err)
	}
	after, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Deleted.Articles) != 1 || len(after.Deleted.Claims) != 4 {
		t.Fatalf("tombstones %v", rpTombstones(after))
	}
	// The source of "confirmed" (МИД) deleted, as a merge would, with its link.
	var src annotate.Source
	for i, l := range after.Links {
		if l.SourceID != "" && l.ClaimID == f.claims["confirmed"].ID {
			src = *l.Source
			after.Deleted.Links = append(after.Deleted.Links, report.Deleted[annotate.Link]{Row: l, At: after.Settings.Generated, By: "Дмитрий Орлов"})
			after.Links = slices.Delete(after.Links, i, i+1)
			break
		}
	}
	for i, s := range after.Sources {
		if s.ID == src.ID {
			after.Sources = slices.Delete(after.Sources, i, i+1)
			after.Deleted.Sources = append(after.Deleted.Sources, report.Deleted[annotate.Source]{Row: s, At: fr.ImportedAt.AddDate(0, 0, 1), By: "Дмитрий Орлов"})
		}
	}
	after.Deleted.Links[len(after.Deleted.Links)-1].At = fr.ImportedAt.AddDate(0, 0, 1)
	newer := rpExport(t, report.JSON, after)
	file := rpReadJSON(t, newer)

	// A new database rebuilt from the file: the same live rows and the same tombstones.
	dst := rpOpen(t, filepath.Join(t.TempDir(), "rebuilt.db"), "Zoé Importer")
	rep, err := dst.ImportJSON(ctx, file, "newer.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Tombstones.Articles != 1 || rep.Tombstones.Claims != 4 || rep.Tombstones.Sources != 1 || len(rep.Skipped) != 0 {
		t.Errorf("rebuild: %+v", rep)
	}
	got, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := rpTombstones(got), rpTombstones(file); !slices.Equal(g, w) {
		t.Errorf("tombstones after the rebuild:\n got %q\nwant %q", g, w)
	}
	rpSameContent(t, got, file)
	if len(got.History) != len(file.History)+2 { // and the deletions of the source and its link, which the file's history lacks
		t.Errorf("history: %d entries, want the file's %d and the deletions of the source and its link", len(got.History), len(file.History))
	}
	if _, err := dst.Article(ctx, fr.ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("the deleted article is live after the rebuild: %v", err)
	}
	if _, err := dst.Claim(ctx, f.claims["unclear"].ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("the deleted claim is live after the rebuild: %v", err)
	}
	for _, q := range []string{"written", "bilan"} { // the notes of two deleted claims
		hits, err := dst.Search(ctx, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Kind == "claim" && (h.ClaimID == f.claims["unclear"].ID || h.ClaimID == f.claims["toll-fr"].ID) {
				t.Errorf("search for %q finds the deleted claim %s", q, h.ClaimID)
			}
		}
	}
	// Again: nothing changes.
	n := rpHistoryCount(t, dst)
	again, err := dst.ImportJSON(ctx, file, "newer.json")
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() || rpHistoryCount(t, dst) != n {
		t.Errorf("second import: %+v", again)
	}
	// The older file (those rows live) brings none of them back to life: only the article,
	// as importing its text again would, and none of its claims or links.
	old, err := dst.ImportJSON(ctx, rpReadJSON(t, older), "older.json")
	if err != nil {
		t.Fatal(err)
	}
	if old.NewClaims != 0 || old.NewLinks != 0 || old.NewArticles != 1 || len(old.LeftDeleted) != 3 {
		t.Errorf("older file over newer deletions: %+v", old)
	}

	// A database with the older state: the newer file deletes what did not change here since,
	// and leaves live (and reports) what did.
	mid := rpOpen(t, filepath.Join(t.TempDir(), "mid.db"), "Zoé Importer")
	if _, err := mid.ImportJSON(ctx, rpReadJSON(t, older), "older.json"); err != nil {
		t.Fatal(err)
	}
	edited := f.claims["not-confirmed"] // in the French article
	if _, err := mid.SetNote(ctx, edited.ID, "Checked again here."); err != nil {
		t.Fatal(err)
	}
	upd, err := mid.ImportJSON(ctx, file, "newer.json")
	if err != nil {
		t.Fatal(err)
	}
	deleted := map[string]bool{}
	for _, r := range upd.Deleted {
		deleted[r.ID] = true
	}
	if !deleted[f.claims["unclear"].ID] || !deleted[f.claims["toll-fr"].ID] || !deleted[src.ID] || deleted[edited.ID] || deleted[fr.ID] {
		t.Errorf("deleted here: %+v", upd.Deleted)
	}
	kept := map[string]string{}
	for _, r := range upd.KeptLive {
		kept[r.ID] = r.Reason
	}
	if !strings.Contains(kept[edited.ID], "changed here since (1 change") || !strings.Contains(kept[fr.ID], "1 claim is") || len(kept) != 2 {
		t.Errorf("kept live: %+v", upd.KeptLive)
	}
	if !strings.Contains(upd.Summary(), "deleted here as in the file") || !strings.Contains(upd.Summary(), "2 deleted in the file but changed here") {
		t.Errorf("summary %q", upd.Summary())
	}
	if _, err := mid.Claim(ctx, edited.ID); err != nil {
		t.Errorf("the claim changed here was deleted: %v", err)
	}
	if _, err := mid.Claim(ctx, f.claims["unclear"].ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("the claim deleted in the file is live: %v", err)
	}
	h, err := mid.History(ctx, f.claims["unclear"].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if last := h[len(h)-1]; last.Field != "delete" || last.Reviewer != "Дмитрий Орлов" {
		t.Errorf("the deletion's history entry is not the file's: %+v", last)
	}
}

// import-json keeps reviewer ids and does not make a second reviewer of the importing
// person's name: a re-export lists the reviewers of the rows, once each; the report counts
// the file's history entries apart from those the import records.
func TestImportJSONReviewersByIDAndHistoryCounts(t *testing.T) {
	ctx := context.Background()
	origin := rpOpen(t, filepath.Join(t.TempDir(), "a.db"), "root")
	arts := rpImportSeeds(t, origin, rpSeedFiles[0])
	anchor, err := annotate.FindQuote(arts[0].Text, "300 to 400", 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := origin.AddClaim(ctx, arts[0].ID, anchor, annotate.Confirmed, ""); err != nil {
		t.Fatal(err)
	}
	m, err := origin.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Reviewers) != 1 {
		t.Fatalf("origin reviewers %+v", m.Reviewers)
	}
	data := rpExport(t, report.JSON, m)

	// Another database whose reviewer has the same name (another id).
	dst := rpOpen(t, filepath.Join(t.TempDir(), "b.db"), "root")
	rep, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "a.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewHistory != len(m.History) || rep.OwnHistory != 2 || rep.NewReviewers != 1 {
		t.Errorf("counts: %d restored, %d recorded, %d reviewers; want %d (the file's), 2 (the reviewer kept by id and the import), 1",
			rep.NewHistory, rep.OwnHistory, rep.NewReviewers, len(m.History))
	}
	if !strings.Contains(rep.Summary(), "2 history entries restored, 2 recorded for this import") {
		t.Errorf("summary %q", rep.Summary())
	}
	again, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Reviewers) != 1 || again.Reviewers[0].ID != m.Reviewers[0].ID || again.Reviewers[0].Name != "root" {
		t.Errorf("re-export reviewers %+v, want the origin's root only", again.Reviewers)
	}
	for _, h := range again.History {
		if h.ReviewerID != m.Reviewers[0].ID {
			t.Errorf("history entry %s.%s by %s, want the origin's reviewer", h.Table, h.Field, h.ReviewerID)
		}
	}
	// Back into the origin: nothing new, no reviewer added.
	home, err := origin.ImportJSON(ctx, rpReadJSON(t, rpExport(t, report.JSON, again)), "b.json")
	if err != nil {
		t.Fatal(err)
	}
	if home.Changed() || home.NewReviewers != 0 {
		t.Errorf("back home: %+v", home)
	}
}

// Exports never replace a database: the one open (under any name, or its journal), nor any
// other SQLite file; ordinary files and new names are fine.
func TestCheckWritableTarget(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := rpOpen(t, filepath.Join(dir, "work.db"), "Alice")
	rpImportSeeds(t, db, rpSeedFiles[0])
	other := rpOpen(t, filepath.Join(dir, "other.db"), "Bob")
	other.Close()
	link := filepath.Join(dir, "alias.html")
	if err := os.Symlink(db.Path(), link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.html")
	if err := os.Link(db.Path(), hard); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "old-report.html")
	if err := os.WriteFile(text, []byte("<p>an earlier report</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.csv")
	if err := os.WriteFile(short, []byte("SQL"), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(mustGetwd(t), db.Path())
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		path string
		want string // "" when allowed
	}{
		"the open database":           {db.Path(), "is the database Factdesk has open: choose another file name"},
		"the open database, relative": {rel, "is the database Factdesk has open"},
		"its write-ahead log":         {db.Path() + "-wal", "is the database Factdesk has open"},
		"a symbolic link to it":       {link, "is the database Factdesk has open"},
		"a hard link to it":           {hard, "is the database Factdesk has open"},
		"another database":            {filepath.Join(dir, "other.db"), "is a database: choose another file name"},
		"an earlier report":           {text, ""},
		"a short file":                {short, ""},
		"a new file":                  {filepath.Join(dir, "new.pdf"), ""},
	} {
		err := storage.CheckWritableTarget(db, tc.path)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !storage.IsKind(err, storage.KindConflict)):
			t.Errorf("%s: %v, want a refusal saying %q", name, err, tc.want)
		}
	}
	if err := storage.CheckWritableTarget(nil, filepath.Join(dir, "other.db")); err == nil {
		t.Error("without an open database, another database is not refused")
	}
	// The database is untouched and still opens.
	if _, err := db.Articles(ctx); err != nil {
		t.Fatal(err)
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
