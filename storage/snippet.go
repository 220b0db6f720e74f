package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"factdesk/corpus"
)

// Snippets of article hits are made here rather than by FTS5's snippet(), which scores every
// window around every match of the document: quadratic in the matches of one article, so a
// common word in a 19 MB article took minutes. Here the text is scanned once, up to the first
// token that matches a word of the query, and a window of words around it is marked.

const (
	snippetBefore = 6  // words shown before the first match
	snippetAfter  = 10 // words shown from the first match on
	// snippetScan bounds the bytes of an article scanned for a match: past it (only in huge
	// articles), the snippet is the article's beginning.
	snippetScan = 1 << 20
)

// snippetTerms are the folded words of a search; the last one matches as a prefix, as in
// ftsQuery.
type snippetTerms struct {
	words  []string
	prefix string
}

func newSnippetTerms(q string) snippetTerms {
	var t snippetTerms
	words := strings.FieldsFunc(q, func(r rune) bool { return !isTokenRune(r) })
	for i, w := range words {
		w = fold(w)
		if i == len(words)-1 {
			t.prefix = w
		} else {
			t.words = append(t.words, w)
		}
	}
	return t
}

func (t snippetTerms) match(folded string) bool {
	if t.prefix != "" && strings.HasPrefix(folded, t.prefix) {
		return true
	}
	for _, w := range t.words {
		if folded == w {
			return true
		}
	}
	return false
}

// isTokenRune is what FTS5's unicode61 tokenizer keeps in tokens: letters, numbers and
// private-use characters.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// fold lower-cases a token and removes its accents, as the index does; ASCII takes a fast path.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return corpus.Fold(s)
		}
	}
	return strings.ToLower(s)
}

// tokenSpan is one token of a text: its byte offsets.
type tokenSpan struct{ start, end int }

// makeSnippet returns the passage of text around the first word matching terms, matches
// between SnippetOpen and SnippetClose, "…" where the passage is cut; the beginning of the
// text when no word matches within the first snippetScan bytes.
func makeSnippet(text string, terms snippetTerms) string {
	var ring [snippetBefore]tokenSpan // the last words before the match
	n, at := 0, -1
	var after []tokenSpan
	limit := min(len(text), snippetScan)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTokenRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isTokenRune(r) {
				break
			}
			j += size
		}
		tok := tokenSpan{i, j}
		i = j
		if at < 0 {
			if terms.match(fold(text[tok.start:tok.end])) {
				at = n
				after = append(after, tok)
			} else {
				ring[n%snippetBefore] = tok
				n++
				if tok.end > limit {
					break
				}
			}
			continue
		}
		after = append(after, tok)
		if len(after) == snippetAfter {
			break
		}
	}
	if at < 0 {
		// No match (a title-only hit, or past the scan limit): the beginning of the text.
		end, words := 0, 0
		for i := 0; i < len(text) && words < snippetBefore+snippetAfter; {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isTokenRune(r) && (i == 0 || !isTokenRune(lastRune(text[:i]))) {
				words++
			}
			i += size
			end = i
		}
		for end < len(text) && isTokenRune(lastRune(text[:end])) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !isTokenRune(r) {
				break
			}
			end += size
		}
		return oneLine(text[:end], false, end < len(text))
	}
	var window []tokenSpan
	for k := max(0, at-snippetBefore); k < at; k++ {
		window = append(window, ring[k%snippetBefore])
	}
	window = append(window, after...)
	var b strings.Builder
	prev := window[0].start
	for _, tok := range window {
		b.WriteString(text[prev:tok.start])
		w := text[tok.start:tok.end]
		if terms.match(fold(w)) {
			b.WriteString(SnippetOpen + w + SnippetClose)
		} else {
			b.WriteString(w)
		}
		prev = tok.end
	}
	end := window[len(window)-1].end
	rest := strings.IndexFunc(text[end:], isTokenRune)
	if rest < 0 { // no word after the window: keep the closing punctuation
		b.WriteString(text[end:])
		end = len(text)
	}
	return oneLine(b.String(), window[0].start > 0, end < len(text))
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// oneLine puts a passage on one line, with "…" where it is cut.
func oneLine(s string, cutBefore, cutAfter bool) string {
	s = strings.Join(strings.Fields(s), " ")
	if cutBefore {
		s = "…" + s
	}
	if cutAfter {
		s += "…"
	}
	return s
}
