package corpus

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// The test PDFs are written by the tests with fpdf (a Go PDF writer): a report with a running
// header and footer, page numbers, hyphenated line ends, a two-column page and footnotes; an
// encrypted copy (fpdf's RC4 protection with a user password); a truncated copy; and a scan
// (a page of the report rendered to a 300 dpi PNG by pdftoppm, put back in a PDF as an image).

// reportPage is the body of page n of the test report.
func reportPage(n int) []string {
	return []string{
		fmt.Sprintf("Section %d. The port authority counted %d containers on the quay after the fire, and the con-", n, 100+n),
		"trol tower confirmed the figure in a statement published the same day.",
		fmt.Sprintf("Claim %d: the warehouse held 38 tonnes of fertiliser.", n),
	}
}

// The two columns of page 2 of the test report.
var (
	leftColumn  = "The left column starts the story of the evacuation. " + strings.Repeat("Residents of the lower town left their homes in the night and slept in the sports hall. ", 4)
	rightColumn = "The right column tells the end of it. " + strings.Repeat("Most families came back on Monday, once the firemen had checked the air. ", 4)
)

// makeReportPDF writes a pages-page report: header "Port-Ravelle harbour report 2024", footer
// "Page N of M", a hyphenated word at a line end on every page, page 2 in two columns, and a
// footnote on page 1. Texts are written line by line so the line ends are the test's.
func makeReportPDF(tb testing.TB, pages int, protect bool) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	if protect {
		p.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	}
	p.SetTitle("Port-Ravelle harbour report 2024", true)
	tr := p.UnicodeTranslatorFromDescriptor("")
	p.SetHeaderFunc(func() {
		p.SetFont("Helvetica", "", 9)
		p.CellFormat(0, 8, "Port-Ravelle harbour report 2024", "", 1, "C", false, 0, "")
		p.Ln(4)
	})
	p.SetFooterFunc(func() {
		p.SetY(-15)
		p.SetFont("Helvetica", "", 9)
		p.CellFormat(0, 8, fmt.Sprintf("Page %d of %d", p.PageNo(), pages), "", 0, "C", false, 0, "")
	})
	for n := 1; n <= pages; n++ {
		p.AddPage()
		p.SetFont("Helvetica", "", 11)
		if n == 2 {
			// Two columns: the left one is read first.
			p.SetXY(10, 30)
			p.MultiCell(85, 5, tr(leftColumn), "", "J", false)
			p.SetXY(115, 30)
			p.MultiCell(85, 5, tr(rightColumn), "", "J", false)
			p.SetXY(10, 110)
		}
		for _, line := range reportPage(n) {
			p.CellFormat(0, 6, tr(line), "", 1, "L", false, 0, "")
		}
		if n == 1 {
			p.Ln(6)
			p.CellFormat(0, 6, tr("Le préfet a confirmé le bilan¹ dans la soirée."), "", 1, "L", false, 0, "")
			p.SetY(-40)
			p.SetFont("Helvetica", "", 8)
			p.CellFormat(0, 5, tr("1. Communiqué de la préfecture du 12 mars."), "", 1, "L", false, 0, "")
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// makeScanPDF renders page 1 of a text PDF to a 300 dpi image and writes a PDF holding only
// that image: a scan with no text layer.
func makeScanPDF(tb testing.TB, text []byte) []byte {
	tb.Helper()
	dir := tb.TempDir()
	in := filepath.Join(dir, "text.pdf")
	if err := os.WriteFile(in, text, 0o600); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1", in, filepath.Join(dir, "scan")).CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftoppm: %v: %s", err, out)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.ImageOptions(filepath.Join(dir, "scan.png"), 0, 0, 210, 297, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// makeLongPDF writes a pages-page PDF of running text (for benchmarks and the 500-page case).
func makeLongPDF(tb testing.TB, pages int) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 11)
	p.SetFooterFunc(func() {
		p.SetY(-15)
		p.CellFormat(0, 8, fmt.Sprint(p.PageNo()), "", 0, "C", false, 0, "")
	})
	para := strings.Repeat("The council met on Tuesday and voted the harbour budget after a long debate about the fire. ", 6)
	for n := 1; n <= pages; n++ {
		p.AddPage()
		for i := 0; i < 5; i++ {
			p.MultiCell(0, 6, fmt.Sprintf("Page %d, paragraph %d. %s", n, i+1, para), "", "L", false)
			p.Ln(3)
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
