package counterpart

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
	"golang.org/x/text/unicode/norm"
)

type stemmer struct {
	stem func(string, bool) string
	stop func(string) bool
}

// stemmers are the Snowball stemmers and stop-word lists by language.
var stemmers = map[string]stemmer{
	"en": {english.Stem, english.IsStopWord},
	"fr": {french.Stem, french.IsStopWord},
	"es": {spanish.Stem, spanish.IsStopWord},
	"ru": {russian.Stem, russian.IsStopWord},
	"sv": {swedish.Stem, swedish.IsStopWord},
	"no": {norwegian.Stem, norwegian.IsStopWord},
	"hu": {hungarian.Stem, hungarian.IsStopWord},
}

func stemmerFor(lang string) *stemmer {
	if s, ok := stemmers[lang]; ok {
		return &s
	}
	return nil
}

// extraStop are words of news prose too common to tell facts apart, beyond Snowball's lists.
var extraStop = map[string]map[string]bool{
	"en": wordSet("also would could said says will one two mr mrs ms however whether"),
	"fr": wordSet("a ont été être cette cet ces leurs selon aussi tout tous dont où déjà encore plus très lors comme"),
}

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isStopWord reports whether lower-cased w is a function word of lang. For a language without
// a list, English's and French's are used.
func isStopWord(w, lang string) bool {
	if s := stemmerFor(lang); s != nil {
		return s.stop(w) || extraStop[lang][w]
	}
	return english.IsStopWord(w) || french.IsStopWord(w)
}

// stem returns the accent-folded Snowball stem of lower-cased w, or w folded for a language
// without a stemmer.
func stem(w, lang string) string {
	if s := stemmerFor(lang); s != nil {
		w = s.stem(w, true)
	}
	return fold(w)
}

// fold lower-cases s and removes its accents and ligatures: "Baïramov" gives "bairamov".
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'ı':
			b.WriteByte('i')
		case '’', 'ʼ':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// word is one word of a sentence: its text and rune offsets in the sentence.
type word struct {
	text       string
	start, end int
}

// splitWords returns the letter runs of s; apostrophes and hyphens split words ("l'Arménie",
// "Nagorno-Karabakh").
func splitWords(s string) []string {
	var out []string
	for _, w := range wordsOf(s) {
		out = append(out, w.text)
	}
	return out
}

func wordsOf(s string) []word {
	var out []word
	start := -1
	i := 0
	var cur []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
				cur = cur[:0]
			}
			cur = append(cur, r)
		} else if start >= 0 {
			out = append(out, word{string(cur), start, i})
			start = -1
		}
		i++
	}
	if start >= 0 {
		out = append(out, word{string(cur), start, i})
	}
	return out
}
