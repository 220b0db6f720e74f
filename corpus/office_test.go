package corpus

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The test .docx and .odt files are ZIP archives written by the tests with archive/zip, holding
// the XML parts a word processor writes (WordprocessingML and OpenDocument), cut down to what
// the reader looks at.

func zipOf(tb testing.TB, parts ...[2]string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		method := zip.Deflate
		if p[0] == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: method})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func wPara(style, inner string) string {
	ppr := ""
	if style != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + ppr + inner + `</w:p>`
}

func wRun(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

// makeDocx writes a Word file: a title, a heading, paragraphs with a footnote call, a tracked
// insertion and deletion, and a comment. paras adds that many body paragraphs (for benchmarks).
func makeDocx(tb testing.TB, paras int) []byte {
	tb.Helper()
	body := wPara("Title", wRun("Le port après l’incendie")) +
		wPara("Heading1", wRun("Ce que dit la préfecture")) +
		wPara("", wRun("La préfecture compte 14 blessés")+`<w:r><w:footnoteReference w:id="2"/></w:r>`+wRun(", dont trois graves.")) +
		wPara("", wRun("Le port a rouvert ")+`<w:ins w:id="5" w:author="Bob"><w:r><w:t>lundi</w:t></w:r></w:ins>`+
			`<w:del w:id="6" w:author="Bob"><w:r><w:delText>dimanche</w:delText></w:r></w:del>`+wRun(" matin.")) +
		wPara("", `<w:commentRangeStart w:id="0"/>`+wRun("Les conteneurs détruits sont une trentaine.")+`<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`)
	for i := 0; i < paras; i++ {
		body += wPara("", wRun(fmt.Sprintf("Paragraphe %d. Le conseil municipal a voté le budget du port après un long débat sur l’incendie et ses suites pour les habitants.", i+1)))
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
	notes := `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wNS + `>` +
		`<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="2"><w:p>` + wRun("Communiqué du 12 mars.") + `</w:p></w:footnote></w:footnotes>`
	comments := `<w:comments ` + wNS + `><w:comment w:id="0"><w:p>` + wRun("Vérifier ce chiffre") + `</w:p></w:comment></w:comments>`
	core := `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Rapport du port</dc:title></cp:coreProperties>`
	return zipOf(tb, [2]string{"[Content_Types].xml", `<Types/>`}, [2]string{"word/document.xml", doc},
		[2]string{"word/footnotes.xml", notes}, [2]string{"word/comments.xml", comments}, [2]string{"docProps/core.xml", core})
}

func TestDocx(t *testing.T) {
	a, err := Parse("rapport.docx", makeDocx(t, 0))
	if err != nil {
		t.Fatal(err)
	}
	want := "Le port après l’incendie\n\nCe que dit la préfecture\n\nLa préfecture compte 14 blessés[1], dont trois graves.\n\n" +
		"Le port a rouvert lundi matin.\n\nLes conteneurs détruits sont une trentaine.\n\n[1] Communiqué du 12 mars."
	if a.Text != want {
		t.Errorf("text =\n%q\nwant\n%q", a.Text, want)
	}
	if a.Title != "Rapport du port" || a.Format != "docx" || a.Language != "fr" || a.SourceSHA256 == "" {
		t.Errorf("title %q format %q language %q", a.Title, a.Format, a.Language)
	}
	if notes := strings.Join(a.Notes, "; "); !strings.Contains(notes, "1 comment left out") || !strings.Contains(notes, "2 tracked changes read as accepted") {
		t.Errorf("notes = %q", a.Notes)
	}
}

// makeOdt writes an OpenDocument text with a heading, a note, a tracked deletion and a comment.
func makeOdt(tb testing.TB) []byte {
	tb.Helper()
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><text:p>trois jours</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">The harbour after the fire</text:h>
<text:p>The prefecture counts 14 injured<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Statement of 12 March.</text:p></text:note-body></text:note>, three<text:s/>of them seriously.</text:p>
<text:p>The port reopened on Monday<text:change text:change-id="ct1"/>.<office:annotation><dc:creator>Bob</dc:creator><text:p>Check this</text:p></office:annotation></text:p>
<text:p>About <text:span>thirty</text:span> containers<text:tab/>were destroyed.</text:p>
</office:text></office:body></office:document-content>`
	meta := `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>Harbour report</dc:title></office:meta></office:document-meta>`
	return zipOf(tb, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", content}, [2]string{"meta.xml", meta})
}

func TestOdt(t *testing.T) {
	a, err := Parse("report.odt", makeOdt(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "The harbour after the fire\n\nThe prefecture counts 14 injured[1], three of them seriously.\n\nThe port reopened on Monday.\n\n" +
		"About thirty containers were destroyed.\n\n[1] Statement of 12 March."
	if a.Text != want {
		t.Errorf("text =\n%q\nwant\n%q", a.Text, want)
	}
	if a.Title != "Harbour report" || a.Format != "odt" {
		t.Errorf("title %q format %q", a.Title, a.Format)
	}
	if notes := strings.Join(a.Notes, "; "); !strings.Contains(notes, "1 comment left out") || !strings.Contains(notes, "1 tracked change read as accepted") {
		t.Errorf("notes = %q", a.Notes)
	}
	// Named .txt, it is still read as an OpenDocument file.
	if b, err := Parse("report.txt", makeOdt(t)); err != nil || b.Format != "odt" {
		t.Errorf("sniffed: %q, %v", b.Format, err)
	}
}

func TestOfficeBroken(t *testing.T) {
	data := makeDocx(t, 3)
	for name, in := range map[string][]byte{
		"cut.docx":   data[:len(data)/2],
		"empty.docx": zipOf(t, [2]string{"word/styles.xml", "<x/>"}),
		"bad.docx":   zipOf(t, [2]string{"word/document.xml", "<w:document " + wNS + "><w:body><w:p><w:r><w:t>x"}),
		"bad.odt":    zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", "<office:document-content><text:p>"}),
	} {
		_, err := Parse(name, in)
		if !errors.Is(err, ErrBrokenDocument) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "save it") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
