package report

import (
	"bytes"
	"io"
	"testing"
)

// The speed targets of issue 5 (figures in docs/perf/report.md):
// HTML report of 100 articles with 1,000 claims under 2 s; CSV and JSON of 100,000 claims
// under 3 s; PDF of 1,000 claims under 5 s. Each benchmark renders from the Model, so the
// view is derived inside the timed loop, as an export does.

func benchmarkFormat(b *testing.B, f Format, articles, claims int) {
	m := generateModel(articles, claims)
	m.Settings.IncludeUnverified = true
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Write(io.Discard, f, m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML100Articles1000Claims(b *testing.B) { benchmarkFormat(b, HTML, 100, 1000) }
func BenchmarkMarkdown100Articles1000Claims(b *testing.B) {
	benchmarkFormat(b, Markdown, 100, 1000)
}
func BenchmarkPDF1000Claims(b *testing.B)    { benchmarkFormat(b, PDF, 100, 1000) }
func BenchmarkCSV100000Claims(b *testing.B)  { benchmarkFormat(b, CSV, 100, 100000) }
func BenchmarkJSON100000Claims(b *testing.B) { benchmarkFormat(b, JSON, 100, 100000) }
func BenchmarkW3C100000Claims(b *testing.B)  { benchmarkFormat(b, W3C, 100, 100000) }
func BenchmarkClaimReview100000Claims(b *testing.B) {
	benchmarkFormat(b, ClaimReview, 100, 100000)
}

// BenchmarkReadJSON100000Claims reads back a 100,000-claim JSON export (import-json).
func BenchmarkReadJSON100000Claims(b *testing.B) {
	data := render(b, JSON, generateModel(100, 100000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadJSON(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
