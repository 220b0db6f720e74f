package counterpart

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// DictDir is where Debian installs dictd dictionaries, FreeDict's among them
// (packages dict-freedict-eng-fra and dict-freedict-fra-eng).
const DictDir = "/usr/share/dictd"

// freedictLangs maps FreeDict's ISO 639-3 codes to the ISO 639-1 codes articles carry.
var freedictLangs = map[string]string{
	"eng": "en", "fra": "fr", "deu": "de", "spa": "es", "ita": "it", "por": "pt", "nld": "nl",
	"rus": "ru", "pol": "pl", "swe": "sv", "nor": "no", "hun": "hu", "ukr": "uk",
}

// maxTranslations bounds the translations kept for one word: the first senses of an entry are
// its usual ones, and a word with dozens of translations matches everything.
const maxTranslations = 12

// Lexicon is a bilingual lexicon over stems: for a word of one language it gives the stems of
// its translations in the others. The zero value, and nil, is an empty lexicon.
type Lexicon struct {
	trans   map[string][]string // "lang:stem" -> "lang:stem" of its translations
	sources []string            // the dictionaries read
	missing []string            // what was looked for and not found
}

// Sources names the dictionaries the lexicon was read from.
func (l *Lexicon) Sources() []string {
	if l == nil {
		return nil
	}
	return l.sources
}

// Missing says which resources were looked for and not found ("" when none): without them
// counterparts are still found across languages, on figures, names and cognates only.
func (l *Lexicon) Missing() string {
	if l == nil {
		return "no bilingual lexicon"
	}
	return strings.Join(l.missing, "; ")
}

// Size is the number of words that have translations.
func (l *Lexicon) Size() int {
	if l == nil {
		return 0
	}
	return len(l.trans)
}

// translations returns the "lang:stem" keys of the translations of a "lang:stem" key. A stem
// the lexicon lacks is shortened letter by letter down to minStemLookup letters: the stem of an
// inflected form can be longer than its lemma's ("étrangères" gives etranger, "étranger" etrang).
func (l *Lexicon) translations(key string) []string {
	if l == nil {
		return nil
	}
	if t, ok := l.trans[key]; ok {
		return t
	}
	lang, st, _ := strings.Cut(key, ":")
	rs := []rune(st)
	for n := len(rs) - 1; n >= minStemLookup && n >= len(rs)-2; n-- {
		if t, ok := l.trans[lang+":"+string(rs[:n])]; ok {
			return t
		}
	}
	return nil
}

// minStemLookup is the shortest stem translations looks up when shortening one.
const minStemLookup = 5

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// DefaultLexicon is the lexicon read once from the FreeDict dictionaries installed in DictDir
// (English–French both ways on Debian with the packages of the Makefile's DEPS). When none is
// installed it is empty and Missing says which package to install.
func DefaultLexicon() *Lexicon {
	defaultOnce.Do(func() {
		defaultLex = LoadFreeDict(DictDir)
	})
	return defaultLex
}

// LoadFreeDict reads every FreeDict dictionary (freedict-xxx-yyy.index with its .dict.dz or
// .dict) in dir into one lexicon. Dictionaries that are missing or unreadable are named by
// Missing; the English–French pair is expected.
func LoadFreeDict(dir string) *Lexicon {
	l := &Lexicon{trans: make(map[string][]string)}
	seen := make(map[string]map[string]bool)
	idx, _ := filepath.Glob(filepath.Join(dir, "freedict-*-*.index"))
	sort.Strings(idx)
	found := map[string]bool{}
	for _, p := range idx {
		name := strings.TrimSuffix(filepath.Base(p), ".index")
		parts := strings.Split(name, "-")
		if len(parts) != 3 {
			continue
		}
		from, to := freedictLangs[parts[1]], freedictLangs[parts[2]]
		if from == "" || to == "" || stemmerFor(from) == nil || stemmerFor(to) == nil {
			continue
		}
		if err := l.readFreeDict(p, from, to, seen); err != nil {
			l.missing = append(l.missing, fmt.Sprintf("%s unreadable (%v)", name, err))
			continue
		}
		l.sources = append(l.sources, name)
		found[name] = true
	}
	for _, want := range []string{"freedict-eng-fra", "freedict-fra-eng"} {
		if !found[want] {
			l.missing = append(l.missing, fmt.Sprintf("%s not found in %s (install the Debian package dict-%s)", want, dir, want))
		}
	}
	return l
}

// readFreeDict reads one dictd dictionary: the index gives each headword's offset and length
// (base64 numbers) in the dictionary text; an entry is the headword line, then sense lines of
// comma-separated translations.
func (l *Lexicon) readFreeDict(indexPath, from, to string, seen map[string]map[string]bool) error {
	body, err := readDict(strings.TrimSuffix(indexPath, ".index"))
	if err != nil {
		return err
	}
	f, err := os.Open(indexPath)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 3 || strings.HasPrefix(fields[0], "00database") {
			continue
		}
		off, ok1 := b64num(fields[1])
		n, ok2 := b64num(fields[2])
		if !ok1 || !ok2 || off+n > len(body) {
			continue
		}
		entry := body[off : off+n]
		head, senses := parseEntry(entry)
		if head == "" {
			continue
		}
		hk := wordKeysOf(head, from)
		if len(hk) != 1 { // a headword of several content words has no one-word key
			continue
		}
		var tk []string
		for _, s := range senses {
			for _, t := range strings.Split(s, ",") {
				tk = append(tk, wordKeysOf(t, to)...)
			}
		}
		for i, t := range tk {
			if i >= maxTranslations {
				break
			}
			l.add(hk[0], t, seen)
			l.add(t, hk[0], seen)
		}
	}
	return sc.Err()
}

func (l *Lexicon) add(a, b string, seen map[string]map[string]bool) {
	if a == b {
		return
	}
	s := seen[a]
	if s == nil {
		s = make(map[string]bool)
		seen[a] = s
	}
	if s[b] || len(s) >= 3*maxTranslations {
		return
	}
	s[b] = true
	l.trans[a] = append(l.trans[a], b)
}

// wordKeysOf returns the "lang:stem" keys of the content words of a dictionary phrase of up to
// three words ("death toll" gives two keys, "to be" none).
func wordKeysOf(phrase, lang string) []string {
	phrase = strings.TrimSpace(phrase)
	if i := strings.IndexAny(phrase, "([<"); i >= 0 {
		phrase = phrase[:i]
	}
	words := splitWords(phrase)
	if len(words) == 0 || len(words) > 3 {
		return nil
	}
	var out []string
	for _, w := range words {
		lw := strings.ToLower(w)
		if isStopWord(lw, lang) || len([]rune(lw)) < 3 {
			continue
		}
		out = append(out, lang+":"+stem(lw, lang))
	}
	return out
}

// parseEntry splits a FreeDict entry into its headword and its sense lines. The headword line
// is "word /pronunciation/ <grammar>"; sense lines may be numbered ("1. ...").
func parseEntry(entry string) (string, []string) {
	lines := strings.Split(strings.TrimSpace(entry), "\n")
	if len(lines) < 2 {
		return "", nil
	}
	head := lines[0]
	if i := strings.Index(head, " /"); i >= 0 {
		head = head[:i]
	} else if i := strings.Index(head, " <"); i >= 0 {
		head = head[:i]
	}
	var senses []string
	for _, s := range lines[1:] {
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "Note:") || strings.HasPrefix(s, "see:") || strings.HasPrefix(s, "\"") {
			continue
		}
		if i := strings.Index(s, ". "); i > 0 && i <= 3 && s[0] >= '0' && s[0] <= '9' {
			s = s[i+2:]
		}
		senses = append(senses, s)
	}
	return strings.TrimSpace(head), senses
}

func readDict(base string) (string, error) {
	if f, err := os.Open(base + ".dict.dz"); err == nil {
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(z)
		return string(b), err
	}
	b, err := os.ReadFile(base + ".dict")
	return string(b), err
}

// b64num decodes dictd's base64 numbers.
func b64num(s string) (int, bool) {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 0 {
			return 0, false
		}
		n = n*64 + d
	}
	return n, s != ""
}
