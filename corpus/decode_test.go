package corpus

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

const sample = "Azerbaïdjan: 1 000 € «\u00a0paix\u00a0» — déjà vu\nSecond line"

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDecodeEncodings(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf8", []byte(sample), sample},
		{"utf8 BOM", append([]byte("\xef\xbb\xbf"), sample...), sample},
		{"utf16le BOM", utf16Bytes(sample, false, true), sample},
		{"utf16be BOM", utf16Bytes(sample, true, true), sample},
		{"utf16le no BOM", utf16Bytes("Plain ASCII text saved by Notepad as Unicode.", false, false), "Plain ASCII text saved by Notepad as Unicode."},
		{"utf32le BOM", []byte("\xff\xfe\x00\x00A\x00\x00\x00\xe9\x00\x00\x00"), "Aé"},
		// Windows-1252: ï is 0xEF, € is 0x80, « » are 0xAB 0xBB, é 0xE9, — 0x97.
		{"windows-1252", []byte("Azerba\xefdjan: 1 000 \x80 \xab paix \xbb \x97 d\xe9j\xe0 vu"), "Azerbaïdjan: 1 000 € « paix » — déjà vu"},
		{"latin-1", []byte("Gen\xe8ve, M\xfcller, \xa9 2020"), "Genève, Müller, © 2020"},
		{"CRLF", []byte("one\r\ntwo\r\n\r\nthree"), "one\ntwo\n\nthree"},
		{"CR", []byte("one\rtwo"), "one\ntwo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tc.want {
				t.Errorf("Decode = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDecodeNFC(t *testing.T) {
	decomposed := "Azerbai\u0308djan, Arme\u0301nie, E\u0301tats-Unis"
	if norm.NFC.IsNormalString(decomposed) {
		t.Fatal("test input should be decomposed")
	}
	got, err := Decode([]byte(decomposed))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Azerbaïdjan, Arménie, États-Unis"; got != want {
		t.Errorf("Decode = %q (%d runes), want %q", got, len([]rune(got)), want)
	}
	// Through the whole import, the text is composed too, so claims anchor on one code point.
	a, err := Parse("x.txt", []byte("Le ministre de l’"+decomposed+" est arrivé à Moscou."))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Azerbaïdjan") || !norm.NFC.IsNormalString(a.Text) {
		t.Errorf("text not NFC: %q", a.Text)
	}
}

func TestBinaryRefused(t *testing.T) {
	random := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	random[100] = 0
	tests := []struct {
		name, kind string
		data       []byte
	}{
		{"photo.png", "PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")},
		{"article.docx", "ZIP archive (or .docx/.odt/.epub)", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")},
		{"scan.jpg", "JPEG image", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")},
		{"noise.txt", "binary data", random},
		{"nul.txt", "binary data", []byte("This looks like text\x00\x00\x00 but has NUL bytes in it")},
		{"controls.txt", "binary data", []byte(strings.Repeat("\x01\x02\x03\x04abc", 50))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.name, tc.data)
			var be *BinaryError
			if !errors.As(err, &be) {
				t.Fatalf("Parse(%s) error = %v, want a *BinaryError", tc.name, err)
			}
			if be.Kind != tc.kind {
				t.Errorf("Kind = %q, want %q", be.Kind, tc.kind)
			}
			want := tc.name + " looks like a binary file (" + tc.kind + "), not an article: save the article as .txt, .html, .md, .pdf, .docx or .odt and import that"
			if err.Error() != want {
				t.Errorf("message = %q\nwant      %q", err.Error(), want)
			}
		})
	}
	// Decode alone names no file.
	if _, err := Decode([]byte("%PDF-1.4")); err == nil || !strings.HasPrefix(err.Error(), "the input looks like a binary file (PDF)") {
		t.Errorf("Decode(pdf) = %v", err)
	}
}

func TestTextWithFewControlsAccepted(t *testing.T) {
	// A form feed and an old editor's ^Z are no reason to refuse an article.
	a, err := Parse("old.txt", []byte("The talks begin in Moscow on Friday, the Kremlin said.\f\nBoth sides confirmed.\x1a"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !strings.Contains(a.Text, "Both sides confirmed.") {
		t.Errorf("text = %q", a.Text)
	}
}

func TestTooLarge(t *testing.T) {
	if _, err := Decode(make([]byte, MaxSize+1)); err == nil {
		t.Fatal("Decode accepted more than MaxSize")
	}
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxSize + 1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()
	_, err = ParseFile(path)
	var te *TooLargeError
	if !errors.As(err, &te) {
		t.Fatalf("ParseFile error = %v, want a *TooLargeError", err)
	}
	want := path + " is too large to be an article (20.0 MB; the limit is 20 MB): import the article alone, as .txt, .html, .md, .pdf, .docx or .odt"
	if err.Error() != want {
		t.Errorf("message = %q\nwant      %q", err.Error(), want)
	}
	_, err = ParseReader(strings.NewReader(strings.Repeat("a", MaxSize+10)), "stdin")
	if !errors.As(err, &te) || te.Name != "stdin" {
		t.Errorf("ParseReader error = %v, want a *TooLargeError for stdin", err)
	}
}
