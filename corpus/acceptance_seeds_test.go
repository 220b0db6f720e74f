//go:build acceptance

package corpus

import (
	"strings"
	"testing"

	"factdesk/corpus/corpustest"
)

// The acceptance suite on the real seed articles (`make acceptance SEEDS=DIR`): what a person
// reading each seed expects from its import. The same checks run on the project's own test
// articles in articles_test.go.
var seedCases = []seedCase{
	{
		file:   "000_f6bb23693e27c5f2.txt",
		lang:   "en",
		title:  "Russian President Vladimir Putin invited the foreign ministers of Armenia and Azerbaijan, engaged in deadly fighting…",
		outlet: "France 24",
		noise: []string{
			"The summary of the week",
			"France 24 invites you to come back to the news that marked the week",
			"I subscribe",
			"Take international news everywhere with you!",
			"Download the France 24 application",
			"google-play-badge_FR",
		},
		keep: []string{
			"Russian President Vladimir Putin invited the foreign ministers of Armenia and Azerbaijan, engaged in deadly fighting for the breakaway region of Nagorno-Karabakh, for negotiations on Friday October 9 in Moscow, the Kremlin announced.",
			`"On October 9, the foreign ministers of Azerbaijan and Armenia are invited to Moscow for consultations" with the mediation of Russian diplomacy, the Kremlin said in a statement.`,
			"There was no immediate reaction from Yerevan and Baku and it was not clear whether the two foreign chiefs of the two countries had accepted Moscow's invitation.",
			"At least 300 dead",
			"Nothing leaked from this meeting.",
			"The head of Armenian diplomacy was to be received Monday in Moscow by his Russian counterpart, Sergei Lavrov.",
			"The official death toll is 300 to 400, including around fifty civilians.",
			"It is however very partial and could be much higher, with each side claiming to have eliminated thousands of enemy soldiers.",
			"The fighting continued on Thursday.",
			"A cathedral hit by gunfire",
			"In Choucha, about fifteen kilometers south of Stepanakert, the cathedral was twice hit by gunfire.",
			`The Azerbaijani army denied having fired on the building, claiming not to target "historical, cultural and especially religious buildings and monuments".`,
			"Two civilians were killed in these strikes, Baku said, but, as since the start of hostilities, many residents still reject any idea of leaving.",
			"According to the separatist authorities, half of the 140,000 inhabitants of Nagorno-Karabakh have already been displaced by these clashes which have lasted for 12 days.",
			"With AFP",
		},
		nSentens: 23,
	},
	{
		file:   "003_262efa452888d538.txt",
		lang:   "fr",
		title:  "Tension Azerbaïdjan-Arménie: Poutine convoque les diplomates des deux pays à Moscou",
		outlet: "",
		noise: []string{
			"HomeInternationalTension Azerbaïdjan-Arménie: Poutine convoque les diplomates des deux pays à Moscou",
			"«Si vous voulez la paix, vous devez vous préparer à la guerre», quand la Russie menace l'UE",
			"Diplomatie: Poutine expulse deux ambassadeurs bulgares",
			"Lire aussi\u00a0 Etats-Unis : Donald Trump s'en prend violemment à Joe Biden",
			"Lire aussi\u00a0 Etats-Unis : Sylvester Stallone endeuillé",
			"LEAVE A REPLY",
			"Please enter your comment!",
			"Please enter your name here",
		},
		keep: []string{
			"Tension Azerbaïdjan-Arménie: Poutine convoque les diplomates des deux pays à Moscou",
			"Le président Vladimir Poutine convoque à Moscou, les ministres des Affaires étrangères de l’Arménie et de l’Azerbaïdjan, engagés dans des combats meurtriers pour la région séparatiste du Nagorny Karabakh.",
			"Cette annonce a été par le Kremlin jeudi soir.",
			"« Le 9 octobre, les ministres des Affaires étrangères de l’Azerbaïdjan et de l’Arménie sont invités à Moscou pour mener des consultations » avec la médiation de la diplomatie russe, a indiqué le Kremlin dans un communiqué cité par l’AFP.",
			"Pour l’heure, les deux chefs de diplomatie n’ont pas confirmé leur participation à cette rencontre à Moscou.",
			"Hier jeudi 8 octobre 2020, le ministre des Affaires étrangères de l’Azerbaïdjan, Ceyhun Bayramov, était à Genève pour rencontrer le Groupe de Minsk de l’OSCE (Russie, France, Etats-Unis), chargé de la médiation internationale sur ce conflit qui a déjà duré plus de 30 ans.",
			"Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils.",
			"Pour l’heure, les appels au cessez-le-feu de Paris, Washington, Moscou ne changent encore rien.",
		},
		nSentens: 11,
	},
	{
		file:   "004_532ae3c648773e60.txt",
		lang:   "fr",
		title:  "Le ministre azerbaïdjanais des Affaires étrangères, Jeyhun Bayramov, s’est rendu à Moscou pour des consultations sur…",
		outlet: "News-Front",
		noise: []string{
			"Rejoignez News-Front sur Facebook et Vkontakte pour découvrir les meilleures publications de la rédaction",
		},
		keep: []string{
			"Selon le service, l’avion avec le ministre azerbaïdjanais des Affaires étrangères est arrivé à Moscou, rapporte RIA Novosti.",
			"Plus tard, le ministère russe des Affaires étrangères a informé que Bakou et Erevan avaient confirmé leur participation aux consultations.",
			"L’Arménie a déclaré la loi martiale et – pour la première fois, une mobilisation générale, affirmant qu’Ankara soutient activement Bakou.",
			"Les dirigeants de la Russie, des États-Unis et de la France ont appelé les parties opposées à mettre fin aux affrontements et à s’engager à entamer des négociations sans conditions préalables.",
			"Le conflit au Karabakh a commencé en février 1988, lorsque la région autonome du Haut-Karabakh a annoncé sa sécession de la RSS d’Azerbaïdjan.",
			"L’Azerbaïdjan insiste pour préserver son intégrité territoriale, l’Arménie protège les intérêts de la république non reconnue, puisque NKR n’est pas partie aux négociations.",
		},
		nSentens: 14,
	},
}

func TestAcceptanceSeedsImport(t *testing.T) {
	for _, tc := range seedCases {
		t.Run(tc.file, func(t *testing.T) {
			checkImport(t, corpustest.Seed(t, tc.file), tc)
		})
	}
}

// The seeds tell one story; the figures and claims a fact-checker compares must be in the text.
func TestAcceptanceSeedsKeepCrossArticleClaims(t *testing.T) {
	texts := map[string]string{}
	for _, tc := range seedCases {
		a, err := ParseFile(corpustest.Seed(t, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		texts[tc.file[:3]] = a.Text
	}
	for file, quote := range map[string]string{
		"000": "300 to 400, including around fifty civilians",
		"003": "300 à 400 morts, dont une cinquantaine de civils",
		"004": "avaient confirmé leur participation",
	} {
		if !strings.Contains(texts[file], quote) {
			t.Errorf("%s: %q missing", file, quote)
		}
	}
	if !strings.Contains(texts["003"], "n’ont pas confirmé") {
		t.Error("003: the contradiction with 004 is lost")
	}
}

func TestAcceptanceSeedsHashStable(t *testing.T) {
	checkHashStable(t, corpustest.Seed(t, seedCases[1].file))
}
