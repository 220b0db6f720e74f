package storage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/storage"
)

// rpExport renders m in format f and reads it back as the import commands do.
func rpExport(t *testing.T, f report.Format, m report.Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Write(&buf, f, m, report.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func rpReadJSON(t *testing.T, data []byte) report.Model {
	t.Helper()
	m, err := report.ReadJSONWith(bytes.NewReader(data), report.JSONReadOptions{MovedAnchors: true})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func rpHistoryCount(t *testing.T, db *storage.DB) int {
	t.Helper()
	h, err := db.History(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

// rpSameContent compares what two models hold, field by field, ignoring article counts.
func rpSameContent(t *testing.T, got, want report.Model) {
	t.Helper()
	if len(got.Articles) != len(want.Articles) {
		t.Fatalf("%d articles, want %d", len(got.Articles), len(want.Articles))
	}
	for i := range want.Articles {
		g, w := got.Articles[i], want.Articles[i]
		g.Counts, w.Counts = annotate.VerdictCounts{}, annotate.VerdictCounts{}
		if g.ID != w.ID || g.SHA256 != w.SHA256 || g.Text != w.Text || g.Title != w.Title || g.URL != w.URL || g.Language != w.Language ||
			g.Outlet != w.Outlet || g.Published != w.Published || !g.ImportedAt.Equal(w.ImportedAt) || g.ImportedBy != w.ImportedBy ||
			!slices.Equal(g.Removed, w.Removed) || g.Origin != w.Origin || g.Format != w.Format {
			t.Errorf("article %d differs:\n got %+v\nwant %+v", i, g.Article.Title, w.Article.Title)
		}
	}
	claims := map[string]annotate.Claim{}
	for _, c := range got.Claims {
		claims[c.ID] = c
	}
	if len(got.Claims) != len(want.Claims) {
		t.Errorf("%d claims, want %d", len(got.Claims), len(want.Claims))
	}
	for _, w := range want.Claims {
		g, ok := claims[w.ID]
		if !ok {
			t.Errorf("claim %q missing", w.Exact)
			continue
		}
		if g.ArticleID != w.ArticleID || g.Anchor != w.Anchor || g.Verdict != w.Verdict || g.Note != w.Note || !g.CreatedAt.Equal(w.CreatedAt) ||
			!g.UpdatedAt.Equal(w.UpdatedAt) || g.CreatedBy != w.CreatedBy || g.UpdatedBy != w.UpdatedBy {
			t.Errorf("claim differs:\n got %+v\nwant %+v", g, w)
		}
	}
	links := map[string]annotate.Link{}
	for _, l := range got.Links {
		links[l.ID] = l
	}
	if len(got.Links) != len(want.Links) {
		t.Errorf("%d links, want %d", len(got.Links), len(want.Links))
	}
	for _, w := range want.Links {
		g := links[w.ID]
		if g.ClaimID != w.ClaimID || g.TargetClaimID != w.TargetClaimID || g.SourceID != w.SourceID || g.Relation != w.Relation ||
			!g.CreatedAt.Equal(w.CreatedAt) || g.CreatedBy != w.CreatedBy {
			t.Errorf("link differs:\n got %+v\nwant %+v", g, w)
		}
	}
	sources := map[string]annotate.Source{}
	for _, s := range got.Sources {
		sources[s.ID] = s
	}
	if len(got.Sources) != len(want.Sources) {
		t.Errorf("%d sources, want %d", len(got.Sources), len(want.Sources))
	}
	for _, w := range want.Sources {
		g := sources[w.ID]
		if g.URL != w.URL || g.Title != w.Title || g.Publisher != w.Publisher || g.Accessed != w.Accessed || g.Quote != w.Quote ||
			!g.CreatedAt.Equal(w.CreatedAt) || g.CreatedBy != w.CreatedBy {
			t.Errorf("source differs:\n got %+v\nwant %+v", g, w)
		}
	}
	history := map[string]annotate.HistoryEntry{}
	for _, h := range got.History {
		history[h.ID] = h
	}
	for _, w := range want.History {
		g, ok := history[w.ID]
		if !ok {
			t.Errorf("history entry %s.%s of %s missing", w.Table, w.Field, w.RowID)
			continue
		}
		if !g.At.Equal(w.At) || g.ReviewerID != w.ReviewerID || g.Reviewer != w.Reviewer || g.Table != w.Table || g.RowID != w.RowID ||
			g.Field != w.Field || g.Old != w.Old || g.New != w.New {
			t.Errorf("history entry differs:\n got %+v\nwant %+v", g, w)
		}
	}
	for _, w := range want.Reviewers {
		if !slices.ContainsFunc(got.Reviewers, func(r annotate.Reviewer) bool {
			return r.ID == w.ID && r.Name == w.Name && r.CreatedAt.Equal(w.CreatedAt)
		}) {
			t.Errorf("reviewer %+v missing", w)
		}
	}
}

func TestImportJSONRestoresEverythingIntoANewDatabaseOnce(t *testing.T) {
	ctx := context.Background()
	f := rpFixtureDB(t)
	orig, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := rpExport(t, report.JSON, orig)

	dst := rpOpen(t, filepath.Join(t.TempDir(), "new.db"), "Zoé Importer")
	rep, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewArticles != 3 || rep.NewClaims != 7 || rep.NewSources != 3 || rep.NewLinks != 7 || rep.NewReviewers != 2 ||
		len(rep.Skipped) != 0 || len(rep.Reanchored) != 0 || rep.MatchedArticles != 0 ||
		rep.Tombstones.Claims != 1 || rep.Tombstones.Links != 2 || rep.Tombstones.Articles+rep.Tombstones.Sources != 0 {
		t.Fatalf("import report %+v", rep)
	}
	// The history entries counted are the file's; those the import writes itself (the two
	// reviewers' creation and the import) are counted apart.
	if rep.NewHistory != len(orig.History) || rep.OwnHistory != 3 {
		t.Errorf("history: %d restored, %d recorded; want %d (the file's) and 3", rep.NewHistory, rep.OwnHistory, len(orig.History))
	}
	if want := fmt.Sprintf("restored 3 articles, 7 claims, 3 sources, 7 links, 2 reviewers, 3 deleted rows (as deleted); %d history entries restored, 3 recorded for this import",
		len(orig.History)); rep.Summary() != want {
		t.Errorf("summary %q, want %q", rep.Summary(), want)
	}
	got, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rpSameContent(t, got, orig)
	// The restored history is the file's, plus one entry recording the import (and the
	// creation of the two reviewers, whose own entries are not in an export).
	if n := len(got.History); n != len(orig.History) {
		t.Errorf("history of the restored rows: %d entries, want %d", n, len(orig.History))
	}
	all, err := dst.History(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	imports := 0
	for _, h := range all {
		if h.Table == "imports" {
			imports++
			if h.Reviewer != "Zoé Importer" || !strings.Contains(h.New, "export.json") {
				t.Errorf("import entry %+v", h)
			}
		}
	}
	if imports != 1 {
		t.Errorf("%d import entries, want 1", imports)
	}
	// Search finds the restored text and notes.
	hits, err := dst.Search(ctx, "Нордпресс", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Errorf("search finds nothing in the restored notes")
	}

	// The same file again changes nothing; so does importing it into the database it came from.
	before := rpHistoryCount(t, dst)
	again, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() || again.Present.Claims != 8 || again.Present.Links != 9 || again.Present.Sources != 3 || again.MatchedArticles != 3 {
		t.Errorf("second import: %+v", again)
	}
	if after := rpHistoryCount(t, dst); after != before {
		t.Errorf("second import wrote %d history entries", after-before)
	}
	if again.Summary() != "restored nothing new (20 already here; 3 article(s) already here)" {
		t.Errorf("second summary %q", again.Summary())
	}
	// An article deleted since comes back (as importing its file again would); its claims,
	// deleted with it, stay deleted and are reported.
	if err := dst.DeleteArticle(ctx, f.articles[2].ID); err != nil {
		t.Fatal(err)
	}
	back, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if back.NewArticles != 1 || back.NewClaims != 0 || len(back.LeftDeleted) != 2 || back.Present.Claims != 8 ||
		!strings.Contains(back.Summary(), "2 deleted here, left deleted") {
		t.Errorf("import after a delete: %+v %q", back, back.Summary())
	}
	if _, err := dst.Article(ctx, f.articles[2].ID); err != nil {
		t.Errorf("the deleted article did not come back: %v", err)
	}
	if _, err := dst.Claim(ctx, back.LeftDeleted[0].ID); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("a claim deleted here came back: %v", err)
	}

	before = rpHistoryCount(t, f.db)
	home, err := f.db.ImportJSON(ctx, rpReadJSON(t, data), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if home.Changed() || rpHistoryCount(t, f.db) != before {
		t.Errorf("import into the origin database: %+v", home)
	}
}

func TestImportJSONMatchesArticlesByTextAndReanchorsMovedClaims(t *testing.T) {
	ctx := context.Background()
	f := rpFixtureDB(t)
	orig, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Edit the file as a tool counting UTF-16 units might: one claim's offsets are off, and
	// another's quote is in no article.
	var doc map[string]any
	if err := json.Unmarshal(rpExport(t, report.JSON, orig), &doc); err != nil {
		t.Fatal(err)
	}
	var moved, lost string
	for _, raw := range doc["claims"].([]any) {
		c := raw.(map[string]any)
		anchor := c["anchor"].(map[string]any)
		switch anchor["exact"] {
		case f.claims["toll-fr"].Exact:
			moved = c["id"].(string)
			anchor["start"] = anchor["start"].(float64) + 7
			anchor["end"] = anchor["end"].(float64) + 7
		case f.claims["confirmed"].Exact:
			lost = c["id"].(string)
			anchor["exact"] = "une phrase qui n’existe nulle part dans cet article"
			anchor["end"] = anchor["start"].(float64) + float64(len([]rune(anchor["exact"].(string))))
		}
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.ReadJSON(bytes.NewReader(data)); err == nil {
		t.Fatal("ReadJSON accepted moved anchors")
	}

	// The destination already has the French article (another id): the file's claims land on it.
	dst := rpOpen(t, filepath.Join(t.TempDir(), "other.db"), "Zoé Importer")
	here := rpImportSeeds(t, dst, rpSeedFiles[1])[0]
	rep, err := dst.ImportJSON(ctx, rpReadJSON(t, data), "edited.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.MatchedArticles != 1 || rep.NewArticles != 2 || rep.NewClaims != 6 {
		t.Errorf("report %+v", rep)
	}
	if len(rep.Reanchored) != 1 || rep.Reanchored[0].ID != moved || !strings.Contains(rep.Reanchored[0].Reason, "found the same quote") {
		t.Errorf("re-anchored %+v", rep.Reanchored)
	}
	// The lost claim is skipped with its reason, and so are its three links (two claims
	// contradict it, one supports it) and its source link.
	var skippedClaims, skippedLinks int
	for _, s := range rep.Skipped {
		switch s.Table {
		case "claims":
			skippedClaims++
			if s.ID != lost || !strings.Contains(s.Reason, "not in the article text") {
				t.Errorf("skipped %+v", s)
			}
		case "links":
			skippedLinks++
			if !strings.Contains(s.Reason, lost) {
				t.Errorf("skipped link %+v", s)
			}
		}
	}
	if skippedClaims != 1 || skippedLinks != 4 {
		t.Errorf("skipped %d claims and %d links, want 1 and 4: %+v", skippedClaims, skippedLinks, rep.Skipped)
	}
	c, err := dst.Claim(ctx, moved)
	if err != nil {
		t.Fatal(err)
	}
	if c.ArticleID != here.ID || c.Anchor != f.claims["toll-fr"].Anchor {
		t.Errorf("moved claim restored at %s %d-%d, want %s %d-%d", c.ArticleID, c.Start, c.End, here.ID, f.claims["toll-fr"].Start, f.claims["toll-fr"].End)
	}
	h, err := dst.History(ctx, moved, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(h, func(e annotate.HistoryEntry) bool { return e.Field == "import:anchor" }) {
		t.Errorf("no history entry for the re-anchoring: %+v", h)
	}
	arts, err := dst.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 || arts[0].ID != here.ID || arts[0].Counts.Confirmed != 2 {
		t.Errorf("articles after import: %+v", arts)
	}
}

func TestImportW3CRestoresClaimsOntoTheSameArticles(t *testing.T) {
	ctx := context.Background()
	f := rpFixtureDB(t)
	orig, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := rpExport(t, report.W3C, orig)
	imp, err := report.ReadW3C(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Edit the file: one claim's position is off; the English article is not in the target.
	var moved string
	for i, c := range imp.Claims {
		if c.Exact == f.claims["not-confirmed"].Exact {
			moved = c.ID
			imp.Claims[i].Start += 3
			imp.Claims[i].End += 3
		}
	}

	dst := rpOpen(t, filepath.Join(t.TempDir(), "other.db"), "Zoé Importer")
	arts := rpImportSeeds(t, dst, rpSeedFiles[1], rpSeedFiles[2])
	rep, err := dst.ImportW3C(ctx, imp, "annotations.jsonld")
	if err != nil {
		t.Fatal(err)
	}
	// The French articles' claims, their links and the two sources they cite (only Alice's
	// work); not the source of a claim of the English article, which no restored link uses.
	if rep.NewClaims != 4 || rep.NewSources != 2 || rep.NewLinks != 4 || rep.NewReviewers != 1 {
		t.Errorf("report %+v", rep)
	}
	var skippedClaims, skippedLinks int
	for _, s := range rep.Skipped {
		if s.Table == "claims" {
			skippedClaims++
			if !strings.Contains(s.Reason, "import the article first") {
				t.Errorf("skipped %+v", s)
			}
		} else {
			skippedLinks++
		}
	}
	if skippedClaims != 3 || skippedLinks != 3 {
		t.Errorf("skipped %d claims, %d links; want 3 (the English article's), 3 (theirs): %+v", skippedClaims, skippedLinks, rep.Skipped)
	}
	if len(rep.Reanchored) != 1 || rep.Reanchored[0].ID != moved {
		t.Errorf("re-anchored %+v", rep.Reanchored)
	}
	got, err := dst.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]annotate.Claim{}
	for _, c := range orig.Claims {
		byID[c.ID] = c
	}
	local := map[string]string{f.articles[1].ID: arts[0].ID, f.articles[2].ID: arts[1].ID}
	for _, g := range got.Claims {
		w := byID[g.ID]
		if g.ArticleID != local[w.ArticleID] || g.Anchor != w.Anchor || g.Verdict != w.Verdict || g.Note != w.Note ||
			g.CreatedBy != w.CreatedBy || g.UpdatedBy != w.UpdatedBy || !g.CreatedAt.Equal(w.CreatedAt) {
			t.Errorf("claim differs:\n got %+v\nwant %+v", g, w)
		}
	}
	if len(got.Claims) != 4 {
		t.Errorf("%d claims restored, want 4", len(got.Claims))
	}
	for _, c := range got.Claims {
		h, err := dst.History(ctx, c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) == 0 || h[0].Field != "create" || h[0].Reviewer != "Zoé Importer" {
			t.Errorf("claim %s: history %+v", c.ID, h)
		}
	}

	// Again: nothing changes.
	before := rpHistoryCount(t, dst)
	again, err := dst.ImportW3C(ctx, imp, "annotations.jsonld")
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() || again.Present.Claims != 4 || rpHistoryCount(t, dst) != before {
		t.Errorf("second import: %+v", again)
	}
	// Once the English article is here, the rest of the file finds its place.
	rpImportSeeds(t, dst, rpSeedFiles[0])
	rest, err := dst.ImportW3C(ctx, imp, "annotations.jsonld")
	if err != nil {
		t.Fatal(err)
	}
	if rest.NewClaims != 3 || rest.NewLinks != 3 || rest.NewSources != 1 || rest.NewReviewers != 1 || len(rest.Skipped) != 0 {
		t.Errorf("after importing the English article: %+v", rest)
	}
}
