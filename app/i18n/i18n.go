// Package i18n holds Factdesk's interface catalogs (translations/en.json and fr.json, keyed by
// the English text, read by fyne.io/fyne/v2/lang) and chooses the interface language: the
// system's by default, the one chosen in Preferences, or FACTDESK_LANG=fr|en over both. Its
// formatting helpers write dates, times and numbers the way the chosen language does.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
)

//go:embed translations/*.json
var translations embed.FS

// EnvVar names the environment variable that forces the interface language (fr or en),
// over the system's and over the one chosen in Preferences.
const EnvVar = "FACTDESK_LANG"

// Choice is an interface language a person can choose: System (follow the desktop), or one
// of the languages Factdesk has a catalog for.
type Choice string

// The choices offered in Preferences.
const (
	System  Choice = ""
	English Choice = "en"
	French  Choice = "fr"
)

// Choices lists the choices in the order Preferences shows them.
func Choices() []Choice { return []Choice{System, English, French} }

// Label is c as the language list words it: each language in its own name, so a person who
// cannot read the current one still finds theirs.
func (c Choice) Label() string {
	switch c {
	case English:
		return "English"
	case French:
		return "Français"
	}
	return lang.L("Same as the system")
}

// ParseChoice reads a choice from a preference or FACTDESK_LANG ("fr", "FR", "fr_FR.UTF-8",
// "en", "system" or ""); ok is false for anything else.
func ParseChoice(s string) (c Choice, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "system" {
		return System, true
	}
	tag, err := language.Parse(strings.SplitN(strings.SplitN(s, ".", 2)[0], "_", 2)[0])
	if err != nil {
		return System, false
	}
	base, _ := tag.Base()
	switch base.String() {
	case "en":
		return English, true
	case "fr":
		return French, true
	}
	return System, false
}

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
