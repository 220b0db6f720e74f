package report

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/unicode/norm"

	"factdesk/annotate"
)

// Lang is the language of a report's words: labels, headings, verdict names, chart labels,
// dates and numbers of the HTML, PDF and Markdown reports, and the rating's name in
// ClaimReview. The data exports (CSV, JSON, W3C) keep their machine vocabulary whatever it is.
// The zero value is English.
type Lang string

// The report languages Factdesk has always shipped. Any other language is a report language
// as soon as its catalog i18n/<code>.json is embedded (docs/translating-reports.md).
const (
	English Lang = "en"
	French  Lang = "fr"
)

// Langs lists the report languages: the codes of the embedded catalogs, sorted.
var Langs = langsOf(catalogFS, "i18n")

// The keys of a catalog that are not English texts but say how the language writes itself:
// its name in its own words, its date formats and its month names.
const (
	// keyName is the language's name in its own words ("Français").
	keyName = "language.name"
	// keyDate formats a day; its arguments are 1 the day of the month (keyFirstDay on the
	// first), 2 the month's name, 3 the year, 4 the month as two digits, 5 the day as two
	// digits: "%[3]s-%[4]s-%[5]s" writes 2020-10-09.
	keyDate = "format.date"
	// keyDateTime formats a minute (UTC); its arguments are 1 the day as keyDate writes it,
	// 2 the hour, 3 the hour as two digits, 4 the minutes as two digits.
	keyDateTime = "format.datetime"
	// keyFirstDay is the first day of a month as dates write it: "1", "1er".
	keyFirstDay = "format.first-day"
)

// monthKeys are the keys of the months' names, January first.
var monthKeys = [...]string{"month.january", "month.february", "month.march", "month.april", "month.may", "month.june",
	"month.july", "month.august", "month.september", "month.october", "month.november", "month.december"}

// isMetaKey reports whether key says how the language writes itself rather than being an
// English text.
func isMetaKey(key string) bool {
	return key == keyName || strings.HasPrefix(key, "format.") || strings.HasPrefix(key, "month.")
}

// langsOf lists the languages of the catalogs <code>.json in dir of fsys, sorted.
func langsOf(fsys fs.FS, dir string) []Lang {
	files, _ := fs.Glob(fsys, path.Join(dir, "*.json")) // the pattern is well formed
	langs := make([]Lang, 0, len(files))
	for _, f := range files {
		langs = append(langs, Lang(strings.TrimSuffix(path.Base(f), ".json")))
	}
	slices.Sort(langs)
	return langs
}

// ParseLang reads a report language: a code (en, fr), a locale or language tag that starts
// with one (fr-FR, fr_CA.UTF-8), or its name in English, in its own words or in another
// report language (French, français, anglais). Any language with a catalog is one.
func ParseLang(s string) (Lang, error) {
	cats, err := catalogs()
	if err != nil {
		return "", err
	}
	return parseLang(s, Langs, cats)
}

// parseLang is ParseLang among langs, whose catalogs are cats.
func parseLang(s string, langs []Lang, cats map[Lang]map[string]catalogEntry) (Lang, error) {
	if l, ok := langOfCode(s, langs); ok {
		return l, nil
	}
	name := foldName(s)
	if name != "" {
		for _, l := range langs {
			if n := cats[l][keyName].Text; n != "" && foldName(n) == name {
				return l, nil
			}
			tag := language.Make(string(l))
			if foldName(display.English.Languages().Name(tag)) == name {
				return l, nil
			}
			for _, in := range langs {
				if foldName(display.Languages(language.Make(string(in))).Name(tag)) == name {
					return l, nil
				}
			}
		}
	}
	return "", fmt.Errorf("unknown report language %q: use %s", s, langOptions("", langs))
}

// langOfCode finds the language of a code, locale or tag ("fr", "fr_CA.UTF-8", "pt-BR")
// among langs: the whole tag's catalog if there is one (pt-br.json), else its language's.
func langOfCode(s string, langs []Lang) (Lang, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.NewReplacer("_", "-", "@", ".").Replace(t)
	t, _, _ = strings.Cut(t, ".")
	if t == "" {
		return "", false
	}
	if slices.Contains(langs, Lang(t)) {
		return Lang(t), true
	}
	code, _, _ := strings.Cut(t, "-")
	if slices.Contains(langs, Lang(code)) {
		return Lang(code), true
	}
	return "", false
}

// foldName is a language's name compared: lower case, without accents or surrounding spaces.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LangOptions lists the report languages for a message saying what to use, each code after
// prefix with the language's English name: LangOptions("--lang ") is
// "--lang en (English) or --lang fr (French)".
func LangOptions(prefix string) string { return langOptions(prefix, Langs) }

func langOptions(prefix string, langs []Lang) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = prefix + string(l) + " (" + display.English.Languages().Name(language.Make(string(l))) + ")"
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// LangOfLocale is the report language for a system locale or language tag ("fr_FR.UTF-8",
// "fr-CA", "en_US"): the language it names when there is a catalog for it, else English.
func LangOfLocale(locale string) Lang {
	first, _, _ := strings.Cut(locale, ":") // LANGUAGE lists languages: fr:en
	if l, ok := langOfCode(first, Langs); ok {
		return l
	}
	return English
}

// InterfaceLang is the language of the interface as the environment sets it, by the rule the
// GUI follows: FACTDESK_LANG when set, else the system's language, from the first of
// LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set; that language when it has a catalog,
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

// catalogEntry is one catalog entry: a text, or the forms of a count, by CLDR plural
// category ("zero", "one", "two", "few", "many", "other"; "other" required).
type catalogEntry struct {
	Text  string
	Forms map[string]string
	// One and Other are Forms' "one" (or "other" when it has none) and "other".
	One, Other string
}

// UnmarshalJSON reads a text or an object of plural forms.
func (e *catalogEntry) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &e.Text)
	}
	var forms map[string]string
	if err := json.Unmarshal(b, &forms); err != nil {
		return err
	}
	for k := range forms {
		if _, ok := pluralForms[k]; !ok {
			return fmt.Errorf("a count has forms zero, one, two, few, many and other, not %q", k)
		}
	}
	if forms["other"] == "" {
		return fmt.Errorf("a count needs its \"other\" form")
	}
	e.Forms, e.Other, e.One = forms, forms["other"], forms["one"]
	if e.One == "" {
		e.One = e.Other
	}
	return nil
}

// pluralForms names the CLDR plural categories as the catalogs write them.
var pluralForms = map[string]plural.Form{"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other}

// plural reports whether the entry is the forms of a count.
func (e catalogEntry) plural() bool { return e.Other != "" }

// form is the entry's form for the plural category f, or its "other" form.
func (e catalogEntry) form(f plural.Form) string {
	for k, v := range pluralForms {
		if v == f && e.Forms[k] != "" {
			return e.Forms[k]
		}
	}
	return e.Other
}

// catalogs reads every embedded catalog once.
var catalogs = sync.OnceValues(func() (map[Lang]map[string]catalogEntry, error) {
	return readCatalogs(catalogFS, "i18n")
})

// readCatalogs reads the catalogs <code>.json in dir of fsys.
func readCatalogs(fsys fs.FS, dir string) (map[Lang]map[string]catalogEntry, error) {
	out := map[Lang]map[string]catalogEntry{}
	for _, l := range langsOf(fsys, dir) {
		b, err := fs.ReadFile(fsys, path.Join(dir, string(l)+".json"))
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
}

// locale renders the words of one report in one language.
type locale struct {
	lang     Lang
	tag      language.Tag // for the plural rule
	msgs     map[string]catalogEntry
	fallback map[string]catalogEntry // English
	printer  *message.Printer        // numbers grouped as the language writes them; nil for English
}

// localeOf returns the locale of l ("" is English).
func localeOf(l Lang) *locale {
	cats, err := catalogs()
	if err != nil {
		panic("report: " + err.Error()) // the catalogs are embedded: TestCatalogs reads them
	}
	return newLocale(l, cats)
}

// newLocale is the locale of l among the catalogs cats ("" is English).
func newLocale(l Lang, cats map[Lang]map[string]catalogEntry) *locale {
	if l == "" {
		l = English
	}
	tag := language.Make(string(l))
	loc := &locale{lang: l, tag: tag, msgs: cats[l], fallback: cats[English]}
	if l != English {
		loc.printer = message.NewPrinter(tag)
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
		format = e.form(l.pluralForm(n))
	}
	return l.sprintf(format, append([]any{n}, args...)...)
}

// pluralForm is the CLDR plural category of the whole number n in the language: one for 1 in
// English, for 0 and 1 in French; few for 2 to 4 in Polish…
func (l *locale) pluralForm(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0)
}

// num writes a number: 140000 in English (as the reports always did), 140 000 in French.
func (l *locale) num(n int) string {
	if l.printer != nil {
		return l.printer.Sprintf("%d", n)
	}
	return strconv.Itoa(n)
}

// meta is the catalog's text for a key saying how the language writes itself (keyDate…),
// else English's.
func (l *locale) meta(key string) string {
	if e, ok := l.msgs[key]; ok && e.Text != "" {
		return e.Text
	}
	return l.fallback[key].Text
}

// day writes a date as the catalog's format.date does: 2020-10-09 in English,
// « 9 octobre 2020 » (« 1er octobre ») in French.
func (l *locale) day(t time.Time) string {
	d := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		d = l.meta(keyFirstDay)
	}
	return fmt.Sprintf(l.meta(keyDate), d, l.meta(monthKeys[t.Month()-1]), strconv.Itoa(t.Year()), t.Format("01"), t.Format("02"))
}

// date is t's date (UTC), or "" for the zero time.
func (l *locale) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.day(t.UTC())
}

// dateTime is t (UTC) with its time, as the catalog's format.datetime writes it:
// "2020-10-12 09:30 UTC", « 12 octobre 2020 à 9 h 30 UTC »; "" for the zero time.
func (l *locale) dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return fmt.Sprintf(l.meta(keyDateTime), l.day(t), strconv.Itoa(t.Hour()), t.Format("15"), t.Format("04"))
}

// dateText writes a date kept as text (a publication or consultation date): a YYYY-MM-DD date
// in the language's way, anything else (or a date the language writes so) as it is.
func (l *locale) dateText(s string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	if d := l.day(t); d != strings.TrimSpace(s) {
		return d
	}
	return s
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
