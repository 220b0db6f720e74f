// Package corpus turns files and pasted text into clean articles: decoding, Unicode
// normalization, main-text extraction, boilerplate removal, metadata, language detection,
// sentence segmentation and the content hash.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"time"
)

// Article is an article ready to store. Its Text never changes once stored: claims anchor to
// it by rune offsets.
type Article struct {
	Title     string
	Outlet    string   // the outlet or site name, from the page or named in the text
	Byline    string   // the author(s), when the page names them
	URL       string   // the canonical URL, when known
	Language  string   // ISO 639-1 code ("en", "fr"), "" when not detected
	Published string   // publication date, YYYY-MM-DD when it could be read, else as found
	Text      string   // the clean main text: NFC, "\n" line breaks, paragraphs separated by a blank line
	Removed   []string // the boilerplate lines removed from the text, in order
	Origin    string   // where it came from: a file path, a web address, "stdin" or "pasted"
	Format    string   // "txt", "html", "md", "pdf", "docx", "odt" or "json"

	// Pages, for a paged document (PDF), holds the rune offset in Text where each page starts:
	// page n (from 1) starts at Pages[n-1]. Empty when the source has no pages.
	Pages []int
	// OCR is true when the text was read from page images by optical character recognition:
	// it may hold misread words.
	OCR bool
	// Notes say what the reader left out or did that a person should know ("2 comments left
	// out"), one per line.
	Notes []string
	// SourceSHA256 is the hex SHA-256 of the bytes read: the file, or the page as fetched.
	SourceSHA256 string
	// FetchedAt is when a web page was fetched (zero for files).
	FetchedAt time.Time
	// Raw is the page as fetched from the web (nil for files); RawType is its Content-Type.
	Raw     []byte
	RawType string
}

// PageAt returns the page (from 1) on which the rune offset lies, or 0 when the article has
// no pages.
func (a Article) PageAt(offset int) int {
	if len(a.Pages) == 0 {
		return 0
	}
	// The last page whose start is at or before offset.
	return sort.Search(len(a.Pages), func(i int) bool { return a.Pages[i] > offset })
}

// Hash is the hex SHA-256 of the article text: the same content twice is one article.
func (a Article) Hash() string { return HashText(a.Text) }

// HashText is the hex SHA-256 of text.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
