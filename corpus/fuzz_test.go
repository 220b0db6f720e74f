package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzImport feeds arbitrary bytes to Parse as a .txt, .html or .md file. Parse must not panic,
// and what it accepts must keep the promises of Article: valid UTF-8 in NFC, "\n" line breaks,
// paragraphs separated by one blank line, no spaces at the ends of lines, and sentence spans
// that index the text by runes.
func FuzzImport(f *testing.F) {
	f.Add([]byte("Talks in Moscow\n\nThe Kremlin said. Lire aussi\u00a0 Etats-Unis\n\nI subscribe"), uint8(0))
	f.Add([]byte("<html><head><title>T - Site</title><link rel=canonical href=/x></head><body><p>Un «\u00a0texte\u00a0». M. Lavrov.</p></body></html>"), uint8(1))
	f.Add([]byte("---\ntitle: x\n---\n# Head\n\n* a\n* b\n\n```\ncode\n```\n"), uint8(2))
	f.Add([]byte("\xff\xfeH\x00i\x00"), uint8(0))
	f.Add([]byte("Azerba\xefdjan \x80"), uint8(0))
	names := []string{"fuzz.txt", "fuzz.html", "fuzz.md"}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		a, err := Parse(names[int(kind)%len(names)], data)
		if err != nil {
			if a.Text != "" {
				t.Fatalf("error %v with text %q", err, a.Text)
			}
			return
		}
		if a.Text == "" {
			t.Fatal("no error and no text")
		}
		if !utf8.ValidString(a.Text) || !norm.NFC.IsNormalString(a.Text) {
			t.Fatalf("text not valid NFC UTF-8: %q", a.Text)
		}
		if strings.ContainsRune(a.Text, '\r') || strings.Contains(a.Text, "\n\n\n") ||
			strings.HasPrefix(a.Text, "\n") || strings.HasSuffix(a.Text, "\n") {
			t.Fatalf("bad paragraph breaks: %q", a.Text)
		}
		for _, line := range strings.Split(a.Text, "\n") {
			if strings.TrimFunc(line, unicode.IsSpace) != line {
				t.Fatalf("line with spaces at an end: %q", line)
			}
		}
		for _, r := range a.Removed {
			if r == "" || strings.ContainsRune(r, '\n') {
				t.Fatalf("bad removed line %q", r)
			}
		}
		runes := []rune(a.Text)
		last := 0
		for _, s := range Sentences(a.Text, a.Language) {
			if s.Start < last || s.Start >= s.End || s.End > len(runes) || string(runes[s.Start:s.End]) != s.Text {
				t.Fatalf("bad span %+v after %d in %q", s, last, a.Text)
			}
			last = s.End
		}
	})
}
