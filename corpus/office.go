package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Word (.docx, Office Open XML) and OpenDocument (.odt) files are ZIP archives of XML parts,
// read here with archive/zip and encoding/xml: the text in reading order, headings marked,
// footnotes numbered where they are called and given at the end, in order. Comments are left
// out; tracked changes are read as if accepted (insertions kept, deletions left out). Both are
// said in the article's notes.

// ErrBrokenDocument is wrapped in the error for a .docx or .odt that cannot be read.
var ErrBrokenDocument = errors.New("the document is damaged or not a word-processor file")

// maxPartSize bounds one unpacked XML part, so a small archive cannot unpack into gigabytes.
const maxPartSize = 64 << 20

// readPart returns the unpacked bytes of the archive member called name, nil when absent.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxPartSize {
			return nil, fmt.Errorf("%s unpacks to more than %s", name, humanBytes(maxPartSize))
		}
		return data, nil
	}
	return nil, nil
}

func openZip(name string, data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v): open it in a word processor and save it again", name, ErrBrokenDocument, err)
	}
	return zr, nil
}

// docTitle reads dc:title from a metadata part (docProps/core.xml or meta.xml).
func docTitle(meta []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(meta))
	in := false
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return strings.TrimSpace(b.String())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title" && strings.Contains(t.Name.Space, "purl.org/dc")
		case xml.EndElement:
			if in {
				return strings.TrimSpace(b.String())
			}
		case xml.CharData:
			if in {
				b.Write(t)
			}
		}
	}
}

// docBuilder gathers the paragraphs of a document as its XML is walked. Paragraphs nest (a
// text box or a note inside a paragraph), so open ones are a stack.
type docBuilder struct {
	blocks   []block
	open     []*strings.Builder
	heads    []bool
	notes    []block // footnote paragraphs, in call order
	inNote   int     // depth of note bodies
	noteNum  int
	comments int
	changes  int
}

func (d *docBuilder) startPara(heading bool) {
	d.open = append(d.open, &strings.Builder{})
	d.heads = append(d.heads, heading)
}

func (d *docBuilder) endPara() {
	n := len(d.open)
	if n == 0 {
		return
	}
	text, heading := d.open[n-1].String(), d.heads[n-1]
	d.open, d.heads = d.open[:n-1], d.heads[:n-1]
	if d.inNote > 0 {
		d.notes = append(d.notes, block{text: text})
		return
	}
	d.blocks = append(d.blocks, block{text: text, heading: heading})
}

func (d *docBuilder) write(s string) {
	if n := len(d.open); n > 0 {
		d.open[n-1].WriteString(s)
	}
}

// callNote writes the next note number where the note is called and returns it.
func (d *docBuilder) callNote() int {
	d.noteNum++
	d.write(fmt.Sprintf("[%d]", d.noteNum))
	return d.noteNum
}

// finish appends the notes after the text and says what was left out.
func (d *docBuilder) finish(a *Article) []block {
	out := append(d.blocks, d.notes...)
	if d.comments > 0 {
		a.Notes = append(a.Notes, fmt.Sprintf("%s left out", countNoun(d.comments, "comment", "comments")))
	}
	if d.changes > 0 {
		a.Notes = append(a.Notes, fmt.Sprintf("%s read as accepted: inserted text kept, deleted text left out", countNoun(d.changes, "tracked change", "tracked changes")))
	}
	return out
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// mainPart reads the part of a word-processor file that holds its text; a file without it is
// broken, with what to do.
func mainPart(zr *zip.Reader, name, part, ext string) ([]byte, error) {
	b, err := readPart(zr, part)
	if err == nil && b == nil {
		err = errors.New("it has no " + part)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v): open it in a word processor and save it as %s again", name, ErrBrokenDocument, err, ext)
	}
	return b, nil
}

// parseDocx reads a Word .docx file.
func parseDocx(name string, data []byte) (Article, error) {
	a := Article{Format: "docx"}
	zr, err := openZip(name, data)
	if err != nil {
		return a, err
	}
	body, err := mainPart(zr, name, "word/document.xml", ".docx")
	if err != nil {
		return a, err
	}
	foot, err := readPart(zr, "word/footnotes.xml")
	if err != nil {
		return a, fmt.Errorf("%s: %w (%v)", name, ErrBrokenDocument, err)
	}
	footnotes, err := docxNotes(foot)
	if err != nil {
		return a, fmt.Errorf("%s: %w (footnotes: %v): open it in a word processor and save it as .docx again", name, ErrBrokenDocument, err)
	}
	if meta, _ := readPart(zr, "docProps/core.xml"); meta != nil {
		a.Title = docTitle(meta)
	}
	d := &docBuilder{}
	if err := walkDocx(xml.NewDecoder(bytes.NewReader(body)), d, footnotes); err != nil {
		return a, fmt.Errorf("%s: %w (%v): open it in a word processor and save it as .docx again", name, ErrBrokenDocument, err)
	}
	if err := assemble(&a, d.finish(&a), 0, data); err != nil {
		return a, err
	}
	return a, nil
}

// docxNotes reads the footnotes part: the text of each note by id.
func docxNotes(part []byte) (map[string]string, error) {
	notes := map[string]string{}
	if part == nil {
		return notes, nil
	}
	dec := xml.NewDecoder(bytes.NewReader(part))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return notes, nil
		}
		if err != nil {
			return nil, err
		}
		st, ok := tok.(xml.StartElement)
		if !ok || st.Name.Local != "footnote" {
			continue
		}
		if typ := xmlAttr(st, "type"); typ != "" && typ != "normal" {
			if err := dec.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		d := &docBuilder{}
		if err := walkDocxUntil(dec, d, nil, "footnote"); err != nil {
			return nil, err
		}
		var texts []string
		for _, b := range d.blocks {
			if t := strings.TrimSpace(b.text); t != "" {
				texts = append(texts, t)
			}
		}
		notes[xmlAttr(st, "id")] = strings.Join(texts, " ")
	}
}

func xmlAttr(st xml.StartElement, local string) string {
	for _, a := range st.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func walkDocx(dec *xml.Decoder, d *docBuilder, footnotes map[string]string) error {
	return walkDocxUntil(dec, d, footnotes, "")
}

// walkDocxUntil walks WordprocessingML up to the end of the element called end ("" for the
// end of the part).
func walkDocxUntil(dec *xml.Decoder, d *docBuilder, footnotes map[string]string, end string) error {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if end != "" {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				d.startPara(false)
			case "pStyle":
				if v := strings.ToLower(xmlAttr(t, "val")); strings.HasPrefix(v, "heading") || strings.HasPrefix(v, "titre") || v == "title" || v == "subtitle" {
					if n := len(d.heads); n > 0 {
						d.heads[n-1] = true
					}
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return err
				}
				d.write(s)
			case "tab", "br", "cr":
				d.write(" ")
			case "noBreakHyphen":
				d.write("-")
			case "del", "moveFrom":
				d.changes++
				if err := dec.Skip(); err != nil {
					return err
				}
			case "ins", "moveTo":
				d.changes++
			case "instrText", "delText", "Fallback":
				if err := dec.Skip(); err != nil {
					return err
				}
			case "commentReference":
				d.comments++
			case "footnoteReference":
				if footnotes == nil {
					continue
				}
				n := d.callNote()
				d.notes = append(d.notes, block{text: fmt.Sprintf("[%d] %s", n, footnotes[xmlAttr(t, "id")])})
			}
		case xml.EndElement:
			if t.Name.Local == end {
				return nil
			}
			if t.Name.Local == "p" {
				d.endPara()
			}
		}
	}
}

// parseOdt reads an OpenDocument .odt file.
func parseOdt(name string, data []byte) (Article, error) {
	a := Article{Format: "odt"}
	zr, err := openZip(name, data)
	if err != nil {
		return a, err
	}
	content, err := mainPart(zr, name, "content.xml", ".odt")
	if err != nil {
		return a, err
	}
	if meta, _ := readPart(zr, "meta.xml"); meta != nil {
		a.Title = docTitle(meta)
	}
	d := &docBuilder{}
	if err := walkOdt(xml.NewDecoder(bytes.NewReader(content)), d); err != nil {
		return a, fmt.Errorf("%s: %w (%v): open it in a word processor and save it as .odt again", name, ErrBrokenDocument, err)
	}
	if err := assemble(&a, d.finish(&a), 0, data); err != nil {
		return a, err
	}
	return a, nil
}

// walkOdt walks the body of an OpenDocument text. A note (text:note) sits inside the paragraph
// that calls it: its citation is written there and its body goes to the notes.
func walkOdt(dec *xml.Decoder, d *docBuilder) error {
	noteStart := -1 // index in d.notes where the current note's paragraphs begin
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				d.startPara(false)
			case "h":
				d.startPara(true)
			case "s":
				d.write(" ")
			case "tab", "line-break":
				d.write(" ")
			case "note":
				n := d.callNote()
				d.inNote++
				noteStart = len(d.notes)
				d.notes = append(d.notes, block{text: fmt.Sprintf("[%d]", n)})
			case "note-citation":
				if err := dec.Skip(); err != nil { // the number is ours
					return err
				}
			case "tracked-changes":
				d.changes += strings.Count(innerXML(dec, &t), "<text:changed-region")
			case "annotation":
				d.comments++
				if err := dec.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p", "h":
				d.endPara()
			case "note":
				d.inNote--
				// One paragraph per note: its number and its text.
				if noteStart >= 0 && noteStart < len(d.notes) {
					var parts []string
					for _, b := range d.notes[noteStart:] {
						parts = append(parts, strings.TrimSpace(b.text))
					}
					d.notes = append(d.notes[:noteStart], block{text: strings.Join(parts, " ")})
				}
				noteStart = -1
			}
		case xml.CharData:
			d.write(string(t))
		}
	}
}

// innerXML consumes the element started by start and returns its content as text, for counting.
func innerXML(dec *xml.Decoder, start *xml.StartElement) string {
	var v struct {
		Inner string `xml:",innerxml"`
	}
	_ = dec.DecodeElement(&v, start)
	return v.Inner
}
