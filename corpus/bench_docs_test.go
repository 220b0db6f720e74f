package corpus

import (
	"testing"
)

// BenchmarkPDF100Pages reads a 100-page text PDF (about 3,000 characters a page): pdfinfo,
// four runs of pdftotext, running lines, hyphenation, pages. The target is under 3 s.
func BenchmarkPDF100Pages(b *testing.B) {
	data := makeLongPDF(b, 100)
	b.SetBytes(int64(len(data)))
	cpu := cpuSeconds() + childCPUSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a, err := Parse("long.pdf", data)
		if err != nil || len(a.Pages) != 100 {
			b.Fatal(err, len(a.Pages))
		}
	}
	b.ReportMetric((cpuSeconds()+childCPUSeconds()-cpu)/float64(b.N), "cpu-s/op")
}

// BenchmarkDocx20Pages reads a Word file of about 20 pages (160 paragraphs, 3,000 characters
// a page) with a footnote, tracked changes and a comment. The target is under 1 s.
func BenchmarkDocx20Pages(b *testing.B) {
	data := makeDocx(b, 160*3)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("long.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOCRPage reads one scanned A4 page by OCR: rendering at 300 dpi (pdftoppm) and
// Tesseract in English and French. The figure is seconds per page.
func BenchmarkOCRPage(b *testing.B) {
	data := makeScanPDF(b, makeReportPDF(b, 1, false))
	cpu := cpuSeconds() + childCPUSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a, err := Parse("scan.pdf", data)
		if err != nil || !a.OCR {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/page")
	b.ReportMetric((cpuSeconds()+childCPUSeconds()-cpu)/float64(b.N), "cpu-s/page")
}
