package corpus

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxTitleRunes bounds a title made from the first sentence of a text that has no headline.
const maxTitleRunes = 120

// titleFromText returns the title of a plain text: its first line when that reads as a headline,
// else the beginning of its first sentence.
func titleFromText(text, lang string) string {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if first == "" {
		return ""
	}
	if n := utf8.RuneCountInString(first); n <= 200 && (isHeadingLike(first, n) || endsWithQuestion(first)) {
		return first
	}
	// The first sentence is all that is needed: do not split a whole book of one line.
	first = cutAtWord(first, 4*maxTitleRunes)
	if spans := Sentences(first, lang); len(spans) > 0 {
		first = spans[0].Text
	}
	return shorten(first, maxTitleRunes)
}

func endsWithQuestion(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " »”\"'"))
	return r == '?' || r == '!'
}

// shorten cuts s to at most n runes at a word boundary, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimRightFunc(cutAtWord(s, n-1), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}

// titleSuffixRe splits "Title - Site", "Title | Site", "Title – Site" and "Title — Site".
var titleSuffixRe = regexp.MustCompile(`^(.*\S)\s+[-–—|·]\s+(\S[^-–—|·]{0,40})$`)

// splitSiteSuffix removes the site name that pages append to their titles ("... - France 24").
// The suffix goes when it is the known site name, or when it is short and made of capitalized
// words or numbers, as outlet names are. It returns the title and the suffix removed, if any.
func splitSiteSuffix(title, site string) (string, string) {
	m := titleSuffixRe.FindStringSubmatch(title)
	if m == nil {
		return title, ""
	}
	head, suffix := m[1], strings.TrimSpace(m[2])
	if site != "" && strings.EqualFold(suffix, site) {
		return head, suffix
	}
	words := strings.Fields(suffix)
	if len(words) > 3 || len(strings.Fields(head)) < 3 {
		return title, ""
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return title, ""
		}
	}
	return head, suffix
}

// outletRules find the outlet in promotion lines: "Download the France 24 application",
// "France 24 invites you to ...", "Rejoignez News-Front sur Facebook", "© 2020 Le Monde". A rule's
// regexp runs only on lines holding one of its keywords (lower-cased).
var outletRules = []struct {
	keywords []string
	re       *regexp.Regexp
}{
	{[]string{"download", "get", "install"}, regexp.MustCompile(`(?i)\b(?:download|get|install)\s+(?:the\s+)?(.{2,40}?)\s+(?:app|application|news\s+app)\b`)},
	{[]string{"télécharg", "installez"}, regexp.MustCompile(`(?i)(?:télécharge[zr]?|installez)\s+l['’]appli(?:cation)?\s+(?:de\s+|d['’])?(.{2,40}?)$`)},
	{[]string{"invite"}, regexp.MustCompile(`^(.{2,40}?)\s+(?:invites?\s+you|vous\s+invite)\b`)},
	{[]string{"rejoignez", "suivez", "retrouvez", "follow", "join", "like", "find", "síguenos", "folgen", "подписывайтесь", "присоединяйтесь"},
		regexp.MustCompile(`(?i)^(?:rejoignez|suivez|retrouvez|follow|join|like|find|síguenos|folgen\s+sie|подписывайтесь\s+на|присоединяйтесь\s+к)\s+(.{2,40}?)\s+(?:sur|on|en|auf|в|su|op|na|no)\s`)},
	{[]string{"subscribe"}, regexp.MustCompile(`(?i)\bsubscribe\s+to\s+(?:the\s+)?(.{2,40}?)\s+newsletter\b`)},
	{[]string{"newsletter"}, regexp.MustCompile(`(?i)\b(?:la\s+)?newsletter\s+(?:de\s+|d['’])(.{2,40}?)$`)},
	{[]string{"©", "(c)", "copyright"}, regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(.{2,40}?)(?:[.,]|\s+all\s+rights|\s+tous\s+droits|$)`)},
}

// notOutlets are words the outlet patterns catch that are no names.
var notOutlets = map[string]bool{
	"us": true, "nous": true, "uns": true, "нас": true, "nos": true, "our": true, "notre": true,
	"my": true, "the": true, "this": true, "cette": true, "la": true, "le": true, "les": true,
	"free": true, "mobile": true, "official": true,
}

// outletFromLines names the outlet that the given lines (the removed boilerplate) promote, or
// "" when none does. Agencies quoted in the article ("AFP", "RIA Novosti") are not looked for
// here: they are sources, not the outlet.
func outletFromLines(lines []string) string {
	votes := make(map[string]int)
	best, bestVotes := "", 0
	for _, l := range lines {
		lower := strings.ToLower(l)
		for _, rule := range outletRules {
			if !containsAny(lower, rule.keywords) {
				continue
			}
			m := rule.re.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			name := strings.Trim(m[1], " \u00a0.,:;!?\"'«»“”")
			if !looksLikeName(name) {
				continue
			}
			votes[name]++
			if votes[name] > bestVotes {
				best, bestVotes = name, votes[name]
			}
			break
		}
	}
	return best
}

// looksLikeName accepts one to four words starting with a capital letter or a digit.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 || notOutlets[strings.ToLower(s)] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// bylineFromText returns the author named by a short "By ..." line among the first paragraphs.
func bylineFromText(text string) string {
	for i := 0; i < 6 && text != ""; i++ {
		var p string
		p, text, _ = strings.Cut(text, "\n\n")
		if n := utf8.RuneCountInString(p); n > 100 || !isHeadingLike(p, n) {
			continue
		}
		if m := bylineRe.FindStringSubmatch(p); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	return ""
}

// dateLayouts are the forms of dates that pages and front matter use.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006-01-02", "2006/01/02", time.RFC1123Z, time.RFC1123, "January 2, 2006", "2 January 2006",
}

// formatDate returns s as YYYY-MM-DD when it can be read, else s as found.
func formatDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return s
}
