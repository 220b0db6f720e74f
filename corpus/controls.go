package corpus

import (
	"strings"
)

// Control characters (C0, DEL, C1) in an article reach terminals and other programs as
// commands: ESC sequences clear the screen or retitle the window, BEL rings. They carry no
// text, so import removes them: StripControls keeps tab and newline in article text,
// StripControlsLine removes every one from one-line fields (title, outlet, names).

// isControl reports whether r is a C0 control, DEL or a C1 control.
func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }

// StripControls removes control characters from text, except tab and newline (a carriage
// return becomes a newline where it ends a line, else a space).
func StripControls(text string) string {
	if strings.IndexFunc(text, func(r rune) bool { return isControl(r) && r != '\t' && r != '\n' }) < 0 {
		return text
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == '\r':
			return '\n'
		case isControl(r):
			return -1
		}
		return r
	}, text)
}

// StripControlsLine removes control characters from a one-line field: line breaks and tabs
// become spaces, other controls go.
func StripControlsLine(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

// HasBidiControl reports whether s holds a bidirectional formatting character (U+202A–U+202E,
// U+2066–U+2069, U+200E/F, U+061C), which can make a name display as another ("\u202eecila"
// shows as "alice").
func HasBidiControl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
	}) >= 0
}

// EscapeControls shows the control characters of s as escapes (\x1b, \u0085), keeping tab and
// newline when keepLines is set: for printing text that came from a file to a terminal.
func EscapeControls(s string, keepLines bool) string {
	if strings.IndexFunc(s, func(r rune) bool { return isControl(r) && !(keepLines && (r == '\t' || r == '\n')) }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case keepLines && (r == '\t' || r == '\n'):
			b.WriteRune(r)
		case r < 0x80 && isControl(r):
			b.WriteString(`\x` + string("0123456789abcdef"[r>>4]) + string("0123456789abcdef"[r&15]))
		case isControl(r):
			b.WriteString(`\u00` + string("0123456789abcdef"[r>>4]) + string("0123456789abcdef"[r&15]))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
