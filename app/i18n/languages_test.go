package i18n

import (
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// A language is offered as soon as its catalog is there: no code names it.
func TestACatalogAddedIsALanguageOffered(t *testing.T) {
	fsys := fstest.MapFS{
		"translations/en.json":    {Data: []byte(`{"language.name": "English", "Delete claim": "Delete claim"}`)},
		"translations/fr.json":    {Data: []byte(`{"language.name": "Français", "Delete claim": "Supprimer l’affirmation"}`)},
		"translations/de.json":    {Data: []byte(`{"language.name": "Deutsch", "Delete claim": "Behauptung löschen"}`)},
		"translations/pt-br.json": {Data: []byte(`{"language.name": "Português (Brasil)"}`)},
	}
	set, err := languagesOf(fsys, "translations")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := set.choices(), []Choice{System, "de", English, French, "pt-br"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("choices = %q, want %q", got, want)
	}
	for c, want := range map[Choice]string{"de": "Deutsch", English: "English", French: "Français", "pt-br": "Português (Brasil)"} {
		if got := set.label(c); got != want {
			t.Errorf("label(%q) = %q, want %q", c, got, want)
		}
	}
	for in, want := range map[string]Choice{"de": "de", "de_DE.UTF-8": "de", "DE-at": "de", "pt-BR": "pt-br", "pt_BR.UTF-8": "pt-br", "fr": French, "": System} {
		if got, ok := set.parse(in); !ok || got != want {
			t.Errorf("parse(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"pl", "pt", "klingon!"} {
		if got, ok := set.parse(in); ok {
			t.Errorf("parse(%q) = %q: no catalog for it, want refused", in, got)
		}
	}
}

func TestACatalogWithoutItsNameIsNamedByItsCodeAndABrokenOneIsReported(t *testing.T) {
	set, err := languagesOf(fstest.MapFS{
		"translations/de.json": {Data: []byte(`{"Delete claim": "Behauptung löschen"}`)},
		"translations/xx.json": {Data: []byte(`{"oops"`)},
	}, "translations")
	if err == nil {
		t.Fatal("a catalog that is not JSON: no error")
	}
	if got := set.label("de"); got != "de" {
		t.Errorf("label(de) = %q, want the code", got)
	}
	if _, ok := set.parse("xx"); ok {
		t.Error("the broken catalog's language is offered")
	}
}

func TestTheShippedLanguagesAreNamedInTheirOwnWords(t *testing.T) {
	if got, want := Choices(), []Choice{System, English, French}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Choices = %q, want %q", got, want)
	}
	Use(French)
	defer Use(English)
	if got := English.Label(); got != "English" {
		t.Errorf("English's label with the French interface = %q", got)
	}
	if got := French.Label(); got != "Français" {
		t.Errorf("French's label = %q", got)
	}
	if got := System.Label(); got != "Comme le système" {
		t.Errorf("System's label is not in the interface language: %q", got)
	}
}

// A catalog registered with Fyne's lang writes dates in its own order and months, and its
// counts take the forms CLDR gives its language, with no code naming it.
func TestAnAddedCatalogWritesDatesAndCountsItsWay(t *testing.T) {
	defer Use(English)
	t.Setenv(EnvVar, "")
	de := `{"language.name": "Deutsch", "meta.language": "de", "format.date": "{{.Day}}. {{.Month}} {{.Year}}",
		"format.first-day": "1", "month.october": "Oktober", "{{.Count}} claim": {"one": "{{.Count}} Behauptung", "other": "{{.Count}} Behauptungen"}}`
	pl := `{"language.name": "Polski", "meta.language": "pl",
		"{{.Count}} claim": {"one": "{{.Count}} twierdzenie", "few": "{{.Count}} twierdzenia", "many": "{{.Count}} twierdzeń", "other": "{{.Count}} twierdzenia"}}`
	if err := lang.AddTranslationsForLocale([]byte(de), fyne.Locale("de")); err != nil {
		t.Fatal(err)
	}
	if err := lang.AddTranslationsForLocale([]byte(pl), fyne.Locale("pl")); err != nil {
		t.Fatal(err)
	}
	Use("de")
	if got := Date(time.Date(2020, 10, 9, 0, 0, 0, 0, time.UTC)); got != "9. Oktober 2020" {
		t.Errorf("German date = %q", got)
	}
	if got := Count("{{.Count}} claim", 0); got != "0 Behauptungen" {
		t.Errorf("German count of 0 = %q", got)
	}
	Use("pl")
	for n, want := range map[int]string{1: "1 twierdzenie", 3: "3 twierdzenia", 5: "5 twierdzeń", 22: "22 twierdzenia", 25: "25 twierdzeń"} {
		if got := Count("{{.Count}} claim", n); got != want {
			t.Errorf("Polish count of %d = %q, want %q", n, got, want)
		}
	}
}
