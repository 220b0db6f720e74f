//go:build acceptance

package annotate

import (
	"os"
	"strings"
	"testing"

	"factdesk/corpus/corpustest"
)

// TestAcceptanceSeedQuotes anchors the quotes a fact-checker picks in the real seed articles
// (`make acceptance SEEDS=DIR`); TestArticleQuotes does the same on the project's articles.
func TestAcceptanceSeedQuotes(t *testing.T) {
	for _, c := range []struct{ file, quote string }{
		{"000_f6bb23693e27c5f2.txt", "each side claiming to have eliminated thousands of enemy soldiers"},
		{"003_262efa452888d538.txt", "300 à 400 morts, dont une cinquantaine de civils"},
		{"003_262efa452888d538.txt", "n’ont pas confirmé"},
		{"003_262efa452888d538.txt", "n'ont pas confirmé"},
		{"003_262efa452888d538.txt", "Lire aussi Etats-Unis"},
		{"004_532ae3c648773e60.txt", "avaient confirmé leur participation"},
		{"004_532ae3c648773e60.txt", "L’Arménie a déclaré la loi martiale"},
	} {
		checkRawQuote(t, corpustest.Seed(t, c.file), c.quote)
	}
	// Tolerant matches on the seeds give the text's own characters.
	raw, err := os.ReadFile(corpustest.Seed(t, "003_262efa452888d538.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := FindQuote(string(raw), "n'ont pas confirmé", 1)
	if a.Exact != "n’ont pas confirmé" {
		t.Errorf("ASCII quote anchored to %q", a.Exact)
	}
	a, _ = FindQuote(string(raw), "Lire aussi Etats-Unis", 2)
	if a.Exact != "Lire aussi\u00a0 Etats-Unis" || !strings.HasPrefix(a.Suffix, " : Sylvester Stallone") {
		t.Errorf("2nd teaser: %+v", a)
	}
}
