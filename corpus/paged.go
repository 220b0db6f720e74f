package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"
)

// block is one paragraph of a document read by structure (PDF, .docx, .odt), with the page it
// is on (from 1; 0 when the document has no pages) and whether it is a heading.
type block struct {
	text    string
	page    int
	heading bool
}

// assemble turns the blocks of a structured document into the article text: one paragraph
// per line, whitespace collapsed, paragraphs separated by a blank line, NFC. It records where
// each of pages pages starts (when pages > 0) and fills the metadata as parse does for text.
func assemble(a *Article, blocks []block, pages int, data []byte) error {
	var b strings.Builder
	runes := 0
	if pages > 0 {
		a.Pages = make([]int, 0, pages)
	}
	for _, bl := range blocks {
		t := normalize(strings.Join(strings.Fields(bl.text), " "))
		if t == "" {
			continue
		}
		if runes > 0 {
			b.WriteString("\n\n")
			runes += 2
		}
		for pages > 0 && len(a.Pages) < bl.page {
			a.Pages = append(a.Pages, runes)
		}
		b.WriteString(t)
		runes += utf8.RuneCountInString(t)
	}
	for pages > 0 && len(a.Pages) < pages {
		a.Pages = append(a.Pages, runes)
	}
	a.Text = b.String()
	sum := sha256.Sum256(data)
	a.SourceSHA256 = hex.EncodeToString(sum[:])
	if a.Text == "" {
		a.Pages = nil
		return ErrNoText
	}
	declared := primaryLanguage(a.Language)
	a.Language = DetectLanguage(a.Text)
	if a.Language == "" && slices.Contains(Languages, declared) {
		a.Language = declared
	}
	if a.Title == "" {
		for _, bl := range blocks {
			if bl.heading && strings.TrimSpace(bl.text) != "" {
				a.Title = strings.Join(strings.Fields(bl.text), " ")
				break
			}
		}
	}
	if a.Title == "" {
		a.Title = titleFromText(a.Text, a.Language)
	}
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	if a.Byline == "" {
		a.Byline = bylineFromText(a.Text)
	}
	return nil
}
