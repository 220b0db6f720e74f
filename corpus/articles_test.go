package corpus

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"factdesk/corpus/corpustest"
	"golang.org/x/text/unicode/norm"
)

// seedCase is what a person reading an article (a seed or one of the project's test articles)
// expects from its import.
type seedCase struct {
	file     string
	lang     string
	title    string
	outlet   string
	noise    []string // every boilerplate line of the file
	keep     []string // article sentences and sub-headings that must survive, verbatim
	nSentens int      // sentences of the article text
}

// articleCases are the project's own test articles (testdata/articles): the same kinds of
// boilerplate as the seed articles, which the acceptance suite checks the same way.
var articleCases = []seedCase{
	{
		file:   corpustest.ArticleEN,
		lang:   "en",
		title:  "Rescue crews in Aldera worked through a second night on Thursday to reach villages cut off by the collapse of the…",
		outlet: "Northline News",
		noise: []string{
			"The week in review",
			"Northline News invites you to look back at the stories that shaped the week",
			"I subscribe",
			"Take the world's news everywhere with you!",
			"Download the Northline News app",
			"google-play-badge_EN",
			"app-store-badge.png",
		},
		keep: []string{
			"Rescue crews in Aldera worked through a second night on Thursday to reach villages cut off by the collapse of the Serrat dam, as President Marta Iskander called the neighbouring governments of Brenmark and Sorvia to crisis talks in Velka.",
			`"We will not let a river that three nations share become a quarrel between them," Iskander told reporters outside the civil protection headquarters.`,
			"Talks set for Friday",
			"Neither government had replied by Thursday night, and it was unclear whether the two ministers would attend.",
			"Brenmark's water minister, Tomas Reveil, spent Thursday in Castelmar at a scheduled session of the International Verlais Commission.",
			"Hundreds still missing",
			"The official death toll is 300 to 400, including around forty children, according to figures released by the interior ministry on Thursday evening.",
			"Officials stressed that the count was provisional.",
			"Volunteers on the ground put the number far higher, and the upstream and downstream authorities have each accused the other of ignoring warnings about the dam for years.",
			`"I heard it go like a gunshot, and then there was only the river," said Odile Brancart, 71, who spent the night on her roof with her grandson.`,
			`The regional water board rejected any suggestion that it had been slow to sound the alarm, saying it had sent "every alert required by law, at every stage".`,
			"The Serrat dam was last inspected in 2019.",
			"According to the regional prefecture, half of the 140,000 residents of the lower Verlais valley have left their homes since Wednesday, most of them for schools and sports halls in Velka.",
			"With agencies",
		},
		nSentens: 25,
	},
	{
		file:   corpustest.ArticleFR,
		lang:   "fr",
		title:  "Barrage de Serrat : Velka réunit d’urgence ses deux voisins",
		outlet: "",
		noise: []string{
			"AccueilMondeBarrage de Serrat : Velka réunit d’urgence ses deux voisins",
			"«Nous ne reconstruirons pas à l’identique», prévient la maire de Marnay",
			"Cyclisme : le Tour du Verlais annulé pour la deuxième année",
			"Lire aussi\u00a0 Velka : le Sporting sacré champion d’hiver",
			"Lire aussi\u00a0 Velka : les écoles rouvriront lundi malgré la crue",
			"Inscrivez-vous à notre newsletter quotidienne",
			"LEAVE A REPLY",
			"Please enter your comment!",
			"Please enter your name here",
		},
		keep: []string{
			"Barrage de Serrat : Velka réunit d’urgence ses deux voisins",
			"L’invitation a été rendue publique jeudi soir.",
			"« Le 9 octobre, les ministres chargés du bassin du Verlais sont attendus à Velka pour fixer les lâchers d’eau des réservoirs en amont », indique un communiqué de la présidence cité par l’agence Nordpress.",
			"Les deux ministres n’ont pas confirmé leur participation à cette réunion, selon une source proche de la présidence.",
			"Jeudi 8 octobre, le ministre brenmarkois de l’Eau, Tomas Reveil, était à Castelmar pour une session de la Commission internationale du Verlais prévue de longue date.",
			"Le bilan officiel fait état de 300 à 400 morts, dont une quarantaine d’enfants, mais les associations craignent qu’il ne s’alourdisse encore.",
			"« On a tout perdu en une matinée, mais personne ici ne veut partir », confie-t-elle.",
			"Sa rehausse, réclamée par les élus de la vallée depuis les crues de 1977, n’a jamais été financée : la Commission internationale du Verlais, où chaque pays dispose d’un droit de veto, n’a pas réussi à s’accorder sur le partage des coûts.",
		},
		nSentens: 19,
	},
	{
		file:   corpustest.ArticleFR2,
		lang:   "fr",
		title:  "Le ministre sorvien de l’Eau, Ilka Varens, est arrivé à Velka dans la nuit de jeudi à vendredi pour les consultations…",
		outlet: "Info-Verlais",
		noise: []string{
			"Partager sur Facebook",
			"Facebook Twitter Email",
			"Laisser un commentaire",
			"Rejoignez Info-Verlais sur Facebook et Telegram pour suivre la crue heure par heure",
		},
		keep: []string{
			"L’avion officiel a atterri peu après minuit à l’aéroport de Velka-Orne, rapporte l’agence Nordpress.",
			"Jeudi, le ministère aldéran des Affaires étrangères a fait savoir que le Brenmark et la Sorvie avaient confirmé leur participation aux consultations.",
			"Selon la préfecture, la moitié des 140\u202f000 habitants de la vallée ont quitté leur domicile ; beaucoup dorment dans des gymnases de Velka.",
			"La Sorvie a décrété l’état d’urgence dans ses trois provinces riveraines et réquisitionné les engins de chantier de ses entreprises publiques.",
			"« L’eau baisse d’un centimètre par heure, on compte chaque centimètre », raconte un agriculteur de Marnay joint par téléphone.",
			"Selon la préfecture, elle a en réalité été tournée lors des crues de 2016 ; la séquence ne montre d’ailleurs pas le barrage de Serrat mais une écluse de Marnay.",
			"L’an dernier déjà, un rapport de la commission avait jugé « préoccupant » l’état du déversoir de Serrat, sans que les trois gouvernements s’accordent sur le financement des travaux.",
		},
		nSentens: 18,
	},
}

func TestArticlesImport(t *testing.T) {
	for _, tc := range articleCases {
		t.Run(tc.file, func(t *testing.T) {
			checkImport(t, corpustest.Article(t, tc.file), tc)
		})
	}
}

// The test articles tell one story; the figures and claims a fact-checker compares must be in
// the text, each in its own typography.
func TestArticlesKeepCrossArticleClaims(t *testing.T) {
	texts := map[string]string{}
	for _, tc := range articleCases {
		a, err := ParseFile(corpustest.Article(t, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		texts[tc.file] = a.Text
	}
	for file, quotes := range map[string][]string{
		corpustest.ArticleEN:  {"300 to 400, including around forty children", "half of the 140,000 residents", "it was unclear whether the two ministers would attend"},
		corpustest.ArticleFR:  {"300 à 400 morts, dont une quarantaine d’enfants", "n’ont pas confirmé leur participation", "« Le 9 octobre,"},
		corpustest.ArticleFR2: {"la moitié des 140\u202f000 habitants", "avaient confirmé leur participation"},
	} {
		for _, q := range quotes {
			if !strings.Contains(texts[file], q) {
				t.Errorf("%s: %q missing", file, q)
			}
		}
	}
}

func TestArticlesHashStable(t *testing.T) {
	checkHashStable(t, corpustest.Article(t, corpustest.ArticleFR))
}

// checkImport parses the article at path and checks it against tc: language, title, outlet,
// every boilerplate line removed (in the file's order) and nothing else, every article
// sentence kept whole, and every line of the file accounted for.
func checkImport(t *testing.T, path string, tc seedCase) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("article missing: %v", err)
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
}

// checkHashStable checks that the article at path saved with Windows line breaks and a byte
// order mark is the same article (same hash).
func checkHashStable(t *testing.T, path string) {
	t.Helper()
	a1, err := ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
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
