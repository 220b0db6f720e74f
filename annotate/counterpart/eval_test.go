package counterpart

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// evalSet is testdata/eval.tsv: see its header.
type evalSet struct {
	pairs       []evalPair
	distractors []string
	checks      []evalCheck
}

type evalPair struct {
	kind   string // same, figure, polarity
	en, fr string
}

type evalCheck struct {
	worthy bool
	text   string
}

func loadEval(t testing.TB) evalSet {
	t.Helper()
	f, err := os.Open("testdata/eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var e evalSet
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 3 {
			t.Fatalf("eval.tsv: %d columns in %q", len(c), line)
		}
		switch c[0] {
		case "same", "figure", "polarity":
			e.pairs = append(e.pairs, evalPair{c[0], c[1], c[2]})
		case "distractor":
			e.distractors = append(e.distractors, c[2])
		case "check":
			e.checks = append(e.checks, evalCheck{c[1] == "1", c[2]})
		default:
			t.Fatalf("eval.tsv: unknown kind %q", c[0])
		}
	}
	return e
}

// evalFigures are the measures docs/counterparts.md reports.
type evalFigures struct {
	queries             int
	precisionAt1        float64
	recallAt5           float64
	flagPrecision       float64
	flagRecall          float64
	suggestionPrecision float64
	suggestionRecall    float64
	suggestionF1        float64
}

// measure ranks, for each English sentence of the set, every French sentence of the set (the
// counterparts of all pairs and the distractors), and scores the flags and the suggestions.
func measure(e evalSet, lex *Lexicon) evalFigures {
	var pool []*Sentence
	for _, p := range e.pairs {
		pool = append(pool, Analyze(p.fr, "fr", lex))
	}
	for _, d := range e.distractors {
		pool = append(pool, Analyze(d, "fr", lex))
	}
	st := NewPoolStats(pool)
	var f evalFigures
	var at1, at5, tp, fp, fn int
	for i, p := range e.pairs {
		q := Analyze(p.en, "en", lex)
		ranked := Rank(q, pool, st, 5)
		f.queries++
		for r, c := range ranked {
			if c.Index == i {
				at5++
				if r == 0 {
					at1++
				}
			}
		}
		m := Compare(q, pool[i], st)
		want := p.kind != "same"
		switch {
		case m.Contradiction && want:
			tp++
		case m.Contradiction && !want:
			fp++
		case !m.Contradiction && want:
			fn++
		}
		// A flag on a distractor among the top five is a false alarm too.
		for _, c := range ranked {
			if c.Index >= len(e.pairs) && c.Contradiction {
				fp++
			}
		}
	}
	f.precisionAt1 = float64(at1) / float64(f.queries)
	f.recallAt5 = float64(at5) / float64(f.queries)
	f.flagPrecision = ratio(tp, tp+fp)
	f.flagRecall = ratio(tp, tp+fn)
	var stp, sfp, sfn int
	for _, c := range e.checks {
		score, _ := CheckWorthiness(c.text)
		got := score >= SuggestThreshold
		switch {
		case got && c.worthy:
			stp++
		case got && !c.worthy:
			sfp++
		case !got && c.worthy:
			sfn++
		}
	}
	f.suggestionPrecision = ratio(stp, stp+sfp)
	f.suggestionRecall = ratio(stp, stp+sfn)
	if f.suggestionPrecision+f.suggestionRecall > 0 {
		f.suggestionF1 = 2 * f.suggestionPrecision * f.suggestionRecall / (f.suggestionPrecision + f.suggestionRecall)
	}
	return f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (f evalFigures) String() string {
	return fmt.Sprintf("%d queries: precision@1 %.2f, recall@5 %.2f; contradiction flags precision %.2f, recall %.2f; claim suggestions precision %.2f, recall %.2f, F1 %.2f",
		f.queries, f.precisionAt1, f.recallAt5, f.flagPrecision, f.flagRecall, f.suggestionPrecision, f.suggestionRecall, f.suggestionF1)
}

// TestEvaluation measures the finder on the project's evaluation set, with the FreeDict lexicon
// and without any, prints the figures docs/counterparts.md reports and holds them to minimums.
func TestEvaluation(t *testing.T) {
	e := loadEval(t)
	lex := DefaultLexicon()
	if lex.Size() == 0 {
		t.Fatalf("the FreeDict lexicon is missing (%s): run make deps", lex.Missing())
	}
	with := measure(e, lex)
	without := measure(e, nil)
	t.Logf("with FreeDict: %v", with)
	t.Logf("without lexicon: %v", without)
	fmt.Printf("counterparts, with FreeDict: %v\ncounterparts, without lexicon: %v\n", with, without)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"precision@1", with.precisionAt1, 0.85},
		{"recall@5", with.recallAt5, 0.95},
		{"flag precision", with.flagPrecision, 0.75},
		{"flag recall", with.flagRecall, 0.7},
		{"suggestion F1", with.suggestionF1, 0.8},
		{"precision@1 without lexicon", without.precisionAt1, 0.6},
	} {
		if c.got < c.want {
			t.Errorf("%s = %.2f, want at least %.2f", c.name, c.got, c.want)
		}
	}
}
