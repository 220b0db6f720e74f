package counterpart

import (
	"strconv"
	"strings"
	"unicode"
)

// Figure is a quantity or date stated in a sentence, normalised so that its spellings in other
// languages and formats give the same Key: "300 to 400" and "300 à 400" give "n:300-400";
// "140,000", "140 000" and "140.000" give "n:140000"; "October 9", "9 octobre" give "d:10-09"
// (and "09/10" gives it as one of its Alts, the day/month and month/day readings); "a dozen"
// and "une douzaine" give "n:12".
type Figure struct {
	Key  string   // the normalised value, its kind as prefix: n (number, range), d (date), m (month), p (percent), o (ordinal)
	Alts []string // other readings of an ambiguous figure (09/10)
	Text string   // as it reads in the sentence
}

// Kind is the kind of a figure: 'n' number or range, 'd' day of a month, 'm' month, 'p' percent,
// 'o' ordinal.
func (f Figure) Kind() byte { return f.Key[0] }

// Label is the figure as a reason shows it: "300–400", "9 Oct", "12%".
func (f Figure) Label() string { return keyLabel(f.Key) }

func keyLabel(k string) string {
	v := k[2:]
	switch k[0] {
	case 'd':
		mm, dd, _ := strings.Cut(v, "-")
		m, _ := strconv.Atoi(mm)
		d, _ := strconv.Atoi(dd)
		if m >= 1 && m <= 12 {
			return strconv.Itoa(d) + " " + monthAbbr[m-1]
		}
	case 'm':
		if m, _ := strconv.Atoi(v); m >= 1 && m <= 12 {
			return monthAbbr[m-1]
		}
	case 'p':
		return v + "%"
	case 'o':
		return v + "th"
	}
	if strings.HasPrefix(v, "~") {
		return strings.TrimPrefix(v, "~")
	}
	return strings.Replace(v, "-", "–", 1)
}

var monthAbbr = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// months maps month names and abbreviations of English and French to their number.
var months = func() map[string]int {
	m := map[string]int{}
	for i, names := range []string{
		"january jan janvier janv", "february feb fevrier fevr fev", "march mar mars",
		"april apr avril avr", "may mai", "june jun juin", "july jul juillet juil",
		"august aug aout", "september sep sept septembre", "october oct octobre",
		"november nov novembre", "december dec decembre",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// numberWords are the cardinal numbers written as words in English and French ("one" and "un"
// are left out: they are mostly pronouns and articles).
var numberWords = map[string]float64{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
	"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
	"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	"dozen": 12,
}

// approxWords are the French collective numbers and their English equivalents ("une
// cinquantaine" = "about fifty"), and the plurals that say an order of magnitude.
var approxWords = map[string]string{
	"douzaine": "12", "quinzaine": "15", "vingtaine": "20", "trentaine": "30",
	"quarantaine": "40", "cinquantaine": "50", "soixantaine": "60", "centaine": "100", "dizaine": "10",
	"dozens": "~tens", "dizaines": "~tens", "douzaines": "~tens", "hundreds": "~hundreds",
	"centaines": "~hundreds", "thousands": "~thousands", "milliers": "~thousands",
	"millions": "~millions", "billions": "~billions", "milliards": "~billions",
}

// ordinals are the ordinal numbers of English and French as words: "the fifth day", "le
// troisième jour" (figures of kind 'o').
var ordinals = func() map[string]int {
	m := map[string]int{}
	for i, names := range []string{
		"first premier premiere", "second deuxieme seconde", "third troisieme", "fourth quatrieme",
		"fifth cinquieme", "sixth sixieme", "seventh septieme", "eighth huitieme", "ninth neuvieme",
		"tenth dixieme", "eleventh onzieme", "twelfth douzieme",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// multipliers scale the number before them: "1.5 million", "2 milliards", "trois cents".
var multipliers = map[string]float64{
	"hundred": 100, "cent": 100, "cents": 100, "thousand": 1e3, "mille": 1e3, "k": 1e3,
	"million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "billions": 1e9,
	"milliard": 1e9, "milliards": 1e9, "bn": 1e9,
}

var rangeWords = wordSet("to a - – — and et or ou") // folded: "à" is "a"

// ftok is a token of the figure scanner: a number, a word (folded) or a symbol.
type ftok struct {
	kind   byte // 'n' number, 'w' word, 's' symbol
	val    float64
	text   string  // as written
	norm   string  // folded word or symbol
	digits bool    // the number was written in digits
	mult   float64 // the multiplier applied to it ("million"), 0 for none
}

// scanFigureTokens splits s into numbers (with their thousands separators and decimals), words
// and symbols.
func scanFigureTokens(s string) []ftok {
	rs := []rune(s)
	out := make([]ftok, 0, len(rs)/5+4)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsDigit(r):
			j, v := scanNumber(rs, i)
			out = append(out, ftok{kind: 'n', val: v, text: string(rs[i:j]), digits: true})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.Is(unicode.Mn, rs[j])) {
				j++
			}
			w := string(rs[i:j])
			out = append(out, ftok{kind: 'w', text: w, norm: fold(w)})
			i = j
		case unicode.IsSpace(r) || r == '\u202f':
			i++
		default:
			out = append(out, ftok{kind: 's', text: string(r), norm: string(r)})
			i++
		}
	}
	return out
}

// mayHaveFigures reports whether s has a digit or a word that can state a figure by itself (a
// number, a collective number, an ordinal, a month): a sentence without is skipped by Figures,
// which found nothing in it anyway (most sentences of an article, and the cost of scanning
// them was a third of indexing).
func mayHaveFigures(s string) bool {
	var buf [24]byte
	n, ascii, start := 0, true, -1
	check := func(end int) bool {
		if ascii && n <= len(buf) {
			return isFigureStarter(string(buf[:n])) // lower-cased ASCII: no allocation
		}
		return isFigureStarter(fold(s[start:end]))
	}
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			return true
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start, n, ascii = i, 0, true
			}
			if r < 0x80 {
				if n < len(buf) {
					buf[n] = byte(unicode.ToLower(r))
				}
				n++
			} else {
				ascii = false
			}
		default:
			if start >= 0 {
				if check(i) {
					return true
				}
				start = -1
			}
		}
	}
	return start >= 0 && check(len(s))
}

// isFigureStarter reports whether folded w states a figure by itself.
func isFigureStarter(w string) bool {
	if _, ok := numberWords[w]; ok {
		return true
	}
	if _, ok := approxWords[w]; ok {
		return true
	}
	if _, ok := ordinals[w]; ok {
		return true
	}
	_, ok := months[w]
	return ok
}

func isGroupSep(r rune) bool {
	return r == ',' || r == '.' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\''
}

// scanNumber reads the number at rs[i]: "140,000", "140 000", "140.000" (thousands), "3.5",
// "3,5" (decimals), "1,234.5", "1.234,5".
func scanNumber(rs []rune, i int) (int, float64) {
	j := i
	for j < len(rs) && unicode.IsDigit(rs[j]) {
		j++
	}
	intPart := string(rs[i:j])
	lead := j - i
	var groups []string
	var sep rune
	for lead <= 3 && j+3 < len(rs)+1 && j < len(rs) && isGroupSep(rs[j]) && (sep == 0 || rs[j] == sep) {
		k := j + 1
		for k < len(rs) && unicode.IsDigit(rs[k]) {
			k++
		}
		if k-(j+1) != 3 {
			break
		}
		// "3.500" is three thousand five hundred; "3.5" is a decimal; one group after a
		// comma or full stop is a group only when the text goes on without another digit.
		sep = rs[j]
		groups = append(groups, string(rs[j+1:k]))
		j = k
	}
	// "1,5" in one language is 1.5 in another: a decimal separator not followed by exactly
	// three digits.
	dec := ""
	if j+1 < len(rs) && (rs[j] == '.' || rs[j] == ',') && rs[j] != sep && unicode.IsDigit(rs[j+1]) {
		k := j + 1
		for k < len(rs) && unicode.IsDigit(rs[k]) {
			k++
		}
		dec = string(rs[j+1 : k])
		j = k
	}
	v, _ := strconv.ParseFloat(intPart+strings.Join(groups, "")+dotIf(dec), 64)
	return j, v
}

func dotIf(dec string) string {
	if dec == "" {
		return ""
	}
	return "." + dec
}

func numKey(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Figures returns the figures of a sentence, normalised.
func Figures(s string) []Figure {
	if !mayHaveFigures(s) {
		return nil
	}
	toks := scanFigureTokens(s)
	// Number words become numbers: "twenty-five", "vingt et un", "quatre-vingts", "two thousand".
	toks = mergeNumberWords(toks)
	var out []Figure
	add := func(key, text string, alts ...string) {
		out = append(out, Figure{Key: key, Text: text, Alts: alts})
	}
	used := make([]bool, len(toks))
	isNum := func(i int) bool { return i >= 0 && i < len(toks) && toks[i].kind == 'n' && !used[i] }
	word := func(i int) string {
		if i >= 0 && i < len(toks) && toks[i].kind != 'n' {
			return toks[i].norm
		}
		return ""
	}
	// Multipliers: "1.5 million".
	for i := range toks {
		if isNum(i) {
			if m, ok := multipliers[word(i+1)]; ok && (word(i+1) != "m" && word(i+1) != "k" || toks[i].digits) {
				toks[i].val *= m
				toks[i].mult = m
				toks[i].text += " " + toks[i+1].text
				toks[i+1].kind, toks[i+1].norm = 's', ""
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == 'w' {
			if m, ok := months[t.norm]; ok && !used[i] {
				// "October 9", "Oct. 9"
				j := i + 1
				if word(j) == "." {
					j++
				}
				if isNum(j) && toks[j].digits && toks[j].val >= 1 && toks[j].val <= 31 && toks[j].val == float64(int(toks[j].val)) {
					if !isMonthAmbiguous(t.norm, toks, i) {
						add(dateKey(m, int(toks[j].val)), t.text+" "+toks[j].text)
						used[i], used[j] = true, true
					}
				}
			}
			if a, ok := approxWords[t.norm]; ok {
				add("n:"+a, t.text)
			}
			if o, ok := ordinals[t.norm]; ok && o > 1 {
				add("o:"+strconv.Itoa(o), t.text)
			}
			continue
		}
		if !isNum(i) {
			continue
		}
		j := i + 1
		if w := word(j); w == "er" || w == "st" || w == "nd" || w == "rd" || w == "th" {
			j++
		}
		// "9 octobre", "1er octobre", "9 Oct"
		if m, ok := months[word(j)]; ok && t.digits && t.val >= 1 && t.val <= 31 && t.val == float64(int(t.val)) && !isMonthAmbiguous(word(j), toks, j) {
			add(dateKey(m, int(t.val)), t.text+" "+toks[j].text)
			used[i], used[j] = true, true
			continue
		}
		// "09/10", "9/10/2020": day/month or month/day.
		if word(i+1) == "/" && isNum(i+2) && t.digits {
			a, b := int(t.val), int(toks[i+2].val)
			var keys []string
			if b >= 1 && b <= 12 && a >= 1 && a <= 31 {
				keys = append(keys, dateKey(b, a))
			}
			if a >= 1 && a <= 12 && b >= 1 && b <= 31 && a != b {
				keys = append(keys, dateKey(a, b))
			}
			if len(keys) > 0 {
				add(keys[0], t.text+"/"+toks[i+2].text, keys[1:]...)
				used[i], used[i+2] = true, true
				if word(i+3) == "/" && isNum(i+4) {
					used[i+4] = true
					add("n:"+numKey(toks[i+4].val), toks[i+4].text)
				}
				continue
			}
		}
		// "300 to 400", "300 à 400", "300-400", "entre 300 et 400"
		k := i + 1
		if rangeWords[word(k)] && isNum(k+1) && (toks[k+1].val > t.val || toks[k+1].mult > 0 && t.mult == 0) {
			lo, hi := t.val, toks[k+1].val
			if toks[k+1].mult > 0 && t.mult == 0 && lo*toks[k+1].mult < hi {
				lo *= toks[k+1].mult // "2 to 3 million" has scaled only the second
			}
			add("n:"+numKey(lo)+"-"+numKey(hi), t.text+" "+toks[k].text+" "+toks[k+1].text)
			used[i], used[k+1] = true, true
			continue
		}
		// "12%", "12 percent", "12 pour cent"
		if word(i+1) == "%" || word(i+1) == "percent" || (word(i+1) == "per" || word(i+1) == "pour") && word(i+2) == "cent" {
			add("p:"+numKey(t.val), t.text+"%")
			used[i] = true
			continue
		}
		add("n:"+numKey(t.val), t.text)
		used[i] = true
	}
	// A month named alone: "in October", "en octobre".
	for i, t := range toks {
		if t.kind == 'w' && !used[i] {
			if m, ok := months[t.norm]; ok && !isMonthAmbiguous(t.norm, toks, i) && len(t.norm) > 3 {
				add("m:"+twoDigits(m), t.text)
			}
		}
	}
	return dedupeFigures(out)
}

// isMonthAmbiguous reports whether the month name or abbreviation at toks[i] is more likely a
// common word ("may", "mar") because it is not capitalized.
func isMonthAmbiguous(w string, toks []ftok, i int) bool {
	switch w {
	case "may", "mar", "jun", "jul", "dec", "sep", "jan", "feb", "apr", "aug", "oct", "nov":
		return !isCapitalized(toks[i].text)
	}
	return false
}

func dateKey(m, d int) string { return "d:" + twoDigits(m) + "-" + twoDigits(d) }

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func dedupeFigures(fs []Figure) []Figure {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if seen[f.Key] {
			continue
		}
		seen[f.Key] = true
		out = append(out, f)
	}
	return out
}

// mergeNumberWords turns runs of number words into one number token: "twenty-five",
// "vingt et un", "quatre-vingt-dix", "two thousand", "a dozen".
func mergeNumberWords(toks []ftok) []ftok {
	out := make([]ftok, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != 'w' {
			out = append(out, t)
			continue
		}
		v, ok := numberWords[t.norm]
		if !ok {
			out = append(out, t)
			continue
		}
		total, cur := 0.0, v
		text := t.text
		j := i + 1
		for j < len(toks) {
			sep := toks[j].norm
			k := j
			if sep == "-" || sep == "et" || sep == "and" {
				k++
			}
			if k >= len(toks) || toks[k].kind != 'w' {
				break
			}
			w := toks[k].norm
			if nv, ok := numberWords[w]; ok {
				if (w == "vingt" || w == "vingts") && cur == 4 {
					cur = 80
				} else if nv < 10 || cur >= 20 && nv < 20 && cur < 100 && int(cur)%10 == 0 {
					cur += nv
				} else {
					break
				}
			} else if m, ok := multipliers[w]; ok && w != "m" && w != "k" {
				cur *= m
				if m >= 1000 {
					total += cur
					cur = 0
				}
			} else {
				break
			}
			text += " " + toks[k].text
			j = k + 1
		}
		out = append(out, ftok{kind: 'n', val: total + cur, text: text})
		i = j - 1
	}
	return out
}
