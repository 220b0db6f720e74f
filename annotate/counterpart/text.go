package counterpart

import (
	"strings"
	"sync"
	"sync/atomic"
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
func stem(w, lang string) string { return stemInfo(w, lang).stem }

// stemmed is a word's stem and the keys made of it, computed once per word and language.
type stemmed struct {
	stem    string
	own     string // "w:lang:stem"
	cognate string // "c:" and the stem's first cognateLen letters, "" when shorter
}

// stemInfo returns the stem of lower-cased w and its keys. They are cached: the words of news
// prose repeat, and the Snowball stemmers were most of the cost of indexing an article.
func stemInfo(w, lang string) *stemmed {
	ck := cacheKey{lang, w}
	if v, ok := stemCache.Load(ck); ok {
		return v.(*stemmed)
	}
	st := w
	if s := stemmerFor(lang); s != nil {
		st = s.stem(w, true)
	}
	st = fold(st)
	out := &stemmed{stem: st, own: "w:" + lang + ":" + st}
	if rs := []rune(st); len(rs) >= cognateLen {
		out.cognate = "c:" + string(rs[:cognateLen])
	}
	remember(&stemCache, ck, out)
	return out
}

// cacheKey is a word of a language in the caches.
type cacheKey struct{ lang, word string }

// The caches of stems and name keys: shared by the goroutines that parse an import on every
// core, bounded so that a long session's vocabulary cannot grow them without end (past the
// bound, words are computed each time).
var (
	stemCache, nameCache sync.Map
	cached               atomic.Int64
)

const maxCached = 400_000

func remember(m *sync.Map, k, v any) {
	if cached.Load() < maxCached {
		if _, loaded := m.LoadOrStore(k, v); !loaded {
			cached.Add(1)
		}
	}
}

// fold lower-cases s and removes its accents and ligatures: "Baïramov" gives "bairamov".
func fold(s string) string {
	ascii, lower := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		return strings.ToLower(s)
	}
	foldMu.RLock()
	f, ok := foldCache[s]
	foldMu.RUnlock()
	if ok {
		return f
	}
	f = foldSlow(s)
	if cached.Load() < maxCached {
		foldMu.Lock()
		if _, ok := foldCache[s]; !ok {
			foldCache[strings.Clone(s)] = f
			cached.Add(1)
		}
		foldMu.Unlock()
	}
	return f
}

// The folds of words with other letters than ASCII (Unicode normalisation is slow).
var (
	foldMu    sync.RWMutex
	foldCache = map[string]string{}
)

func foldSlow(s string) string {
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
	out := make([]word, 0, len(s)/6+2)
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
