package synth_test

import (
	"strings"
	"testing"

	"factdesk/corpus"
	"factdesk/corpus/synth"
)

func TestTextsDeterministic(t *testing.T) {
	a, b := synth.Texts(20, 42), synth.Texts(20, 42)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("text %d differs between two runs with the same seed", i)
		}
	}
	if c := synth.Texts(5, 43); c[0] == a[0] {
		t.Error("another seed gives the same text")
	}
	if more := synth.Texts(30, 42); more[7] != a[7] {
		t.Error("text 7 depends on n")
	}
}

func TestTextsLookLikeArticles(t *testing.T) {
	texts := synth.Texts(200, 7)
	langs := map[string]int{}
	noisy, total := 0, 0
	for i, text := range texts {
		total += len(text)
		if len(text) < 2000 || len(text) > 4500 {
			t.Errorf("text %d has %d bytes, want about %d", i, len(text), synth.TextSize)
		}
		a, err := corpus.Parse("synth.txt", []byte(text))
		if err != nil {
			t.Fatalf("text %d does not import: %v", i, err)
		}
		langs[a.Language]++
		if want := map[bool]string{true: "en", false: "fr"}[i%2 == 0]; a.Language != want {
			t.Errorf("text %d detected as %q, want %q", i, a.Language, want)
		}
		if len(a.Removed) > 0 {
			noisy++
		}
		if len(corpus.Sentences(a.Text, a.Language)) < 10 {
			t.Errorf("text %d has few sentences", i)
		}
	}
	if langs["en"] != 100 || langs["fr"] != 100 {
		t.Errorf("languages = %v, want 100 en and 100 fr", langs)
	}
	if noisy != len(texts) {
		t.Errorf("%d of %d texts carry boilerplate, want all", noisy, len(texts))
	}
	if avg := total / len(texts); avg < 2600 || avg > 3400 {
		t.Errorf("average size %d bytes, want about %d", avg, synth.TextSize)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"\u00a0000", ",000", "«\u00a0", "“", "Lire aussi", "Read more:", "M. ", "Mr. ", "U.S."} {
		if !strings.Contains(all, want) {
			t.Errorf("corpus has no %q", want)
		}
	}
}

func TestArticle(t *testing.T) {
	for _, seed := range []int64{2, 3} {
		text := synth.Article(200_000, seed)
		if len(text) < 200_000 || len(text) > 202_000 {
			t.Errorf("Article(200000, %d) has %d bytes", seed, len(text))
		}
		if text != synth.Article(200_000, seed) {
			t.Error("Article is not deterministic")
		}
		clean, removed := corpus.Clean(text)
		if clean != text || len(removed) != 0 {
			t.Errorf("Article(%d) is not clean: removed %q", seed, removed)
		}
		if lang := corpus.DetectLanguage(text); lang != map[int64]string{2: "en", 3: "fr"}[seed] {
			t.Errorf("Article(%d) language %q", seed, lang)
		}
	}
}
