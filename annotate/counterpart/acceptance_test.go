//go:build acceptance

package counterpart_test

import (
	"strings"
	"testing"

	"factdesk/annotate/counterpart"
	"factdesk/corpus"
	"factdesk/corpus/corpustest"
)

func seedSentences(t *testing.T, name string, lex *counterpart.Lexicon) []*counterpart.Sentence {
	t.Helper()
	a, err := corpus.ParseFile(corpustest.Seed(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return counterpart.AnalyzeText(a.Text, a.Language, lex)
}

func find(t *testing.T, ss []*counterpart.Sentence, part string) *counterpart.Sentence {
	t.Helper()
	for _, s := range ss {
		if strings.Contains(s.Text, part) {
			return s
		}
	}
	t.Fatalf("no sentence contains %q", part)
	return nil
}

// TestAcceptanceSeedCounterparts: the France 24 sentences find their French counterparts in the
// AFP relay first, among both French articles; the uncertain acceptance has both French
// versions in its top 3, the News-Front one flagged.
func TestAcceptanceSeedCounterparts(t *testing.T) {
	lex := counterpart.DefaultLexicon()
	en := seedSentences(t, "000_f6bb23693e27c5f2.txt", lex)
	afp := seedSentences(t, "003_262efa452888d538.txt", lex)
	nf := seedSentences(t, "004_532ae3c648773e60.txt", lex)
	pool := append(append([]*counterpart.Sentence{}, afp...), nf...)
	for _, c := range []struct{ en, fr string }{
		{"On October 9, the foreign ministers of Azerbaijan and Armenia are invited to Moscow", "Le 9 octobre, les ministres des Affaires étrangères"},
		{"calls for an end to the fighting in Nagorno-Karabakh for humanitarian reasons", "l’arrêt des combats au Nagorny Karabakh pour des raisons humanitaires"},
		{"Ceyhun Bayramov was in Geneva", "Ceyhun Bayramov, était à Genève"},
		{"Since September 27", "depuis le 27 septembre dernier"},
		{"The official death toll is 300 to 400", "300 à 400 morts, dont une cinquantaine de civils"},
	} {
		q := find(t, en, c.en)
		r := counterpart.Rank(q, pool, nil, 3)
		if len(r) == 0 || !strings.Contains(pool[r[0].Index].Text, c.fr) || r[0].Index >= len(afp) {
			got := ""
			if len(r) > 0 {
				got = pool[r[0].Index].Text
			}
			t.Errorf("%q: top candidate %q, want the AFP relay's %q", c.en, got, c.fr)
			continue
		}
		if r[0].Contradiction {
			t.Errorf("%q: the same fact is flagged: %+v", c.en, r[0].Match)
		}
	}
	q := find(t, en, "it was not clear whether the two foreign chiefs")
	r := counterpart.Rank(q, pool, nil, 3)
	var sawAFP, sawNF bool
	for _, c := range r {
		text := pool[c.Index].Text
		switch {
		case strings.Contains(text, "n’ont pas confirmé leur participation"):
			sawAFP = true
			if c.Contradiction {
				t.Errorf("the AFP relay (not confirmed either) is flagged: %+v", c.Match)
			}
		case strings.Contains(text, "avaient confirmé leur participation"):
			sawNF = true
			if !c.Contradiction {
				t.Errorf("News-Front's \"avaient confirmé\" is not flagged: %+v", c.Match)
			}
		}
	}
	if !sawAFP || !sawNF {
		t.Errorf("top 3 of the uncertain acceptance lacks a French counterpart (AFP %v, News-Front %v): %+v", sawAFP, sawNF, r)
	}
}
