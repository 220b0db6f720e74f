package textview

import (
	"strconv"
	"strings"

	"factdesk/annotate"
)

// rng is a small deterministic generator (xorshift), so that the generated article is the
// same on every run and machine.
type rng uint64

func (r *rng) next() uint64 {
	x := uint64(*r)
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	*r = rng(x)
	return x
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func (r *rng) pick(words []string) string { return words[r.intn(len(words))] }

var (
	enSubjects = []string{"The ministry", "A spokesman for the government", "Local officials", "The observers",
		"Witnesses in Stepanakert", "The mission", "Azerbaijan's defence ministry", "Armenia's prime minister",
		"The Red Cross", "Residents of the valley", "A senior diplomat", "The United Nations"}
	enVerbs = []string{"said", "reported", "denied", "confirmed", "claimed", "announced", "estimated",
		"acknowledged", "insisted", "warned"}
	enObjects = []string{"that the ceasefire had been broken", "that 1,200 people had crossed the border",
		"that the convoy reached the town on Tuesday", "that no civilians were hurt",
		"that the shelling lasted until dawn", "that talks would resume in Geneva",
		"that 3.5 tonnes of aid were delivered", "that the road through the Lachin corridor was closed",
		"that troops withdrew from two villages", "that the figures were exaggerated"}
	enTails = []string{"according to a statement", "on Wednesday evening", "in an interview with reporters",
		"without giving details", "citing satellite images", "as fighting continued", "despite earlier denials"}

	frSubjects = []string{"Le ministère", "Un porte-parole du gouvernement", "Les observateurs",
		"Les habitants de la vallée", "La Croix-Rouge", "L’ambassadeur", "Le Premier ministre de l’Arménie",
		"Les autorités de l’Azerbaïdjan", "Une source diplomatique", "L’Organisation des Nations unies"}
	frVerbs = []string{"a déclaré", "a affirmé", "a démenti", "a confirmé", "a annoncé", "a estimé",
		"a reconnu", "a assuré", "a prévenu"}
	frObjects = []string{"que le cessez-le-feu avait été rompu", "qu’environ 1\u202f200 personnes avaient franchi la frontière",
		"que le convoi était arrivé mardi", "qu’aucun civil n’avait été blessé",
		"que les bombardements avaient duré jusqu’à l’aube", "que les négociations reprendraient à Genève",
		"que 3,5 tonnes d’aide avaient été livrées", "que la route du corridor de Latchine était fermée",
		"que les troupes s’étaient retirées de deux villages", "que les chiffres étaient exagérés"}
	frTails = []string{"selon un communiqué", "mercredi soir", "dans un entretien avec la presse",
		"sans donner de détails", "en citant des images satellites", "alors que les combats se poursuivaient",
		"malgré des démentis antérieurs"}
	links = []string{"https://example.org/reports/2023/09/ceasefire-violations-nagorno-karabakh-statement-full-text",
		"https://example.fr/actualites/international/caucase/azerbaidjan-armenie-corridor-de-latchine-convoi"}
)

// article returns a deterministic article of at least size bytes: paragraphs of three to
// eight sentences, alternately English and French, with accents, typographic apostrophes,
// guillemets with no-break spaces, figures and the odd long link.
func article(size int) string {
	r := rng(0x9e3779b97f4a7c15)
	var b strings.Builder
	for p := 0; b.Len() < size; p++ {
		if p > 0 {
			b.WriteByte('\n')
		}
		french := p%2 == 1
		n := 3 + r.intn(6)
		for s := 0; s < n; s++ {
			if s > 0 {
				b.WriteByte(' ')
			}
			if french {
				sentence := r.pick(frSubjects) + " " + r.pick(frVerbs) + " " + r.pick(frObjects) + ", " + r.pick(frTails)
				if r.intn(4) == 0 {
					sentence = "« " + sentence + " »" // with no-break spaces inside
					sentence = strings.Replace(sentence, "« ", "«\u00a0", 1)
					sentence = strings.Replace(sentence, " »", "\u00a0»", 1)
				}
				b.WriteString(sentence + ".")
			} else {
				b.WriteString(r.pick(enSubjects) + " " + r.pick(enVerbs) + " " + r.pick(enObjects) + ", " + r.pick(enTails) + ".")
			}
			if r.intn(25) == 0 {
				b.WriteString(" " + r.pick(links))
			}
		}
	}
	return b.String()
}

// claimsFor returns n deterministic claims over text: spans of 3 to 25 words starting at a
// word, every seventh one nested inside the previous, verdicts in turn.
func claimsFor(text string, n int) []Highlight {
	rs := []rune(text)
	var starts []int
	for i, c := range rs {
		if c != ' ' && c != '\n' && (i == 0 || rs[i-1] == ' ' || rs[i-1] == '\n') {
			starts = append(starts, i)
		}
	}
	r := rng(0x2545f4914f6cdd1d)
	hs := make([]Highlight, 0, n)
	stride := len(starts) / n
	for i := 0; i < n; i++ {
		w := i * stride
		words := 3 + r.intn(23)
		end := len(rs)
		if w+words < len(starts) {
			end = starts[w+words] - 1
		}
		h := Highlight{ID: claimID(i), Start: starts[w], End: end, Verdict: annotate.Verdicts[i%3]}
		if i%7 == 6 && len(hs) > 0 { // nested in the previous claim
			prev := hs[len(hs)-1]
			h.Start = prev.Start + (prev.End-prev.Start)/3
			h.End = prev.Start + 2*(prev.End-prev.Start)/3
		}
		hs = append(hs, h)
	}
	return hs
}

func claimID(i int) string { return "c" + strconv.Itoa(i) }
