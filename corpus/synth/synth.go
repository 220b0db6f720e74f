// Package synth generates a synthetic news corpus for benchmarks and tests: articles in English
// and French of realistic size, with figures ("140,000", "140 000" with a no-break space,
// "3.5"), quotes (“ ” and « »), sub-headings, and the boilerplate that text copied from the web
// carries (breadcrumbs, "Read more" teasers, newsletter and app promotions, comment forms,
// social-media calls). Everything is deterministic from the seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextSize is the approximate size in bytes of each text that Texts returns.
const TextSize = 3000

// Texts returns n raw article files (what a person would save from the web as .txt): mixed
// English and French, about TextSize bytes each, with boilerplate noise. The same n and seed
// always give the same texts; text i does not depend on n.
func Texts(n int, seed int64) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = Text(seed, i)
	}
	return out
}

// Text returns the i-th raw article of the corpus with the given seed (see Texts): even i are
// English, odd i French.
func Text(seed int64, i int) string {
	g := newGen(seed, uint64(i), i%2 == 0)
	return g.rawArticle(TextSize)
}

// Article returns one long, clean article of about sizeBytes bytes (title, sub-headings and
// paragraphs separated by blank lines, no boilerplate), in English for an even seed and French
// for an odd one: the kind of text a text view or a storage benchmark needs as is.
func Article(sizeBytes int, seed int64) string {
	g := newGen(seed, 1<<32, seed%2 == 0)
	var b strings.Builder
	b.WriteString(g.headline())
	for b.Len() < sizeBytes {
		if g.r.IntN(6) == 0 {
			b.WriteString("\n\n")
			b.WriteString(g.subheading())
		}
		b.WriteString("\n\n")
		b.WriteString(g.paragraph())
	}
	return b.String()
}

type gen struct {
	r  *rand.Rand
	en bool
	l  *lexicon
}

func newGen(seed int64, stream uint64, en bool) *gen {
	l := &french
	if en {
		l = &english
	}
	return &gen{r: rand.New(rand.NewPCG(uint64(seed), stream)), en: en, l: l}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// rawArticle writes an article of about size bytes wrapped in web boilerplate.
func (g *gen) rawArticle(size int) string {
	var b strings.Builder
	title := g.headline()
	if g.r.IntN(3) == 0 { // breadcrumb glued to the title, as copied from a page
		b.WriteString(g.pick(g.l.crumbs) + title + "\n\n")
	}
	b.WriteString(title + "\n\n")
	if g.r.IntN(3) == 0 { // teasers of other articles
		b.WriteString(g.headline() + "\n" + g.headline() + "\n\n")
	}
	body := 0
	for p := 0; body < size-600 || p < 3; p++ {
		if p > 0 && g.r.IntN(5) == 0 {
			b.WriteString(g.subheading() + "\n\n")
		}
		if p > 0 && g.r.IntN(6) == 0 {
			b.WriteString(g.l.readAlso + "\u00a0" + g.headline() + "\n\n")
		}
		para := g.paragraph()
		body += len(para)
		b.WriteString(para + "\n\n")
	}
	if g.r.IntN(2) == 0 {
		b.WriteString(g.pick(g.l.attribution) + "\n\n")
	}
	tail := g.l.tails[g.r.IntN(len(g.l.tails))]
	b.WriteString(strings.Join(tail, "\n\n"))
	return b.String()
}

func (g *gen) headline() string {
	return capitalize(g.fill(g.pick(g.l.headlines)))
}

func (g *gen) subheading() string {
	return capitalize(g.fill(g.pick(g.l.subheadings)))
}

func (g *gen) paragraph() string {
	n := 2 + g.r.IntN(3)
	s := make([]string, n)
	for i := range s {
		s[i] = capitalize(g.fill(g.pick(g.l.sentences)))
	}
	return strings.Join(s, " ")
}

// capitalize upper-cases the first letter of s, after any opening quote.
func capitalize(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}

// fill replaces the {slots} of a template.
func (g *gen) fill(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(g.slot(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
}

func (g *gen) slot(name string) string {
	l := g.l
	switch name {
	case "person":
		return g.pick(l.titles) + " " + g.pick(firstNames) + " " + g.pick(lastNames)
	case "name":
		return g.pick(lastNames)
	case "place":
		return g.pick(l.places)
	case "country":
		return g.pick(l.countries)
	case "org":
		return g.pick(l.orgs)
	case "day":
		return g.pick(l.days)
	case "month":
		return g.pick(l.months)
	case "date":
		return fmt.Sprintf("%d %s %d", 1+g.r.IntN(28), g.pick(l.months), 2015+g.r.IntN(10))
	case "year":
		return fmt.Sprint(1988 + g.r.IntN(37))
	case "hour":
		return fmt.Sprint(1 + g.r.IntN(11))
	case "small":
		return fmt.Sprint(2 + g.r.IntN(60))
	case "big":
		return g.bigNumber()
	case "decimal":
		sep := "."
		if !g.en {
			sep = ","
		}
		return fmt.Sprintf("%d%s%d", 1+g.r.IntN(9), sep, g.r.IntN(10))
	case "percent":
		if g.en {
			return fmt.Sprintf("%d%%", 2+g.r.IntN(90))
		}
		return fmt.Sprintf("%d\u00a0%%", 2+g.r.IntN(90))
	case "quote":
		q := g.fill(g.pick(l.quotes))
		if g.en {
			return "“" + q + "”"
		}
		return "«\u00a0" + q + "\u00a0»"
	}
	return name
}

// bigNumber writes a number in the thousands as each language groups digits: "140,000" or
// "140 000" with a no-break space (narrow or not, as French pages vary).
func (g *gen) bigNumber() string {
	n := (1 + g.r.IntN(900)) * 1000
	if g.r.IntN(2) == 0 {
		n += g.r.IntN(1000)
	}
	sep := ","
	if !g.en {
		sep = "\u00a0"
		if g.r.IntN(3) == 0 {
			sep = "\u202f"
		}
	}
	return fmt.Sprintf("%d%s%03d", n/1000, sep, n%1000)
}

type lexicon struct {
	titles, places, countries, orgs, days, months []string
	headlines, subheadings, sentences, quotes     []string
	crumbs, attribution                           []string
	readAlso                                      string
	tails                                         [][]string
}

var firstNames = []string{"Anna", "Sergei", "Ilham", "Nikol", "Ceyhun", "Marie", "Jean", "Olga", "Ahmed", "Laura", "Pedro", "Hans", "Zohrab", "Elena", "Karim", "Sofia"}

var lastNames = []string{"Petrova", "Lavrov", "Aliev", "Pashinian", "Bayramov", "Dupont", "Martin", "Ivanova", "Haddad", "García", "Müller", "Mnatsakanian", "Kovalenko", "Benali", "Rossi", "Novak"}

var english = lexicon{
	titles:    []string{"President", "Foreign Minister", "Prime Minister", "Mr.", "Ms.", "Dr.", "spokesman", "Ambassador", "General"},
	places:    []string{"Moscow", "Geneva", "Baku", "Yerevan", "Stepanakert", "Brussels", "Washington", "Ankara", "Paris", "Tbilisi", "St. Petersburg"},
	countries: []string{"Armenia", "Azerbaijan", "Russia", "France", "the U.S.", "Turkey", "Georgia", "Iran", "the United States"},
	orgs:      []string{"the OSCE Minsk Group", "the Kremlin", "the U.N. Security Council", "the European Union", "the Red Cross", "the foreign ministry", "NATO"},
	days:      []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	months:    []string{"January", "March", "May", "June", "September", "October", "November"},
	headlines: []string{
		"{person} invites {country} to talks in {place}",
		"Fighting continues near {place} despite calls for a ceasefire",
		"{org} meets in {place} as death toll rises",
		"At least {small} dead in new strikes on {place}",
		"{country} and {country} trade accusations over shelling",
		"Thousands flee {place} as clashes enter day {small}",
	},
	subheadings: []string{
		"At least {small} dead", "A cathedral hit by gunfire", "Talks in {place}", "Civilians on the move",
		"No reaction from {place}", "A conflict of more than {small} years", "What {org} says",
	},
	sentences: []string{
		"{person} said on {day} that the talks in {place} would start within {small} days.",
		"According to {org}, about {big} people have left their homes since {month}.",
		"The official death toll is {small} to {big}, including around {small} civilians.",
		"{quote}, {person} told reporters in {place}.",
		"{person} said: {quote}.",
		"It was not clear whether {country} had accepted the invitation of {org}.",
		"Prices rose by {percent} in {month}, and the budget deficit reached {decimal} billion dollars.",
		"Local authorities said {small} buildings were hit in {place} on {day}.",
		"The meeting, held at {hour} p.m. local time, lasted {decimal} hours.",
		"Mr. {name} and Dr. {name} met in {place} on {date}, e.g. to prepare the ceasefire.",
		"Each side claims to have killed thousands of enemy soldiers, claims that could not be verified.",
		"Half of the {big} inhabitants of the region have been displaced, the separatists said.",
		"Nothing leaked from the meeting.",
		"The U.S. State Department called for restraint... The appeal went unanswered.",
		"Did {org} know? Officials in {place} declined to comment.",
		"The conflict has lasted since {year}, when the region declared its independence.",
	},
	quotes: []string{
		"We are ready to meet in {place}",
		"The fighting must stop now.",
		"Nobody wants a war with {country}",
		"Is this the end of the ceasefire?",
	},
	crumbs:      []string{"HomeWorld", "HomeEurope", "Home > World > Europe\n"},
	attribution: []string{"With AFP", "With Reuters", "(AP)"},
	readAlso:    "Read more:",
	tails: [][]string{
		{"The summary of the week", "Daily News invites you to come back to the news that marked the week", "I subscribe", "Take international news everywhere with you!", "Download the Daily News application", "google-play-badge_EN"},
		{"Follow us on Twitter and Facebook", "Share this article", "Advertisement"},
		{"LEAVE A REPLY", "Please enter your comment!", "Please enter your name here", "You have entered an incorrect email address!"},
		{"Sign up for our newsletter", "© 2020 Daily News. All rights reserved."},
	},
}

var french = lexicon{
	titles:    []string{"le président", "le ministre des Affaires étrangères", "le Premier ministre", "M.", "Mme", "le porte-parole", "l’ambassadeur", "le général"},
	places:    []string{"Moscou", "Genève", "Bakou", "Erevan", "Stepanakert", "Bruxelles", "Washington", "Ankara", "Paris", "Tbilissi", "Choucha"},
	countries: []string{"l’Arménie", "l’Azerbaïdjan", "la Russie", "la France", "les États-Unis", "les Etats-Unis", "la Turquie", "la Géorgie", "l’Iran"},
	orgs:      []string{"le Groupe de Minsk de l’OSCE", "le Kremlin", "le Conseil de sécurité de l’ONU", "l’Union européenne", "la Croix-Rouge", "le ministère des Affaires étrangères", "l’OTAN"},
	days:      []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
	months:    []string{"janvier", "février", "mars", "mai", "juin", "septembre", "octobre", "novembre", "décembre"},
	headlines: []string{
		"Tension à {place} : {person} convoque les diplomates",
		"Les combats se poursuivent près de {place} malgré les appels au cessez-le-feu",
		"Au moins {small} morts dans de nouvelles frappes sur {place}",
		"{person} invite les deux pays à {place}",
		"Diplomatie : {place} expulse deux ambassadeurs",
		"Des milliers d’habitants fuient {place}",
	},
	subheadings: []string{
		"Au moins {small} morts", "Une cathédrale touchée", "Des pourparlers à {place}", "Les civils sur les routes",
		"Aucune réaction à {place}", "Un conflit de plus de {small} ans",
	},
	sentences: []string{
		"{person} a déclaré {day} que les discussions à {place} commenceraient d’ici {small} jours.",
		"Selon {org}, environ {big} personnes ont quitté leur domicile depuis {month}.",
		"Le bilan officiel fait état de {small} à {big} morts, dont une cinquantaine de civils.",
		"{quote}, a indiqué {person} dans un communiqué cité par l’AFP.",
		"Pour l’heure, les deux chefs de la diplomatie n’ont pas confirmé leur participation.",
		"Les prix ont augmenté de {percent} en {month} et le déficit a atteint {decimal} milliards d’euros.",
		"Les autorités locales ont fait état de {small} bâtiments touchés à {place} {day}.",
		"M. {name} et Mme {name} se sont rencontrés à {place} le {date}.",
		"Chaque camp affirme avoir éliminé des milliers de soldats ennemis, ce qui n’a pu être vérifié.",
		"La moitié des {big} habitants de la région ont été déplacés, selon les séparatistes.",
		"Rien n’a filtré de cette rencontre.",
		"Les appels au cessez-le-feu de Paris, Washington et Moscou ne changent encore rien.",
		"Faut-il y croire ? À {place}, personne ne se prononce.",
		"Le conflit dure depuis {year}, lorsque la région a proclamé son indépendance.",
		"{person} a rappelé que {country} et {country} étaient invités à {place}.",
	},
	quotes: []string{
		"Nous sommes prêts à nous rendre à {place}",
		"Les combats doivent cesser maintenant.",
		"Personne ne veut la guerre avec {country}",
		"Est-ce la fin du cessez-le-feu ?",
	},
	crumbs:      []string{"AccueilInternational", "AccueilMonde", "Accueil › Monde › Europe\n"},
	attribution: []string{"Avec AFP", "(AFP)", "Source : AFP"},
	readAlso:    "Lire aussi",
	tails: [][]string{
		{"LEAVE A REPLY", "Please enter your comment!", "Please enter your name here"},
		{"Rejoignez Info-Monde sur Facebook et Vkontakte pour découvrir les meilleures publications de la rédaction"},
		{"Abonnez-vous à notre newsletter", "Suivez-nous sur Twitter", "Partager cet article"},
		{"Téléchargez l’application Info-Monde", "Publicité"},
	},
}
