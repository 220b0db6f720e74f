package corpus

import (
	"strings"
	"unicode"
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
