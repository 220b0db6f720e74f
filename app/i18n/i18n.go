// Package i18n holds Factdesk's interface catalogs (translations/<code>.json, one per language,
// keyed by the English text, read by fyne.io/fyne/v2/lang) and chooses the interface language:
// the system's by default, the one chosen in Preferences, or FACTDESK_LANG over both. The
// languages offered are the catalogs embedded: adding a language is adding a catalog. Its
// formatting helpers write dates, times and numbers the way the chosen language does.
package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
)

//go:embed translations/*.json
var translations embed.FS

// EnvVar names the environment variable that forces the interface language (fr, en, or any
// code with a catalog),
// over the system's and over the one chosen in Preferences.
const EnvVar = "FACTDESK_LANG"

// Choice is an interface language a person can choose: System (follow the desktop), or one
// of the languages Factdesk has a catalog for.
type Choice string

// The languages Factdesk ships a catalog for, and System. Others are offered as soon as their
// catalog is added to translations (docs/translating.md).
const (
	System  Choice = ""
	English Choice = "en"
	French  Choice = "fr"
)

// NameKey is the key under which each catalog names its language in its own words
// ("Français" in fr.json); the language list reads it from that catalog, not the current one.
const NameKey = "language.name"

// languageSet is the languages of a set of catalogs: one file <code>.json per language.
type languageSet struct {
	codes []string          // sorted
	names map[string]string // code -> the language's name in its own words
}

// shipped are the languages of the embedded catalogs.
var shipped = mustLanguages(translations, "translations")

// mustLanguages reads the languages of the catalogs in dir of fsys; a catalog it cannot read
// is logged and left out (the embedded ones are checked by the tests).
func mustLanguages(fsys fs.FS, dir string) languageSet {
	set, err := languagesOf(fsys, dir)
	if err != nil {
		fyne.LogError("reading the interface catalogs", err)
	}
	return set
}

// languagesOf reads the languages of the catalogs <code>.json in dir of fsys, each named by
// its NameKey entry (the code itself when it has none).
func languagesOf(fsys fs.FS, dir string) (languageSet, error) {
	set := languageSet{names: map[string]string{}}
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return set, err
	}
	var errs []error
	for _, f := range files {
		code := strings.TrimSuffix(path.Base(f), ".json")
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var c map[string]any
		if err := json.Unmarshal(data, &c); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f, err))
			continue
		}
		name, _ := c[NameKey].(string)
		if strings.TrimSpace(name) == "" {
			name = code
		}
		set.codes = append(set.codes, code)
		set.names[code] = name
	}
	sort.Strings(set.codes)
	return set, errors.Join(errs...)
}

// choices is System, then each language in the order of its code.
func (s languageSet) choices() []Choice {
	out := []Choice{System}
	for _, c := range s.codes {
		out = append(out, Choice(c))
	}
	return out
}

// label is c's name in its own words; System's in the current language.
func (s languageSet) label(c Choice) string {
	if c == System {
		return lang.L("Same as the system")
	}
	if name, ok := s.names[string(c)]; ok {
		return name
	}
	return string(c)
}

// parse reads a choice: "", "system", or a code, locale or tag whose language has a catalog
// ("fr", "FR", "fr_FR.UTF-8", "pt-BR" for a pt-br.json or, failing that, pt.json).
func (s languageSet) parse(v string) (Choice, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" || v == "system" {
		return System, true
	}
	v = strings.ReplaceAll(strings.SplitN(strings.SplitN(v, ".", 2)[0], "@", 2)[0], "_", "-")
	tag, err := language.Parse(v)
	if err != nil {
		return System, false
	}
	if _, ok := s.names[v]; ok {
		return Choice(v), true
	}
	base, _ := tag.Base()
	if _, ok := s.names[base.String()]; ok {
		return Choice(base.String()), true
	}
	return System, false
}

// Choices lists the choices in the order Preferences shows them: System, then each language
// Factdesk has a catalog for (translations/<code>.json), by code.
func Choices() []Choice { return shipped.choices() }

// Label is c as the language list words it: each language in its own name (its catalog's
// "language.name"), so a person who cannot read the current one still finds theirs.
func (c Choice) Label() string { return shipped.label(c) }

// ParseChoice reads a choice from a preference or FACTDESK_LANG ("fr", "FR", "fr_FR.UTF-8",
// "en", "system" or ""): any language with a catalog; ok is false for anything else.
func ParseChoice(s string) (c Choice, ok bool) { return shipped.parse(s) }

var (
	mu        sync.Mutex
	savedEnv  map[string]*string // the locale variables as the process started, to go back to System
	localeEnv = []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}
)

// init registers the catalogs, so that every package of the app that looks a string up finds
// its plural forms, whatever language is chosen later.
func init() {
	saveEnv()
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		fyne.LogError("reading the interface catalogs", err)
	}
}

// Setup chooses the interface language as the app starts: FACTDESK_LANG when it is set to a
// language we have, else preferred, else the system's. Use switches later.
func Setup(preferred Choice) {
	Use(preferred)
}

// Forced is the language FACTDESK_LANG sets, if it names one we have.
func Forced() (Choice, bool) {
	v, set := os.LookupEnv(EnvVar)
	if !set || strings.TrimSpace(v) == "" {
		return System, false
	}
	c, ok := ParseChoice(v)
	if !ok || c == System {
		return System, false
	}
	return c, true
}

// Use switches the interface language now: strings looked up from then on come from c's
// catalog (System: the desktop's language). Screens built before keep their words until
// they are built again. FACTDESK_LANG, when set, still wins.
func Use(c Choice) {
	mu.Lock()
	defer mu.Unlock()
	if forced, ok := Forced(); ok {
		c = forced
	}
	apply(c)
}

// saveEnv keeps the locale variables of the process as it started.
func saveEnv() {
	savedEnv = map[string]*string{}
	for _, k := range localeEnv {
		if v, ok := os.LookupEnv(k); ok {
			savedEnv[k] = &v
		}
	}
}

// apply sets the process's locale variables so that fyne's lang (which reads them through
// go-locale: LC_ALL, LC_MESSAGES, LANG, then LANGUAGE unless the first is C or POSIX) picks
// c, and makes lang read them again.
func apply(c Choice) {
	for _, k := range localeEnv {
		if v := savedEnv[k]; v != nil {
			os.Setenv(k, *v)
		} else {
			os.Unsetenv(k)
		}
	}
	if c != System {
		// go-locale ignores LANGUAGE when the first set of LC_ALL, LC_MESSAGES and LANG is
		// C or POSIX: C.UTF-8 behaves the same for the C library and lets LANGUAGE count.
		for _, k := range localeEnv[1:] {
			v := os.Getenv(k)
			if v == "" {
				continue
			}
			if v == "C" || v == "POSIX" {
				os.Setenv(k, "C.UTF-8")
			}
			break
		}
		os.Setenv("LANGUAGE", string(c))
	}
	// Registering a catalog makes lang read the locale again; an empty one adds no words.
	if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale("en")); err != nil {
		fyne.LogError("choosing the interface language", err)
	}
}

// Current is the language of the catalog in use: the language strings are shown in, and
// that dates and numbers follow (English when the desktop's language has no catalog).
func Current() language.Tag {
	return language.Make(lang.X("meta.language", "en"))
}

// Catalog reads the catalog of language name ("en", "fr") as key -> text, or -> plural forms
// (a map of "one", "other"… to text), for tests and tools that check translations.
func Catalog(name string) (map[string]any, error) {
	data, err := translations.ReadFile("translations/" + name + ".json")
	if err != nil {
		return nil, err
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s.json: %w", name, err)
	}
	return c, nil
}
