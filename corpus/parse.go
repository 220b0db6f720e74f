package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// ErrNoText is returned (wrapped, with the file name) for input that holds no article text:
// empty, white space only, or nothing but boilerplate.
var ErrNoText = errors.New("no article text")

// ErrTooDeep is returned (wrapped, with the file name) for HTML whose elements are nested more
// deeply than a page's (over 512): generated or hostile markup, which the parser refuses.
var ErrTooDeep = errors.New("the HTML is nested too deeply to read (elements inside more than 512 others)")

// Formats by file extension. Files with other extensions are skipped when a folder is walked;
// named explicitly, they are sniffed (HTML or plain text).
var extFormats = map[string]string{
	".txt": "txt", ".text": "txt",
	".html": "html", ".htm": "html", ".xhtml": "html",
	".md": "md", ".markdown": "md", ".mdown": "md", ".mkd": "md",
	".pdf": "pdf", ".docx": "docx", ".odt": "odt",
}

// Extensions lists the main extensions the corpus reads, for messages.
func Extensions() string { return ".txt, .html, .md, .pdf, .docx and .odt" }

// FileExtensions are the extensions of the files the corpus reads, with the dot, for file
// dialogs' filters.
func FileExtensions() []string {
	out := make([]string, 0, len(extFormats))
	for e := range extFormats {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// FormatOf returns the format ("txt", "html", "md", "pdf", "docx" or "odt") that the name's
// extension implies, or "" for an unknown extension.
func FormatOf(name string) string {
	return extFormats[strings.ToLower(filepath.Ext(name))]
}

// Parse imports one article from the bytes of a file called name: it decodes them (see Decode),
// extracts the main text by format (from the extension; HTML is sniffed when the extension says
// nothing), removes boilerplate (see Clean), and fills the metadata: title, outlet, byline, URL,
// published date and language. Origin is name. The errors are *BinaryError, *TooLargeError and
// ErrNoText (wrapped); for PDFs also ErrEncrypted, ErrBrokenPDF, ErrNoOCR and ErrNoPDFTools,
// for .docx and .odt ErrBrokenDocument (wrapped).
func Parse(name string, data []byte) (Article, error) {
	return ParseContext(context.Background(), name, data)
}

// ParseContext is Parse that a cancel of ctx stops (a long PDF, OCR) and that reports its
// steps to the progress function of ctx (see WithProgress).
func ParseContext(ctx context.Context, name string, data []byte) (Article, error) {
	format := FormatOf(name)
	if f := sniffDocument(data); f != "" {
		format = f // a PDF or word-processor file, whatever its name says
	} else if format == "" || format == "pdf" || format == "docx" || format == "odt" {
		format = sniffFormat(data)
	}
	if len(data) > MaxSize {
		return Article{}, &TooLargeError{Name: name, Size: int64(len(data)), Limit: MaxSize}
	}
	var a Article
	var err error
	switch format {
	case "pdf":
		a, err = parsePDF(ctx, name, data)
	case "docx":
		a, err = parseDocx(name, data)
	case "odt":
		a, err = parseOdt(name, data)
	default:
		a, err = parse(data, format)
		if err == nil {
			a.SourceSHA256 = HashText(string(data))
		}
	}
	if err != nil {
		a.Text, a.Pages = "", nil
	}
	a.Origin = name
	stripArticleControls(&a)
	return a, named(err, name)
}

// stripArticleControls removes control characters from what import keeps of an article.
func stripArticleControls(a *Article) {
	a.Text = StripControls(a.Text)
	for _, f := range []*string{&a.Title, &a.Outlet, &a.Byline, &a.URL, &a.Published, &a.Origin} {
		*f = StripControlsLine(*f)
	}
	for i := range a.Removed {
		a.Removed[i] = StripControlsLine(a.Removed[i])
	}
}

// ParseFile imports the article in the file at path (see Parse). Files over MaxSize are refused
// before they are read.
func ParseFile(path string) (Article, error) {
	return ParseFileContext(context.Background(), path)
}

// ParseFileContext is ParseFile that a cancel of ctx stops (see ParseContext).
func ParseFileContext(ctx context.Context, path string) (Article, error) {
	// Non-blocking, so that a pipe named like an article cannot hang the import; then
	// anything but a regular file is refused before a byte is read.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return Article{}, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return Article{}, fmt.Errorf("%s is not a regular file (a folder, a pipe, a socket or a device): nothing was read from it", path)
	}
	if st, err := f.Stat(); err == nil && st.Size() > MaxSize {
		return Article{}, &TooLargeError{Name: path, Size: st.Size(), Limit: MaxSize}
	}
	data, err := readLimited(f, path)
	if err != nil {
		return Article{}, err
	}
	return ParseContext(ctx, path, data)
}

// ParseReader imports an article from a stream: standard input or pasted text. origin says where
// it came from ("stdin", "pasted") and names it in errors. The format is sniffed: HTML when it
// looks like a page, else plain text.
func ParseReader(r io.Reader, origin string) (Article, error) {
	data, err := readLimited(r, origin)
	if err != nil {
		return Article{}, err
	}
	a, err := parse(data, sniffFormat(data))
	if err == nil {
		a.SourceSHA256 = HashText(string(data))
	}
	a.Origin = origin
	stripArticleControls(&a)
	return a, named(err, origin)
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > MaxSize {
		return nil, &TooLargeError{Name: name, Size: int64(len(data)), Limit: MaxSize}
	}
	return data, nil
}

// named puts the name into the errors that leave Parse.
func named(err error, name string) error {
	var be *BinaryError
	var te *TooLargeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &be):
		be.Name = name
	case errors.As(err, &te):
		te.Name = name
	case errors.Is(err, ErrNoText):
		return fmt.Errorf("%s: %w (the file is empty or holds only boilerplate)", name, ErrNoText)
	case errors.Is(err, ErrTooDeep):
		return fmt.Errorf("%s: %w: save the article's text as a .txt file and import that", name, ErrTooDeep)
	}
	return err
}

// sniffDocument recognises a PDF, a .docx or an .odt by its content, or returns "".
func sniffDocument(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "pdf"
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return ""
	}
	// An OpenDocument file starts with its uncompressed "mimetype" member.
	head := data[:min(len(data), 256)]
	if bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument.text")) {
		return "odt"
	}
	if bytes.Contains(data[:min(len(data), 64<<10)], []byte("word/")) {
		return "docx"
	}
	return ""
}

// sniffFormat tells HTML from plain text by the first tag-like thing in the data.
func sniffFormat(data []byte) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	lower := bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article", "<!--"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return "html"
		}
	}
	if bytes.HasPrefix(lower, []byte("<")) && (bytes.Contains(lower, []byte("<p>")) || bytes.Contains(lower, []byte("<div"))) {
		return "html"
	}
	return "txt"
}

// parse runs the import pipeline on data in the given format.
func parse(data []byte, format string) (Article, error) {
	a := Article{Format: format}
	src, err := decode(data, format == "html")
	if err != nil {
		return a, err
	}
	var raw string
	switch format {
	case "html":
		if raw, err = parseHTML(src, &a); err != nil {
			return a, err
		}
	case "md":
		raw = parseMarkdown(src, &a)
	default:
		raw = src
	}
	text, removed := Clean(raw)
	if text == "" {
		return a, ErrNoText
	}
	a.Text, a.Removed = text, removed

	declared := primaryLanguage(a.Language)
	a.Language = DetectLanguage(text)
	if a.Language == "" && slices.Contains(Languages, declared) {
		a.Language = declared
	}
	if a.Outlet == "" {
		a.Outlet = outletFromLines(removed)
	}
	if a.Byline == "" {
		a.Byline = bylineFromText(text)
	}
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	if a.Title == "" {
		a.Title = titleFromText(text, a.Language)
	}
	// Page titles carry the site name ("... - France 24"); the first line of a plain text
	// loses it only when it is the outlet already known.
	if title, suffix := splitSiteSuffix(a.Title, a.Outlet); format != "txt" || (suffix != "" && strings.EqualFold(suffix, a.Outlet)) {
		a.Title = title
		if a.Outlet == "" {
			a.Outlet = suffix
		}
	}
	return a, nil
}

// primaryLanguage turns a language tag ("fr-FR", "en_GB") into its primary subtag.
func primaryLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// Collect expands paths into the files to import. A file named explicitly is always included
// (Parse refuses it with a clear message if it is not an article). A folder is walked
// recursively: hidden files and folders (their names start with ".") are left out, and files
// with an extension the corpus does not read, links that lead out of the folder, and anything
// that is not a regular file (a pipe, a device) are returned in skipped (CollectFiles says
// why). Paths that cannot be read are reported in err (all of them, joined) while the others
// are still returned, so that one bad path does not stop an import. files has no duplicates and
// keeps the order of paths, each folder's files in lexical order.
func Collect(paths []string) (files, skipped []string, err error) {
	files, sk, err := CollectFiles(paths)
	for _, s := range sk {
		skipped = append(skipped, s.Path)
	}
	return files, skipped, err
}

// Skipped is a file of a folder that an import leaves out, and why.
type Skipped struct {
	Path   string
	Reason string // "not an article file …", "a link to ... outside the folder", ...
}

// notArticleFile is the reason a folder's file of a kind the corpus does not read is skipped.
var notArticleFile = "not an article file: Factdesk reads " + Extensions() + " files"

// CollectFiles is Collect, with the reason each skipped file was left out.
func CollectFiles(paths []string) (files []string, skipped []Skipped, err error) {
	seen := make(map[string]bool)
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	var errs []error
	for _, root := range paths {
		st, statErr := os.Stat(root)
		if statErr != nil {
			errs = append(errs, statErr)
			continue
		}
		if !st.IsDir() {
			add(root)
			continue
		}
		// Links inside the folder may lead to files inside it (followed), not out of it: an
		// unzipped folder with "notes.txt -> /etc/shadow" must not import the system's file.
		realRoot, rootErr := filepath.EvalSymlinks(root)
		if rootErr != nil {
			errs = append(errs, rootErr)
			continue
		}
		walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.IsDir():
			case d.Type()&fs.ModeSymlink != 0:
				target, err := filepath.EvalSymlinks(p)
				if err != nil {
					skipped = append(skipped, Skipped{p, "a link to nothing that can be read"})
				} else if rel, err := filepath.Rel(realRoot, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
					skipped = append(skipped, Skipped{p, "a link to " + target + ", outside the folder: not followed"})
				} else if st, err := os.Stat(target); err != nil || !st.Mode().IsRegular() {
					if err == nil && st.IsDir() {
						return nil // a link to a folder inside this one: its files are walked there
					}
					skipped = append(skipped, Skipped{p, "a link to something that is not a regular file"})
				} else if FormatOf(p) == "" {
					skipped = append(skipped, Skipped{p, notArticleFile})
				} else {
					add(p)
				}
			case !d.Type().IsRegular():
				skipped = append(skipped, Skipped{p, "not a regular file (a pipe, a socket or a device)"})
			case FormatOf(p) == "":
				skipped = append(skipped, Skipped{p, notArticleFile})
			default:
				add(p)
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, walkErr)
		}
	}
	return files, skipped, errors.Join(errs...)
}
