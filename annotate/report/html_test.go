package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"factdesk/annotate"
)

// parseHTML parses a rendered report.
func parseHTML(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the report does not parse as HTML: %v", err)
	}
	return doc
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// byID indexes the elements that have an id.
func byID(doc *html.Node) map[string]*html.Node {
	ids := map[string]*html.Node{}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id, ok := attr(n, "id"); ok {
				ids[id] = n
			}
		}
	})
	return ids
}

// checkInert fails on anything in a parsed report that could run code or reach the network:
// script elements, event-handler attributes, links that are neither in-page nor http(s) or
// mailto, elements that load resources, and bidi controls in text or attributes.
func checkInert(t *testing.T, doc *html.Node) {
	t.Helper()
	ids := byID(doc)
	walk(doc, func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if strings.ContainsFunc(n.Data, isBidiControl) {
				t.Errorf("text %q contains a bidi control", n.Data)
			}
			if n.Parent != nil && n.Parent.DataAtom == atom.Style && (strings.Contains(n.Data, "url(") || strings.Contains(n.Data, "@import")) {
				t.Errorf("the style sheet loads a resource")
			}
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Img, atom.Link, atom.Form, atom.Base, atom.Video, atom.Audio, atom.Source:
				t.Errorf("the report contains a <%s> element", n.Data)
			}
			if n.Data == "script" || n.Data == "img" || n.Data == "svg" && n.Parent != nil && n.Parent.DataAtom != atom.Figure {
				t.Errorf("unexpected <%s> element under <%s>", n.Data, n.Parent.Data)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
				}
				if key == "src" || key == "srcset" || key == "formaction" || key == "xlink:href" {
					t.Errorf("<%s> loads %s=%q", n.Data, a.Key, a.Val)
				}
				if strings.ContainsFunc(a.Val, isBidiControl) {
					t.Errorf("<%s %s> contains a bidi control", n.Data, a.Key)
				}
				if key == "href" {
					switch {
					case strings.HasPrefix(a.Val, "#"):
						if ids[a.Val[1:]] == nil {
							t.Errorf("in-page link %q points at no element", a.Val)
						}
					case strings.HasPrefix(a.Val, "https://"), strings.HasPrefix(a.Val, "http://"), strings.HasPrefix(a.Val, "mailto:"):
					default:
						t.Errorf("link to %q: only in-page, http(s) and mailto links may appear", a.Val)
					}
				}
			}
		}
	})
}

func TestHTMLHasEveryClaimWithItsVerdict(t *testing.T) {
	m := fixtureModel(t)
	doc := parseHTML(t, render(t, HTML, m))
	checkInert(t, doc)
	ids := byID(doc)
	for _, c := range m.Claims {
		el := ids[ClaimAnchor(c.ID)]
		if el == nil {
			t.Errorf("claim %s is missing from the report", c.ID)
			continue
		}
		vclass := "v-" + string(c.Verdict)
		if c.Contested {
			vclass = "v-contested"
		}
		if !hasClass(el, vclass) {
			t.Errorf("claim %s: class %q does not mark verdict %s", c.ID, func() string { v, _ := attr(el, "class"); return v }(), c.Verdict)
		}
		// The verdict in words and symbol, not only by colour.
		var badge, mark string
		walk(el, func(n *html.Node) {
			if n.Type == html.ElementNode && hasClass(n, "verdict") && badge == "" {
				badge = textOf(n)
			}
			if n.DataAtom == atom.Mark {
				mark = textOf(n)
			}
		})
		want := c.Verdict.Symbol() + " " + c.Verdict.Label()
		if c.Contested {
			want = "⚖ Contested"
			for _, r := range c.Ratings { // and who said what
				if !strings.Contains(textOf(el), r.Reviewer+" "+r.Verdict.Symbol()+" "+string(r.Verdict)) {
					t.Errorf("claim %s: the rating of %s is missing", c.ID, r.Reviewer)
				}
			}
		}
		if badge != want {
			t.Errorf("claim %s: verdict badge %q, want %q", c.ID, badge, want)
		}
		if mark != oneLine(c.Exact) {
			t.Errorf("claim %s: highlighted quote %q, want %q", c.ID, mark, c.Exact)
		}
		if c.Note != "" && !strings.Contains(textOf(el), c.Note) {
			t.Errorf("claim %s: note missing", c.ID)
		}
	}
	// The summary, the chart and the contradictions section.
	if ids["summary"] == nil || ids["contradictions"] == nil {
		t.Fatal("summary or contradictions section missing")
	}
	var rects int
	walk(ids["summary"], func(n *html.Node) {
		if v, _ := attr(n, "class"); n.Type == html.ElementNode && n.Data == "rect" && v != "" {
			rects++
		}
	})
	if rects != 4+8 { // legend (with contested) + one segment per non-zero count
		t.Errorf("chart has %d rects, want 12", rects)
	}
	contra := textOf(ids["contradictions"])
	for _, want := range []string{"avaient confirmé leur participation", "n’ont pas confirmé leur participation",
		"it was not clear whether the two foreign chiefs", "Same claim, verdicts disagree", "Ceyhun Bayramov, était à Genève"} {
		if !strings.Contains(contra, want) {
			t.Errorf("contradictions section lacks %q", want)
		}
	}
	// Sources for and against, and cross-article links as in-page anchors.
	c4 := textOf(ids[ClaimAnchor(claimID(4))])
	if !strings.Contains(c4, "Sources against") || !strings.Contains(c4, "Displacement estimate") {
		t.Errorf("claim 4 lacks its source against: %q", c4)
	}
	var linked bool
	walk(ids[ClaimAnchor(claimID(1))], func(n *html.Node) {
		if v, _ := attr(n, "href"); v == "#"+ClaimAnchor(claimID(6)) {
			linked = true
		}
	})
	if !linked {
		t.Error("claim 1 does not link to its same claim in article 003")
	}
	out := string(render(t, HTML, m))
	for _, want := range []string{"@media print", "Content-Security-Policy", "Дмитрий Орлов", "2020-10-12 09:30 UTC"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestHTMLHostileInputIsInert(t *testing.T) {
	m := hostileModel(t)
	out := render(t, HTML, m)
	doc := parseHTML(t, out)
	checkInert(t, doc)
	ids := byID(doc)
	for _, c := range m.Claims {
		if ids[ClaimAnchor(c.ID)] == nil {
			t.Errorf("claim %q is missing", c.ID)
		}
	}
	s := string(out)
	// The hostile text is shown, as text.
	text := textOf(doc)
	for _, want := range []string{"<script>alert('note')</script>", `"><img src=x onerror=alert(2)>`, "⟨U+202E⟩ton si siht", "⟨U+2067⟩isolate⟨U+2069⟩",
		"javascript:alert('source') (not a web link)", "data:text/html;base64,", "Title ⟨U+202E⟩evil⟨U+202C⟩"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not show %q as text", want)
		}
	}
	for _, bad := range []string{"<script>alert", "<img src", "onerror=alert(1)>", `href="javascript`, `href="data:`, "\u202E", "<svg onload"} {
		if strings.Contains(s, bad) {
			t.Errorf("the report contains %q", bad)
		}
	}
	// An unsafe language tag is dropped, not injected.
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "lang"); ok && langTag(v) != v {
			t.Errorf("<%s lang=%q>: not a language tag", n.Data, v)
		}
	})
}

func TestSafeURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.org/a?b=1", "https://example.org/a?b=1"},
		{" http://example.org ", "http://example.org"},
		{"mailto:desk@example.org", "mailto:desk@example.org"},
		{"HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"},
		{"javascript:alert(1)", ""},
		{"JaVaScRiPt:alert(1)", ""},
		{"java\tscript:alert(1)", ""},
		{"data:text/html;base64,PHNjcmlwdD4=", ""},
		{"vbscript:msgbox(1)", ""},
		{"//example.org/x", ""},
		{"/relative", ""},
		{"https:///nohost", ""},
		{"https://exa mple.org", ""},
		{"https://example.org/\u202Eevil", ""},
		{"mailto:", ""},
		{"", ""},
	} {
		if got := SafeURL(tc.in); got != tc.want {
			t.Errorf("SafeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShowBidi(t *testing.T) {
	in := "a\u202Eb\u2066c\u2069d\u200Ee\u200Ff\u061Cg\u202Ah"
	want := "a⟨U+202E⟩b⟨U+2066⟩c⟨U+2069⟩d⟨U+200E⟩e⟨U+200F⟩f⟨U+061C⟩g⟨U+202A⟩h"
	if got := ShowBidi(in); got != want {
		t.Errorf("ShowBidi = %q, want %q", got, want)
	}
	if got := ShowBidi("Azerbaïdjan « ok » — Орлов"); got != "Azerbaïdjan « ok » — Орлов" {
		t.Errorf("ShowBidi changed ordinary text: %q", got)
	}
	if got := string(escapeBidiJSON([]byte(`{"a":"x` + "\u202E" + `y"}`))); got != `{"a":"x\u202ey"}` {
		t.Errorf("escapeBidiJSON = %s", got)
	}
	// Every control is escaped, nothing else (’ and « share lead bytes), and the JSON means
	// the same.
	var all strings.Builder
	all.WriteString("l’Arménie « ok » ⟨x⟩ ")
	for _, r := range []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069} {
		all.WriteRune(r)
		all.WriteString("·")
	}
	enc, _ := json.Marshal(all.String())
	esc := escapeBidiJSON(enc)
	var back string
	if bytes.ContainsFunc(esc, isBidiControl) || json.Unmarshal(esc, &back) != nil || back != all.String() || bytes.Count(esc, []byte(`\u`)) != 12 {
		t.Errorf("escapeBidiJSON(%s) = %s", enc, esc)
	}
}

func TestShortenAndFirstSentences(t *testing.T) {
	long := "« Le 9 octobre, les ministres des Affaires étrangères de l’Azerbaïdjan et de l’Arménie sont invités à Moscou »"
	got := Shorten(long, 75)
	if n := len([]rune(got)); n > 75 || !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("Shorten = %q (%d runes)", got, n)
	}
	if strings.HasSuffix(strings.TrimSuffix(got, "…"), " ") || strings.Contains(got, "Affaires étrangères de l’Azerbaïdjan et de l’Ar…") {
		t.Errorf("Shorten cut inside a word: %q", got)
	}
	if got := Shorten("short  text\n", 75); got != "short text" {
		t.Errorf("Shorten(short) = %q", got)
	}
	for _, tc := range []struct{ in, want string }{
		{"One. Two. Three.", "One. Two."},
		{"A first sentence that is long enough to stand on its own as an explanation of the verdict. Second.", "A first sentence that is long enough to stand on its own as an explanation of the verdict."},
		{"No full stop", "No full stop"},
		{"", ""},
		{"Version 1.2 is out! Really? Yes.", "Version 1.2 is out! Really?"},
	} {
		if got := FirstSentences(tc.in); got != tc.want {
			t.Errorf("FirstSentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHTMLCounts(t *testing.T) {
	m := fixtureModel(t)
	v := m.View()
	want := map[string]annotate.VerdictCounts{art000: {Confirmed: 3, Disputed: 1, Contested: 1}, art003: {Confirmed: 3, Disputed: 1}, art004: {Confirmed: 1, Disputed: 1, Unverified: 1}}
	for _, a := range v.Articles {
		if a.Counts != want[a.Article.ID] {
			t.Errorf("article %s counts %+v, want %+v", a.Article.ID, a.Counts, want[a.Article.ID])
		}
	}
}
