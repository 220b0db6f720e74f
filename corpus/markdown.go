package corpus

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// parseMarkdown fills a with the front matter of a Markdown document (title, date, author,
// url, site, language) and returns its text as plain paragraphs. The title is the front
// matter's, else the first heading's.
func parseMarkdown(src string, a *Article) string {
	body := readFrontMatter(src, a)
	source := []byte(body)
	doc := markdown.Parser().Parse(text.NewReader(source))

	var b strings.Builder
	paragraph := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Heading:
			t := inlineText(n, source)
			if a.Title == "" {
				a.Title = strings.Join(strings.Fields(t), " ")
			}
			paragraph(t)
			return
		case *ast.Paragraph, *ast.TextBlock:
			paragraph(inlineText(n, source))
			return
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			var lines strings.Builder
			l := n.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				lines.Write(seg.Value(source))
			}
			paragraph(lines.String())
			return
		case *ast.HTMLBlock:
			// Raw HTML in Markdown (a <div> of text, a <p> with attributes) holds article text:
			// keep its text, without the tags.
			var raw strings.Builder
			l := n.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				raw.Write(seg.Value(source))
			}
			if n.HasClosure() {
				raw.Write(n.ClosureLine.Value(source))
			}
			paragraph(htmlFragmentText(raw.String()))
			return
		case *ast.ThematicBreak:
			return
		case *east.TableRow, *east.TableHeader:
			var cells []string
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t := strings.TrimSpace(inlineText(c, source)); t != "" {
					cells = append(cells, t)
				}
			}
			paragraph(strings.Join(cells, " | "))
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// inlineText renders the inline content of a block as plain text: soft line breaks become
// spaces, hard ones line breaks; links keep their text, images and raw HTML are dropped.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Text:
			b.Write(unescape(n.Value(source)))
			switch {
			case n.HardLineBreak():
				b.WriteByte('\n')
			case n.SoftLineBreak():
				b.WriteByte(' ')
			}
			return
		case *ast.String:
			b.Write(unescape(n.Value))
			return
		case *ast.AutoLink:
			b.Write(n.URL(source))
			return
		case *ast.Image, *ast.RawHTML:
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// unescape resolves backslash escapes and character references, as an HTML renderer would.
func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// readFrontMatter reads a YAML front matter block ("---" lines around "key: value" lines) into
// a and returns the document without it. Only flat string values are read: that is all the
// metadata an article needs, and it avoids a YAML dependency.
func readFrontMatter(src string, a *Article) string {
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		return src
	}
	block, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		block, ok = strings.CutSuffix(rest, "\n---")
		if !ok {
			return src
		}
		body = ""
	}
	for _, line := range strings.Split(block, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		if value == "" {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			a.Title = value
		case "date", "published", "publishdate", "pubdate", "date_published":
			a.Published = formatDate(value)
		case "author", "authors", "byline":
			a.Byline = value
		case "url", "canonical", "canonical_url", "canonicalurl", "link", "source_url":
			a.URL = value
		case "site", "site_name", "outlet", "publisher", "source":
			a.Outlet = value
		case "lang", "language":
			a.Language = strings.ToLower(value)
		}
	}
	return body
}

// htmlFragmentText is the text of a fragment of HTML: its tags, comments, scripts and styles
// left out, its entities decoded, its blank space folded.
func htmlFragmentText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}
