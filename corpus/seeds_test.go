package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var seedDir = filepath.Join("..", "..", "shared", "seeds")

// seedCase is what a person reading a seed article expects from its import.
type seedCase struct {
	file     string
	lang     string
	title    string
	outlet   string
	noise    []string // every boilerplate line of the file
	keep     []string // article sentences and sub-headings that must survive, verbatim
	nSentens int      // sentences of the article text
}

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

func TestSeedsImport(t *testing.T) {
	for _, tc := range seedCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(seedDir, tc.file)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("seed missing: %v", err)
			}
			a, err := ParseFile(path)
			if err != nil {
				t.Fatalf("ParseFile: %v", err)
			}
			if a.Language != tc.lang {
				t.Errorf("Language = %q, want %q", a.Language, tc.lang)
			}
			if a.Title != tc.title {
				t.Errorf("Title = %q, want %q", a.Title, tc.title)
			}
			if a.Outlet != tc.outlet {
				t.Errorf("Outlet = %q, want %q", a.Outlet, tc.outlet)
			}
			if a.Format != "txt" || a.Origin != path {
				t.Errorf("Format, Origin = %q, %q; want txt, %q", a.Format, a.Origin, path)
			}
			checkTextShape(t, a.Text)

			paragraphs := strings.Split(a.Text, "\n\n")
			for _, n := range tc.noise {
				if strings.Contains(a.Text, n) {
					t.Errorf("boilerplate left in the text: %q", n)
				}
				if !slices.Contains(a.Removed, n) {
					t.Errorf("boilerplate line not in Removed: %q", n)
				}
			}
			if len(a.Removed) != len(tc.noise) {
				t.Errorf("Removed has %d lines, want the %d boilerplate lines: %q", len(a.Removed), len(tc.noise), a.Removed)
			}
			// Removed keeps the order of the file.
			if !slices.Equal(a.Removed, tc.noise) {
				t.Errorf("Removed = %q, want %q in this order", a.Removed, tc.noise)
			}

			sentences := map[string]bool{}
			for _, s := range Sentences(a.Text, a.Language) {
				sentences[s.Text] = true
			}
			for _, k := range tc.keep {
				if !sentences[k] && !slices.Contains(paragraphs, k) {
					t.Errorf("article sentence lost or split: %q", k)
				}
			}
			if got := len(Sentences(a.Text, a.Language)); got != tc.nSentens {
				t.Errorf("%d sentences, want %d", got, tc.nSentens)
			}

			// Every line of the original file is either a paragraph of the text or a removed line.
			for _, line := range strings.Split(norm.NFC.String(string(raw)), "\n") {
				line = strings.TrimSpace(line)
				if line == "" {
					continue
				}
				if !slices.Contains(paragraphs, line) && !slices.Contains(a.Removed, line) {
					t.Errorf("line lost: %q", line)
				}
			}
			// And nothing else: the text is made of the file's lines.
			if got, want := len(paragraphs)+len(a.Removed), nonBlankLines(string(raw)); got != want {
				t.Errorf("%d paragraphs + %d removed lines, want %d lines of the file", len(paragraphs), len(a.Removed), want)
			}
		})
	}
}

// The seeds tell one story; the figures and claims a fact-checker compares must be in the text.
func TestSeedsKeepCrossArticleClaims(t *testing.T) {
	texts := map[string]string{}
	for _, tc := range seedCases {
		a, err := ParseFile(filepath.Join(seedDir, tc.file))
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

func TestSeedsHashStable(t *testing.T) {
	path := filepath.Join(seedDir, seedCases[1].file)
	a1, err := ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	// The same article saved with Windows line breaks and a byte order mark is the same article.
	crlf := append([]byte("\xef\xbb\xbf"), []byte(strings.ReplaceAll(string(raw), "\n", "\r\n"))...)
	a2, err := Parse("copy.txt", crlf)
	if err != nil {
		t.Fatal(err)
	}
	if a1.Hash() != a2.Hash() || len(a1.Hash()) != 64 {
		t.Errorf("hashes differ for the same content: %s vs %s", a1.Hash(), a2.Hash())
	}
}

// checkTextShape checks the form promised by Article.Text: NFC, "\n" only, paragraphs separated
// by exactly one blank line, no spaces at either end of a line.
func checkTextShape(t *testing.T, text string) {
	t.Helper()
	if !norm.NFC.IsNormalString(text) {
		t.Error("text is not NFC")
	}
	if strings.ContainsRune(text, '\r') {
		t.Error("text has \\r")
	}
	if strings.Contains(text, "\n\n\n") || strings.HasPrefix(text, "\n") || strings.HasSuffix(text, "\n") {
		t.Error("paragraphs are not separated by exactly one blank line")
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimFunc(line, unicode.IsSpace) != line {
			t.Errorf("line with spaces at an end: %q", line)
		}
	}
}

func nonBlankLines(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}
