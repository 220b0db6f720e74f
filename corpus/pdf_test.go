package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// runeIndex is the rune offset of sub in s, -1 when absent.
func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

func TestPDFTextPagesHeadersHyphens(t *testing.T) {
	data := makeReportPDF(t, 4, false)
	a, err := Parse("report.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != "pdf" || a.Title != "Port-Ravelle harbour report 2024" || a.Language != "en" {
		t.Errorf("format %q, title %q, language %q", a.Format, a.Title, a.Language)
	}
	if len(a.Pages) != 4 || a.Pages[0] != 0 {
		t.Fatalf("pages = %v, want 4 starting at 0", a.Pages)
	}
	// Each page's claim is on its page.
	for n, quote := range map[int]string{1: "Claim 1:", 2: "Claim 2:", 3: "Claim 3:", 4: "Claim 4:"} {
		off := runeIndex(a.Text, quote)
		if off < 0 {
			t.Fatalf("%q not in the text", quote)
		}
		if got := a.PageAt(off); got != n {
			t.Errorf("PageAt(%q) = %d, want %d", quote, got, n)
		}
	}
	// Hyphenation at a line end is joined; the header, the footer and page numbers are gone and kept.
	if !strings.Contains(a.Text, "and the control tower confirmed") || strings.Contains(a.Text, "con- trol") {
		t.Errorf("hyphenated word not joined: %q", a.Text[:200])
	}
	if strings.Contains(a.Text, "harbour report 2024") || strings.Contains(a.Text, "Page 2 of 4") {
		t.Errorf("running header or footer left in the text")
	}
	if len(a.Removed) != 8 || a.Removed[0] != "Port-Ravelle harbour report 2024" || a.Removed[1] != "Page 1 of 4" {
		t.Errorf("removed = %q", a.Removed)
	}
	// Two columns: the left one whole, then the right one.
	l, r := runeIndex(a.Text, "The left column starts"), runeIndex(a.Text, "The right column tells")
	if l < 0 || r < l || strings.Contains(a.Text[strings.Index(a.Text, "The left column"):strings.Index(a.Text, "The right column")], "families") {
		t.Errorf("columns out of order: left at %d, right at %d", l, r)
	}
	// The footnote is kept, with its accents.
	if !strings.Contains(a.Text, "1. Communiqué de la préfecture du 12 mars.") {
		t.Error("footnote lost")
	}
	if a.SourceSHA256 == "" || a.OCR {
		t.Errorf("source hash %q, OCR %v", a.SourceSHA256, a.OCR)
	}
}

func TestPDFEncryptedAndBroken(t *testing.T) {
	_, err := Parse("locked.pdf", makeReportPDF(t, 1, true))
	if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), "locked.pdf") || !strings.Contains(err.Error(), "password") {
		t.Errorf("encrypted: %v", err)
	}
	data := makeReportPDF(t, 3, false)
	_, err = Parse("cut.pdf", data[:len(data)/3])
	if !errors.Is(err, ErrBrokenPDF) && !errors.Is(err, ErrNoText) {
		t.Errorf("truncated: %v", err)
	}
	if err == nil || !strings.Contains(err.Error(), "cut.pdf") {
		t.Errorf("truncated: %v does not name the file", err)
	}
	_, err = Parse("junk.pdf", []byte("%PDF-1.4\nthis is not a PDF"))
	if !errors.Is(err, ErrBrokenPDF) {
		t.Errorf("junk: %v", err)
	}
}

func TestPDFScanIsReadByOCR(t *testing.T) {
	scan := makeScanPDF(t, makeReportPDF(t, 1, false))
	var mu sync.Mutex
	var steps []string
	ctx := WithProgress(context.Background(), func(s string) { mu.Lock(); steps = append(steps, s); mu.Unlock() })
	a, err := ParseContext(ctx, "scan.pdf", scan)
	if err != nil {
		t.Fatal(err)
	}
	if !a.OCR || len(a.Notes) == 0 || !strings.Contains(a.Notes[0], "OCR") {
		t.Errorf("OCR %v, notes %q", a.OCR, a.Notes)
	}
	if !strings.Contains(a.Text, "38 tonnes of fertiliser") || !strings.Contains(a.Text, "préfet") {
		t.Errorf("OCR text: %q", a.Text)
	}
	if len(a.Pages) != 1 || !strings.Contains(strings.Join(steps, "|"), "OCR of page 1 of 1") {
		t.Errorf("pages %v, steps %q", a.Pages, steps)
	}
}

// Without Tesseract a scan is refused with what to install.
func TestPDFScanWithoutTesseract(t *testing.T) {
	scan := makeScanPDF(t, makeReportPDF(t, 1, false))
	bin := t.TempDir()
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	_, err := Parse("scan.pdf", scan)
	if !errors.Is(err, ErrNoOCR) || !strings.Contains(err.Error(), "tesseract-ocr-fra") {
		t.Errorf("err = %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Parse("scan.pdf", scan); !errors.Is(err, ErrNoPDFTools) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("without Poppler: %v", err)
	}
}

// A long PDF reports its progress and stops when cancelled.
func TestPDFLongProgressAndCancel(t *testing.T) {
	data := makeLongPDF(t, 120)
	var mu sync.Mutex
	var steps []string
	ctx := WithProgress(context.Background(), func(s string) { mu.Lock(); steps = append(steps, s); mu.Unlock() })
	a, err := ParseContext(ctx, "long.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Pages) != 120 || a.PageAt(runeIndex(a.Text, "Page 77, paragraph 3.")) != 77 {
		t.Errorf("pages %d, page of paragraph = %d", len(a.Pages), a.PageAt(runeIndex(a.Text, "Page 77, paragraph 3.")))
	}
	if len(steps) != 5 || steps[4] != "reading pages 101–120 of 120" {
		t.Errorf("steps = %q", steps)
	}
	cctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ParseContext(cctx, "long.pdf", data); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestPageAt(t *testing.T) {
	a := Article{Pages: []int{0, 10, 10, 25}}
	for off, want := range map[int]int{0: 1, 9: 1, 10: 3, 24: 3, 25: 4, 400: 4} {
		if got := a.PageAt(off); got != want {
			t.Errorf("PageAt(%d) = %d, want %d", off, got, want)
		}
	}
	if (Article{}).PageAt(3) != 0 {
		t.Error("no pages: want 0")
	}
}

func TestPDFLineRules(t *testing.T) {
	for _, l := range []string{"12", "- 12 -", "Page 3 of 40", "p. 4", "3 / 12", "— 7 —"} {
		if !isPageNumber(l) {
			t.Errorf("%q is a page number", l)
		}
	}
	for _, l := range []string{"12 people were hurt.", "2024 budget", "Page one"} {
		if isPageNumber(l) {
			t.Errorf("%q is not a page number", l)
		}
	}
	if got := joinLines([]string{"the gov-", "ernment said", "Franco-", "German talks"}); got != "the government said Franco- German talks" {
		t.Errorf("joinLines = %q", got)
	}
}

// Pages that all start alike with a sentence keep it: only heads that are no sentences go.
func TestPDFRunningLinesAreNoSentences(t *testing.T) {
	var pages []string
	for n := 1; n <= 5; n++ {
		pages = append(pages, fmt.Sprintf("Harbour report 2024\n\nPage %d of the report: the council voted the budget.\n\n%d\n", n, n))
	}
	blocks, removed := pdfBlocks(pages)
	if len(blocks) != 5 || !strings.HasPrefix(blocks[2].text, "Page 3 of the report") || blocks[2].page != 3 {
		t.Errorf("blocks = %+v", blocks)
	}
	if len(removed) != 10 || removed[0] != "Harbour report 2024" || removed[1] != "1" {
		t.Errorf("removed = %q", removed)
	}
}
