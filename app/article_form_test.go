package app

import (
	"context"
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

// An article's details are edited from its pane's header: the form saves the fields that
// changed, the pane's header and the corpus list show them, undo takes them back. Removing
// the article asks, saying how many claims go with it; undo brings it back with them.
func TestEditAndRemoveArticleFromItsPane(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	en, _ := h.importTestArticles()
	p := h.mw.openArticle(en)
	c := h.makeClaim(p, "300 to 400")

	h.mw.editArticle(p)
	f, ok := h.win.Canvas().Focused().(*escEntry)
	if !ok || f.Text != p.article.Title || !strings.Contains(h.overlayText(), "Article details") {
		t.Fatalf("no form focused on the title: %q", h.overlayText())
	}
	h.tapDialogButton("Cancel")
	h.mw.editArticle(p)
	h.typeInForm("Outlet", "The Northern Ledger")
	h.typeInForm("Published", "2024-03-15")
	h.tapDialogButton("Save")
	a, _ := h.db.Article(ctx, en)
	if a.Outlet != "The Northern Ledger" || a.Published != "2024-03-15" || a.Text == "" {
		t.Fatalf("stored: %+v", a.Article)
	}
	if !strings.Contains(p.meta.Text(), "The Northern Ledger") || !strings.Contains(p.meta.Text(), "2024-03-15") {
		t.Errorf("pane header %q", p.meta.Text())
	}
	if row, _ := h.mw.corpus.article(en); row.Outlet != "The Northern Ledger" || row.Counts.Total() != 1 {
		t.Errorf("corpus list entry %+v (counts %+v)", row.Article, row.Counts)
	}
	if h.mw.undoItem.Label != "Undo article details" {
		t.Errorf("undo item %q", h.mw.undoItem.Label)
	}
	h.mw.onUndo()
	if a, _ := h.db.Article(ctx, en); a.Outlet != "" || !strings.Contains(p.meta.Text(), "EN") || strings.Contains(p.meta.Text(), "Ledger") {
		t.Errorf("after undo: %q / %q", a.Outlet, p.meta.Text())
	}

	// Remove, with the count of claims in the question; undo restores article and claim.
	h.mw.removeArticle(p)
	if q := h.overlayText(); !strings.Contains(q, "1 claim goes with it") {
		t.Fatalf("question %q does not say how many claims go", q)
	}
	h.tapDialogButton("Yes")
	h.wait()
	if arts, _ := h.db.Articles(ctx); len(arts) != 1 || len(h.mw.corpus.articles) != 1 || h.mw.panes.find(en) != nil {
		t.Fatalf("after removal: %d stored, %d listed, pane open %v", len(arts), len(h.mw.corpus.articles), h.mw.panes.find(en) != nil)
	}
	h.mw.onUndo()
	h.wait()
	if _, err := h.db.Claim(ctx, c.ID); err != nil || len(h.mw.corpus.articles) != 2 || h.mw.panes.find(en) == nil {
		t.Errorf("after undo: claim %v, %d articles, pane open %v", err, len(h.mw.corpus.articles), h.mw.panes.find(en) != nil)
	}
}
