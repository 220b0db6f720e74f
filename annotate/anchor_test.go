package annotate

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"factdesk/corpus/corpustest"
)

const frText = "Pour l’heure, les deux chefs de diplomatie n’ont pas confirmé leur participation à cette " +
	"rencontre à Moscou. Le ministre des Affaires étrangères de l’Azerbaïdjan était à Genève. " +
	"Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils."

// runeIndex is the rune offset of the first occurrence of sub in s (test helper).
func runeIndex(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in the test text", sub)
	}
	return utf8.RuneCountInString(s[:i])
}

func TestNewAnchorOffsetsAndContext(t *testing.T) {
	text := "The Kremlin announced talks in Moscow on Friday, with both foreign ministers invited to attend."
	start := runeIndex(t, text, "talks in Moscow")
	a, err := NewAnchor(text, start, start+15)
	if err != nil {
		t.Fatal(err)
	}
	if a.Exact != "talks in Moscow" || a.Start != 22 || a.End != 37 {
		t.Fatalf("got %+v", a)
	}
	if a.Prefix != "The Kremlin announced " {
		t.Errorf("prefix at the text's start should be the 22 runes there, got %q", a.Prefix)
	}
	if RuneLen(a.Suffix) != ContextRunes || a.Suffix != " on Friday, with both foreign mi" {
		t.Errorf("suffix = %q (%d runes), want 32 runes", a.Suffix, RuneLen(a.Suffix))
	}
	if !a.Valid(text) {
		t.Error("anchor not valid on its own text")
	}

	// At the very edges: empty prefix, empty suffix.
	first, _ := NewAnchor(text, 0, 3)
	last, _ := NewAnchor(text, RuneLen(text)-7, RuneLen(text))
	if first.Prefix != "" || first.Exact != "The" || RuneLen(first.Suffix) != 32 {
		t.Errorf("first: %+v", first)
	}
	if last.Suffix != "" || last.Exact != "attend." || RuneLen(last.Prefix) != 32 {
		t.Errorf("last: %+v", last)
	}
}

func TestNewAnchorErrors(t *testing.T) {
	text := "Azerbaïdjan" // 11 runes, 12 bytes
	for _, c := range []struct {
		start, end int
		want       string
	}{
		{-1, 3, "negative"},
		{4, 4, "empty anchor"},
		{5, 2, "before its start"},
		{0, 12, "past the end of the text (11 characters)"},
	} {
		_, err := NewAnchor(text, c.start, c.end)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewAnchor(%d, %d) = %v, want an error saying %q", c.start, c.end, err, c.want)
		}
	}
	if a, err := NewAnchor(text, 0, 11); err != nil || a.Exact != text {
		t.Errorf("whole text: %+v, %v", a, err)
	}
}

func TestFindQuoteFrench(t *testing.T) {
	for _, q := range []string{"Azerbaïdjan", "n’ont pas confirmé", "300 à 400 morts"} {
		a, err := FindQuote(frText, q, 0)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		want := runeIndex(t, frText, q)
		if a.Start != want || a.End != want+RuneLen(q) || a.Exact != q {
			t.Errorf("%q: got %d..%d %q, want %d..%d", q, a.Start, a.End, a.Exact, want, want+RuneLen(q))
		}
		if Slice(frText, a.Start, a.End) != q || !a.Valid(frText) {
			t.Errorf("%q: slice at the offsets is %q", q, Slice(frText, a.Start, a.End))
		}
	}
	// "Azerbaïdjan" at rune 150 (byte 157): bytes and runes differ by the accents before it.
	a, _ := FindQuote(frText, "Azerbaïdjan", 1)
	if a.Start != 150 || a.End != 161 {
		t.Errorf("Azerbaïdjan at %d..%d, want 150..161", a.Start, a.End)
	}
	if a.Prefix != "re des Affaires étrangères de l’" || a.Suffix != " était à Genève. Le bilan offici" {
		t.Errorf("context %q / %q", a.Prefix, a.Suffix)
	}
}

func TestFindQuoteOccurrences(t *testing.T) {
	text := "à Moscou, puis à Genève, puis encore à Moscou."
	a1, err := FindQuote(text, "à Moscou", 1)
	if err != nil || a1.Start != 0 {
		t.Fatalf("1st: %+v %v", a1, err)
	}
	a2, err := FindQuote(text, "à Moscou", 2)
	if err != nil {
		t.Fatal(err)
	}
	if a2.Start != 37 || a2.End != 45 || a2.Exact != "à Moscou" || a2.Suffix != "." {
		t.Errorf("2nd: %+v", a2)
	}
	_, err = FindQuote(text, "à Moscou", 3)
	var qe *QuoteError
	if !errors.As(err, &qe) || qe.Found != 2 || qe.Occurrence != 3 {
		t.Fatalf("3rd: %v", err)
	}
	if !strings.Contains(err.Error(), "only 2 times") {
		t.Errorf("message: %v", err)
	}
	if _, err := FindQuote(text, "à Moscou", -1); err == nil {
		t.Error("negative occurrence accepted")
	}
}

func TestFindQuoteNotFound(t *testing.T) {
	_, err := FindQuote(frText, "Azerbaijan", 1)
	var qe *QuoteError
	if !errors.As(err, &qe) || qe.Found != 0 {
		t.Fatalf("got %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, `"Azerbaijan" not found in the article`) || qe.Quote != "Azerbaijan" {
		t.Errorf("message: %s", msg)
	}
	if _, err := FindQuote(frText, " \u00a0\n", 1); err == nil || !strings.Contains(err.Error(), "empty quote") {
		t.Errorf("blank quote: %v", err)
	}
}

func TestFindQuoteTolerant(t *testing.T) {
	for _, c := range []struct{ name, text, quote, want string }{
		{"ASCII apostrophe finds typographic", frText, "n'ont pas confirmé", "n’ont pas confirmé"},
		{"typographic apostrophe finds ASCII", "Etats-Unis : Donald Trump s'en prend à Joe Biden", "s’en prend", "s'en prend"},
		{"NBSP and double space", "Lire aussi\u00a0 Etats-Unis : Sylvester Stallone", "Lire aussi Etats-Unis", "Lire aussi\u00a0 Etats-Unis"},
		{"narrow NBSP in a number", "140\u202f000 habitants ont fui", "140 000 habitants", "140\u202f000 habitants"},
		{"newline in the text", "les deux chefs de\ndiplomatie n’ont pas", "chefs de diplomatie", "chefs de\ndiplomatie"},
		{"space before a colon", "Etats-Unis : Donald Trump", "Etats-Unis: Donald", "Etats-Unis : Donald"},
		{"ASCII quotes find guillemets", "invités « Le 9 octobre » à Moscou", `"Le 9 octobre"`, "« Le 9 octobre »"},
		{"curly quotes find ASCII", `the Kremlin said "On October 9, the ministers"`, "“On October 9, the ministers”", `"On October 9, the ministers"`},
		{"dash", "la loi martiale et – pour la première fois", "martiale et - pour", "martiale et – pour"},
		{"quote padded with spaces", frText, "  300 à 400 morts\n", "300 à 400 morts"},
		{"soft hyphen in the text", "une cinquan\u00adtaine de civils", "cinquantaine", "cinquan\u00adtaine"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := FindQuote(c.text, c.quote, 1)
			if err != nil {
				t.Fatal(err)
			}
			if a.Exact != c.want {
				t.Fatalf("Exact = %q, want %q", a.Exact, c.want)
			}
			if start := runeIndex(t, c.text, c.want); a.Start != start || a.End != start+RuneLen(c.want) {
				t.Errorf("offsets %d..%d, want %d..%d", a.Start, a.End, start, start+RuneLen(c.want))
			}
			if !a.Valid(c.text) {
				t.Error("not valid")
			}
		})
	}
}

func TestFindQuoteExactBeforeTolerant(t *testing.T) {
	// The ASCII form comes second in the text, but as an exact match it is found first.
	text := "l’Arménie et puis l'Arménie"
	a, err := FindQuote(text, "l'Arménie", 1)
	if err != nil || a.Start != 18 || a.Exact != "l'Arménie" {
		t.Fatalf("exact: %+v %v", a, err)
	}
	// Asking for a second: only one exact, so the tolerant numbering (both forms) decides.
	a, err = FindQuote(text, "l'Arménie", 2)
	if err != nil || a.Start != 18 {
		t.Fatalf("2nd tolerant: %+v %v", a, err)
	}
	a, err = FindQuote(text, "l'Armenie", 1)
	if err == nil {
		t.Errorf("accents are not ignored, yet found %+v", a)
	}
}

func TestCodePoints(t *testing.T) {
	// 👍🏽 is two code points (thumb + skin tone), é written as e + U+0301 is two as well.
	text := "Bravo 👍🏽 pour l’e\u0301lan de Stepanakert 🇦🇲!"
	a, err := FindQuote(text, "pour", 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Start != 9 || a.End != 13 {
		t.Errorf("pour at %d..%d, want 9..13 (code points, emoji = 2)", a.Start, a.End)
	}
	// An NFC quote finds the decomposed text; offsets count the text's own code points.
	a, err = FindQuote(text, "élan", 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Exact != "e\u0301lan" || a.Start != 16 || a.End != 21 {
		t.Errorf("élan: %q at %d..%d, want the 5 code points at 16..21", a.Exact, a.Start, a.End)
	}
	// "e" alone is not in "é" (a match never ends before a combining mark).
	if _, err := FindQuote("e\u0301lan", "e", 1); err == nil {
		t.Error(`"e" found inside a decomposed "é"`)
	}
	if _, err := FindQuote("Cafe\u0301", "Cafe", 1); err == nil {
		t.Error(`"Cafe" found in "Café"`)
	}
	flag, err := FindQuote(text, "🇦🇲", 1)
	if err != nil || flag.Start != 37 || flag.End != 39 || flag.Suffix != "!" {
		t.Errorf("flag: %+v %v", flag, err)
	}
	if RuneLen(text) != 40 || Slice(text, 6, 8) != "👍🏽" || Slice(text, 37, 100) != "🇦🇲!" || Slice(text, 5, 5) != "" {
		t.Errorf("RuneLen %d, Slice %q", RuneLen(text), Slice(text, 6, 8))
	}
	b, _ := NewAnchor(text, 6, 8)
	if b.Exact != "👍🏽" || b.Prefix != "Bravo " {
		t.Errorf("NewAnchor on emoji: %+v", b)
	}
}

func TestValid(t *testing.T) {
	a, _ := NewAnchor(frText, 10, 20)
	if !a.Valid(frText) {
		t.Error("fresh anchor invalid")
	}
	for _, b := range []Anchor{
		{Start: a.Start + 1, End: a.End + 1, Exact: a.Exact},
		{Start: a.Start, End: a.End, Exact: a.Exact + "x"},
		{Start: RuneLen(frText) - 2, End: RuneLen(frText) + 3, Exact: Slice(frText, RuneLen(frText)-2, RuneLen(frText))},
		{Start: -1, End: 3, Exact: "Pou"},
		{},
	} {
		if b.Valid(frText) {
			t.Errorf("%+v valid", b)
		}
	}
}

func TestArticleQuotes(t *testing.T) {
	for _, c := range []struct{ file, quote string }{
		{corpustest.ArticleEN, "each accused the other of ignoring warnings about the dam"},
		{corpustest.ArticleEN, "half of the 140,000 residents"},
		{corpustest.ArticleFR, "300 à 400 morts, dont une quarantaine d’enfants"},
		{corpustest.ArticleFR, "n’ont pas confirmé"},
		{corpustest.ArticleFR, "n'ont pas confirmé"},
		{corpustest.ArticleFR, "« Le 9 octobre, les ministres"},
		{corpustest.ArticleFR, "Lire aussi Velka"},
		{corpustest.ArticleFR2, "avaient confirmé leur participation"},
		{corpustest.ArticleFR2, "la moitié des 140\u202f000 habitants"},
		{corpustest.ArticleFR2, "La Sorvie a décrété l’état d’urgence"},
	} {
		checkRawQuote(t, corpustest.Article(t, c.file), c.quote)
	}
	// Tolerant matches on the articles give the text's own characters.
	raw, err := os.ReadFile(corpustest.Article(t, corpustest.ArticleFR))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := FindQuote(string(raw), "n'ont pas confirmé", 1)
	if a.Exact != "n’ont pas confirmé" {
		t.Errorf("ASCII quote anchored to %q", a.Exact)
	}
	a, _ = FindQuote(string(raw), "Lire aussi Velka", 2)
	if a.Exact != "Lire aussi\u00a0 Velka" || !strings.HasPrefix(a.Suffix, " : les écoles rouvriront") {
		t.Errorf("2nd teaser: %+v", a)
	}
}

// checkRawQuote anchors quote in the raw text of the article file at path and checks the
// anchor: its slice is its Exact, the quote itself when it is in the text verbatim, offsets
// counted in runes, and re-anchoring on the same text finds it exactly.
func checkRawQuote(t *testing.T, path, quote string) {
	t.Helper()
	file := filepath.Base(path)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	a, err := FindQuote(text, quote, 1)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	got := Slice(text, a.Start, a.End)
	if got != a.Exact || !a.Valid(text) {
		t.Fatalf("%s: slice %q != Exact %q", file, got, a.Exact)
	}
	if strings.Contains(text, quote) && got != quote {
		t.Errorf("%s: exact quote anchored to %q", file, got)
	}
	// Rune offsets, not bytes: check against a []rune view of the text.
	if string([]rune(text)[a.Start:a.End]) != got {
		t.Errorf("%s: offsets are not rune offsets", file)
	}
	if m := Reanchor(text, a); m.Status != Exact || m.Anchor != a {
		t.Errorf("%s: re-anchoring on the same text gives %+v", file, m)
	}
}

const enArticle = "Russian President Vladimir Putin invited the foreign ministers of Armenia and Azerbaijan " +
	"for negotiations on Friday in Moscow, the Kremlin announced.\n\n" +
	"The official death toll is 300 to 400. It is however very partial and could be much higher, " +
	"with each side claiming to have eliminated thousands of enemy soldiers.\n\n" +
	"The capital of the separatist territory, Stepanakert, was also struck again during the day."

func mustFind(t *testing.T, text, quote string) Anchor {
	t.Helper()
	a, err := FindQuote(text, quote, 1)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestReanchorExact(t *testing.T) {
	a := mustFind(t, enArticle, "each side claiming to have eliminated thousands of enemy soldiers")
	m := Reanchor(enArticle, a)
	if m.Status != Exact || m.Score != 1 || m.Anchor != a {
		t.Fatalf("got %+v", m)
	}
}

func TestReanchorMoved(t *testing.T) {
	a := mustFind(t, enArticle, "each side claiming to have eliminated thousands of enemy soldiers")
	inserted := "Fighting continued overnight along the line of contact, officials said.\n\n"
	i := strings.Index(enArticle, "The official death toll")
	changed := enArticle[:i] + inserted + enArticle[i:]
	m := Reanchor(changed, a)
	if m.Status != Moved {
		t.Fatalf("status %s, want moved", m.Status)
	}
	shift := RuneLen(inserted)
	if m.Anchor.Start != a.Start+shift || m.Anchor.End != a.End+shift || m.Anchor.Exact != a.Exact {
		t.Errorf("moved to %d..%d, want %d..%d", m.Anchor.Start, m.Anchor.End, a.Start+shift, a.End+shift)
	}
	if m.Score != 1 { // same prefix and suffix
		t.Errorf("score %v, want 1 with an unchanged context", m.Score)
	}
	if !m.Anchor.Valid(changed) {
		t.Error("moved anchor invalid")
	}
}

func TestReanchorDisambiguatesByContext(t *testing.T) {
	text := "In Baku, officials said the ministers had confirmed. In Yerevan, officials said the ministers had not replied."
	second := strings.LastIndex(text, "officials said")
	a, err := NewAnchor(text, RuneLen(text[:second]), RuneLen(text[:second])+len("officials said"))
	if err != nil {
		t.Fatal(err)
	}
	// Shift both occurrences: the second must still win, on context, though the first is nearer.
	changed := strings.Repeat("Update: ", 3) + "Earlier. " + text
	changed = strings.Replace(changed, "In Baku,", "In Baku, on Thursday evening, after talks that lasted into the night,", 1)
	m := Reanchor(changed, a)
	want := RuneLen(changed[:strings.LastIndex(changed, "officials said")])
	if m.Status != Moved || m.Anchor.Start != want {
		t.Fatalf("got %s at %d, want moved to %d", m.Status, m.Anchor.Start, want)
	}
	if m.Score <= QuoteWeight || m.Score > 1 {
		t.Errorf("score %v", m.Score)
	}

	// With identical contexts, the occurrence nearest the old offset wins.
	twin := "Le bilan. Le bilan."
	b, _ := NewAnchor(twin, 10, 18) // second "Le bilan"
	m = Reanchor("Préambule. "+twin, b)
	if m.Status != Moved || m.Anchor.Start != 21 {
		t.Errorf("twin: %+v", m)
	}
}

func TestReanchorFuzzy(t *testing.T) {
	a := mustFind(t, enArticle, "each side claiming to have eliminated thousands of enemy soldiers")
	for _, c := range []struct {
		name, from, to, want string
		minScore, maxScore   float64
	}{
		{"typo fixed", "eliminated", "eliminnated", "each side claiming to have eliminnated thousands of enemy soldiers", 0.97, 1},
		{"one word changed", "eliminated", "killed", "each side claiming to have killed thousands of enemy soldiers", 0.85, 0.95},
		{"last word changed", "enemy soldiers", "enemy troops", "each side claiming to have eliminated thousands of enemy troops", 0.85, 0.95},
		{"words inserted", "each side claiming", "each side’s army claiming", "each side’s army claiming to have eliminated thousands of enemy soldiers", 0.85, 0.95},
	} {
		t.Run(c.name, func(t *testing.T) {
			changed := "A new first paragraph.\n\n" + strings.Replace(enArticle, c.from, c.to, 1)
			m := Reanchor(changed, a)
			if m.Status != Fuzzy {
				t.Fatalf("status %s (score %.3f), want fuzzy", m.Status, m.Score)
			}
			if m.Anchor.Exact != c.want {
				t.Errorf("Exact = %q, want %q", m.Anchor.Exact, c.want)
			}
			if !m.Anchor.Valid(changed) {
				t.Error("anchor invalid")
			}
			if m.Score < c.minScore || m.Score > c.maxScore {
				t.Errorf("score %.3f, want %.2f..%.2f", m.Score, c.minScore, c.maxScore)
			}
		})
	}
}

func TestReanchorLost(t *testing.T) {
	a := mustFind(t, enArticle, "each side claiming to have eliminated thousands of enemy soldiers")
	deleted := strings.Replace(enArticle, ", with each side claiming to have eliminated thousands of enemy soldiers", "", 1)
	m := Reanchor(deleted, a)
	if m.Status != Lost || m.Anchor != a || m.Score >= MinFuzzyScore {
		t.Fatalf("deleted quote: %+v", m)
	}
	// Rewritten beyond recognition, in the same place.
	rewritten := strings.Replace(enArticle, "each side claiming to have eliminated thousands of enemy soldiers",
		"both armies reporting heavy losses among the other's troops", 1)
	if m := Reanchor(rewritten, a); m.Status != Lost {
		t.Errorf("rewritten quote: %+v", m)
	}
	if m := Reanchor("", a); m.Status != Lost || m.Score != 0 {
		t.Errorf("empty text: %+v", m)
	}
	if m := Reanchor(enArticle, Anchor{Start: 3, End: 3}); m.Status != Lost {
		t.Errorf("empty quote: %+v", m)
	}
	// A short figure that changed is not the same claim.
	b := mustFind(t, enArticle, "300 to 400")
	if m := Reanchor(strings.Replace(enArticle, "300 to 400", "600 to 700", 1), b); m.Status != Lost {
		t.Errorf("changed figures: %+v", m)
	}
}

func TestReanchorAccentsAndEmoji(t *testing.T) {
	text := "👍🏽 " + frText
	a := mustFind(t, text, "n’ont pas confirmé leur participation")
	changed := "🇦🇲🇦🇿 Mise à jour.\n\n" + strings.Replace(text, "n’ont pas confirmé", "n’ont toujours pas confirmé", 1)
	m := Reanchor(changed, a)
	if m.Status != Fuzzy || m.Anchor.Exact != "n’ont toujours pas confirmé leur participation" {
		t.Fatalf("got %+v", m)
	}
	if string([]rune(changed)[m.Anchor.Start:m.Anchor.End]) != m.Anchor.Exact {
		t.Error("offsets are not rune offsets")
	}
}

// naiveDistances is the semi-global (or anchored) edit distance of p at every end of t.
func naiveDistances(p, t []rune, anchored bool) []int {
	prev := make([]int, len(t)+1)
	for j := range prev {
		if anchored {
			prev[j] = j
		}
	}
	for i := 1; i <= len(p); i++ {
		cur := make([]int, len(t)+1)
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if p[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[1:]
}

func TestMyersMatchesDynamicProgramming(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcé 👍")
	randRunes := func(n int) []rune {
		out := make([]rune, n)
		for i := range out {
			out[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return out
	}
	for _, m := range []int{1, 5, 63, 64, 65, 128, 130, 200} {
		for range 5 {
			p, txt := randRunes(m), randRunes(rng.IntN(300)+1)
			for _, anchored := range []bool{false, true} {
				want := naiveDistances(p, txt, anchored)
				var got []int
				newMyers(p).scan(txt, anchored, func(j, d int) { got = append(got, d) })
				for j := range want {
					if got[j] != want[j] {
						t.Fatalf("m=%d anchored=%v: distance at %d = %d, want %d", m, anchored, j+1, got[j], want[j])
					}
				}
			}
		}
	}
}

func TestLevenshtein(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"kitten", "sitting", 3}, {"Azerbaïdjan", "Azerbaidjan", 1}, {"", "abc", 3}, {"👍🏽", "👍", 1}} {
		if got := levenshtein([]rune(c.a), []rune(c.b)); got != c.d {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

// FuzzAnchors checks on arbitrary text that anchors made by NewAnchor and FindQuote are valid
// and re-anchor exactly on their own text.
func FuzzAnchors(f *testing.F) {
	f.Add(frText, 3, 12)
	f.Add("Bravo 👍🏽 pour l’e\u0301lan", 6, 9)
	f.Add("a\u00a0 b\u202fc « d »", 0, 4)
	f.Fuzz(func(t *testing.T, text string, start, length int) {
		n := RuneLen(text)
		if n == 0 || length <= 0 {
			return
		}
		start = abs(start) % n
		end := min(n, start+length)
		a, err := NewAnchor(text, start, end)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Valid(text) {
			t.Fatalf("invalid %+v", a)
		}
		if m := Reanchor(text, a); m.Status != Exact {
			t.Fatalf("Reanchor on the same text: %+v", m)
		}
		if strings.TrimFunc(a.Exact, isIgnorableOrSpace) == "" {
			return
		}
		b, err := FindQuote(text, a.Exact, 1)
		if err != nil {
			if utf8.ValidString(text) && !isMark(firstRune(Slice(text, end, end+1))) {
				t.Fatalf("FindQuote(%q) on its own text: %v", a.Exact, err)
			}
			return
		}
		if !b.Valid(text) {
			t.Fatalf("FindQuote gives an invalid anchor %+v", b)
		}
	})
}

func TestReanchorFigures(t *testing.T) {
	text := "Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils. Les combats continuent."
	a := mustFind(t, text, "300 à 400 morts, dont une cinquantaine de civils")
	// Words changed, figures kept: fuzzy.
	m := Reanchor(strings.Replace(text, "morts", "tués", 1), a)
	if m.Status != Fuzzy || m.Anchor.Exact != "300 à 400 tués, dont une cinquantaine de civils" {
		t.Errorf("words changed: %+v", m)
	}
	// A figure changed: a different claim, lost, though the text is close.
	m = Reanchor(strings.Replace(text, "400", "500", 1), a)
	if m.Status != Lost || m.Score < MinFuzzyScore || m.Anchor != a {
		t.Errorf("figure changed: %+v (the score should tell how close it came)", m)
	}
}

// FuzzReanchor checks that re-anchoring in an edited text never panics, and that whatever it
// finds is a valid anchor of the edited text with a score in 0..1.
func FuzzReanchor(f *testing.F) {
	f.Add(enArticle, "A new first paragraph. "+strings.Replace(enArticle, "eliminated", "killed", 1), 260, 60)
	f.Add(frText, strings.Replace(frText, "n’ont pas", "n’ont toujours pas", 1), 43, 30)
	f.Add("👍🏽 abc abc", "abc 👍🏽 abd", 3, 3)
	f.Fuzz(func(t *testing.T, text, edited string, start, length int) {
		n := RuneLen(text)
		if n == 0 || length <= 0 {
			return
		}
		start = abs(start) % n
		a, err := NewAnchor(text, start, min(n, start+length))
		if err != nil {
			t.Fatal(err)
		}
		m := Reanchor(edited, a)
		if m.Score < 0 || m.Score > 1+1e-9 {
			t.Fatalf("score %v", m.Score)
		}
		switch m.Status {
		case Lost:
			if m.Anchor != a {
				t.Fatalf("lost anchor changed: %+v", m)
			}
		case Exact, Moved:
			if !m.Anchor.Valid(edited) || m.Anchor.Exact != a.Exact {
				t.Fatalf("%s: %+v", m.Status, m)
			}
		case Fuzzy:
			if !m.Anchor.Valid(edited) || m.Score < MinFuzzyScore {
				t.Fatalf("fuzzy: %+v", m)
			}
		default:
			t.Fatalf("status %q", m.Status)
		}
		if m.Status != Lost {
			if b, err := NewAnchor(edited, m.Anchor.Start, m.Anchor.End); err != nil || b != m.Anchor {
				t.Fatalf("%s anchor %+v differs from NewAnchor's %+v (%v)", m.Status, m.Anchor, b, err)
			}
		}
	})
}

// bigArticle generates about size bytes of article-like English and French text (words with
// accents and typographic apostrophes, sentences, paragraphs), the same for a given seed.
func bigArticle(size int, seed uint64) string {
	words := strings.Fields("the of and to in a is that for on with as by at from it was were said " +
		"minister ministers foreign Russian Armenian Azerbaijani Kremlin Moscow Baku Yerevan talks " +
		"fighting region separatist officials army soldiers civilians death toll reported claimed " +
		"le la les des de du et à en pour dans sur avec été a ont est sont selon ministre ministres " +
		"Affaires étrangères Arménie Azerbaïdjan l’Arménie d’Azerbaïdjan n’ont qu’il combats région " +
		"bilan morts civils médiation négociations cessez-le-feu 2020 octobre 300 400 140 000")
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b strings.Builder
	for b.Len() < size {
		n := 8 + rng.IntN(25)
		for i := range n {
			w := words[rng.IntN(len(words))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if i < n-1 && rng.IntN(10) == 0 {
				b.WriteByte(',')
			}
		}
		b.WriteString(". ")
		if rng.IntN(6) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

const benchQuote = "each side claiming to have eliminated thousands of enemy soldiers"

// benchTexts is a ~200 KB article with benchQuote's sentence at about 3/4 of it, and the same
// article with a paragraph inserted near the start and one word of the quote changed.
func benchTexts() (text, changed string) {
	body := bigArticle(200_000, 7)
	cut := strings.Index(body[len(body)*3/4:], ". ") + len(body)*3/4 + 2
	text = body[:cut] + "The death toll could be much higher, with " + benchQuote + ". " + body[cut:]
	changed = strings.Replace(text, "eliminated", "killed", 1)
	changed = changed[:1000] + "\n\nA paragraph added when the article was updated, with more on the talks.\n\n" + changed[1000:]
	return text, changed
}

func TestReanchorBigArticle(t *testing.T) {
	text, changed := benchTexts()
	if len(text) < 200_000 {
		t.Fatalf("text is %d bytes", len(text))
	}
	a := mustFind(t, text, benchQuote)
	if m := Reanchor(changed, a); m.Status != Fuzzy || m.Anchor.Exact != strings.Replace(benchQuote, "eliminated", "killed", 1) {
		t.Fatalf("fuzzy on 200 KB: %+v", m)
	}
	moved := "Update.\n\n" + text
	if m := Reanchor(moved, a); m.Status != Moved || m.Anchor.Start != a.Start+9 {
		t.Fatalf("moved on 200 KB: %+v", m)
	}
	deleted := strings.Replace(text, benchQuote, "", 1)
	if m := Reanchor(deleted, a); m.Status != Lost {
		t.Fatalf("lost on 200 KB: %+v", m)
	}
}

func BenchmarkFindQuoteExact(b *testing.B) {
	text, _ := benchTexts()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := FindQuote(text, benchQuote, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindQuoteTolerant(b *testing.B) {
	text, _ := benchTexts()
	text = strings.Replace(text, "each side claiming", "each side’s army\u00a0claiming", 1)
	quote := "each side's army claiming to have eliminated thousands"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if a, err := FindQuote(text, quote, 1); err != nil || !strings.HasPrefix(a.Exact, "each side’s") {
			b.Fatal(a, err)
		}
	}
}

func benchReanchor(b *testing.B, text, changed, quote string, want MatchStatus) {
	a, err := FindQuote(text, quote, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(changed)))
	for b.Loop() {
		if m := Reanchor(changed, a); m.Status != want {
			b.Fatalf("status %s, want %s", m.Status, want)
		}
	}
}

func BenchmarkReanchorExact(b *testing.B) {
	text, _ := benchTexts()
	benchReanchor(b, text, text, benchQuote, Exact)
}

func BenchmarkReanchorMoved(b *testing.B) {
	text, _ := benchTexts()
	benchReanchor(b, text, "Update.\n\n"+text, benchQuote, Moved)
}

func BenchmarkReanchorFuzzy(b *testing.B) {
	text, changed := benchTexts()
	benchReanchor(b, text, changed, benchQuote, Fuzzy)
}

func BenchmarkReanchorLost(b *testing.B) {
	text, _ := benchTexts()
	benchReanchor(b, text, strings.Replace(text, benchQuote, "", 1), benchQuote, Lost)
}

// A quote of about 400 runes (7 blocks of the bit-parallel matcher).
func BenchmarkReanchorFuzzyLongQuote(b *testing.B) {
	text, _ := benchTexts()
	i := strings.Index(text, benchQuote)
	start := strings.LastIndex(text[:i-300], ". ") + 2
	quote := text[start : i+len(benchQuote)]
	changed := strings.Replace(text, "eliminated", "killed", 1)
	changed = "Update.\n\n" + strings.Replace(changed, quote[40:60], quote[40:50], 1)
	benchReanchor(b, text, changed, quote, Fuzzy)
	b.ReportMetric(float64(RuneLen(quote)), "quote-runes")
}
