package report

import (
	"bytes"
	"factdesk/corpus"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isBidiControl reports whether r is a Unicode bidirectional formatting character: the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069 and the marks U+200E,
// U+200F and U+061C. Untrusted text using them can make a report read differently from what it
// says ("Trojan Source"), so reports show them instead of obeying them.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200E || r == 0x200F || r == 0x061C
}

// ShowBidi replaces every bidi control in s with a visible escape such as "⟨U+202E⟩", so the
// text is displayed in logical order and the reader sees that the control was there.
func ShowBidi(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if isBidiControl(r) {
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeBidiJSON rewrites the UTF-8 bidi controls in encoded JSON as \uXXXX escapes. They can
// only occur inside JSON strings, where the escape means the same character, so the data is
// unchanged while a person reading the file sees the controls instead of obeying them.
func escapeBidiJSON(b []byte) []byte {
	i := nextBidi(b, 0)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	last := 0
	for ; i >= 0; i = nextBidi(b, last) {
		r, size := utf8.DecodeRune(b[i:])
		out = append(out, b[last:i]...)
		out = fmt.Appendf(out, `\u%04x`, r)
		last = i + size
	}
	return append(out, b[last:]...)
}

// nextBidi returns the offset of the first bidi control in b at or after from, or -1. In UTF-8
// they are E2 80 8E-8F (U+200E-F), E2 80 AA-AE (U+202A-E), E2 81 A6-A9 (U+2066-9) and D8 9C
// (U+061C).
func nextBidi(b []byte, from int) int {
	// Most text has neither lead byte; bytes.IndexByte finds them fast when it does.
	nextE2, nextD8 := -2, -2
	for from < len(b) {
		if nextE2 < from && nextE2 != -1 {
			if k := bytes.IndexByte(b[from:], 0xE2); k >= 0 {
				nextE2 = from + k
			} else {
				nextE2 = -1
			}
		}
		if nextD8 < from && nextD8 != -1 {
			if k := bytes.IndexByte(b[from:], 0xD8); k >= 0 {
				nextD8 = from + k
			} else {
				nextD8 = -1
			}
		}
		i := nextE2
		if i < 0 || nextD8 >= 0 && nextD8 < i {
			i = nextD8
		}
		if i < 0 {
			return -1
		}
		if b[i] == 0xE2 && i+2 < len(b) {
			c1, c2 := b[i+1], b[i+2]
			if c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || c2 >= 0xAA && c2 <= 0xAE) || c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9 {
				return i
			}
		}
		if b[i] == 0xD8 && i+1 < len(b) && b[i+1] == 0x9C {
			return i
		}
		from = i + 1
	}
	return -1
}

// SafeURL returns raw, trimmed, when it is an absolute http, https or mailto URL that is safe
// to make a link of, and "" otherwise (javascript:, data:, relative or malformed URLs). Callers
// show an unsafe URL as text, never as a link.
func SafeURL(raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.IsSpace(r) || isBidiControl(r)
	}) {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" {
			return ""
		}
	default:
		return ""
	}
	return s
}

// isWebURL reports whether s is an absolute http or https URL.
func isWebURL(s string) bool {
	u := SafeURL(s)
	return u != "" && !strings.HasPrefix(strings.ToLower(u), "mailto:")
}

// squash collapses every run of white space into one space (see corpus.OneLine).
func squash(s string) string { return corpus.OneLine(s) }

// oneLine is s with white space squashed and trimmed: for titles, quotes and cells.
func oneLine(s string) string { return strings.TrimSpace(squash(s)) }

// Shorten cuts s (squashed to one line) to at most max runes at a word boundary, ending it
// with "…" when something was cut.
func Shorten(s string, max int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := max - 1 // room for the ellipsis
	end := cut
	for end > cut/2 && !unicode.IsSpace(runes[end]) {
		end--
	}
	if end <= cut/2 { // one long word: cut inside it
		end = cut
	}
	return strings.TrimRightFunc(string(runes[:end]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '»' && r != '"'
	}) + "…"
}

// FirstSentences returns the first sentence of s, or the first two when the first is short,
// for ratingExplanation. Text is squashed to one line and capped at 300 runes.
func FirstSentences(s string) string {
	s = oneLine(s)
	if s == "" {
		return ""
	}
	end := sentenceEnd(s, 0)
	if end < len(s) && utf8.RuneCountInString(s[:end]) < 80 {
		end = sentenceEnd(s, end)
	}
	return Shorten(strings.TrimSpace(s[:end]), 300)
}

// sentenceEnd returns the byte offset just after the sentence that starts at from: after a
// '.', '!', '?' or '…' (and any closing quotes) followed by a space, or len(s).
func sentenceEnd(s string, from int) int {
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		j := i
		for j < len(s) {
			q, n := utf8.DecodeRuneInString(s[j:])
			if q != '"' && q != '\'' && q != '»' && q != '”' && q != ')' {
				break
			}
			j += n
		}
		if j == len(s) {
			return j
		}
		if s[j] == ' ' {
			return j + 1
		}
	}
	return len(s)
}

// anchorName turns an ID into a fragment-safe name: IDs made of letters, digits, '-', '_'
// and '.' (UUIDs) are kept as they are; anything else is hex-encoded, so "#claim-<id>" in a
// link always matches the element's id attribute.
func anchorName(id string) string {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Sprintf("x%x", id)
		}
	}
	if id == "" {
		return "x"
	}
	return id
}

// ClaimAnchor is the fragment of claim id in the HTML report: "claim-<id>".
func ClaimAnchor(id string) string { return "claim-" + anchorName(id) }

// articleAnchor is the fragment of article id in the HTML report.
func articleAnchor(id string) string { return "article-" + anchorName(id) }

// FitWidth returns s (squashed to one line) when width(s) is at most max, else the longest
// beginning of it that fits with "…" after it, cut at a word boundary when that keeps at
// least half of what fits. width measures a string in the unit of max: chart labels
// are measured with the font they are drawn in.
func FitWidth(s string, max float64, width func(string) float64) string {
	s = oneLine(s)
	if width(s) <= max {
		return s
	}
	runes := []rune(s)
	fits := func(n int) bool { return width(strings.TrimRightFunc(string(runes[:n]), unicode.IsSpace)+"…") <= max }
	lo, hi := 0, len(runes) // fits(lo) or lo == 0; !fits(hi)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		if width("…") <= max {
			return "…"
		}
		return ""
	}
	end := lo
	for end > lo/2 && !unicode.IsSpace(runes[end]) {
		end--
	}
	if end <= lo/2 {
		end = lo
	}
	return strings.TrimRightFunc(string(runes[:end]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '»' && r != '"'
	}) + "…"
}
