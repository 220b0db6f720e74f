package report

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A language is a report language as soon as its catalog is there: German, Polish (CLDR's
// one, few and many) and Brazilian Portuguese, none of them shipped, need no code.
func TestACatalogAddedIsAReportLanguage(t *testing.T) {
	en, err := catalogFS.ReadFile("i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"i18n/en.json": {Data: en},
		"i18n/de.json": {Data: []byte(`{
 "language.name": "Deutsch",
 "format.date": "%[1]s. %[2]s %[3]s",
 "format.datetime": "%[1]s, %[3]s:%[4]s UTC",
 "format.first-day": "1",
 "month.october": "Oktober",
 "month.march": "März",
 "%d claim": {"one": "%d Behauptung", "other": "%d Behauptungen"},
 "Summary": "Zusammenfassung"
}`)},
		"i18n/pl.json": {Data: []byte(`{
 "language.name": "Polski",
 "%d claim": {"one": "%d twierdzenie", "few": "%d twierdzenia", "many": "%d twierdzeń", "other": "%d twierdzenia"}
}`)},
		"i18n/pt-br.json": {Data: []byte(`{"language.name": "Português (Brasil)"}`)},
	}
	cats, err := readCatalogs(fsys, "i18n")
	if err != nil {
		t.Fatal(err)
	}
	langs := langsOf(fsys, "i18n")
	if want := []Lang{"de", "en", "pl", "pt-br"}; !slices.Equal(langs, want) {
		t.Fatalf("languages %q, want %q", langs, want)
	}
	for in, want := range map[string]Lang{"de": "de", "de_AT.UTF-8": "de", "Deutsch": "de", "german": "de",
		"pl-PL": "pl", "polish": "pl", "pt_BR.UTF-8": "pt-br", "pt-BR": "pt-br", "EN": English} {
		if got, err := parseLang(in, langs, cats); err != nil || got != want {
			t.Errorf("parseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err = parseLang("fr", langs, cats)
	if err == nil || !strings.Contains(err.Error(), "use de (German), en (English), pl (Polish) or pt-br (Brazilian Portuguese)") {
		t.Errorf("parseLang(fr) without a French catalog: %v; want the error to list the catalogs", err)
	}

	de, pl := newLocale("de", cats), newLocale("pl", cats)
	d := time.Date(2020, 10, 9, 14, 5, 0, 0, time.UTC)
	for i, c := range [][2]string{
		{de.date(d), "9. Oktober 2020"},
		{de.date(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)), "1. März 2021"},
		{de.dateTime(d), "9. Oktober 2020, 14:05 UTC"},
		{de.dateText("2020-10-09"), "9. Oktober 2020"},
		{de.T("Summary"), "Zusammenfassung"},
		{de.T("Sources"), "Sources"}, // not translated yet: English
		{de.N("%d claim", 1), "1 Behauptung"},
		{de.N("%d claim", 0), "0 Behauptungen"},
		{de.num(140000), "140.000"},
		{pl.N("%d claim", 1), "1 twierdzenie"},
		{pl.N("%d claim", 3), "3 twierdzenia"},
		{pl.N("%d claim", 5), "5 twierdzeń"},
		{pl.N("%d claim", 22), "22 twierdzenia"},
		{pl.N("%d claim", 25), "25 twierdzeń"},
		{pl.date(d), "2020-10-09"}, // no date format of its own: English's
	} {
		if c[0] != c[1] {
			t.Errorf("case %d: got %q, want %q", i, c[0], c[1])
		}
	}
}

// Every shipped catalog names its language and says how it writes dates.
func TestEveryCatalogNamesItsLanguageAndItsDates(t *testing.T) {
	cats, err := catalogs()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs {
		for _, k := range append([]string{keyName, keyDate, keyDateTime, keyFirstDay}, monthKeys[:]...) {
			if cats[l][k].Text == "" {
				t.Errorf("%s.json has no %q", l, k)
			}
		}
	}
	if got := LangOptions("--lang "); got != "--lang en (English) or --lang fr (French)" {
		t.Errorf("LangOptions = %q", got)
	}
}

func TestACountWithoutItsOtherFormIsRefused(t *testing.T) {
	_, err := readCatalogs(fstest.MapFS{"i18n/xx.json": {Data: []byte(`{"%d claim": {"one": "%d x"}}`)}}, "i18n")
	if err == nil || !strings.Contains(err.Error(), `"other"`) {
		t.Errorf("a count without other: %v", err)
	}
	_, err = readCatalogs(fstest.MapFS{"i18n/xx.json": {Data: []byte(`{"%d claim": {"other": "%d x", "plenty": "%d y"}}`)}}, "i18n")
	if err == nil || !strings.Contains(err.Error(), `"plenty"`) {
		t.Errorf("a count with an unknown form: %v", err)
	}
}
