package corpus

import (
	"fmt"
	"net/url"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLElements bounds the pages handed to readability, whose scoring is slow on huge trees;
// bigger pages get the plain text of their body instead.
const maxHTMLElements = 100_000

// pageMeta is what the page itself declares, read before readability rewrites the tree.
type pageMeta struct {
	canonical string // <link rel=canonical>, else og:url
	lang      string // <html lang>, primary subtag
	title     string // <title>
	published string // <time datetime> when no meta tag gives the date
}

// parseHTML fills a with the main text of an HTML page and its metadata: title, byline, site
// name, published date and canonical URL. The text is plain paragraphs separated by blank lines,
// before boilerplate removal.
func parseHTML(src string, a *Article) (string, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// Besides reader errors (none from a string), html.Parse refuses elements nested
		// more than 512 deep.
		return "", fmt.Errorf("%w: %v", ErrTooDeep, err)
	}
	meta := readPageMeta(doc)
	a.URL = meta.canonical

	var pageURL *url.URL
	if u, err := url.Parse(meta.canonical); err == nil && u.IsAbs() {
		pageURL = u
	}
	ra, ok := runReadability(doc, pageURL)
	var text string
	if ok {
		a.Title = strings.TrimSpace(ra.Title)
		a.Byline = cleanByline(ra.Byline)
		a.Outlet = strings.TrimSpace(ra.SiteName)
		if ra.PublishedTime != nil {
			a.Published = ra.PublishedTime.Format("2006-01-02")
		}
		content := ra.Node
		if content != nil && content.Parent != nil {
			content = content.Parent // readability returns the first page of the content
		}
		text = nodeText(content)
	}
	if strings.TrimSpace(text) == "" {
		text = nodeText(findElement(doc, atom.Body))
	}
	if a.Title == "" {
		a.Title = meta.title
	}
	if a.Published == "" && meta.published != "" {
		a.Published = formatDate(meta.published)
	}
	a.Language = meta.lang // a fallback: the text decides when it can
	return text, nil
}

// runReadability runs the extraction, turning the library's failures and panics on malformed
// pages into "not found" so that the caller falls back to the body text.
func runReadability(doc *html.Node, pageURL *url.URL) (ra readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLElements
	ra, err := p.ParseDocument(doc, pageURL)
	return ra, err == nil
}

// cleanByline drops the "By" in front of author names.
func cleanByline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{"By ", "by ", "Par ", "par ", "Por ", "Von ", "Di "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	return s
}

func readPageMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var ogURL string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if lang := attr(n, "lang"); lang != "" {
					m.lang = strings.ToLower(strings.SplitN(strings.SplitN(lang, "-", 2)[0], "_", 2)[0])
				}
			case atom.Title:
				if m.title == "" {
					m.title = strings.Join(strings.Fields(textContent(n)), " ")
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				if strings.EqualFold(attr(n, "property"), "og:url") && ogURL == "" {
					ogURL = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Time:
				if m.published == "" {
					m.published = attr(n, "datetime")
				}
			case atom.Script, atom.Style, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if m.canonical == "" {
		m.canonical = ogURL
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// skipped elements hold no article text.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Nav: true,
	atom.Head: true,
}

// blockElements start a new paragraph.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Tr: true,
	atom.Ul: true, atom.Summary: true, atom.Caption: true, atom.Body: true,
}

// nodeText renders the text of an HTML subtree as plain paragraphs separated by blank lines:
// block elements start paragraphs, <br> breaks a line, runs of white space collapse except in
// <pre>. Non-breaking spaces are kept: French typography needs them.
func nodeText(root *html.Node) string {
	if root == nil {
		return ""
	}
	var b, line strings.Builder
	pendingSpace, paraBreak := false, false
	flushLine := func() {
		s := strings.TrimSpace(line.String())
		line.Reset()
		pendingSpace = false
		if s == "" {
			return
		}
		if b.Len() > 0 {
			if paraBreak {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		paraBreak = false
		b.WriteString(s)
	}
	paragraph := func() {
		flushLine()
		paraBreak = true
	}
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				parts := strings.Split(n.Data, "\n")
				for i, p := range parts {
					if i > 0 {
						flushLine()
					}
					line.WriteString(p)
				}
				return
			}
			for _, r := range n.Data {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
					pendingSpace = line.Len() > 0
					continue
				}
				if pendingSpace {
					line.WriteByte(' ')
					pendingSpace = false
				}
				line.WriteRune(r)
			}
			return
		case html.ElementNode:
			if skippedElements[n.DataAtom] {
				return
			}
			switch n.DataAtom {
			case atom.Br:
				flushLine()
				return
			case atom.Td, atom.Th:
				pendingSpace = line.Len() > 0
			case atom.Img:
				return
			}
			block := blockElements[n.DataAtom]
			if block {
				paragraph()
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, pre || n.DataAtom == atom.Pre)
			}
			if block {
				paragraph()
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre)
		}
	}
	walk(root, false)
	flushLine()
	return b.String()
}
