package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
)

// Each piece of an article's evidence is a member of the JSON export and reads back as it was.
func TestJSONCarriesEachPieceOfArticleEvidence(t *testing.T) {
	fetched := time.Date(2024, 3, 15, 8, 30, 5, 123456000, time.UTC)
	hash := strings.Repeat("0f", 32)
	for _, tc := range []struct {
		member string
		set    func(*annotate.Article)
		same   func(got, want annotate.Article) bool
	}{
		{"pages", func(a *annotate.Article) {}, func(g, w annotate.Article) bool { return len(w.Pages) == 3 && slices.Equal(g.Pages, w.Pages) }},
		{"ocr", func(a *annotate.Article) { a.OCR = true }, func(g, w annotate.Article) bool { return g.OCR }},
		{"notes", func(a *annotate.Article) {
			a.Notes = []string{"read by OCR (fra): check the words", "2 comments left out"}
		},
			func(g, w annotate.Article) bool { return slices.Equal(g.Notes, w.Notes) }},
		{"sourceSha256", func(a *annotate.Article) { a.SourceSHA256 = hash }, func(g, w annotate.Article) bool { return g.SourceSHA256 == hash }},
		{"fetchedAt", func(a *annotate.Article) { a.FetchedAt = fetched }, func(g, w annotate.Article) bool { return g.FetchedAt.Equal(fetched) }},
		{"rawType", func(a *annotate.Article) { a.RawType = "text/html; charset=windows-1252" },
			func(g, w annotate.Article) bool { return g.RawType == w.RawType }},
		{"removed", func(a *annotate.Article) { a.Removed = []string{"Port Herald — page 2", "3"} },
			func(g, w annotate.Article) bool { return slices.Equal(g.Removed, w.Removed) }},
		{"url", func(a *annotate.Article) { a.URL = "https://port.example/final" }, func(g, w annotate.Article) bool { return g.URL == w.URL }},
	} {
		t.Run(tc.member, func(t *testing.T) {
			m := pagedModel(t)
			tc.set(&m.Articles[0])
			out := render(t, JSON, m)
			var doc struct {
				Articles []map[string]json.RawMessage `json:"articles"`
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			if _, ok := doc.Articles[0][tc.member]; !ok {
				t.Errorf("the article has no %q member: %s", tc.member, out)
			}
			got, err := ReadJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if !tc.same(got.Articles[0], m.Articles[0]) {
				t.Errorf("%s read back as\n got %+v\nwant %+v", tc.member, got.Articles[0].Article, m.Articles[0].Article)
			}
			// The claims keep their page.
			for i, c := range got.Claims {
				if p := got.Articles[0].PageAt(c.Start); p != 2 {
					t.Errorf("claim %d read back on page %d, want 2", i, p)
				}
			}
		})
	}
}

// The page as fetched is not written (its hash and type are), whatever its size.
func TestJSONLeavesOutTheRawPage(t *testing.T) {
	m := pagedModel(t)
	m.Articles[0].Raw = []byte("<html>the raw page kept in the database</html>")
	m.Articles[0].RawType = "text/html"
	out := render(t, JSON, m)
	if bytes.Contains(out, []byte("raw page kept")) || bytes.Contains(out, []byte(`"raw"`)) {
		t.Errorf("the JSON holds the raw page:\n%s", out)
	}
	got, err := ReadJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if got.Articles[0].Raw != nil || got.Articles[0].RawType != "text/html" {
		t.Errorf("read back raw %q, type %q", got.Articles[0].Raw, got.Articles[0].RawType)
	}
}

// A file written before the evidence members existed (the golden file has none) still reads,
// as articles without pages, OCR, notes, hash or fetch time.
func TestJSONWithoutEvidenceMembersStillReads(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, member := range []string{"pages", "ocr", "notes", "sourceSha256", "fetchedAt", "rawType"} {
		if bytes.Contains(data, []byte(`"`+member+`"`)) {
			t.Fatalf("the golden file has %q: it no longer stands for an older file", member)
		}
	}
	m, err := ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Articles) == 0 {
		t.Fatal("no articles read")
	}
	for _, a := range m.Articles {
		if a.Pages != nil || a.OCR || a.Notes != nil || a.SourceSHA256 != "" || !a.FetchedAt.IsZero() || a.PageAt(0) != 0 {
			t.Errorf("article %s read with evidence it does not have: %+v", a.ID, a.Article)
		}
	}
}

// Page starts that PageAt cannot use, and a hash that is no SHA-256, are refused with what is
// wrong.
func TestJSONRefusesBadEvidence(t *testing.T) {
	m := pagedModel(t)
	m.Articles[0].SourceSHA256 = strings.Repeat("0f", 32)
	m.Articles[0].FetchedAt = time.Date(2024, 3, 15, 8, 30, 5, 0, time.UTC)
	out := string(render(t, JSON, m))
	pages := `"pages":[0,` // the fixture's first two page starts
	if !strings.Contains(out, pages) {
		t.Fatalf("the fixture has no %s: %s", pages, out)
	}
	n := len([]rune(m.Articles[0].Text))
	for name, tc := range map[string]struct{ from, to, want string }{
		"first page not at 0": {pages, `"pages":[3,`, "pages must start with 0"},
		"page past the end":   {`"pages":[`, `"pages":[0,` + itoa(n+1) + `,`, "past the end of its text"},
		"decreasing":          {pages, `"pages":[0,1,0,`, "pages must be in order"},
		"pages not numbers":   {pages, `"pages":["0",`, "pages"},
		"bad hash":            {`"sourceSha256":"0f0f`, `"sourceSha256":"zz0f`, "is not a hex SHA-256"},
		"bad fetch time":      {`"fetchedAt":"2024-03-15T08:30:05Z"`, `"fetchedAt":"15/03/2024"`, `time "15/03/2024" is not RFC 3339`},
	} {
		broken := strings.Replace(out, tc.from, tc.to, 1)
		if broken == out {
			t.Fatalf("%s: the fixture has no %s", name, tc.from)
		}
		if _, err := ReadJSON(strings.NewReader(broken)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}

// snapshotModel is the fixture with two snapshots of its first source.
func snapshotModel(t *testing.T) Model {
	m := fixtureModel(t)
	if len(m.Sources) == 0 {
		t.Fatal("the fixture has no source")
	}
	src := m.Sources[0].ID
	m.Snapshots = []SourceSnapshot{
		{ID: "60000000-0000-4000-8000-000000000001", SourceID: src, URL: "https://nordpress.example/a", FinalURL: "https://nordpress.example/b",
			FetchedAt: at(9, 10, 0), SHA256: strings.Repeat("1e", 32), Text: "Le bilan dépasse 300 morts.", RawType: "text/html; charset=utf-8",
			CreatedAt: at(9, 10, 1), CreatedBy: "Alice Martin"},
		{ID: "60000000-0000-4000-8000-000000000002", SourceID: src, URL: "https://nordpress.example/a", FetchedAt: at(10, 8, 0),
			SHA256: strings.Repeat("2f", 32), ArchiveURL: "https://web.archive.org/web/2020/https://nordpress.example/a", CreatedAt: at(10, 8, 1)},
	}
	return m
}

// Source snapshots are written in "snapshots" and read back as they were; a file without
// snapshots has no such member (and reads as having none).
func TestJSONCarriesSourceSnapshots(t *testing.T) {
	m := snapshotModel(t)
	out := render(t, JSON, m)
	got, err := ReadJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Snapshots, m.Snapshots) {
		t.Errorf("snapshots read back as\n%+v\nwant\n%+v", got.Snapshots, m.Snapshots)
	}
	plain := render(t, JSON, fixtureModel(t))
	if bytes.Contains(plain, []byte(`"snapshots"`)) {
		t.Error("a file with no snapshots has a snapshots member")
	}
	if got, err := ReadJSON(bytes.NewReader(plain)); err != nil || got.Snapshots != nil {
		t.Errorf("a file without snapshots: %v, %+v", err, got.Snapshots)
	}
}

// A snapshot that names no source of the file, or does not say what was fetched, when, or
// with which hash, is refused with what is wrong.
func TestJSONRefusesBadSnapshots(t *testing.T) {
	out := string(render(t, JSON, snapshotModel(t)))
	first := `"id":"60000000-0000-4000-8000-000000000001","sourceId":"`
	if !strings.Contains(out, first) {
		t.Fatalf("the fixture has no %s: %s", first, out)
	}
	for name, tc := range map[string]struct{ from, to, want string }{
		"unknown source": {first, `"id":"60000000-0000-4000-8000-000000000001","sourceId":"x`, "is not in the file"},
		"bad hash":       {`"sha256":"1e1e`, `"sha256":"1e1`, "is not a hex SHA-256"},
		"no fetch time":  {`"fetchedAt":"2020-10-09T10:00:00Z",`, ``, "has no fetchedAt"},
		"no url":         {`"url":"https://nordpress.example/a","finalUrl"`, `"finalUrl"`, "has no url"},
		"duplicate id":   {`"id":"60000000-0000-4000-8000-000000000002"`, `"id":"60000000-0000-4000-8000-000000000001"`, "id already used"},
	} {
		broken := strings.Replace(out, tc.from, tc.to, 1)
		if broken == out {
			t.Fatalf("%s: the fixture has no %s", name, tc.from)
		}
		if _, err := ReadJSON(strings.NewReader(broken)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}
