package corpus

import (
	"errors"
	"strings"
	"testing"
)

// HTML nested deeper than the parser accepts is reported as such, not as "no article text".
func TestDeeplyNestedHTMLSaysSo(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 600) + "The minister spoke." + strings.Repeat("</div>", 600) + "</body></html>"
	_, err := Parse("deep.html", []byte(page))
	if !errors.Is(err, ErrTooDeep) || errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "deep.html") {
		t.Fatalf("err = %v", err)
	}
}

// The text of raw HTML blocks in Markdown is kept (as text, without the tags).
func TestMarkdownKeepsTheTextOfRawHTMLBlocks(t *testing.T) {
	src := "# Port report\n\nThe harbour opened on Monday.\n\n<div class=\"note\">\nThe minister said <b>120 ships</b> docked &amp; unloaded.\n</div>\n\n<script>alert(1)</script>\n\nThe end of the report.\n"
	a, err := Parse("report.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "The minister said 120 ships docked & unloaded.") {
		t.Errorf("the raw HTML block's text is missing: %q", a.Text)
	}
	if strings.Contains(a.Text, "<b>") || strings.Contains(a.Text, "alert") {
		t.Errorf("tags or script kept: %q", a.Text)
	}
}
