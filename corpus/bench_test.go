package corpus

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"factdesk/corpus/synth"
)

// benchCorpus is the synthetic corpus of the import benchmarks: 10,000 raw articles of about
// 3 KB, half English, half French, with boilerplate.
var benchCorpus = sync.OnceValue(func() [][]byte {
	texts := synth.Texts(10_000, 1)
	out := make([][]byte, len(texts))
	for i, t := range texts {
		out[i] = []byte(t)
	}
	return out
})

// reportRates adds articles per second of wall time and CPU time per article: the machine is
// shared, and CPU time is what stays comparable from run to run.
func reportRates(b *testing.B, cpuStart float64) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cpuSeconds(); cpu > 0 {
		b.ReportMetric((cpu-cpuStart)*1e6/float64(b.N), "cpu-µs/article")
	}
}

// BenchmarkImport is the corpus side of an import: decode, NFC, clean, metadata and language of
// ~3 KB text files, one after the other.
func BenchmarkImport(b *testing.B) {
	docs := benchCorpus()
	languageDetector()
	b.SetBytes(int64(len(docs[0])))
	cpu := cpuSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("bench.txt", docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, cpu)
}

// BenchmarkImportParallel is BenchmarkImport with one goroutine per core, as a folder import can
// run it.
func BenchmarkImportParallel(b *testing.B) {
	docs := benchCorpus()
	languageDetector()
	cpu := cpuSeconds()
	var next int64
	var mu sync.Mutex
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			i := next
			next++
			mu.Unlock()
			if _, err := Parse("bench.txt", docs[i%int64(len(docs))]); err != nil {
				b.Error(err)
				return
			}
		}
	})
	reportRates(b, cpu)
}

func BenchmarkDetectLanguage(b *testing.B) {
	docs := benchCorpus()
	texts := make([]string, 1000)
	for i := range texts {
		texts[i], _ = Clean(string(docs[i]))
	}
	languageDetector()
	cpu := cpuSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		DetectLanguage(texts[i%len(texts)])
	}
	reportRates(b, cpu)
}

func BenchmarkClean(b *testing.B) {
	docs := benchCorpus()
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = string(docs[i])
	}
	cpu := cpuSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Clean(texts[i%len(texts)])
	}
	reportRates(b, cpu)
}

func BenchmarkDecode(b *testing.B) {
	docs := benchCorpus()
	b.SetBytes(int64(len(docs[0])))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Decode(docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSentences splits a 200 KB article, as the text view does when it opens one.
func BenchmarkSentences(b *testing.B) {
	text := synth.Article(200_000, 2)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Sentences(text, "en")
	}
}

func BenchmarkParseHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "article.html"))
	if err != nil {
		b.Fatal(err)
	}
	languageDetector()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("article.html", data); err != nil {
			b.Fatal(err)
		}
	}
}
