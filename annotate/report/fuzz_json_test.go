package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzReadJSON: ReadJSON never panics, whatever the bytes, and what it reads is sound: an
// article's pages start at 0, never decrease and stay in its text, so every claim has a page;
// every snapshot names a source of the file and has a hash.
func FuzzReadJSON(f *testing.F) {
	if golden, err := os.ReadFile(filepath.Join("testdata", "golden", "articles.json")); err == nil {
		f.Add(golden)
	}
	m := fixtureModel(f)
	a := &m.Articles[0]
	a.Pages = []int{0, utf8.RuneCountInString(a.Text) / 2}
	a.OCR, a.Notes, a.SourceSHA256 = true, []string{"read by OCR"}, strings.Repeat("ab", 32)
	a.FetchedAt = time.Date(2020, 10, 9, 8, 0, 0, 0, time.UTC)
	m.Snapshots = []SourceSnapshot{{ID: "60000000-0000-4000-8000-000000000001", SourceID: m.Sources[0].ID, URL: "https://example.org/",
		FetchedAt: a.FetchedAt, SHA256: strings.Repeat("cd", 32)}}
	f.Add(render(f, JSON, m))
	f.Add([]byte(`{"format": "factdesk", "version": 1, "articles": [{"id": "a", "sha256": "", "text": "ab", "pages": [0, 1, 1, 2]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadJSON(bytes.NewReader(b))
		if err != nil {
			return
		}
		sources := map[string]bool{}
		for _, s := range m.Sources {
			sources[s.ID] = true
		}
		for _, d := range m.Deleted.Sources {
			sources[d.Row.ID] = true
		}
		n := map[string]int{}
		for _, a := range m.Articles {
			n[a.ID] = utf8.RuneCountInString(a.Text)
			for i, p := range a.Pages {
				if i == 0 && p != 0 || i > 0 && p < a.Pages[i-1] || p > n[a.ID] {
					t.Errorf("article %s read with pages %v", a.ID, a.Pages)
				}
			}
		}
		for _, c := range m.Claims {
			for _, a := range m.Articles {
				if a.ID == c.ArticleID && len(a.Pages) > 0 && a.PageAt(c.Start) < 1 {
					t.Errorf("claim %s has no page in %v", c.ID, a.Pages)
				}
			}
		}
		for _, s := range m.Snapshots {
			if !sources[s.SourceID] || len(s.SHA256) != 64 || s.FetchedAt.IsZero() {
				t.Errorf("snapshot read as %+v", s)
			}
		}
	})
}
