package report

import (
	"io"
	"testing"
)

// The French reports against the English ones of the same model (bench_test.go), run side by
// side: the ratio is the cost of the catalog, French numbers and dates (docs/perf/report.md).

func benchmarkFormatIn(b *testing.B, f Format, l Lang) {
	m := generateModel(100, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, f, m, Options{Lang: l}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLangHTMLEnglish(b *testing.B)     { benchmarkFormatIn(b, HTML, English) }
func BenchmarkLangHTMLFrench(b *testing.B)      { benchmarkFormatIn(b, HTML, French) }
func BenchmarkLangMarkdownEnglish(b *testing.B) { benchmarkFormatIn(b, Markdown, English) }
func BenchmarkLangMarkdownFrench(b *testing.B)  { benchmarkFormatIn(b, Markdown, French) }
func BenchmarkLangPDFEnglish(b *testing.B)      { benchmarkFormatIn(b, PDF, English) }
func BenchmarkLangPDFFrench(b *testing.B)       { benchmarkFormatIn(b, PDF, French) }
