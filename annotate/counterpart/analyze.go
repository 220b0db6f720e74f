package counterpart

import (
	"slices"
	"sort"
	"strings"

	"factdesk/corpus"
)

// key is one way a token can meet a token of another sentence, with the confidence of that
// way: its own stem 1, a translation 0.9, a cognate prefix 0.6.
type key struct {
	k string
	w float32
}

// Token kinds.
const (
	kindWord   = 'w'
	kindName   = 'n'
	kindFigure = 'f'
)

// token is one content unit of a sentence: a content word, a name or a figure.
type token struct {
	kind  byte
	label string
	keys  []key
}

// Sentence is a sentence analysed for matching: its tokens and their keys, its figures and its
// polarity. Build it with Analyze; it is read-only afterwards and safe to share.
type Sentence struct {
	Text       string
	Lang       string
	Start, End int      // rune offsets in the article text (0, 0 when not from an article)
	Figures    []Figure // the figures it states
	Negation   string   // the negation cue it contains ("not", "n'… pas", "denied"), "" if none
	tokens     []token  // content words, names and figures
	keyWeight  map[string]float32
	lexMissing bool
}

// Weights of the kinds of tokens: a shared figure or name tells more than a shared word.
const (
	weightWord       = 1.0
	weightName       = 1.6
	weightFigure     = 2.0
	weightSmallCount = 1.0 // a figure under 11: "two ministers"
	cognateLen       = 5
)

// Analyze reads a sentence of language lang (ISO 639-1, "" when unknown) for matching, using
// lex (nil for none) to meet words of other languages.
func Analyze(text, lang string, lex *Lexicon) *Sentence {
	s := &Sentence{Text: text, Lang: lang, keyWeight: map[string]float32{}, lexMissing: lex.Size() == 0}
	s.Figures = Figures(text)
	seen := map[string]int{}
	addTok := func(t token) {
		if len(t.keys) == 0 {
			return
		}
		if i, ok := seen[t.keys[0].k]; ok {
			if t.kind == kindName && s.tokens[i].kind == kindWord {
				s.tokens[i].kind = kindName
			}
			return
		}
		seen[t.keys[0].k] = len(s.tokens)
		s.tokens = append(s.tokens, t)
	}
	for _, f := range s.Figures {
		t := token{kind: kindFigure, label: f.Label(), keys: []key{{f.Key, 1}}}
		for _, a := range f.Alts {
			t.keys = append(t.keys, key{a, 1})
		}
		addTok(t)
	}
	words := wordsOf(text)
	runes := []rune(text)
	first := true
	for i, w := range words {
		lw := strings.ToLower(w.text)
		fw := fold(lw)
		initial := first
		first = false
		if i > 0 && w.start > 0 && isOpenerBefore(runes, words[i-1].end, w.start) {
			initial = true // a quotation opens: « Le 9 octobre … »
		}
		if isStopWord(lw, lang) || isStopWord(fw, lang) || isFigureWord(fw) || len([]rune(lw)) < 2 {
			continue
		}
		si := stemInfo(lw, lang)
		wk := wordKeys(si, lang, lex)
		known := len(lex.translations(lang+":"+si.stem)) > 0
		capital := isCapitalized(w.text)
		if capital && (!initial || !known) && len([]rune(w.text)) >= 2 {
			nk := NameKey(w.text)
			if len(nk) < 2 {
				nk = fold(w.text)
			}
			keys := append([]key{{"p:" + nk, 1}}, wk...)
			addTok(token{kind: kindName, label: w.text, keys: keys})
			continue
		}
		if len([]rune(lw)) < 3 {
			continue
		}
		addTok(token{kind: kindWord, label: w.text, keys: wk})
	}
	for _, t := range s.tokens {
		for _, k := range t.keys {
			if k.w > s.keyWeight[k.k] {
				s.keyWeight[k.k] = k.w
			}
		}
	}
	s.Negation = negationCue(words, lang)
	return s
}

// isOpenerBefore reports whether an opening quotation mark or a colon stands between two words.
func isOpenerBefore(rs []rune, from, to int) bool {
	for _, r := range rs[from:min(to, len(rs))] {
		if r == '«' || r == '"' || r == '“' || r == ':' {
			return true
		}
	}
	return false
}

// wordKeys returns the keys of a content word from its stem: the stem, the stems of its
// translations, and a cognate prefix that meets its relatives in other languages
// ("humanitaires"/"humanitarian", "civils"/"civilians").
func wordKeys(si *stemmed, lang string, lex *Lexicon) []key {
	tr := lex.translations(lang + ":" + si.stem)
	keys := make([]key, 0, 2+len(tr))
	keys = append(keys, key{si.own, 1})
	for _, t := range tr {
		keys = append(keys, key{"w:" + t, 0.9})
	}
	if si.cognate != "" {
		keys = append(keys, key{si.cognate, 0.6})
	}
	return keys
}

func isFigureWord(w string) bool {
	if _, ok := numberWords[w]; ok {
		return true
	}
	if _, ok := approxWords[w]; ok {
		return true
	}
	if _, ok := ordinals[w]; ok {
		return true
	}
	if _, ok := months[w]; ok && len(w) > 3 {
		return true
	}
	_, ok := multipliers[w]
	return ok
}

// Keys returns the distinct keys of the sentence, for an index that finds the sentences sharing
// a key with another.
func (s *Sentence) Keys() []string {
	out := make([]string, 0, len(s.keyWeight))
	for k := range s.keyWeight {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// IndexKeys returns the keys a sentence has of itself, worth indexing: its stems, name keys and
// figures, not the translations (the query brings them: see LookupKeys) nor the cognate
// prefixes (too common to narrow a search).
func (s *Sentence) IndexKeys() []string { return s.keysFrom(1) }

// LookupKeys returns the keys to look up in an index of IndexKeys: the sentence's own and the
// stems of their translations.
func (s *Sentence) LookupKeys() []string { return s.keysFrom(0.9) }

func (s *Sentence) keysFrom(w float32) []string {
	var out []string
	for _, t := range s.tokens {
		for _, k := range t.keys {
			if k.w >= w && !strings.HasPrefix(k.k, "c:") {
				out = append(out, k.k)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Tokens is the number of content tokens (words, names, figures) of the sentence.
func (s *Sentence) Tokens() int { return len(s.tokens) }

// AnalyzeText splits an article's text into sentences (corpus.Sentences) and analyses each.
func AnalyzeText(text, lang string, lex *Lexicon) []*Sentence {
	spans := corpus.Sentences(text, lang)
	out := make([]*Sentence, 0, len(spans))
	for _, sp := range spans {
		s := Analyze(sp.Text, lang, lex)
		s.Start, s.End = sp.Start, sp.End
		out = append(out, s)
	}
	return out
}
