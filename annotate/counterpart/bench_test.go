package counterpart

import (
	"testing"

	"factdesk/corpus/synth"
)

// BenchmarkRankOpenArticles: the counterparts of one claim among the sentences of 10 open
// articles of 3 KB (English and French), analysed once as the window keeps them.
func BenchmarkRankOpenArticles(b *testing.B) {
	lex := DefaultLexicon()
	var pool []*Sentence
	for i := range 10 {
		lang := "en"
		if i%2 == 1 {
			lang = "fr"
		}
		pool = append(pool, AnalyzeText(synth.Article(3000, int64(i)), lang, lex)...)
	}
	q := Analyze("The official death toll is 300 to 400, including around fifty civilians, the ministry said on October 9.", "en", lex)
	b.ReportMetric(float64(len(pool)), "sentences")
	b.ResetTimer()
	c0 := cpuSeconds()
	for b.Loop() {
		Rank(q, pool, nil, 5)
	}
	reportCPU(b, c0)
}

// BenchmarkAnalyzeOpenArticles: the same with the 10 articles analysed each time (the first
// query after opening them).
func BenchmarkAnalyzeOpenArticles(b *testing.B) {
	lex := DefaultLexicon()
	var texts []string
	for i := range 10 {
		texts = append(texts, synth.Article(3000, int64(i)))
	}
	q := Analyze("The official death toll is 300 to 400, including around fifty civilians.", "en", lex)
	c0 := cpuSeconds()
	for b.Loop() {
		var pool []*Sentence
		for i, t := range texts {
			lang := "en"
			if i%2 == 1 {
				lang = "fr"
			}
			pool = append(pool, AnalyzeText(t, lang, lex)...)
		}
		Rank(q, pool, nil, 5)
	}
	reportCPU(b, c0)
}

// BenchmarkSuggest3KB: the check-worthiness of every sentence of a 3 KB article.
func BenchmarkSuggest3KB(b *testing.B) {
	text := synth.Article(3000, 2)
	b.SetBytes(int64(len(text)))
	c0 := cpuSeconds()
	for b.Loop() {
		Suggest(text, "en")
	}
	reportCPU(b, c0)
}

// reportCPU reports the process's CPU time per operation since c0: on a machine shared with
// other jobs the wall time per operation overstates the cost.
func reportCPU(b *testing.B, c0 float64) {
	if c := cpuSeconds() - c0; c > 0 {
		b.ReportMetric(c*1e3/float64(b.N), "cpu_ms/op")
	}
}

// BenchmarkIndexKeys3KB: the index keys of every sentence of a 3 KB article, as import computes
// them (IndexSentences), English and French in turn.
func BenchmarkIndexKeys3KB(b *testing.B) {
	texts := []string{synth.Article(3000, 2), synth.Article(3000, 3)}
	b.SetBytes(int64(len(texts[0])))
	c0 := cpuSeconds()
	i := 0
	for b.Loop() {
		IndexSentences(texts[i%2], []string{"en", "fr"}[i%2])
		i++
	}
	reportCPU(b, c0)
}

// BenchmarkAnalyzeIndexKeys3KB: the same keys through the full analysis (Analyze, then
// IndexKeys), as indexing computed them before IndexSentences.
func BenchmarkAnalyzeIndexKeys3KB(b *testing.B) {
	texts := []string{synth.Article(3000, 2), synth.Article(3000, 3)}
	b.SetBytes(int64(len(texts[0])))
	c0 := cpuSeconds()
	i := 0
	for b.Loop() {
		for _, s := range AnalyzeText(texts[i%2], []string{"en", "fr"}[i%2], nil) {
			s.IndexKeys()
		}
		i++
	}
	reportCPU(b, c0)
}
