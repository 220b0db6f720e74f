package counterpart

import (
	"strings"

	"factdesk/corpus"
)

// Suggestion is a sentence of an article with its check-worthiness: a score from 0 to 1, and
// whether it is suggested as a claim (Score >= SuggestThreshold).
type Suggestion struct {
	Start, End int // rune offsets in the article text
	Text       string
	Score      float64
	Suggested  bool
	Why        []string // what raised or lowered the score: "figure", "attribution", "question"…
}

// SuggestThreshold is the score from which a sentence is suggested as a claim.
const SuggestThreshold = 0.45

// Cue lists by language (folded words). They describe kinds of statement, not topics: what
// someone said or did, quantities and comparisons, causes; against opinions, questions, first
// and second person, and the boilerplate of news pages.
var (
	attributionCues = wordSet("said says told announced according reported stated claimed confirmed denied accused added insisted warned estimated revealed acknowledged admitted declared explained " +
		"selon declare indique annonce affirme rapporte precise confirme accuse ajoute estime assure souligne explique reconnu reconnait admis revele")
	comparisonCues = wordSet("fallen risen grown dropped declined surged plunged third quarter faster slower more less fewer most least than higher lower highest lowest largest smallest biggest increase increased decrease decreased rise rose fell fall doubled tripled record half twice percent average " +
		"plus moins hausse baisse augmente augmentation diminue diminution record double moitie fois moyenne superieur inferieur")
	causalCues = wordSet("because caused causes due led result resulted following after since therefore " +
		"car cause provoque entraine raison suite apres depuis donc")
	eventCues = wordSet("killed died injured wounded arrested elected voted signed launched attacked destroyed struck hit invited met visited fired displaced lost won passed approved banned " +
		"tues morts blesses arretes elu vote signe lance attaque detruit frappe invite rencontre visite perdu gagne adopte interdit deplaces affrontent combats")
	opinionCues = wordSet("think believe feel hope should must ought wonderful terrible great beautiful awful best worst love hate opinion seems perhaps maybe probably wish " +
		"pense crois espere devrait doit devraient formidable terrible magnifique genial pire meilleur aime deteste avis semble peut-etre probablement souhaite")
	perfectAux = wordSet("has have had a ont avait avaient")
	personCues = wordSet("i we you my our your us je nous vous mon ma mes notre nos votre vos")
	// Page furniture: subscription calls, app stores, sharing, comment forms, "read also".
	boilerplateCues = wordSet("subscribe subscription download newsletter click follow sign share comment comments reply login app application cookies advertisement " +
		"abonnez abonne abonnement telechargez telecharger inscrivez cliquez suivez rejoignez partagez commentaire commentaires publicite connectez")
	boilerplatePhrases = []string{"read also", "read more", "lire aussi", "à lire", "see also", "voir aussi", "with afp", "avec afp", "all rights reserved", "tous droits", "leave a reply", "please enter"}
)

// Suggest scores every sentence of an article's text by how check-worthy it is.
func Suggest(text, lang string) []Suggestion {
	spans := corpus.Sentences(text, lang)
	out := make([]Suggestion, 0, len(spans))
	for _, sp := range spans {
		score, why := CheckWorthiness(sp.Text)
		out = append(out, Suggestion{Start: sp.Start, End: sp.End, Text: sp.Text, Score: score, Suggested: score >= SuggestThreshold, Why: why})
	}
	return out
}

// CheckWorthiness scores one sentence from 0 to 1 by how much it states a fact that can be
// checked, and says why.
func CheckWorthiness(s string) (float64, []string) {
	words := wordsOf(s)
	var why []string
	score := 0.15
	bump := func(v float64, reason string) {
		score += v
		why = append(why, reason)
	}
	trimmed := strings.TrimSpace(s)
	low := strings.ToLower(trimmed)
	if len(words) < 4 {
		bump(-0.4, "too short")
	}
	if strings.HasSuffix(strings.TrimRight(trimmed, "»”\"' )"), "?") {
		bump(-0.6, "question")
	}
	for _, p := range boilerplatePhrases {
		if strings.Contains(low, p) {
			bump(-0.7, "page furniture")
			break
		}
	}
	figs := Figures(s)
	counts, dates := 0, 0
	for _, f := range figs {
		if f.Kind() == 'd' || f.Kind() == 'm' {
			dates++
		} else {
			counts++
		}
	}
	if counts > 0 {
		bump(0.35, "figure")
	}
	if dates > 0 {
		bump(0.15, "date")
	}
	var attr, comp, cause, event, opinion, person, boiler, names, past int
	for i, w := range words {
		fw := fold(w.text)
		if len(fw) > 4 && strings.HasSuffix(fw, "ed") || i > 0 && perfectAux[fold(words[i-1].text)] && len(fw) > 3 {
			past++ // "started", "has fallen", "a signé"
		}
		switch {
		case attributionCues[fw]:
			attr++
		case comparisonCues[fw]:
			comp++
		case causalCues[fw]:
			cause++
		case eventCues[fw]:
			event++
		case opinionCues[fw]:
			opinion++
		case personCues[fw]:
			person++
		case boilerplateCues[fw]:
			boiler++
		}
		if i > 0 && isCapitalized(w.text) && !personCues[fw] {
			names++
		}
	}
	if attr > 0 {
		bump(0.25, "attribution")
	}
	if comp > 0 {
		bump(0.25, "comparison")
	}
	if past > 0 && event == 0 {
		bump(0.1, "past event")
	}
	if cause > 0 {
		bump(0.05, "cause")
	}
	if event > 0 {
		bump(0.15, "event")
	}
	if names > 0 {
		bump(0.1, "names")
	}
	if opinion > 0 {
		bump(-0.25, "opinion")
	}
	if person > 0 && counts == 0 {
		bump(-0.15, "first or second person")
	}
	if boiler > 0 {
		bump(-0.5, "page furniture")
	}
	if score < 0 {
		score = 0
	}
	if score > 1 {
		score = 1
	}
	return float64(int(score*100+0.5)) / 100, why
}
