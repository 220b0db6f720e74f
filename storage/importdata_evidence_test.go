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
