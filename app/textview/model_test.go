package textview

import (
	"math"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"factdesk/corpus/corpustest"
)

// laidOut returns a View showing text in a headless window of the given size.
func laidOut(t *testing.T, text string, w, h float32) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	v.SetText(text)
	win := test.NewTempWindow(t, v)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	if got := v.Size(); got.Width != w || got.Height != h {
		t.Fatalf("view size = %v, want %vx%v", got, w, h)
	}
	return v, win
}

func TestWrapKeepsLinesWithinWidthAndCoversText(t *testing.T) {
	text := article(60_000)
	v, _ := laidOut(t, text, 640, 480)
	m := &v.m
	maxW := m.wrapWidth
	if want := 640 - v.insets.left - v.insets.right; maxW != want {
		t.Fatalf("wrap width = %v, want %v", maxW, want)
	}
	if len(m.lines) < 200 {
		t.Fatalf("only %d lines for 60 KB", len(m.lines))
	}
	paragraphs := strings.Count(text, "\n") + 1
	hard := 0
	for i, l := range m.lines {
		// Each line fits, trailing spaces apart.
		end := l.end
		for end > l.start && isBreakSpace(m.runes.at(end-1)) {
			end--
		}
		if w := m.x(l.start, end); w > maxW {
			t.Errorf("line %d is %.1f wide, more than %.1f: %q", i, w, maxW, m.lineText(i))
		}
		if i+1 < len(m.lines) {
			next := m.lines[i+1]
			switch {
			case next.start == l.end: // wrapped: the next word would not have fitted
				nextWordEnd := next.start
				for nextWordEnd < next.end && !isBreakSpace(m.runes.at(nextWordEnd)) {
					nextWordEnd++
				}
				if m.x(l.start, nextWordEnd) <= maxW {
					t.Errorf("line %d broke early: %q then %q", i, m.lineText(i), m.lineText(i+1))
				}
			case next.start == l.end+1 && m.runes.at(l.end) == '\n':
				hard++
			default:
				t.Fatalf("lines %d and %d leave a gap: [%d,%d) then [%d,%d)", i, i+1, l.start, l.end, next.start, next.end)
			}
			if next.y <= l.y {
				t.Fatalf("line %d is not below line %d", i+1, i)
			}
		}
	}
	if hard != paragraphs-1 {
		t.Errorf("%d paragraph breaks, want %d", hard, paragraphs-1)
	}
	if last := m.lines[len(m.lines)-1]; last.end != m.runes.len() {
		t.Errorf("last line ends at %d, text at %d", last.end, m.runes.len())
	}
}

func TestLongTokenBreaksByCharacter(t *testing.T) {
	url := "https://example.org/" + strings.Repeat("abcdefghij", 30)
	v, _ := laidOut(t, "See "+url+" now.", 320, 200)
	m := &v.m
	if len(m.lines) < 4 {
		t.Fatalf("%d lines, want the link broken over several", len(m.lines))
	}
	if got := m.lineText(0); got != "See " {
		t.Errorf("first line = %q, want the word before the link alone", got)
	}
	var joined strings.Builder
	for i, l := range m.lines {
		if w := m.x(l.start, l.end); w > m.wrapWidth && strings.TrimSpace(m.lineText(i)) != "" {
			t.Errorf("line %d is %.1f wide, more than %.1f", i, w, m.wrapWidth)
		}
		joined.WriteString(m.lineText(i))
	}
	if joined.String() != m.text {
		t.Errorf("lines do not join back into the text")
	}
}

func TestHyphenAndNoBreakSpace(t *testing.T) {
	test.NewTempApp(t)
	m := newModel()
	m.setText("Nagorny-Karabakh «\u00a0Bonjour\u00a0» 1\u202f200")
	var words []string
	for i := 0; i < m.runes.len(); {
		we, end := m.unit(i, m.runes.len())
		words = append(words, m.runes.str(i, we))
		i = end
	}
	want := []string{"Nagorny-", "Karabakh", "«\u00a0Bonjour\u00a0»", "1\u202f200"}
	if strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("break units = %q, want %q", words, want)
	}
}

// The layout measures runes and pairs instead of words or lines; this checks that the widths
// it computes are those Fyne computes for the whole line it draws, so that highlights, the
// caret and hit tests sit on the glyphs.
func TestMeasuredWidthsMatchFyne(t *testing.T) {
	texts := map[string]string{
		"generated": article(40_000),
		"mixed":     strings.Repeat("Ça coûte 3\u202f€ — «\u00a0déjà vu\u00a0» 🙂 l’été, AVATAR Tʼa “quoted” (fin) 北京 Ελλάδα Россия. ", 20),
	}
	for _, name := range corpustest.Articles {
		b, err := os.ReadFile(corpustest.Article(t, name))
		if err != nil {
			t.Fatal(err)
		}
		texts[name] = string(b)
	}
	checkMeasuredWidths(t, texts)
}

// checkMeasuredWidths lays out each text and compares the widths of lines (and of their first
// halves) with Fyne's measure of the same runes.
func checkMeasuredWidths(t *testing.T, texts map[string]string) {
	t.Helper()
	v, _ := laidOut(t, "", 640, 480)
	for name, text := range texts {
		v.SetText(text)
		m := &v.m
		size := v.TextSize()
		checked := 0
		for i := 0; i < len(m.lines); i += 1 + len(m.lines)/150 {
			l := m.lines[i]
			got := m.x(l.start, l.end)
			want := fyne.MeasureText(m.lineText(i), size, fyne.TextStyle{}).Width
			if math.Abs(float64(got-want)) > 0.5 {
				t.Errorf("%s line %d: width %.2f, Fyne measures %.2f: %q", name, i, got, want, m.lineText(i))
			}
			mid := l.start + (l.end-l.start)/2
			prefix := m.runes.str(l.start, mid)
			if !strings.ContainsAny(prefix, "\t\r") {
				want = fyne.MeasureText(prefix, size, fyne.TextStyle{}).Width
				if got := m.x(l.start, mid); math.Abs(float64(got-want)) > 0.5 {
					t.Errorf("%s line %d prefix: %.2f, Fyne measures %.2f: %q", name, i, got, want, prefix)
				}
			}
			checked++
		}
		if checked < 10 && len(m.lines) >= 10 {
			t.Errorf("%s: checked only %d lines", name, checked)
		}
	}
}

func TestWordAndParagraphBoundaries(t *testing.T) {
	test.NewTempApp(t)
	m := newModel()
	text := "Les autorités de l’Azerbaïdjan ont vu 1\u202f200 personnes, dit-il.\nDeuxième paragraphe l'Arménie."
	m.setText(text)
	rs := []rune(text)
	word := func(sub string, k int) string {
		i := strings.Index(text, sub)
		if i < 0 {
			t.Fatalf("%q not in text", sub)
		}
		s, e := m.wordAt(len([]rune(text[:i])) + k)
		return string(rs[s:e])
	}
	cases := []struct{ at, want string }{
		{"Azerbaïdjan", "l’Azerbaïdjan"},
		{"ïdjan", "l’Azerbaïdjan"},
		{"1\u202f200", "1\u202f200"},
		{"personnes", "personnes"},
		{"dit-il", "dit"},
		{"l'Arménie", "l'Arménie"},
		{"Deuxième", "Deuxième"},
		{",", ","},
	}
	for _, c := range cases {
		if got := word(c.at, 0); got != c.want {
			t.Errorf("word at %q = %q, want %q", c.at, got, c.want)
		}
	}
	ps, pe := m.paraAt(len([]rune("Les autorités de l")))
	if got := string(rs[ps:pe]); !strings.HasPrefix(got, "Les autorités") || strings.Contains(got, "\n") || !strings.HasSuffix(got, "dit-il.") {
		t.Errorf("paragraph = %q", got)
	}
}
