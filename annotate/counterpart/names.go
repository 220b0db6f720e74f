package counterpart

import (
	"strings"
	"unicode"
)

// cyrillic transliterates Russian and Ukrainian letters to Latin ones, so that a name in
// Cyrillic meets its Latin spellings after NameKey's phonetic folding.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ye",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
}

// digraphs are rewritten before coding: spellings of one sound across transliteration
// traditions (French "dj", "tch", "ou"; English "j", "ch", "sh"; German "sch", "w").
var digraphs = strings.NewReplacer(
	"shch", "s", "dzh", "j", "tsch", "s", "sch", "s", "tch", "s", "dj", "j", "zh", "j",
	"ch", "s", "sh", "s", "kh", "k", "gh", "g", "ph", "f", "th", "t", "ck", "k", "qu", "k",
	"ts", "s", "tz", "s", "x", "ks",
)

// soundClass codes consonants by place of articulation, as Soundex does: the spellings of a name
// across languages and transliterations keep these classes (Putin/Poutine, Ceyhun/Jeyhun,
// Karabakh/Karabagh, Bayramov/Baïramov).
func soundClass(r rune) byte {
	switch r {
	case 'b', 'f', 'p', 'v', 'w':
		return '1'
	case 'c', 'g', 'j', 'k', 'q', 's', 'z':
		return '2'
	case 'd', 't':
		return '3'
	case 'l':
		return '4'
	case 'm', 'n':
		return '5'
	case 'r':
		return '6'
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return 'a'
	}
	return 0
}

// NameKey folds a name to a phonetic key that its spellings in other languages and
// transliterations share: accents and ligatures removed, Cyrillic transliterated, equivalent
// digraphs merged, consonants coded by class, runs of vowels kept as one mark, a final vowel
// and silent letters dropped. Acronyms (all capitals) keep their letters.
func NameKey(name string) string {
	ck := cacheKey{"", name}
	if v, ok := nameCache.Load(ck); ok {
		return v.(string)
	}
	k := nameKey(name)
	remember(&nameCache, ck, k)
	return k
}

func nameKey(name string) string {
	if isAcronym(name) {
		return fold(name)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if s, ok := cyrillic[r]; ok {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	s := digraphs.Replace(fold(b.String()))
	rs := []rune(s)
	var out []byte
	for i, r := range rs {
		c := soundClass(r)
		if r == 'w' && (i+1 >= len(rs) || soundClass(rs[i+1]) != 'a') {
			continue // a w that is not a consonant before a vowel is silent (Moscow, Lavrow)
		}
		if c == 0 { // h and anything else
			continue
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	if n := len(out); n > 1 && out[n-1] == 'a' {
		out = out[:n-1]
	}
	return string(out)
}

func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6
}

// isCapitalized reports whether w starts with a capital letter.
func isCapitalized(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}
