package report

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"factdesk/annotate"
)

// Lang is the language of a report's words: labels, headings, verdict names, chart labels,
// dates and numbers of the HTML, PDF and Markdown reports, and the rating's name in
// ClaimReview. The data exports (CSV, JSON, W3C) keep their machine vocabulary whatever it is.
// The zero value is English.
type Lang string

// The report languages, each with a catalog in i18n/<lang>.json (docs/translating.md).
const (
	English Lang = "en"
	French  Lang = "fr"
)

// Langs lists the report languages.
var Langs = []Lang{English, French}

// ParseLang reads a report language: a code (en, fr), a locale or language tag that starts
// with one (fr-FR, fr_CA.UTF-8), or its name in English or in the language itself.
func ParseLang(s string) (Lang, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "english", "anglais":
		return English, nil
	case "french", "français", "francais":
		return French, nil
	}
	code, _, _ := strings.Cut(strings.NewReplacer("_", "-", ".", "-", "@", "-").Replace(t), "-")
	for _, l := range Langs {
		if code == string(l) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown report language %q: use en (English) or fr (French)", s)
}

// LangOfLocale is the report language for a system locale or language tag ("fr_FR.UTF-8",
// "fr-CA", "en_US"): French when it starts with "fr", else English.
func LangOfLocale(locale string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(locale)), "fr") {
		return French
	}
	return English
}

// InterfaceLang is the language of the interface as the environment sets it, by the rule the
// GUI follows: FACTDESK_LANG when set, else the system's language, from the first of
// LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set; French when that starts with "fr",
// else English. getenv is os.Getenv, or a stand-in in tests.
func InterfaceLang(getenv func(string) string) Lang {
	for _, name := range []string{"FACTDESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return LangOfLocale(v)
		}
	}
	return English
}

// Tag is the language's BCP 47 tag: "en" or "fr" (the html lang attribute, inLanguage).
func (l Lang) Tag() string {
	if l == "" {
		return string(English)
	}
	return string(l)
}

// The catalogs: one flat JSON object per language, the English text as the key, a string or,
// for a count, {"one": …, "other": …}. Values are fmt formats; a language may reorder the
// arguments with explicit indexes (%[2]s).
//
//go:embed i18n/*.json
var catalogFS embed.FS

// catalogEntry is one catalog entry: a text, or the forms of a count.
type catalogEntry struct {
	Text       string
	One, Other string
}

// UnmarshalJSON reads a text or a {"one", "other"} object.
func (e *catalogEntry) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &e.Text)
	}
	var forms struct{ One, Other string }
	if err := json.Unmarshal(b, &forms); err != nil {
		return err
	}
	if forms.One == "" || forms.Other == "" {
		return fmt.Errorf("a count needs both its \"one\" and \"other\" forms")
	}
	e.One, e.Other = forms.One, forms.Other
	return nil
}

// plural reports whether the entry is the forms of a count.
func (e catalogEntry) plural() bool { return e.Other != "" }

// catalogs reads every embedded catalog once.
var catalogs = sync.OnceValues(func() (map[Lang]map[string]catalogEntry, error) {
	out := map[Lang]map[string]catalogEntry{}
	for _, l := range Langs {
		b, err := catalogFS.ReadFile(path.Join("i18n", string(l)+".json"))
		if err != nil {
			return nil, err
		}
		var c map[string]catalogEntry
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("report catalog %s.json: %w", l, err)
		}
		out[l] = c
	}
	return out, nil
})

// locale renders the words of one report in one language.
type locale struct {
	lang     Lang
	msgs     map[string]catalogEntry
	fallback map[string]catalogEntry // English
	printer  *message.Printer        // French: numbers grouped as French writes them; nil for English
}

// localeOf returns the locale of l ("" is English).
func localeOf(l Lang) *locale {
	if l == "" {
		l = English
	}
	cats, err := catalogs()
	if err != nil {
		panic("report: " + err.Error()) // the catalogs are embedded: TestCatalogs reads them
	}
	loc := &locale{lang: l, msgs: cats[l], fallback: cats[English]}
	if l != English {
		loc.printer = message.NewPrinter(language.Make(string(l)))
	}
	return loc
}

func (l *locale) sprintf(format string, args ...any) string {
	if len(args) == 0 && !strings.Contains(format, "%") {
		return format
	}
	if l.printer != nil {
		return l.printer.Sprintf(format, args...)
	}
	return fmt.Sprintf(format, args...)
}

// entry finds key in the language's catalog, else in English's, else the key itself.
func (l *locale) entry(key string) catalogEntry {
	if e, ok := l.msgs[key]; ok {
		return e
	}
	if e, ok := l.fallback[key]; ok {
		return e
	}
	return catalogEntry{Text: key}
}

// T translates key and formats it with args.
func (l *locale) T(key string, args ...any) string {
	e := l.entry(key)
	if e.plural() {
		return l.sprintf(e.Other, args...)
	}
	return l.sprintf(e.Text, args...)
}

// N translates the count key for n, formatted with n and then args.
func (l *locale) N(key string, n int, args ...any) string {
	e := l.entry(key)
	format := e.Text
	if e.plural() {
		format = e.Other
		if l.one(n) {
			format = e.One
		}
	}
	return l.sprintf(format, append([]any{n}, args...)...)
}

// one reports whether n takes the singular: 1 in English, 0 and 1 in French (CLDR).
func (l *locale) one(n int) bool {
	if l.lang == French {
		return n == 0 || n == 1
	}
	return n == 1
}

// num writes a number: 140000 in English (as the reports always did), 140 000 in French.
func (l *locale) num(n int) string {
	if l.printer != nil {
		return l.printer.Sprintf("%d", n)
	}
	return strconv.Itoa(n)
}

// frenchMonths are the months as French writes them in a date.
var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// day writes a date: 2020-10-09 in English, « 9 octobre 2020 » (« 1er octobre ») in French.
func (l *locale) day(t time.Time) string {
	if l.lang != French {
		return t.Format("2006-01-02")
	}
	d := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		d = "1er"
	}
	return d + "\u00a0" + frenchMonths[t.Month()-1] + "\u00a0" + strconv.Itoa(t.Year())
}

// date is t's date (UTC), or "" for the zero time.
func (l *locale) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.day(t.UTC())
}

// dateTime is t (UTC) with its time: "2020-10-12 09:30 UTC", « 12 octobre 2020 à 9 h 30 UTC »;
// "" for the zero time.
func (l *locale) dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	if l.lang != French {
		return t.Format("2006-01-02 15:04 UTC")
	}
	return l.day(t) + " à " + strconv.Itoa(t.Hour()) + "\u00a0h\u00a0" + t.Format("04") + " UTC"
}

// dateText writes a date kept as text (a publication or consultation date): a YYYY-MM-DD date
// in the language's way, anything else as it is.
func (l *locale) dateText(s string) string {
	if l.lang == English {
		return s
	}
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return l.day(t)
}

// verdict is a verdict's name, capitalised: "Confirmed", « Confirmée »; an empty or unknown
// verdict reads as Unverified.
func (l *locale) verdict(v annotate.Verdict) string {
	switch v {
	case annotate.Confirmed:
		return l.T("Confirmed")
	case annotate.Disputed:
		return l.T("Disputed")
	}
	return l.T("Unverified")
}

// verdictLower is a verdict's name inside a sentence: "confirmed", « confirmée ».
func (l *locale) verdictLower(v annotate.Verdict) string {
	switch v {
	case annotate.Confirmed:
		return l.T("confirmed")
	case annotate.Disputed:
		return l.T("disputed")
	}
	return l.T("unverified")
}

// verdictCount is a count of claims with a verdict, as a list of counts shows it:
// "Confirmed 7", « 7 confirmées ».
func (l *locale) verdictCount(v annotate.Verdict, n int) string {
	switch v {
	case annotate.Confirmed:
		return l.N("Confirmed %d", n)
	case annotate.Disputed:
		return l.N("Disputed %d", n)
	}
	return l.N("Unverified %d", n)
}

// sourceLabel names a source for people (SourceLink.Label in the language).
func (l *locale) sourceLabel(s SourceLink) string {
	if oneLine(s.Source.Title) == "" && oneLine(s.Source.Publisher) == "" && strings.TrimSpace(s.Source.URL) == "" {
		return l.T("source %s", s.Source.ID)
	}
	return s.Label()
}

// claimVerdict is a claim's verdict in words: "Contested" (« Avis divergents ») while its
// reviewers disagree, else its verdict's name.
func (l *locale) claimVerdict(c annotate.Claim) string {
	if c.Contested {
		return l.T("Contested")
	}
	return l.verdict(c.Verdict)
}

// relation is a relation's name: "Same claim", "Supports", "Contradicts".
func (l *locale) relation(r annotate.Relation) string {
	switch r {
	case annotate.SameClaim:
		return l.T("Same claim")
	case annotate.Supports:
		return l.T("Supports")
	case annotate.Contradicts:
		return l.T("Contradicts")
	}
	return r.Label()
}

// phrase says how a claim relates to the other one (ClaimLink.Phrase in the language).
func (l *locale) phrase(c ClaimLink) string {
	switch c.Relation {
	case annotate.SameClaim:
		return l.T("Same claim as")
	case annotate.Supports:
		if c.Outgoing {
			return l.T("Supports")
		}
		return l.T("Supported by")
	case annotate.Contradicts:
		if c.Outgoing {
			return l.T("Contradicts")
		}
		return l.T("Contradicted by")
	}
	return c.Relation.Label()
}

// contradiction says what a contradiction is (Contradiction.Phrase in the language).
func (l *locale) contradiction(c Contradiction) string {
	if c.Kind == VerdictsDisagree {
		return l.T("Same claim, verdicts disagree")
	}
	return l.T("Contradicts")
}

// quote puts text between the language's quotation marks: “text”, « text ».
func (l *locale) quote(s string) string { return l.T("“%s”", s) }

// ratings lists every reviewer's rating of the claim and who settled it (ClaimView.RatingsText
// in the language); "" when RatingsText is.
func (l *locale) ratings(c *ClaimView) string {
	if c.RatingsText() == "" {
		return ""
	}
	parts := make([]string, len(c.Claim.Ratings))
	for i, r := range c.Claim.Ratings {
		parts[i] = r.Reviewer + " " + r.Verdict.Symbol() + " " + l.verdictLower(r.Verdict)
	}
	s := strings.Join(parts, ", ")
	if st := c.Claim.Settled; st != nil && !c.Claim.Contested {
		s += l.T("; settled as %s by %s", l.verdictLower(st.Verdict), st.Reviewer)
	}
	return s
}

// outOfScopeWhere says where a claim out of the report's scope is, seen from the claim from
// (nil for none): "in «title», not in this report", or "in this article, not in this report".
func (l *locale) outOfScopeWhere(c, from *ClaimView) string {
	if from != nil && c.Article == from.Article {
		return l.T("in this article, not in this report")
	}
	return l.T("in «%s», not in this report", ShowBidi(oneLine(l.articleTitle(c.Article))))
}

// articleTitle is an article's title; for a placeholder (an article the export does not
// hold), what it is.
func (l *locale) articleTitle(a *ArticleView) string {
	if a.Placeholder {
		if a.OutOfScope {
			return l.T("Article %s", a.Article.ID)
		}
		return l.T("Article %s (not in this export)", a.Article.ID)
	}
	return a.Article.Title
}

// title is the report's title: the one set, else "Factdesk report" in the language.
func (l *locale) title(v *View) string {
	if t := strings.TrimSpace(v.Settings.Title); t != "" {
		return t
	}
	return l.T("Factdesk report")
}

// localize rewrites the words the view itself holds (its default title and the titles of
// placeholder articles) in the language, for the reports.
func (v *View) localize(l *locale) {
	v.Title = l.title(v)
	for _, a := range v.Articles {
		if a.Placeholder {
			a.Article.Title = l.articleTitle(a)
		}
	}
	// Placeholders out of scope are reached through links only.
	for _, c := range v.Claims {
		for _, k := range c.Links {
			if k.Other != nil && k.Other.Article.Placeholder {
				k.Other.Article.Article.Title = l.articleTitle(k.Other.Article)
			}
		}
	}
}
