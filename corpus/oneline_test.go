package corpus

import "testing"

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"plain text":               "plain text",
		"two\n\nparagraphs":        "two paragraphs",
		"  tabs\tand\u00a0nbsp  ":  " tabs and nbsp ",
		"l’Azerbaïdjan\r\n« oui »": "l’Azerbaïdjan « oui »",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Azerbaïdjan":         "azerbaidjan",
		"ÉVACUÉS":             "evacues",
		"l’AFP":               "l'afp",
		"Moskva Москва":       "moskva москва",
		"e\u0301vacue\u0301s": "evacues",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
