package corpus

import (
	"strings"
	"unicode"
)

// Span is a sentence of a text: [Start, End) in rune offsets (Unicode code points, as claims
// anchor), and its text.
type Span struct {
	Start, End int
	Text       string
}

// Abbreviations that end with a full stop without ending the sentence. Case matters: "Me" is a
// French lawyer's title, "me" a pronoun.
var (
	abbrevCommon = wordSet("Mr Mrs Ms Dr Drs Prof St Mt Ste vs cf ca approx")
	abbrevEN     = wordSet("Messrs Jr Sr Gen Lt Col Maj Capt Cmdr Adm Sgt Gov Sen Rep Rev Hon Pres Supt Insp Det Univ Fr incl")
	abbrevFR     = wordSet("M MM Mme Mmes Mlle Mlles Mgr Me Pr av apr bd boul éd hab env ex Cie Sté")
	// Abbreviations that often end a sentence too: they end one only when the next word is a
	// usual sentence opener ("... of Apple Inc. The company ...").
	abbrevAmbiguous = wordSet("Inc Ltd Co Corp Bros etc al Ave Rd Blvd Dept")
	// Abbreviations that do not end a sentence when a number follows ("No. 5", "p. 12",
	// "Oct. 9", "janv. 2020").
	abbrevBeforeNumber = wordSet("No no Nos nos n° p pp art Art vol Vol fig Fig ch chap sect Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec janv févr avr juil sept oct nov déc")
	sentenceOpeners    = wordSet("The A An He She It They We I You In On At But And This That These Those There Here His Her Their Its As After Before When While However Meanwhile According Le La Les L Un Une Il Elle Ils Elles On Ce Cette Ces Mais Et En Dans Selon Depuis Pour Au Aux Du Des De Lors Après Avant Cependant Pourtant Ainsi Puis")
)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Sentences splits text into sentences. It knows English and French typography: abbreviations
// (Mr., Dr., St., U.S., e.g., i.e., M. Lavrov, Mme, J.-C.), initials, decimal and grouped numbers
// (3.5, 140,000, 140 000 with a no-break space), ellipses, and sentences that end inside quotes
// or brackets (« Nous viendrons. » / “We will come.”), which stay with their sentence. A line
// break always ends a sentence: Article.Text has one paragraph per line. lang is an ISO 639-1
// code ("en", "fr"); other values use both languages' abbreviations.
func Sentences(text, lang string) []Span {
	r := []rune(text)
	var spans []Span
	start := -1
	emit := func(end int) {
		if start < 0 {
			return
		}
		for end > start && unicode.IsSpace(r[end-1]) {
			end--
		}
		if end > start {
			spans = append(spans, Span{Start: start, End: end, Text: string(r[start:end])})
		}
		start = -1
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c == '\n' {
			emit(i)
			continue
		}
		if start < 0 {
			if unicode.IsSpace(c) {
				continue
			}
			start = i
		}
		if !isTerminal(c) {
			continue
		}
		// The sentence ends after the run of terminal marks and the closing quotes and
		// brackets that follow (French puts a space before »).
		end := i + 1
		for end < len(r) && isTerminal(r[end]) {
			end++
		}
		for {
			k := end
			for k < len(r) && isInlineSpace(r[k]) {
				k++
			}
			if k < len(r) && isCloser(r[k]) {
				end = k + 1
				continue
			}
			break
		}
		if end >= len(r) {
			break // the text ends with this sentence
		}
		if !isInlineSpace(r[end]) && r[end] != '\n' {
			i = end - 1 // "3.5", "U.S.A", "…»," : no break
			continue
		}
		next := end
		for next < len(r) && isInlineSpace(r[next]) {
			next++
		}
		if next >= len(r) || r[next] == '\n' {
			emit(end)
			i = next - 1
			continue
		}
		if breaksBefore(r, start, i, end, next, lang) {
			emit(end)
			i = next - 1
			continue
		}
		i = end - 1
	}
	emit(len(r))
	return spans
}

// breaksBefore decides whether the terminal mark at i (its sentence running from start, ending at
// end) ends the sentence, given that the next word starts at next.
func breaksBefore(r []rune, start, i, end, next int, lang string) bool {
	n := r[next]
	if unicode.IsLower(n) {
		return false // "etc. and", « Vraiment ? » demanda-t-il
	}
	if unicode.IsPunct(n) && !isOpener(n) && n != '-' && n != '–' && n != '—' {
		return false // ", a-t-il dit" after a quoted question
	}
	if r[i] != '.' || (i > 0 && r[i-1] == '.') || (end > i+1 && r[i+1] == '.') {
		return true // ! ? … and "..."
	}
	word := wordBefore(r, start, i)
	if word == "" {
		return true
	}
	nextWord := wordAt(r, next)
	if isListNumber(r, start, i) {
		return false // "1. The first point"
	}
	if abbrevBeforeNumber[word] && unicode.IsDigit(n) {
		return false
	}
	if isAbbreviation(word, lang) {
		return false
	}
	if abbrevAmbiguous[word] || isDottedAcronym(word) {
		return sentenceOpeners[nextWord]
	}
	return true
}

// wordBefore returns the word that ends at the full stop at i: letters, digits, dots, hyphens
// and apostrophes back to a space or an opening mark ("U.S", "J.-C", "M", "Mme").
func wordBefore(r []rune, start, i int) string {
	j := i
	for j > start {
		c := r[j-1]
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '-' || c == '°' {
			j--
			continue
		}
		break
	}
	return string(r[j:i])
}

func wordAt(r []rune, i int) string {
	for i < len(r) && isOpener(r[i]) {
		i++
	}
	j := i
	for j < len(r) && unicode.IsLetter(r[j]) {
		j++
	}
	return string(r[i:j])
}

// isAbbreviation reports whether word, followed by a full stop, is an abbreviation that does not
// end a sentence.
func isAbbreviation(word, lang string) bool {
	if abbrevCommon[word] {
		return true
	}
	switch lang {
	case "en":
		if abbrevEN[word] {
			return true
		}
	case "fr":
		if abbrevFR[word] {
			return true
		}
	default:
		if abbrevEN[word] || abbrevFR[word] {
			return true
		}
	}
	rs := []rune(word)
	// An initial: "J. Biden", "M. Lavrov" (French for Mr).
	if len(rs) == 1 && unicode.IsUpper(rs[0]) {
		return true
	}
	// e.g., i.e., a.m., p.m. are lower-case dotted abbreviations; U.S. and U.N. are acronyms,
	// handled by the caller.
	return isDottedAcronym(word) && unicode.IsLower(rs[0])
}

// isDottedAcronym reports whether word is single letters joined by dots or hyphens: "U.S",
// "e.g", "J.-C".
func isDottedAcronym(word string) bool {
	letters := 0
	prevLetter := false
	for _, c := range word {
		switch {
		case unicode.IsLetter(c):
			if prevLetter {
				return false
			}
			prevLetter = true
			letters++
		case c == '.' || c == '-':
			prevLetter = false
		default:
			return false
		}
	}
	return letters >= 2 && strings.Contains(word, ".")
}

// isListNumber reports whether the sentence so far is only a number: "1." opening a list item.
func isListNumber(r []rune, start, i int) bool {
	if i == start {
		return false
	}
	for _, c := range r[start:i] {
		if !unicode.IsDigit(c) {
			return false
		}
	}
	return i-start <= 3
}

func isTerminal(c rune) bool {
	switch c {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '؟', '。', '！', '？':
		return true
	}
	return false
}

// isInlineSpace is white space within a line, including the no-break spaces of French
// typography.
func isInlineSpace(c rune) bool {
	return c != '\n' && unicode.IsSpace(c) || c == '\u202f' || c == '\u2009' || c == '\u200b'
}

func isCloser(c rune) bool {
	switch c {
	case '»', '”', '’', '"', '\'', ')', ']', '›', '」', '』':
		return true
	}
	return false
}

func isOpener(c rune) bool {
	switch c {
	case '«', '“', '‘', '"', '\'', '(', '[', '‹', '„', '¿', '¡', '「', '『':
		return true
	}
	return false
}
