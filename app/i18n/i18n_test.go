package i18n

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
)

func TestMain(m *testing.M) {
	Setup(English)
	os.Exit(m.Run())
}

func TestUseSwitchesTheCatalogAndTheFormats(t *testing.T) {
	t.Setenv(EnvVar, "")
	day := time.Date(2020, time.October, 9, 14, 5, 9, 0, time.UTC)
	first := time.Date(2020, time.October, 1, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		use                          Choice
		lang, date, first, dt, short string
		number                       string
	}{
		{French, "fr", "9 octobre 2020", "1er octobre 2020", "9 oct. 2020, 14:05", "9 oct. 2020", "140\u00a0000"},
		{English, "en", "October 9, 2020", "October 1, 2020", "2020-10-09 14:05", "2020-10-09", "140,000"},
	}
	for _, c := range cases {
		Use(c.use)
		if got := Current().String(); got != c.lang {
			t.Errorf("Use(%s): Current = %s", c.use, got)
		}
		if got := Date(day); got != c.date {
			t.Errorf("Use(%s): Date = %q, want %q", c.use, got, c.date)
		}
		if got := Date(first); got != c.first {
			t.Errorf("Use(%s): Date(1st) = %q, want %q", c.use, got, c.first)
		}
		if got := DateTime(day); got != c.dt {
			t.Errorf("Use(%s): DateTime = %q, want %q", c.use, got, c.dt)
		}
		if got := ShortDate(day); got != c.short {
			t.Errorf("Use(%s): ShortDate = %q, want %q", c.use, got, c.short)
		}
		if got := Number(140000); got != c.number {
			t.Errorf("Use(%s): Number = %q, want %q", c.use, got, c.number)
		}
		if got := Time(day); got != "14:05:09" {
			t.Errorf("Use(%s): Time = %q", c.use, got)
		}
	}
}

func TestTheEnvironmentWinsOverTheChoice(t *testing.T) {
	t.Setenv(EnvVar, "fr_FR.UTF-8")
	t.Setenv("LC_ALL", "C")
	Use(English)
	if got := Current().String(); got != "fr" {
		t.Fatalf("FACTDESK_LANG=fr with English chosen: Current = %s", got)
	}
	if got := lang.L("Same as the system"); got != "Comme le système" {
		t.Fatalf("French catalog not in use: %q", got)
	}
	t.Setenv(EnvVar, "")
	Use(English)
	if got := Current().String(); got != "en" {
		t.Fatalf("English chosen, FACTDESK_LANG empty: Current = %s", got)
	}
}

func TestSystemFollowsTheDesktop(t *testing.T) {
	t.Setenv(EnvVar, "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "fr_CA.UTF-8")
	saveEnv()
	defer func() { t.Setenv("LANG", "C.UTF-8"); saveEnv(); Use(English) }()
	Use(System)
	if got := Current().String(); got != "fr" {
		t.Fatalf("LANG=fr_CA, System: Current = %s", got)
	}
}

func TestParseChoice(t *testing.T) {
	for in, want := range map[string]Choice{"fr": French, "FR": French, "fr_FR.UTF-8": French, "en-GB": English, "": System, "system": System} {
		if got, ok := ParseChoice(in); !ok || got != want {
			t.Errorf("ParseChoice(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"de", "klingon!"} {
		if _, ok := ParseChoice(in); ok {
			t.Errorf("ParseChoice(%q) accepted", in)
		}
	}
}
