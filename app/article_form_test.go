package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"factdesk/annotate"
	"factdesk/corpus"
)

func TestArticleFieldChecks(t *testing.T) {
	for _, c := range []struct {
		f    articleFields
		want string // "" for fine, else words of the error
	}{
		{articleFields{Title: "T", URL: "https://example.org/a", Published: "2024-03-15", Language: "fr"}, ""},
		{articleFields{}, ""},
		{articleFields{URL: "example.org/a"}, "URL: give a web address"},
		{articleFields{URL: "javascript:alert(1)"}, "URL"},
		{articleFields{Published: "15/03/2024"}, "Published: give a date as YYYY-MM-DD"},
		{articleFields{Published: "2024-02-30"}, "Published"},
		{articleFields{Language: "French"}, ""}, // letters only, 6 long: a code as far as the form can tell
		{articleFields{Language: "f"}, "Language: give a language code"},
		{articleFields{Language: "fr_FR"}, "Language"},
	} {
		err := c.f.check()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: %v", c.f, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: error %v, want %q", c.f, err, c.want)
		}
	}
	was := articleFields{Title: "Old", Outlet: "Gazette", Language: "en"}
	got := articleFields{Title: " New ", Outlet: "Gazette", Language: "EN", Published: "2024-03-15"}.changed(was)
	if len(got) != 2 || got["title"] != "New" || got["published"] != "2024-03-15" {
		t.Errorf("changed = %v, want the title and the date", got)
	}
}

// The form shows the article's values, refuses a bad date as it is typed, and hands the
// fields over on Save.
func TestArticleForm(t *testing.T) {
	h := newHarness(t, nil)
	var saved []articleFields
	a := annotate.Article{ID: "a1", Article: corpus.Article{Title: "Talks", Language: "en"}}
	f := newArticleForm(h.mw, a, func(v articleFields) { saved = append(saved, v) })
	h.mw.showDialog(f.dialog)
	if f.title.Text != "Talks" || f.language.Text != "en" || f.published.Text != "" {
		t.Fatalf("form shows %+v", f.fields())
	}
	test.Type(f.published, "15/03/2024")
	if f.published.Validate() == nil {
		t.Error("a date not as YYYY-MM-DD is accepted")
	}
	f.published.SetText("2024-03-15")
	test.Type(f.outlet, "The Northern Ledger")
	if err := f.published.Validate(); err != nil {
		t.Errorf("a good date refused: %v", err)
	}
	f.dialog.Submit()
	if len(saved) != 1 || saved[0].Outlet != "The Northern Ledger" || saved[0].Published != "2024-03-15" {
		t.Errorf("saved %+v", saved)
	}
}
