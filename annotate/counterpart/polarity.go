package counterpart

import "strings"

// Negation cues by language. Words that deny or refuse count as negation too: "X denied
// firing" states the opposite of "X fired".
var (
	negWordsEN = wordSet("not no never none nobody nothing neither nor cannot without unclear")
	negWordsFR = wordSet("pas jamais aucun aucune rien ni guère nullement sans")
	// Prefixes of folded verbs of denial and refusal.
	negPrefixEN = []string{"deni", "deny", "refus", "reject", "dismiss", "disput", "contradict"}
	negPrefixFR = []string{"dement", "refus", "rejet", "rejett", "contest", "infirm"}
	negExactFR  = wordSet("nie nient niait niaient nier nies")
)

// negationCue returns the first negation cue of a sentence ("" when there is none): negation
// words ("not", "n'ont pas", "never") and verbs of denial ("denied", "a démenti").
func negationCue(words []word, lang string) string {
	for i, w := range words {
		lw := fold(w.text)
		en := lang != "fr"
		fr := lang != "en"
		if en && (negWordsEN[lw] || lw == "t" && i > 0 && strings.HasSuffix(fold(words[i-1].text), "n")) {
			if lw == "t" {
				return "n't"
			}
			return lw
		}
		if fr && negWordsFR[lw] {
			if i > 0 && (fold(words[i-1].text) == "n" || fold(words[i-1].text) == "ne") || lw != "pas" && lw != "plus" {
				if lw == "pas" {
					return "n'… pas"
				}
				return lw
			}
			if lw == "pas" {
				return "pas"
			}
		}
		if fr && negExactFR[lw] {
			return lw
		}
		if en {
			for _, p := range negPrefixEN {
				if strings.HasPrefix(lw, p) {
					return lw
				}
			}
		}
		if fr {
			for _, p := range negPrefixFR {
				if strings.HasPrefix(lw, p) {
					return lw
				}
			}
		}
	}
	return ""
}
