package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 claims"}, {1, "1 claim"}, {2, "2 claims"}} {
		if got := plural(c.n, "claim"); got != c.want {
			t.Errorf("plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := pluralVerb(1, "was", "were") + "/" + pluralVerb(3, "was", "were"); got != "1 was/3 were" {
		t.Errorf("pluralVerb: %q", got)
	}
	s := importSummary{added: 1, existing: 1, failed: []string{"x.pdf: not a text file"}}.String()
	for _, want := range []string{"Imported 1 new article;", "1 was already", "1 file could not"} {
		if !strings.Contains(s, want) {
			t.Errorf("import summary lacks %q: %q", want, s)
		}
	}
}

// Counts shown for one thing are in the singular: the search, the history, the claims list.
func TestCountsInTheSingular(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importSeeds()
	h.makeClaim(h.mw.openArticle(en), "300 to 400")
	if got := h.mw.inspector.history.Items[0].Title; got != "History (1 change)" {
		t.Errorf("history title %q", got)
	}
	h.mw.claims.reload()
	h.wait()
	if got := h.mw.claims.count.Text(); got != "1 claim" {
		t.Errorf("claims count %q", got)
	}
	test.Type(h.mw.corpus.search, "400")
	h.mw.corpus.searcher.Flush()
	h.wait()
	if got := h.mw.corpus.count.Text(); !strings.HasPrefix(got, "1 claim, ") || strings.Contains(got, "1 articles") || strings.Contains(got, "1 claims") {
		t.Errorf("search count %q", got)
	}
}
