package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
)

// articleFields are the editable fields of an article's record, as typed in the form.
type articleFields struct {
	Title, Outlet, URL, Published, Language string
}

func fieldsOf(a annotate.Article) articleFields {
	return articleFields{Title: a.Title, Outlet: a.Outlet, URL: a.URL, Published: a.Published, Language: a.Language}
}

// The form's checks, one per field, each saying what to give instead. Storage checks the
// same again and has the last word.

func checkArticleURL(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if _, ok := httpURL(s); !ok {
		return errors.New(lang.L("a web address starting with http:// or https://, or nothing"))
	}
	return nil
}

func checkPublished(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return errors.New(lang.L("a date as YYYY-MM-DD, for example 2024-03-15, or nothing"))
	}
	return nil
}

func checkLanguage(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	if len(s) < 2 || len(s) > 8 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz-") != "" {
		return errors.New(lang.L("a language code such as en, fr or pt-br, or nothing"))
	}
	return nil
}

// check reports the first field that is not right, in words, or nil.
func (f articleFields) check() error {
	for _, c := range []struct {
		name string
		err  error
	}{{"URL", checkArticleURL(f.URL)}, {lang.L("Published"), checkPublished(f.Published)}, {lang.L("Language"), checkLanguage(f.Language)}} {
		if c.err != nil {
			return errors.New(lang.L("{{.Field}}: give {{.Problem}}", fields{"Field": c.name, "Problem": c.err.Error()}))
		}
	}
	return nil
}

// changed lists, in order, the fields of f that differ from was (spaces trimmed, the language
// in lower case): the edit to make.
func (f articleFields) changed(was articleFields) map[string]string {
	norm := func(s string) string { return strings.TrimSpace(s) }
	out := map[string]string{}
	add := func(name, now, before string) {
		if norm(now) != norm(before) {
			out[name] = norm(now)
		}
	}
	add("title", f.Title, was.Title)
	add("outlet", f.Outlet, was.Outlet)
	add("url", f.URL, was.URL)
	add("published", f.Published, was.Published)
	add("language", strings.ToLower(f.Language), strings.ToLower(was.Language))
	return out
}

// articleForm is the lang.L("Article details") dialog: title, outlet, URL, published date and
// language of one article, checked as they are typed; Save is enabled when all are right.
type articleForm struct {
	title, outlet, url, published, language *escEntry
	dialog                                  *dialog.FormDialog
}

// newArticleForm makes the form for article a; onSave gets the fields when Save is pressed.
func newArticleForm(mw *mainWindow, a annotate.Article, onSave func(articleFields)) *articleForm {
	f := &articleForm{}
	entry := func(text, hint string, check func(string) error) *escEntry {
		e := newEscEntry(mw, false)
		e.SetText(text)
		e.SetPlaceHolder(hint)
		e.Validator = check
		return e
	}
	f.title = entry(a.Title, lang.L("Title of the article"), nil)
	f.outlet = entry(a.Outlet, lang.L("Newspaper, agency or site"), nil)
	f.url = entry(a.URL, "https://…", checkArticleURL)
	f.published = entry(a.Published, lang.L("YYYY-MM-DD"), checkPublished)
	f.language = entry(a.Language, "en, fr, de…", checkLanguage)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Title"), f.title),
		widget.NewFormItem(lang.L("Outlet"), f.outlet),
		widget.NewFormItem("URL", f.url),
		widget.NewFormItem(lang.L("Published"), f.published),
		widget.NewFormItem(lang.L("Language"), f.language),
	}
	items[3].HintText = lang.L("the date it was published, as YYYY-MM-DD")
	items[4].HintText = lang.L("the language code of its text")
	f.dialog = dialog.NewForm(lang.L("Article details"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			onSave(f.fields())
		}
	}, mw.win)
	f.dialog.Resize(fyne.NewSize(620, f.dialog.MinSize().Height))
	return f
}

func (f *articleForm) fields() articleFields {
	return articleFields{Title: f.title.Text, Outlet: f.outlet.Text, URL: f.url.Text, Published: f.published.Text, Language: f.language.Text}
}
