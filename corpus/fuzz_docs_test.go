package corpus

import (
	"testing"
	"unicode/utf8"
)

// FuzzDocuments feeds arbitrary bytes to the .docx, .odt and PDF readers: no panic, and what
// they accept is valid UTF-8 with page offsets inside the text, in order.
func FuzzDocuments(f *testing.F) {
	f.Add(makeDocx(f, 2), uint8(0))
	f.Add(makeOdt(f), uint8(1))
	f.Add(makeReportPDF(f, 2, false), uint8(2))
	f.Add([]byte("PK\x03\x04garbage"), uint8(0))
	f.Add([]byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"), uint8(2))
	names := []string{"fuzz.docx", "fuzz.odt", "fuzz.pdf"}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		a, err := Parse(names[int(kind)%len(names)], data)
		if err != nil {
			if a.Text != "" {
				t.Fatalf("error %v with text", err)
			}
			return
		}
		if a.Text == "" || !utf8.ValidString(a.Text) {
			t.Fatalf("bad text %q", a.Text)
		}
		n := utf8.RuneCountInString(a.Text)
		for i, p := range a.Pages {
			if p < 0 || p > n || (i > 0 && p < a.Pages[i-1]) {
				t.Fatalf("pages %v outside text of %d runes", a.Pages, n)
			}
		}
	})
}
