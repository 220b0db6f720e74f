package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PDF text comes from Poppler's pdftotext (Debian's poppler-utils), not from a Go library:
// Poppler is maintained by the people behind the PDF readers of most Linux desktops, keeps the
// reading order of columns, reads every font encoding and broken file that real readers do,
// and tells encrypted files apart. The pure-Go readers either extract glyphs without reading
// order (ledongthuc/pdf, unmaintained since 2021) or do not extract text at all (pdfcpu).
// Scanned pages go through pdftoppm (Poppler too) and Tesseract.

// ErrEncrypted is wrapped in the error for a PDF that needs a password to be read.
var ErrEncrypted = errors.New("the PDF is encrypted")

// ErrBrokenPDF is wrapped in the error for a damaged or truncated PDF.
var ErrBrokenPDF = errors.New("the PDF is damaged")

// ErrNoOCR is wrapped in the error for a scanned PDF (no text layer) when Tesseract is not
// installed.
var ErrNoOCR = errors.New("the PDF has no text layer and Tesseract (OCR) is not installed")

// ErrNoPDFTools is wrapped in the error for a PDF when Poppler's pdftotext is not installed.
var ErrNoPDFTools = errors.New("pdftotext (Poppler) is not installed")

// pdfChunk is how many pages pdftotext reads per run: progress moves and a cancel is heard
// between runs.
const pdfChunk = 25

// ocrDPI is the resolution scanned pages are rendered at for Tesseract (its recommended one).
const ocrDPI = 300

// parsePDF reads a PDF's text layer page by page, or runs OCR on a scan.
func parsePDF(ctx context.Context, name string, data []byte) (Article, error) {
	a := Article{Format: "pdf"}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return a, fmt.Errorf("%s: %w: install it (Debian/Ubuntu: apt install poppler-utils, or make deps) to import PDFs", name, ErrNoPDFTools)
	}
	dir, err := os.MkdirTemp("", "factdesk-pdf-")
	if err != nil {
		return a, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return a, err
	}
	info, err := pdfInfo(ctx, name, file)
	if err != nil {
		return a, err
	}
	a.Title = info.title
	pages := make([]string, 0, info.pages)
	for first := 1; first <= info.pages; first += pdfChunk {
		last := min(first+pdfChunk-1, info.pages)
		report(ctx, Step{Text: fmt.Sprintf("reading pages %d–%d of %d", first, last, info.pages), Done: first - 1, Total: info.pages,
			Kind: StepReadingPages, First: first, Last: last})
		out, err := runTool(ctx, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), file, "-")
		if err != nil {
			return a, pdfToolError(name, err)
		}
		got := strings.Split(string(out), "\f")
		// pdftotext ends every page with a form feed: the last element is what follows the last.
		got = got[:len(got)-1]
		for len(got) < last-first+1 {
			got = append(got, "")
		}
		pages = append(pages, got[:last-first+1]...)
	}
	if !hasTextLayer(pages) {
		if info.pages == 0 {
			return a, fmt.Errorf("%s: %w (it has no pages)", name, ErrNoText)
		}
		if pages, err = ocrPages(ctx, name, file, info.pages); err != nil {
			return a, err
		}
		a.OCR = true
		a.Notes = append(a.Notes, fmt.Sprintf("text read by OCR (Tesseract, %d dpi) from %d scanned pages: check quotes against the page images", ocrDPI, info.pages))
	}
	blocks, removed := pdfBlocks(pages)
	a.Removed = removed
	if err := assemble(&a, blocks, len(pages), data); err != nil {
		return a, err
	}
	return a, nil
}

type pdfMeta struct {
	pages int
	title string
}

// pdfInfo reads the page count and title with pdfinfo, and tells encrypted and broken files.
func pdfInfo(ctx context.Context, name, file string) (pdfMeta, error) {
	var m pdfMeta
	out, err := runTool(ctx, "pdfinfo", "-enc", "UTF-8", file)
	if err != nil {
		return m, pdfToolError(name, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Pages":
			m.pages, _ = strconv.Atoi(v)
		case "Title":
			m.title = v
		}
	}
	return m, nil
}

// toolError is a failed run of an external tool with what it said.
type toolError struct {
	tool   string
	stderr string
	err    error
}

func (e *toolError) Error() string { return e.tool + ": " + e.stderr }

func (e *toolError) Unwrap() error { return e.err }

// runTool runs an external program and returns its standard output. Tesseract runs on one
// thread: its own threads cost more than they give on a busy machine, and pages could run
// side by side instead.
func runTool(ctx context.Context, tool string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	if tool == "tesseract" {
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &toolError{tool: tool, stderr: strings.TrimSpace(stderr.String()), err: err}
	}
	return stdout.Bytes(), nil
}

// pdfToolError words what Poppler said about a file it could not read.
func pdfToolError(name string, err error) error {
	var te *toolError
	if !errors.As(err, &te) {
		return err
	}
	msg := strings.ToLower(te.stderr)
	switch {
	case strings.Contains(msg, "password"):
		return fmt.Errorf("%s: %w: open it in a PDF reader with its password and save or print it as a PDF without one, then import that", name, ErrEncrypted)
	default:
		detail := te.stderr
		if i := strings.IndexByte(detail, '\n'); i >= 0 {
			detail = detail[:i]
		}
		return fmt.Errorf("%s: %w or truncated (%s): get the file again, or open it in a PDF reader and save a new copy", name, ErrBrokenPDF, detail)
	}
}

// hasTextLayer reports whether the pages hold text: a scan gives nothing or a few stray
// characters per page.
func hasTextLayer(pages []string) bool {
	letters := 0
	for _, p := range pages {
		for _, r := range p {
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters >= 20*max(len(pages), 1)/2 && letters > 0
}

// ocrLanguages are the Tesseract language packs for the corpus's languages, in its names.
var ocrLanguages = map[string]string{"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld", "ru": "rus", "ar": "ara", "uk": "ukr"}

// ocrPages renders each page at 300 dpi and reads it with Tesseract in the languages of the
// corpus it has packs for.
func ocrPages(ctx context.Context, name, file string, n int) ([]string, error) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return nil, fmt.Errorf("%s: %w: install it (Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra, or make ocr-deps) and import the file again", name, ErrNoOCR)
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return nil, fmt.Errorf("%s: %w: install poppler-utils", name, ErrNoPDFTools)
	}
	langs, err := tesseractLanguages(ctx)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(file)
	pages := make([]string, n)
	for p := 1; p <= n; p++ {
		report(ctx, Step{Text: fmt.Sprintf("OCR of page %d of %d", p, n), Done: p - 1, Total: n, Kind: StepOCR, First: p, Last: p})
		prefix := filepath.Join(dir, "page")
		if _, err := runTool(ctx, "pdftoppm", "-r", strconv.Itoa(ocrDPI), "-gray", "-png", "-singlefile", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), file, prefix); err != nil {
			return nil, pdfToolError(name, err)
		}
		out, err := runTool(ctx, "tesseract", prefix+".png", "stdout", "-l", langs)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("%s: OCR of page %d failed: %w", name, p, err)
		}
		pages[p-1] = string(out)
	}
	return pages, nil
}

// tesseractLanguages returns the "+"-joined packs to use, "eng" when none of ours is there.
func tesseractLanguages(ctx context.Context) (string, error) {
	out, err := runTool(ctx, "tesseract", "--list-langs")
	if err != nil {
		return "", fmt.Errorf("tesseract does not run (%w): reinstall tesseract-ocr", err)
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	var use []string
	for _, code := range Languages {
		if t := ocrLanguages[code]; have[t] {
			use = append(use, t)
		}
	}
	if len(use) == 0 {
		return "eng", nil
	}
	return strings.Join(use, "+"), nil
}

// pdfBlocks turns pages of pdftotext output into paragraphs: running headers and footers and
// page numbers are removed (and returned), lines broken inside a paragraph are joined, and
// words hyphenated at a line end are made whole again.
func pdfBlocks(pages []string) ([]block, []string) {
	lines := make([][]string, len(pages))
	for i, p := range pages {
		lines[i] = strings.Split(normalize(p), "\n")
		for j := range lines[i] {
			lines[i][j] = strings.TrimSpace(lines[i][j])
		}
	}
	running := runningLines(lines)
	var blocks []block
	var removed []string
	for i, pl := range lines {
		first, last := edges(pl)
		// A line that ends a sentence well short of the lines before it ends its paragraph
		// (measured within the paragraph, so that narrow columns are judged on their own).
		longest := 0
		var para []string
		flush := func() {
			if len(para) > 0 {
				blocks = append(blocks, block{text: joinLines(para), page: i + 1})
				para, longest = nil, 0
			}
		}
		for j, l := range pl {
			if l == "" {
				flush()
				continue
			}
			atEdge := j <= first+1 || j >= last-1
			if atEdge && (isPageNumber(l) || running[pageShape(l)]) {
				removed = append(removed, l)
				continue
			}
			para = append(para, l)
			n := utf8.RuneCountInString(l)
			if len(para) > 1 && endsSentence(l) && 5*n < 4*longest {
				flush()
				continue
			}
			longest = max(longest, n)
		}
		flush()
	}
	return mergeAcrossPages(blocks), removed
}

// edges returns the indexes of the first and last non-blank lines.
func edges(lines []string) (first, last int) {
	first, last = -1, -1
	for j, l := range lines {
		if l != "" {
			if first < 0 {
				first = j
			}
			last = j
		}
	}
	return first, last
}

var digitsRe = regexp.MustCompile(`\d+`)

// pageShape is a line with its numbers blanked, so "Report 2024 — page 3" on every page is one shape.
func pageShape(l string) string {
	return strings.ToLower(digitsRe.ReplaceAllString(l, "#"))
}

var pageNumberRe = regexp.MustCompile(`^(?i)(?:[-–—]\s*)?(?:page|p\.|seite|página)?\s*\d{1,4}(?:\s*(?:/|of|sur|de)\s*\d{1,4})?(?:\s*[-–—])?$`)

// isPageNumber reports whether a line is a page number alone ("12", "- 12 -", "Page 3 of 40").
func isPageNumber(l string) bool {
	return len(l) <= 24 && pageNumberRe.MatchString(l)
}

// runningLines finds the running headers and footers: line shapes, not ending a sentence,
// found in the first or last two lines of at least half the pages (and of three pages at least).
func runningLines(pages [][]string) map[string]bool {
	seen := map[string]int{}
	for _, pl := range pages {
		first, last := edges(pl)
		if first < 0 {
			continue
		}
		onPage := map[string]bool{}
		for _, j := range []int{first, first + 1, last - 1, last} {
			// Running heads are short and are no sentences: a line that ends one is text,
			// even when every page starts alike ("Page 3 of the report says….").
			if j >= first && j <= last && pl[j] != "" && utf8.RuneCountInString(pl[j]) <= 120 && !endsSentence(pl[j]) {
				onPage[pageShape(pl[j])] = true
			}
		}
		for s := range onPage {
			seen[s]++
		}
	}
	out := map[string]bool{}
	for s, n := range seen {
		if n >= 3 && 2*n >= len(pages) {
			out[s] = true
		}
	}
	return out
}

// joinLines joins the lines of one paragraph with spaces, making words hyphenated at a line
// end whole: "gov-" + "ernment" is "government"; the hyphen stays when the next line starts
// with a capital or a digit ("Franco-" + "German").
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			if hyphenated(prev, l) {
				// The hyphen was written already: take it back.
				s := b.String()
				b.Reset()
				b.WriteString(strings.TrimSuffix(strings.TrimSuffix(s, "-"), "\u00ad"))
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// hyphenated reports whether prev ends with a word broken at the line end: a letter, then a
// hyphen (or soft hyphen), and next starts with a lower-case letter.
func hyphenated(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, "\u00ad") {
		return false
	}
	trimmed := strings.TrimSuffix(strings.TrimSuffix(prev, "-"), "\u00ad")
	r, _ := utf8.DecodeLastRuneInString(trimmed)
	n, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(r) && unicode.IsLower(n)
}

// mergeAcrossPages joins a paragraph that a page break cut: the last paragraph of a page does
// not end a sentence and the first of the next page starts in lower case. The paragraph counts
// as on the page where it starts.
func mergeAcrossPages(blocks []block) []block {
	out := blocks[:0:0]
	for _, bl := range blocks {
		if n := len(out); n > 0 && out[n-1].page < bl.page && continuesAcross(out[n-1].text, bl.text) {
			out[n-1].text = joinLines([]string{out[n-1].text, bl.text})
			continue
		}
		out = append(out, bl)
	}
	return out
}

func continuesAcross(prev, next string) bool {
	if endsSentence(prev) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r)
}
