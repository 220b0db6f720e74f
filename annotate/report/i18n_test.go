package report

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
)

// sourcesOfReports is the text of the package's code and template, where catalog keys are used.
func sourcesOfReports(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "report.html.tmpl")
	var all strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteByte('\n')
	}
	return all.String()
}

// keyCall finds the catalog keys the code and the template translate: T("…"), N("…"),
// {{T "…"}}, (N "…"), {{H "…"}}.
var keyCall = regexp.MustCompile(`(?:\b(?:T|N)\(\s*|[{(]\s*(?:T|N|H) )("(?:[^"\\]|\\.)*")`)

// formatVerb finds the fmt verbs of a format, with their explicit argument index if any.
var formatVerb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// verbs lists the arguments a format uses as "index:verb", sorted: "%s %d" and "%[2]d %[1]s"
// are both [1:s 2:d].
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range formatVerb.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		out = append(out, strconv.Itoa(next)+":"+m[2])
		next++
	}
	slices.Sort(out)
	return out
}

// Every language's catalog has exactly the English keys, each of the same kind (a text or
// the forms of a count) and with the same arguments; every key is used by the reports, and
// every key the reports use is in the catalogs.
func TestCatalogs(t *testing.T) {
	cats, err := catalogs()
	if err != nil {
		t.Fatal(err)
	}
	en := cats[English]
	if len(en) == 0 {
		t.Fatal("the English catalog is empty")
	}
	for _, l := range Langs {
		c := cats[l]
		for key, want := range en {
			got, ok := c[key]
			if !ok {
				t.Errorf("%s.json lacks %q", l, key)
				continue
			}
			if got.plural() != want.plural() {
				t.Errorf("%s.json: %q is a count in one catalog and a text in the other", l, key)
				continue
			}
			if isMetaKey(key) {
				continue // a date format uses the arguments its language needs
			}
			forms := []string{got.Text}
			if got.plural() {
				forms = []string{got.One, got.Other}
			}
			for _, f := range forms {
				if v, w := verbs(f), verbs(cmpText(want)); !slices.Equal(v, w) {
					t.Errorf("%s.json: %q has the arguments %v, English %v", l, f, v, w)
				}
			}
		}
		for key := range c {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which the English catalog lacks", l, key)
			}
		}
	}
	// The keys are the English texts: the English catalog translates each to itself (a count,
	// its "other" form from its "one").
	for key, e := range en {
		if !isMetaKey(key) && (!e.plural() && e.Text != key || e.plural() && e.One != key) {
			t.Errorf("en.json: %q is not its own English text", key)
		}
	}

	src := sourcesOfReports(t)
	used := map[string]bool{}
	for _, m := range keyCall.FindAllStringSubmatch(src, -1) {
		key, err := strconv.Unquote(m[1])
		if err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		used[key] = true
		if _, ok := en[key]; !ok {
			t.Errorf("the reports translate %q, which is in no catalog", key)
		}
	}
	for key := range en {
		if !used[key] && !strings.Contains(src, strconv.Quote(key)) {
			t.Errorf("catalog key %q is used nowhere in the reports", key)
		}
	}
}

func cmpText(e catalogEntry) string {
	if e.plural() {
		return e.Other
	}
	return e.Text
}

// The verb check sees reordered arguments as the same and missing or changed ones as not.
func TestVerbs(t *testing.T) {
	if !slices.Equal(verbs("%s by %d"), verbs("%[2]d par %[1]s")) {
		t.Error("reordered arguments should match")
	}
	if slices.Equal(verbs("%s by %d"), verbs("%s par %s")) {
		t.Error("a changed verb should not match")
	}
	if slices.Equal(verbs("%d–%d"), verbs("%d")) {
		t.Error("a missing argument should not match")
	}
	if len(verbs("100%% sure")) != 0 {
		t.Error("%% is no argument")
	}
}

// French is written as a French newsroom writes it: typographic apostrophes, « » with
// no-break spaces inside, a no-break space before : ; ! ?.
func TestFrenchTypography(t *testing.T) {
	cats, err := catalogs()
	if err != nil {
		t.Fatal(err)
	}
	for key, e := range cats[French] {
		for _, s := range []string{e.Text, e.One, e.Other} {
			if strings.Contains(s, "'") {
				t.Errorf("%q: straight apostrophe in %q (write ’)", key, s)
			}
			if strings.ContainsAny(s, "“”") {
				t.Errorf("%q: English quotes in %q (write « »)", key, s)
			}
			if strings.Contains(s, "«") && !strings.Contains(s, "«\u00a0") || strings.Contains(s, "»") && !strings.Contains(s, "\u00a0»") {
				t.Errorf("%q: « » without no-break spaces inside in %q", key, s)
			}
			for i, r := range s {
				if !strings.ContainsRune(":;!?", r) {
					continue
				}
				before := s[:i]
				// "? " after a comma or a parenthesis is the unverified verdict's symbol.
				symbol := r == '?' && strings.HasPrefix(s[i:], "? ") && (strings.HasSuffix(before, ", ") || strings.HasSuffix(before, "("))
				if !symbol && !strings.HasSuffix(before, "\u00a0") {
					t.Errorf("%q: no no-break space before %q in %q", key, r, s)
				}
			}
		}
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"fr": French, "FR": French, "fr-FR": French, "fr_CA.UTF-8": French, "french": French,
		"français": French, "en": English, "en_GB": English, " English ": English} {
		if got, err := ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "de", "frr", "xx-FR"} {
		if got, err := ParseLang(bad); err == nil {
			t.Errorf("ParseLang(%q) = %q, want an error", bad, got)
		} else if !strings.Contains(err.Error(), "use en (English) or fr (French)") {
			t.Errorf("ParseLang(%q): error %q does not say what to use", bad, err)
		}
	}
}

// The interface language: FACTDESK_LANG first, then the system's (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG, the first set); French when it starts with "fr".
func TestInterfaceLang(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, French},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8"}, French},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, English},
		{map[string]string{"LANGUAGE": "fr:en", "LC_ALL": "en_US.UTF-8"}, French},
		{map[string]string{"FACTDESK_LANG": "en", "LANG": "fr_FR.UTF-8"}, English},
		{map[string]string{"FACTDESK_LANG": "fr", "LANG": "en_US.UTF-8"}, French},
		{map[string]string{"LANG": "de_DE.UTF-8"}, English},
	}
	for _, c := range cases {
		if got := InterfaceLang(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("InterfaceLang(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

// Dates and numbers as each language writes them.
func TestLocaleDatesAndNumbers(t *testing.T) {
	fr, en := localeOf(French), localeOf(English)
	d := time.Date(2020, 10, 9, 14, 5, 0, 0, time.UTC)
	for i, c := range [][2]string{
		{fr.date(d), "9\u00a0octobre\u00a02020"},
		{fr.date(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)), "1er\u00a0mars\u00a02021"},
		{fr.dateTime(d), "9\u00a0octobre\u00a02020 à 14\u00a0h\u00a005 UTC"},
		{fr.dateText("2020-10-09"), "9\u00a0octobre\u00a02020"},
		{fr.dateText("autumn 2020"), "autumn 2020"},
		{fr.num(140000), "140\u00a0000"},
		{fr.N("%d claim", 0), "0 affirmation"},
		{fr.N("%d claim", 1), "1 affirmation"},
		{fr.N("%d claim", 2), "2 affirmations"},
		{fr.N("%d claim", 140000), "140\u00a0000 affirmations"},
		{fr.verdict(annotate.Disputed), "Contestée"},
		{fr.claimVerdict(annotate.Claim{Contested: true}), "Avis divergents"},
		{fr.quote("Velka"), "«\u00a0Velka\u00a0»"},
		{en.date(d), "2020-10-09"},
		{en.dateTime(d), "2020-10-09 14:05 UTC"},
		{en.dateText("2020-10-09"), "2020-10-09"},
		{en.num(140000), "140000"},
		{en.N("%d claim", 0), "0 claims"},
		{en.N("%d claim", 1), "1 claim"},
		{en.verdict(""), "Unverified"},
		{localeOf("").T("Summary"), "Summary"},
	} {
		if c[0] != c[1] {
			t.Errorf("case %d: got %q, want %q", i, c[0], c[1])
		}
	}
}
