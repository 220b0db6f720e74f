package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/unicode/norm"
)

// MaxSize is the largest file, in bytes, that the corpus imports. A news article is rarely over
// 1 MB even as a saved web page; anything larger is almost certainly not an article, and would
// make the text view and the full-text index slow for nothing.
const MaxSize = 20 << 20

// BinaryError reports input that is not text: a PDF, an image, an archive, an office document
// or other binary data. Its message says what to do instead.
type BinaryError struct {
	Name string // the file name or origin, "" when unknown
	Kind string // what it looks like: "PDF", "PNG image", "ZIP archive (or .docx/.odt/.epub)", "binary data"
}

func (e *BinaryError) Error() string {
	name := e.Name
	if name == "" {
		name = "the input"
	}
	return fmt.Sprintf("%s looks like a binary file (%s), not an article: save the article as .txt, .html, .md, .pdf, .docx or .odt and import that", name, e.Kind)
}

// TooLargeError reports input over MaxSize.
type TooLargeError struct {
	Name  string // the file name or origin, "" when unknown
	Size  int64  // the size found, in bytes (for a stream, at least this much)
	Limit int64  // the limit, in bytes
}

func (e *TooLargeError) Error() string {
	name := e.Name
	if name == "" {
		name = "the input"
	}
	return fmt.Sprintf("%s is too large to be an article (%s; the limit is %d MB): import the article alone, as .txt, .html, .md, .pdf, .docx or .odt",
		name, humanBytes(e.Size), e.Limit>>20)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// magic lists the signatures of the binary formats people most often try to import by mistake.
var magic = []struct {
	prefix string
	kind   string
}{
	{"%PDF-", "PDF"},
	{"PK\x03\x04", "ZIP archive (or .docx/.odt/.epub)"},
	{"PK\x05\x06", "ZIP archive"},
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"II*\x00", "TIFF image"},
	{"MM\x00*", "TIFF image"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document (.doc/.xls/.ppt)"},
	{"{\\rtf", "RTF document"},
	{"%!PS", "PostScript"},
	{"\x1f\x8b", "gzip archive"},
	{"BZh", "bzip2 archive"},
	{"7z\xbc\xaf\x27\x1c", "7-Zip archive"},
	{"Rar!\x1a\x07", "RAR archive"},
	{"\xfd7zXZ\x00", "xz archive"},
	{"\x28\xb5\x2f\xfd", "zstd archive"},
	{"\x7fELF", "executable program"},
	{"MZ\x90\x00", "Windows program"},
	{"SQLite format 3\x00", "SQLite database"},
	{"ID3", "MP3 audio"},
	{"OggS", "Ogg audio/video"},
	{"fLaC", "FLAC audio"},
	{"\x1aE\xdf\xa3", "Matroska/WebM video"},
	{"wOFF", "web font"},
	{"wOF2", "web font"},
}

// sniffBinary names the binary format of data, or returns "" when data may be text. It looks at
// known signatures, NUL bytes and the share of control characters in the first 8 KB.
func sniffBinary(data []byte) string {
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.kind
		}
	}
	if len(data) >= 12 && string(data[0:4]) == "RIFF" {
		switch string(data[8:12]) {
		case "WEBP":
			return "WebP image"
		case "WAVE":
			return "WAV audio"
		case "AVI ":
			return "AVI video"
		}
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		return "MP4/QuickTime media"
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	controls := 0
	for _, b := range head {
		switch {
		case b == 0:
			return "binary data"
		case b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1b:
			controls++
		case b == 0x7f:
			controls++
		}
	}
	// Real text has next to no control characters; a few stray ones (a form feed, a stray
	// ^Z from an old editor) are tolerated.
	if controls > 8 && controls*100 > len(head) {
		return "binary data"
	}
	return ""
}

// sniffUTF16 recognises UTF-16 without a byte order mark from the NUL bytes that ASCII
// characters leave in every other position. It returns the encoding or nil.
func sniffUTF16(data []byte) encoding.Encoding {
	n := len(data)
	if n > 4096 {
		n = 4096
	}
	n &^= 1
	if n < 4 {
		return nil
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero*10 >= pairs*7 && evenZero*20 < pairs:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case evenZero*10 >= pairs*7 && oddZero*20 < pairs:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	return nil
}

// Decode turns the bytes of a text file into NFC-normalized UTF-8 with "\n" line breaks. It reads
// UTF-8 (with or without a byte order mark), UTF-16 and UTF-32 with a byte order mark, UTF-16
// without one when the text is mostly ASCII, and falls back to Windows-1252 (a superset of the
// printable Latin-1) when the bytes are not valid UTF-8. Binary input is refused with a
// *BinaryError and input over MaxSize with a *TooLargeError.
func Decode(data []byte) (string, error) {
	return decode(data, false)
}

// decode is Decode; for HTML it also honours the charset the page declares.
func decode(data []byte, html bool) (string, error) {
	if len(data) > MaxSize {
		return "", &TooLargeError{Size: int64(len(data)), Limit: MaxSize}
	}
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe\x00\x00")):
		enc = utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM)
	case bytes.HasPrefix(data, []byte("\x00\x00\xfe\xff")):
		enc = utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM)
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM) // the BOM decides the order
	default:
		if kind := sniffBinary(data); kind != "" {
			if kind == "binary data" {
				enc = sniffUTF16(data)
			}
			if enc == nil {
				return "", &BinaryError{Kind: kind}
			}
		}
	}
	var s string
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", &BinaryError{Kind: "text in an unreadable encoding"}
		}
		s = string(out)
		// What was hidden behind the UTF-16 encoding must still be text.
		if strings.IndexByte(s, 0) >= 0 {
			return "", &BinaryError{Kind: "binary data"}
		}
	} else if utf8.Valid(data) {
		s = string(data)
	} else {
		s = decodeLegacy(data, html)
	}
	return normalize(s), nil
}

// decodeLegacy decodes bytes that are not valid UTF-8: with the charset an HTML page declares,
// else as Windows-1252.
func decodeLegacy(data []byte, html bool) string {
	var enc encoding.Encoding = charmap.Windows1252
	if html {
		if e, name, _ := charset.DetermineEncoding(data, "text/html"); e != nil && name != "utf-8" {
			enc = e
		}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		out, _ = charmap.Windows1252.NewDecoder().Bytes(data)
	}
	return string(out)
}

// normalize makes line breaks "\n", drops a leading byte order mark and applies Unicode NFC,
// so that "é" is one code point whatever the source produced.
func normalize(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	// Unicode line and paragraph separators and NEL are line breaks too.
	if strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") || strings.Contains(s, "\u0085") {
		s = strings.NewReplacer("\u2028", "\n", "\u2029", "\n\n", "\u0085", "\n").Replace(s)
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}
