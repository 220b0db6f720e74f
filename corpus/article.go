// Package corpus turns files and pasted text into clean articles: decoding, Unicode
// normalization, main-text extraction, boilerplate removal, metadata, language detection,
// sentence segmentation and the content hash.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
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
	Origin    string   // where it came from: a file path, "stdin" or "pasted"
	Format    string   // "txt", "html", "md" or "json"
}

// Hash is the hex SHA-256 of the article text: the same content twice is one article.
func (a Article) Hash() string { return HashText(a.Text) }

// HashText is the hex SHA-256 of text.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
