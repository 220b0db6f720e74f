package counterpart

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func figureKeys(s string) []string {
	var out []string
	for _, f := range Figures(s) {
		out = append(out, f.Key)
		out = append(out, f.Alts...)
	}
	return out
}

func TestFiguresNormaliseAcrossLanguagesAndFormats(t *testing.T) {
	for _, c := range []struct {
		texts []string
		key   string
	}{
		{[]string{"300 to 400 dead", "300 à 400 morts", "between 300 and 400", "entre 300 et 400", "300-400"}, "n:300-400"},
		{[]string{"140,000 people", "140 000 habitants", "140\u202f000 habitants", "140.000 Einwohner"}, "n:140000"},
		{[]string{"on October 9", "on Oct. 9", "le 9 octobre", "9 October 2020", "le 09/10"}, "d:10-09"},
		{[]string{"a dozen", "une douzaine", "twelve", "douze", "12"}, "n:12"},
		{[]string{"around fifty", "une cinquantaine", "cinquante", "50"}, "n:50"},
		{[]string{"3.5 million", "3,5 millions", "3,500,000"}, "n:3500000"},
		{[]string{"twenty-five", "vingt-cinq", "25"}, "n:25"},
		{[]string{"ninety", "quatre-vingt-dix"}, "n:90"},
		{[]string{"12%", "12 percent", "12 pour cent", "12 per cent"}, "p:12"},
		{[]string{"thousands of soldiers", "des milliers de soldats"}, "n:~thousands"},
		{[]string{"the fifth day", "le cinquième jour"}, "o:5"},
		{[]string{"2 to 3 million", "2 à 3 millions"}, "n:2000000-3000000"},
	} {
		for _, s := range c.texts {
			if got := figureKeys(s); !slices.Contains(got, c.key) {
				t.Errorf("Figures(%q) = %v, want %s among them", s, got, c.key)
			}
		}
	}
	if got := figureKeys("3.5 km"); !slices.Equal(got, []string{"n:3.5"}) {
		t.Errorf("a decimal: %v", got)
	}
	if got := figureKeys("it may rain"); len(got) != 0 {
		t.Errorf("\"may\" is not a month: %v", got)
	}
	if got := figureKeys("09/10"); !slices.Equal(got, []string{"d:10-09", "d:09-10"}) {
		t.Errorf("09/10 reads both ways: %v", got)
	}
}

func TestNameKeyFoldsAccentsAndTransliterations(t *testing.T) {
	for _, group := range [][]string{
		{"Bayramov", "Baïramov", "Байрамов"},
		{"Ceyhun", "Jeyhun", "Djeyhoun"},
		{"Putin", "Poutine", "Путин"},
		{"Karabakh", "Karabagh", "Карабах"},
		{"Tchaikovsky", "Tchaïkovski", "Chaikovsky"},
		{"Azerbaijan", "Azerbaïdjan"},
		{"Yerevan", "Erevan"},
		{"Moscow", "Moscou"},
		{"Zelensky", "Zelenskyy", "Зеленский"},
	} {
		want := NameKey(group[0])
		for _, n := range group[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want equal", n, got, group[0], want)
			}
		}
	}
	for _, pair := range [][2]string{{"Putin", "Paris"}, {"Bayramov", "Lavrov"}, {"Geneva", "Genoa"}} {
		if NameKey(pair[0]) == NameKey(pair[1]) {
			t.Errorf("%s and %s fold to one key %q", pair[0], pair[1], NameKey(pair[0]))
		}
	}
	if NameKey("OSCE") != "osce" {
		t.Errorf("an acronym keeps its letters: %q", NameKey("OSCE"))
	}
}

func TestNegationCues(t *testing.T) {
	for _, c := range []struct {
		text, lang string
		neg        bool
	}{
		{"The ministers did not confirm their participation.", "en", true},
		{"The ministers didn't confirm.", "en", true},
		{"The army denied firing on the cathedral.", "en", true},
		{"It was unclear whether they accepted.", "en", true},
		{"The ministers confirmed their participation.", "en", false},
		{"Les ministres n'ont pas confirmé leur participation.", "fr", true},
		{"L'armée a démenti avoir tiré sur la cathédrale.", "fr", true},
		{"Il n'a jamais signé l'accord.", "fr", true},
		{"Bakou et Erevan avaient confirmé leur participation.", "fr", false},
	} {
		s := Analyze(c.text, c.lang, nil)
		if (s.Negation != "") != c.neg {
			t.Errorf("%q: negation %q, want negated=%v", c.text, s.Negation, c.neg)
		}
	}
}

func TestCompareFindsTheSameFactAcrossLanguages(t *testing.T) {
	lex := DefaultLexicon()
	q := Analyze("The official death toll is 300 to 400, including around fifty civilians.", "en", lex)
	pool := []*Sentence{
		Analyze("Le président a reçu les ministres jeudi.", "fr", lex),
		Analyze("Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils.", "fr", lex),
		Analyze("Le bilan officiel fait état de 200 morts.", "fr", lex),
	}
	r := Rank(q, pool, nil, 3)
	if len(r) < 2 || r[0].Index != 1 {
		t.Fatalf("ranking %+v, want the death toll first", r)
	}
	if r[0].Contradiction {
		t.Errorf("the same toll is flagged: %+v", r[0])
	}
	for _, want := range []string{"figure 300–400", "figure 50", "word civilians/civils"} {
		if !slices.Contains(r[0].Reasons, want) {
			t.Errorf("reasons %v lack %q", r[0].Reasons, want)
		}
	}
	var other *Ranked
	for i := range r {
		if r[i].Index == 2 {
			other = &r[i]
		}
	}
	if other == nil || !other.Contradiction || !strings.Contains(other.Conflict, "300–400 vs 200") {
		t.Errorf("another toll is not flagged: %+v", other)
	}
	if r[0].Score <= 0 || r[0].Score > 1 {
		t.Errorf("score %v out of 0..1", r[0].Score)
	}
}

func TestComparePolarity(t *testing.T) {
	lex := DefaultLexicon()
	q := Analyze("It was not clear whether the two foreign ministers had accepted the invitation to Moscow.", "en", lex)
	neg := Analyze("Les deux ministres des Affaires étrangères n'ont pas confirmé leur participation à Moscou.", "fr", lex)
	pos := Analyze("Les deux ministres des Affaires étrangères avaient confirmé leur participation à Moscou.", "fr", lex)
	if m := Compare(q, neg, nil); m.Contradiction {
		t.Errorf("same polarity flagged: %+v", m)
	}
	m := Compare(q, pos, nil)
	if !m.Contradiction || !strings.HasPrefix(m.Reasons[0], "possible contradiction: negation") {
		t.Errorf("opposite polarity not flagged: %+v", m)
	}
}

// TestMissingLexicon: without dictionaries the finder says what is missing and still matches on
// figures and names.
func TestMissingLexicon(t *testing.T) {
	lex := LoadFreeDict(t.TempDir())
	if lex.Size() != 0 || !strings.Contains(lex.Missing(), "dict-freedict-eng-fra") || !strings.Contains(lex.Missing(), "dict-freedict-fra-eng") {
		t.Fatalf("Missing() = %q", lex.Missing())
	}
	q := Analyze("Bayramov met the OSCE Minsk Group in Geneva on October 8.", "en", lex)
	pool := []*Sentence{
		Analyze("Le gouvernement a présenté son budget.", "fr", lex),
		Analyze("Le 8 octobre, Baïramov a rencontré le Groupe de Minsk de l'OSCE à Genève.", "fr", lex),
	}
	r := Rank(q, pool, nil, 2)
	if len(r) == 0 || r[0].Index != 1 {
		t.Fatalf("ranking without lexicon %+v", r)
	}
	for _, want := range []string{"figure 8 Oct", "name Bayramov/Baïramov", "name Geneva/Genève"} {
		if !slices.Contains(r[0].Reasons, want) {
			t.Errorf("reasons %v lack %q", r[0].Reasons, want)
		}
	}
	if (*Lexicon)(nil).Missing() == "" {
		t.Error("a nil lexicon says nothing is missing")
	}
}

// TestLoadFreeDict reads a dictionary in dictd's format written by the test.
func TestLoadFreeDict(t *testing.T) {
	dir := t.TempDir()
	body := "bilan /bilɑ̃/ <n, masc>\n1. balance sheet\n2. death toll\n"
	body2 := "mort /mɔʀ/ <n>\ndeath\n"
	dict := body + body2
	index := "bilan\tA\t" + b64(len(body)) + "\nmort\t" + b64(len(body)) + "\t" + b64(len(body2)) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "freedict-fra-eng.dict"), []byte(dict), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "freedict-fra-eng.index"), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	lex := LoadFreeDict(dir)
	if got := lex.translations("fr:bilan"); !slices.Contains(got, "en:toll") || !slices.Contains(got, "en:death") {
		t.Errorf("bilan translates to %v", got)
	}
	if got := lex.translations("en:toll"); !slices.Contains(got, "fr:bilan") {
		t.Errorf("toll translates back to %v", got)
	}
	if !strings.Contains(lex.Missing(), "freedict-eng-fra") || strings.Contains(lex.Missing(), "freedict-fra-eng not found") {
		t.Errorf("Missing() = %q", lex.Missing())
	}
}

func b64(n int) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if n == 0 {
		return "A"
	}
	var s []byte
	for n > 0 {
		s = append([]byte{digits[n%64]}, s...)
		n /= 64
	}
	return string(s)
}

func TestSuggest(t *testing.T) {
	text := "The flood killed 23 people on Tuesday, officials said.\nWhat happens next?\nSubscribe to our newsletter.\nI think this is a disgrace."
	got := Suggest(text, "en")
	if len(got) != 4 {
		t.Fatalf("%d sentences: %+v", len(got), got)
	}
	want := []bool{true, false, false, false}
	for i, s := range got {
		if s.Suggested != want[i] {
			t.Errorf("%q: suggested %v (score %v, %v)", s.Text, s.Suggested, s.Score, s.Why)
		}
		if []rune(text)[s.Start] != []rune(s.Text)[0] {
			t.Errorf("offsets of %q", s.Text)
		}
	}
}
