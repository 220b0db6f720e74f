package report

import (
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
)

// A claim on a PDF says its page in the Markdown report.
func TestClaimOnPagedArticleShowsPage(t *testing.T) {
	text := "Page one says 60 containers were damaged.\n\nPage two says about 30 were destroyed."
	art := annotate.Article{ID: "a1", Article: corpus.Article{Title: "Harbour report", Text: text, Format: "pdf", Pages: []int{0, 43}}, SHA256: corpus.HashText(text)}
	anchor, err := annotate.FindQuote(text, "about 30 were destroyed", 1)
	if err != nil {
		t.Fatal(err)
	}
	m := Model{Articles: []annotate.Article{art}, Claims: []annotate.Claim{{ID: "c1", ArticleID: "a1", Anchor: anchor, Verdict: annotate.Confirmed}}}
	md := string(render(t, Markdown, m))
	if !strings.Contains(md, "Page 2, characters 57–80.") {
		t.Errorf("markdown does not give the page:\n%s", md)
	}
	if v := m.View(); v.Articles[0].Claims[0].Page() != 2 {
		t.Errorf("Page() = %d", v.Articles[0].Claims[0].Page())
	}
}
