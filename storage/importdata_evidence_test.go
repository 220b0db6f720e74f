package storage_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/corpus"
	"factdesk/storage"
)

// evidenceArticles are two articles as the readers give them: one from a scanned PDF (pages,
// OCR, notes, the file's hash) and one fetched from the web (the final URL, the fetch time,
// the page as fetched and its hash, removed boilerplate lines).
func evidenceArticles() []corpus.Article {
	pdfText := "Inspection report\n\nThe spillway gates were last tested in March.\n\nTwo of the four gates did not open fully."
	return []corpus.Article{{
		Title: "Inspection report", Text: pdfText, Language: "en", Origin: "inspection.pdf", Format: "pdf",
		Pages: []int{0, 19, 19, 66}, OCR: true, Notes: []string{"read by OCR (eng): check the words against the scan"},
		SourceSHA256: strings.Repeat("ab", 32),
	}, {
		Title: "Le barrage cède", Outlet: "La Gazette du Val", Byline: "Anne Roux", URL: "https://gazette.example/barrage",
		Language: "fr", Published: "2024-03-15", Origin: "https://gazette.example/b?id=7", Format: "html",
		Text:    "Le barrage de Serrat a cédé dans la nuit de vendredi.\n\nLes secours comptent douze blessés.",
		Removed: []string{"Accueil > Régions", "Lire aussi : la crue de 2019"}, SourceSHA256: strings.Repeat("cd", 32),
		FetchedAt: time.Date(2024, 3, 15, 8, 30, 5, 123456000, time.UTC), Raw: []byte("<html><body>Le barrage…</body></html>"),
		RawType: "text/html; charset=utf-8",
	}}
}

// Each piece of an article's evidence, and each editable field as edited, goes through a JSON
// export and import-json into a new database unchanged.
func TestImportJSONKeepsEachPieceOfArticleEvidence(t *testing.T) {
	ctx := context.Background()
	src := rpOpen(t, filepath.Join(t.TempDir(), "origin.db"), "Alice Martin")
	res, err := src.ImportArticles(ctx, evidenceArticles())
	if err != nil {
		t.Fatal(err)
	}
	pdfID, webID := res[0].Article.ID, res[1].Article.ID
	title, outlet, url, published, lang := "Barrage de Serrat : la rupture", "Gazette du Val", "https://gazette.example/serrat", "2024-03-16", "fr"
	if err := src.EditArticle(ctx, webID, storage.ArticleEdit{Title: &title, Outlet: &outlet, URL: &url, Published: &published, Language: &lang}); err != nil {
		t.Fatal(err)
	}
	pdf, err := src.Article(ctx, pdfID)
	if err != nil {
		t.Fatal(err)
	}
	anchor, err := annotate.FindQuote(pdf.Text, "Two of the four gates", 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.AddClaim(ctx, pdfID, anchor, annotate.Disputed, ""); err != nil {
		t.Fatal(err)
	}
	orig, err := src.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	dst := rpOpen(t, filepath.Join(t.TempDir(), "restored.db"), "Zoé Importer")
	if _, err := dst.ImportJSON(ctx, rpReadJSON(t, rpExport(t, report.JSON, orig)), "export.json"); err != nil {
		t.Fatal(err)
	}
	want, want2 := evidenceArticles(), evidenceArticles()[1]
	for i, id := range []string{pdfID, webID} {
		w := want[i]
		got, err := dst.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			field string
			ok    bool
		}{
			{"pages", slices.Equal(got.Pages, w.Pages)},
			{"ocr", got.OCR == w.OCR},
			{"notes", slices.Equal(got.Notes, w.Notes)},
			{"sourceSha256", got.SourceSHA256 == w.SourceSHA256},
			{"fetchedAt", got.FetchedAt.Equal(w.FetchedAt)},
			{"rawType", got.RawType == w.RawType},
			{"removed", slices.Equal(got.Removed, w.Removed)},
			{"byline", got.Byline == w.Byline},
			{"origin", got.Origin == w.Origin},
			{"format", got.Format == w.Format},
			{"text", got.Text == w.Text},
		} {
			if !f.ok {
				t.Errorf("article %d: %s not restored:\n got %+v\nwant %+v", i, f.field, got.Article, w)
			}
		}
	}
	web, err := dst.Article(ctx, webID)
	if err != nil {
		t.Fatal(err)
	}
	if web.Title != title || web.Outlet != outlet || web.URL != url || web.Published != published || web.Language != lang || want2.Title == title {
		t.Errorf("edited fields: got %q %q %q %q %q", web.Title, web.Outlet, web.URL, web.Published, web.Language)
	}
	// The page as fetched is not in a JSON file (its hash is): the restored article has none.
	if _, _, err := dst.ArticleRaw(ctx, webID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("raw page of the restored article: %v, want not found", err)
	}
	if raw, _, err := src.ArticleRaw(ctx, webID); err != nil || string(raw) != string(want2.Raw) {
		t.Errorf("raw page of the original: %q, %v", raw, err)
	}
	// The restored claim is on page 4 of the PDF, as in the original.
	got, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got.Articles {
		if a.ID == pdfID && a.PageAt(anchor.Start) != 4 {
			t.Errorf("the restored claim is on page %d, want 4", a.PageAt(anchor.Start))
		}
	}
	rpSameContent(t, got, orig)
}

// A deleted article keeps its evidence too: restored as deleted, it has its pages.
func TestImportJSONKeepsTheEvidenceOfADeletedArticle(t *testing.T) {
	ctx := context.Background()
	src := rpOpen(t, filepath.Join(t.TempDir(), "origin.db"), "Alice Martin")
	res, err := src.ImportArticles(ctx, evidenceArticles()[:1])
	if err != nil {
		t.Fatal(err)
	}
	if err := src.DeleteArticle(ctx, res[0].Article.ID); err != nil {
		t.Fatal(err)
	}
	orig, err := src.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(orig.Deleted.Articles) != 1 {
		t.Fatalf("%d deleted articles in the model", len(orig.Deleted.Articles))
	}
	dst := rpOpen(t, filepath.Join(t.TempDir(), "restored.db"), "Zoé Importer")
	if _, err := dst.ImportJSON(ctx, rpReadJSON(t, rpExport(t, report.JSON, orig)), "export.json"); err != nil {
		t.Fatal(err)
	}
	got, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Deleted.Articles) != 1 {
		t.Fatalf("%d deleted articles restored", len(got.Deleted.Articles))
	}
	a := got.Deleted.Articles[0].Row
	if w := evidenceArticles()[0]; !slices.Equal(a.Pages, w.Pages) || !a.OCR || a.SourceSHA256 != w.SourceSHA256 || !slices.Equal(a.Notes, w.Notes) {
		t.Errorf("the deleted article's evidence: %+v", a.Article)
	}
}

// A source's snapshots (where and when the page was fetched, its SHA-256, its text, the
// archive's copy) go through a JSON export and import-json; the pages themselves do not, and
// the restored snapshot says so. Importing again changes nothing.
func TestImportJSONKeepsSourceSnapshots(t *testing.T) {
	ctx := context.Background()
	src := rpOpen(t, filepath.Join(t.TempDir(), "origin.db"), "Alice Martin")
	res, err := src.ImportArticles(ctx, evidenceArticles()[1:])
	if err != nil {
		t.Fatal(err)
	}
	art, err := src.Article(ctx, res[0].Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	anchor, err := annotate.FindQuote(art.Text, "douze blessés", 1)
	if err != nil {
		t.Fatal(err)
	}
	claim, err := src.AddClaim(ctx, art.ID, anchor, annotate.Confirmed, "")
	if err != nil {
		t.Fatal(err)
	}
	link, err := src.AddSource(ctx, claim.ID, annotate.Source{URL: "https://prefecture.example/bilan", Title: "Bilan de la préfecture"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	var snaps []storage.SourceSnapshot
	for i, s := range []storage.NewSourceSnapshot{
		{URL: "https://prefecture.example/bilan", FinalURL: "https://prefecture.example/bilan-2024", SHA256: strings.Repeat("1e", 32),
			Text: "La préfecture compte douze blessés.", RawType: "text/html", FetchedAt: time.Date(2024, 3, 15, 9, 0, 0, 0, time.UTC), Raw: []byte("<p>douze</p>")},
		{URL: "https://prefecture.example/bilan", SHA256: strings.Repeat("2f", 32), Text: "La préfecture compte quatorze blessés.",
			RawType: "text/html", ArchiveURL: "https://web.archive.org/web/20240316100000/https://prefecture.example/bilan",
			FetchedAt: time.Date(2024, 3, 16, 10, 0, 0, 0, time.UTC), Raw: []byte("<p>quatorze</p>")},
	} {
		snap, err := src.AddSourceSnapshot(ctx, link.SourceID, s)
		if err != nil {
			t.Fatalf("snapshot %d: %v", i, err)
		}
		snaps = append(snaps, snap)
	}
	orig, err := src.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(orig.Snapshots) != 2 || orig.Snapshots[0].ID != snaps[0].ID {
		t.Fatalf("the export model's snapshots: %+v", orig.Snapshots)
	}
	data := rpExport(t, report.JSON, orig)
	if bytes := string(data); strings.Contains(bytes, "<p>douze") || !strings.Contains(bytes, strings.Repeat("1e", 32)) {
		t.Errorf("the JSON holds the page, or not its hash")
	}
	dst := rpOpen(t, filepath.Join(t.TempDir(), "restored.db"), "Zoé Importer")
	rep, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewSnapshots != 2 || len(rep.Skipped) != 0 || !strings.Contains(rep.Summary(), "2 source snapshots") {
		t.Errorf("import report %+v: %q", rep, rep.Summary())
	}
	got, err := dst.SourceSnapshots(ctx, link.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	want, err := src.SourceSnapshots(ctx, link.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d snapshots restored, want 2", len(got))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.SourceID != w.SourceID || g.URL != w.URL || g.FinalURL != w.FinalURL || !g.FetchedAt.Equal(w.FetchedAt) ||
			g.SHA256 != w.SHA256 || g.Text != w.Text || g.RawType != w.RawType || g.ArchiveURL != w.ArchiveURL || g.CreatedBy != w.CreatedBy {
			t.Errorf("snapshot %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if _, _, err := dst.SourceSnapshotRaw(ctx, snaps[0].ID); !storage.IsKind(err, storage.KindNotFound) || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("the page of a restored snapshot: %v, want not found, saying why", err)
	}
	// The source shows the archive's copy, as in the original.
	links, err := dst.Links(ctx, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0].Source == nil || links[0].Source.ArchiveURL != snaps[1].ArchiveURL {
		t.Errorf("restored links: %+v", links)
	}
	// The snapshots' history came with them, and a second export is the same model.
	again, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rpSameContent(t, again, orig)
	if len(again.Snapshots) != 2 {
		t.Errorf("%d snapshots exported from the restored database", len(again.Snapshots))
	}
	before := rpHistoryCount(t, dst)
	second, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if second.Changed() || second.PresentSnapshots != 2 || rpHistoryCount(t, dst) != before {
		t.Errorf("second import: %+v", second)
	}
}
