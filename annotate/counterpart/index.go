package counterpart

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"factdesk/corpus"
)

// IndexedSentence is a sentence of an article with the keys an index keeps for it: the same
// as Analyze(text, lang, nil).IndexKeys() (stems, name keys, figures), computed without the
// rest of the analysis.
type IndexedSentence struct {
	Start, End int      // rune offsets in the article text
	Keys       []string // sorted, distinct
}

// IndexSentences splits an article's text into sentences (corpus.Sentences) and returns the
// index keys of each that has any, in order. It is what an import computes for every article,
// on every core, so it is built for speed: the keys of a word are computed once per word form
// and language and shared by every goroutine.
func IndexSentences(text, lang string) []IndexedSentence {
	spans := corpus.Sentences(text, lang)
	out := make([]IndexedSentence, 0, len(spans))
	var keys []string
	seen := map[string]bool{}
	for _, sp := range spans {
		keys = sentenceIndexKeys(sp.Text, lang, keys[:0], seen)
		if len(keys) == 0 {
			continue
		}
		out = append(out, IndexedSentence{Start: sp.Start, End: sp.End, Keys: slices.Clone(keys)})
	}
	return out
}

// sentenceIndexKeys appends the index keys of sentence s to keys (Analyze's tokens without a
// lexicon, deduplicated as Analyze does by a token's first key, then their keys of weight 1
// but cognates), sorted and distinct.
func sentenceIndexKeys(s, lang string, keys []string, seen map[string]bool) []string {
	clear(seen)
	for _, f := range Figures(s) {
		if seen[f.Key] {
			continue
		}
		seen[f.Key] = true
		keys = append(keys, f.Key)
		keys = append(keys, f.Alts...)
	}
	inWord := false
	start := 0
	emit := func(end int) {
		wi := wordIndexInfo(s[start:end], lang)
		if wi.skip {
			return
		}
		first := wi.own
		if wi.name != "" {
			first = wi.name
		}
		if seen[first] {
			return
		}
		seen[first] = true
		if wi.name != "" {
			keys = append(keys, wi.name)
		}
		keys = append(keys, wi.own)
	}
	for i, r := range s {
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && !inWord:
			inWord, start = true, i
		case !letter && inWord:
			inWord = false
			emit(i)
		}
	}
	if inWord {
		emit(len(s))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// wordInfo is what indexing needs of one word form: whether it is skipped (a function word, a
// figure word, too short), its name key when it is capitalized, its stem key.
type wordInfo struct {
	skip      bool
	name, own string
}

// wordShard caches the wordInfo of the word forms of one language.
type wordShard struct {
	mu sync.RWMutex
	m  map[string]wordInfo
}

var (
	wordShardsMu sync.Mutex
	wordShards   = map[string]*wordShard{}
)

func shardFor(lang string) *wordShard {
	wordShardsMu.Lock()
	defer wordShardsMu.Unlock()
	sh, ok := wordShards[lang]
	if !ok {
		sh = &wordShard{m: map[string]wordInfo{}}
		wordShards[lang] = sh
	}
	return sh
}

// wordIndexInfo returns the wordInfo of word form w (a letter run of a sentence) in lang, as
// Analyze reads a word without a lexicon.
func wordIndexInfo(w, lang string) wordInfo {
	sh := shardFor(lang)
	sh.mu.RLock()
	wi, ok := sh.m[w]
	sh.mu.RUnlock()
	if ok {
		return wi
	}
	wi = computeWordInfo(w, lang)
	if cached.Load() < maxCached {
		w = strings.Clone(w) // w is a slice of an article's text: keep only the word
		sh.mu.Lock()
		if _, ok := sh.m[w]; !ok {
			sh.m[w] = wi
			cached.Add(1)
		}
		sh.mu.Unlock()
	}
	return wi
}

func computeWordInfo(w, lang string) wordInfo {
	lw := strings.ToLower(w)
	fw := fold(lw)
	if isStopWord(lw, lang) || isStopWord(fw, lang) || isFigureWord(fw) || utf8.RuneCountInString(lw) < 2 {
		return wordInfo{skip: true}
	}
	wi := wordInfo{own: stemInfo(lw, lang).own}
	if isCapitalized(w) && utf8.RuneCountInString(w) >= 2 {
		nk := NameKey(w)
		if len(nk) < 2 {
			nk = fold(w)
		}
		wi.name = "p:" + nk
		return wi
	}
	if utf8.RuneCountInString(lw) < 3 {
		return wordInfo{skip: true}
	}
	return wi
}
