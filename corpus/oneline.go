package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// OneLine collapses every run of white space (line and paragraph breaks included) into one
// space, keeping a single leading or trailing space when s had some: a quote's context, a title
// or a note reads as one line.
func OneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) &&
		!strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// Fold is s for matching as people type: lower case, without accents or other combining marks,
// typographic apostrophes as ASCII ones ("Azerbaïdjan" and "azerbaidjan", "l’AFP" and "l'afp"
// fold to the same text).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ':
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
