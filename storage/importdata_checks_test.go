package storage_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/storage"
)

// checkedSource is a database with a claim, its source, a snapshot of the source's page and
// two checks of it: one that found the text changed, one that found the page gone.
func checkedSource(t *testing.T) (*storage.DB, string, []storage.SourceCheck) {
	t.Helper()
	ctx := context.Background()
	db := rpOpen(t, filepath.Join(t.TempDir(), "origin.db"), "Alice Martin")
	res, err := db.ImportArticles(ctx, evidenceArticles()[1:])
	if err != nil {
		t.Fatal(err)
	}
	art, err := db.Article(ctx, res[0].Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	anchor, err := annotate.FindQuote(art.Text, "douze blessés", 1)
	if err != nil {
		t.Fatal(err)
	}
	claim, err := db.AddClaim(ctx, art.ID, anchor, annotate.Confirmed, "")
	if err != nil {
		t.Fatal(err)
	}
	link, err := db.AddSource(ctx, claim.ID, annotate.Source{URL: "https://prefecture.example/bilan", Title: "Bilan de la préfecture"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := db.AddSourceSnapshot(ctx, link.SourceID, storage.NewSourceSnapshot{URL: "https://prefecture.example/bilan",
		SHA256: strings.Repeat("1e", 32), Text: "La préfecture compte douze blessés.", RawType: "text/html",
		FetchedAt: time.Date(2024, 3, 15, 9, 0, 0, 0, time.UTC), Raw: []byte("<p>douze</p>")})
	if err != nil {
		t.Fatal(err)
	}
	var checks []storage.SourceCheck
	for i, c := range []storage.NewSourceCheck{
		{SnapshotID: snap.ID, URL: "https://prefecture.example/bilan", FinalURL: "https://prefecture.example/bilan-maj", Status: 200,
			SHA256: strings.Repeat("2f", 32), PageChanged: true, TextChanged: true, CheckedAt: time.Date(2024, 3, 16, 10, 0, 0, 0, time.UTC)},
		{SnapshotID: snap.ID, URL: "https://prefecture.example/bilan", Status: 404, Error: "the site answered 404 Not Found",
			CheckedAt: time.Date(2024, 3, 17, 11, 30, 0, 0, time.UTC)},
	} {
		check, err := db.AddSourceCheck(ctx, link.SourceID, c)
		if err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		checks = append(checks, check)
	}
	return db, link.SourceID, checks
}

var rpGenerated = regexp.MustCompile(`"generated": ?"[^"]*"`)

// rpExportJSON is the JSON export of the whole database, its "generated" time blanked.
func rpExportJSON(t *testing.T, db *storage.DB) (report.Model, string) {
	t.Helper()
	m, err := db.ReportModel(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m, rpGenerated.ReplaceAllString(string(rpExport(t, report.JSON, m)), `"generated": ""`)
}

// A source's checks go through a JSON export and import-json with every column, and with the
// history of their creation: the export of the restored database is the first export.
// Importing again changes nothing.
func TestImportJSONKeepsSourceChecks(t *testing.T) {
	ctx := context.Background()
	src, sourceID, checks := checkedSource(t)
	orig, first := rpExportJSON(t, src)
	if len(orig.Checks) != 2 || orig.Checks[0].ID != checks[0].ID || orig.Checks[1].Error == "" || orig.Checks[0].CreatedBy != "Alice Martin" {
		t.Fatalf("the export model's checks: %+v", orig.Checks)
	}
	for _, member := range []string{`"checks"`, `"snapshotId"`, `"checkedAt"`, `"pageChanged":true`, `"status":404`, `"error":"the site answered 404`,
		`"table":"source_checks","rowId":"` + checks[1].ID} {
		if !strings.Contains(first, member) {
			t.Errorf("the JSON export has no %s", member)
		}
	}

	dst := rpOpen(t, filepath.Join(t.TempDir(), "restored.db"), "Zoé Importer")
	rep, err := dst.ImportJSON(ctx, rpReadJSON(t, []byte(first)), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewChecks != 2 || rep.NewSnapshots != 1 || len(rep.Skipped) != 0 || !strings.Contains(rep.Summary(), "2 source checks") {
		t.Errorf("import report %+v: %q", rep, rep.Summary())
	}
	got, err := dst.SourceChecks(ctx, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	want, err := src.SourceChecks(ctx, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d checks restored, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.SnapshotID != w.SnapshotID || !g.CheckedAt.Equal(w.CheckedAt) || g.Outcome() != w.Outcome() ||
			g.SHA256 != w.SHA256 || g.FinalURL != w.FinalURL || g.Error != w.Error || g.CreatedBy != w.CreatedBy {
			t.Errorf("check %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	// The source's last check shows in the restored database as in the original.
	if last, ok, err := dst.LastSourceCheck(ctx, sourceID); err != nil || !ok || last.ID != checks[1].ID || !last.Gone() {
		t.Errorf("the restored last check: %+v %v %v", last, ok, err)
	}

	_, second := rpExportJSON(t, dst)
	if second != first {
		t.Errorf("the export of the restored database differs from the first:\n%s\n---\n%s", first, second)
	}

	before := rpHistoryCount(t, dst)
	again, err := dst.ImportJSON(ctx, rpReadJSON(t, []byte(first)), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() || again.PresentChecks != 2 || again.NewChecks != 0 || rpHistoryCount(t, dst) != before {
		t.Errorf("second import: %+v", again)
	}
	if _, third := rpExportJSON(t, dst); third != first {
		t.Error("importing twice changed the export")
	}
}

// A check whose snapshot is neither in the file nor here is skipped with the reason, and the
// rest of the file is restored.
func TestImportJSONSkipsACheckWithoutItsSnapshot(t *testing.T) {
	ctx := context.Background()
	src, sourceID, _ := checkedSource(t)
	m, err := src.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Snapshots = nil // as a model built by hand might: ReadJSON refuses such a file
	dst := rpOpen(t, filepath.Join(t.TempDir(), "restored.db"), "Zoé Importer")
	rep, err := dst.ImportJSON(ctx, m, "partial.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewChecks != 0 || len(rep.Skipped) != 2 || rep.NewClaims != 1 {
		t.Fatalf("import report %+v", rep)
	}
	for _, s := range rep.Skipped {
		if s.Table != "source_checks" || !strings.Contains(s.Reason, "was not restored and is not here") {
			t.Errorf("skipped %+v", s)
		}
	}
	if got, err := dst.SourceChecks(ctx, sourceID); err != nil || len(got) != 0 {
		t.Errorf("checks here: %+v %v", got, err)
	}
}
