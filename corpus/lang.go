package corpus

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// Languages are the languages that DetectLanguage tells apart, as ISO 639-1 codes. Restricting
// the detector to the languages a newsroom meets keeps it fast and its memory small, and avoids
// confusing close relatives nobody imports (French with Occitan, Russian with Belarusian).
var Languages = []string{"en", "fr", "es", "de", "ru", "ar", "uk", "it", "pt", "nl", "pl"}

var detectorLanguages = []lingua.Language{
	lingua.English, lingua.French, lingua.Spanish, lingua.German, lingua.Russian, lingua.Arabic,
	lingua.Ukrainian, lingua.Italian, lingua.Portuguese, lingua.Dutch, lingua.Polish,
}

var (
	detectorOnce sync.Once
	detector     lingua.LanguageDetector
)

// languageDetector builds the lingua detector once: loading its models takes about 0.1 s and
// 10 MB. Low-accuracy mode scores trigrams only; lingua uses nothing else for inputs of 120
// characters or more anyway, and the high-accuracy models would cost 3.5 s and 200 MB to load.
func languageDetector() lingua.LanguageDetector {
	detectorOnce.Do(func() {
		detector = lingua.NewLanguageDetectorBuilder().
			FromLanguages(detectorLanguages...).
			WithLowAccuracyMode().
			WithPreloadedLanguageModels().
			Build()
	})
	return detector
}

// Sample sizes for language detection, in runes. lingua costs about 2 µs per rune, so an article
// is judged on a sample of its prose, enlarged only when the detector is unsure.
const (
	langSample    = 120
	langSampleMax = 1000
)

// DetectLanguage returns the ISO 639-1 code of the language text is written in (one of
// Languages), or "" when the text is too short or too mixed to tell. It judges a sample of the
// prose (headline-like lines are skipped when there is enough prose), so its cost does not grow
// with the length of the article.
func DetectLanguage(text string) string {
	d := languageDetector()
	for size := langSample; ; size *= 3 {
		sample, all := languageSample(text, size)
		if sample == "" {
			return ""
		}
		if lang, ok := d.DetectLanguageOf(sample); ok {
			return strings.ToLower(lang.IsoCode639_1().String())
		}
		if all || size >= langSampleMax {
			return ""
		}
	}
}

// languageSample returns about size runes of the prose of text, cut at a word boundary, and
// whether that is all the text there is. Lines that read as headlines are used only when the
// text has too little prose.
func languageSample(text string, size int) (sample string, all bool) {
	var b strings.Builder
	for _, proseOnly := range []bool{true, false} {
		b.Reset()
		n, cut := 0, false
		// Prose is looked for in the first 64 KB only: a text of ten thousand headlines costs
		// no more than an article.
		rest := text
		if len(rest) > 1<<16 {
			if i := strings.LastIndexByte(rest[:1<<16], '\n'); i > 0 {
				rest = rest[:i]
			}
		}
		for rest != "" && n < size {
			var line string
			line, rest, _ = strings.Cut(rest, "\n")
			line = strings.TrimSpace(line)
			ln := utf8.RuneCountInString(line)
			if ln == 0 || (proseOnly && isHeadingLike(line, ln)) {
				continue
			}
			if ln > size-n {
				line, cut = cutAtWord(line, size-n), true
				ln = utf8.RuneCountInString(line)
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
				n++
			}
			b.WriteString(line)
			n += ln
		}
		all = !cut && strings.TrimSpace(rest) == ""
		if n >= size/2 || !proseOnly {
			return b.String(), all
		}
	}
	return b.String(), all
}

// cutAtWord returns the first n runes of s, shortened to the last word boundary.
func cutAtWord(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			s = s[:pos]
			if j := strings.LastIndexFunc(s, unicode.IsSpace); j > 0 {
				s = s[:j]
			}
			return s
		}
		i++
	}
	return s
}
