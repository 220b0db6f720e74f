package counterpart

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"factdesk/corpus"
	"factdesk/corpus/corpustest"
	"factdesk/corpus/synth"
)

// The fast index path gives exactly the keys of the full analysis, sentence by sentence, on
// the project's test articles, synthetic articles in English and French and the evaluation set.
func TestIndexSentencesMatchesAnalyze(t *testing.T) {
	type doc struct{ text, lang string }
	var docs []doc
	for _, name := range corpustest.Articles {
		a, err := corpus.Parse(name, []byte(corpustest.ReadArticle(t, name)))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{a.Text, a.Language})
	}
	for i := range 6 {
		lang := "en"
		if i%2 == 1 {
			lang = "fr"
		}
		docs = append(docs, doc{synth.Article(3000, int64(i)), lang})
	}
	eval, err := os.ReadFile("testdata/eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var en, fr []string
	for _, line := range strings.Split(string(eval), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) < 2 {
			continue
		}
		en = append(en, f[1])
		if len(f) > 2 {
			fr = append(fr, f[2])
		}
	}
	docs = append(docs, doc{strings.Join(en, "\n"), "en"}, doc{strings.Join(fr, "\n"), "fr"}, doc{"Путин встретился с Байрамовым 9 октября.\nA dozen ministers; 09/10; Bayramov in GENEVA", "ru"})
	sentences, keys := 0, 0
	for _, d := range docs {
		full := AnalyzeText(d.text, d.lang, nil)
		var want []IndexedSentence
		for _, s := range full {
			if k := s.IndexKeys(); len(k) > 0 {
				want = append(want, IndexedSentence{Start: s.Start, End: s.End, Keys: k})
			}
		}
		got := IndexSentences(d.text, d.lang)
		if len(got) != len(want) {
			t.Fatalf("%s text: %d sentences with keys, the full analysis has %d", d.lang, len(got), len(want))
		}
		for i := range got {
			if got[i].Start != want[i].Start || got[i].End != want[i].End || !slices.Equal(got[i].Keys, want[i].Keys) {
				t.Errorf("%s sentence %d: %d-%d %q, want %d-%d %q", d.lang, i, got[i].Start, got[i].End, got[i].Keys, want[i].Start, want[i].End, want[i].Keys)
			}
			keys += len(got[i].Keys)
		}
		sentences += len(got)
	}
	if sentences < 200 || keys < 1000 {
		t.Fatalf("only %d sentences and %d keys compared", sentences, keys)
	}
}

// The caches behind IndexSentences are shared by the goroutines of an import: the same text
// read on several at once gives the same keys.
func TestIndexSentencesConcurrent(t *testing.T) {
	text := synth.Article(3000, 7)
	want := IndexSentences(text, "fr")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := IndexSentences(text, "fr")
			if len(got) != len(want) {
				errs <- "different sentence count"
				return
			}
			for i := range got {
				if !slices.Equal(got[i].Keys, want[i].Keys) {
					errs <- "different keys"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
