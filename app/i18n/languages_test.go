package i18n

import (
	"reflect"
	"testing"
	"testing/fstest"
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
