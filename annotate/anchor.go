package annotate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ContextRunes is how many runes of context an anchor keeps on each side of its quote (the
// W3C TextQuoteSelector's prefix and suffix). Near the edges of the text there are fewer.
const ContextRunes = 32

// Anchor ties a claim to a span of an article's text, in both W3C forms at once: a position
// (TextPositionSelector) and a quote with its context (TextQuoteSelector).
//
// Start and End are offsets in Unicode code points (runes), not bytes and not UTF-16 units;
// Start is included and End excluded. Exact is the text between them. Prefix and Suffix are up
// to ContextRunes runes of text before and after, fewer at the start and end of the text.
type Anchor struct {
	Start, End int
	Exact      string
	Prefix     string
	Suffix     string
}

// RuneLen is the length of s in runes (Unicode code points): the unit of anchor offsets.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Slice returns the runes [start, end) of text. Offsets are clamped to the text, so a range
// partly outside it returns the part inside, and an empty or reversed range returns "".
func Slice(text string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end <= start {
		return ""
	}
	b, _ := byteOffsets(text, start, end)
	return text[b[0]:b[1]]
}

// byteOffsets converts ascending rune offsets to byte offsets in text, and returns how many
// runes it walked: an offset past the end of the text maps to len(text), a negative one to 0.
// An invalid UTF-8 byte counts as one rune, as in a range loop.
func byteOffsets(text string, runeOffs ...int) ([]int, int) {
	out := make([]int, len(runeOffs))
	b, r := 0, 0
	for i, want := range runeOffs {
		for r < want && b < len(text) {
			if text[b] < utf8.RuneSelf {
				b++
			} else {
				_, size := utf8.DecodeRuneInString(text[b:])
				b += size
			}
			r++
		}
		out[i] = b
	}
	return out, r
}

// NewAnchor builds the anchor of runes [start, end) of text, with ContextRunes runes of
// context on each side (fewer at the edges). It fails unless 0 <= start < end <= RuneLen(text).
func NewAnchor(text string, start, end int) (Anchor, error) {
	switch {
	case start < 0:
		return Anchor{}, fmt.Errorf("anchor start %d is negative: offsets count characters from 0", start)
	case end == start:
		return Anchor{}, fmt.Errorf("empty anchor at offset %d: a claim needs at least one character", start)
	case end < start:
		return Anchor{}, fmt.Errorf("anchor end %d is before its start %d", end, start)
	}
	b, walked := byteOffsets(text, max(0, start-ContextRunes), start, end, end+ContextRunes)
	if walked < end {
		return Anchor{}, fmt.Errorf("anchor end %d is past the end of the text (%d characters)", end, walked)
	}
	return Anchor{
		Start:  start,
		End:    end,
		Exact:  text[b[1]:b[2]],
		Prefix: text[b[0]:b[1]],
		Suffix: text[b[2]:b[3]],
	}, nil
}

// mustAnchor is NewAnchor for offsets known to be valid.
func mustAnchor(text string, start, end int) Anchor {
	a, err := NewAnchor(text, start, end)
	if err != nil {
		panic(err)
	}
	return a
}

// Valid reports whether the anchor's offsets lie in text and the runes between them are
// exactly a.Exact. Prefix and Suffix are not checked.
func (a Anchor) Valid(text string) bool {
	if a.Start < 0 || a.End <= a.Start || a.Exact == "" {
		return false
	}
	b, walked := byteOffsets(text, a.Start, a.End)
	return walked == a.End && text[b[0]:b[1]] == a.Exact
}

// QuoteError is the error of FindQuote: the quote is not in the text, or not as many times as
// the occurrence asked for. Found is how many times it is there.
type QuoteError struct {
	Quote      string
	Occurrence int
	Found      int
}

func (e *QuoteError) Error() string {
	q := e.Quote
	if RuneLen(q) > 60 {
		q = Slice(q, 0, 57) + "..."
	}
	if e.Found == 0 {
		return fmt.Sprintf("quote %q not found in the article: check the spelling", q)
	}
	if e.Found == 1 {
		return fmt.Sprintf("occurrence %d of quote %q asked for, but the article has it only once: ask for the first", e.Occurrence, q)
	}
	return fmt.Sprintf("occurrence %d of quote %q asked for, but the article has it only %d times: choose an occurrence from 1 to %d", e.Occurrence, q, e.Found, e.Found)
}

// FindQuote anchors the occurrence-th occurrence (1-based; 0 means 1) of quote in text.
//
// It looks for the quote exactly first. When the exact quote is not there that many times, it
// tries a tolerant match that ignores Unicode normalization (NFC), runs and kinds of whitespace
// (no-break spaces included, and a space next to punctuation may be missing: "Etats-Unis :"
// matches "Etats-Unis:"), typographic against ASCII apostrophes, quotation marks and dashes
// (’ ‘ ' “ ” « » " – -), the ellipsis and invisible characters (soft hyphen, zero-width
// space and joiner, BOM); leading and trailing whitespace of the quote is dropped. Either way
// the anchor's offsets and Exact come from text itself. Occurrences do not overlap, and a
// match never stops before a combining mark (the quote "Cafe" is not in "Café").
//
// The error is a *QuoteError when the quote is not found, or found fewer times than asked.
func FindQuote(text, quote string, occurrence int) (Anchor, error) {
	if occurrence < 0 {
		return Anchor{}, fmt.Errorf("occurrence %d is negative: occurrences count from 1", occurrence)
	}
	if occurrence == 0 {
		occurrence = 1
	}
	if strings.TrimFunc(quote, isIgnorableOrSpace) == "" {
		return Anchor{}, fmt.Errorf("empty quote: give the words of the claim as they appear in the article")
	}
	exact := exactOccurrences(text, quote, occurrence, false)
	if len(exact) >= occurrence {
		o := exact[occurrence-1]
		return NewAnchor(text, o.rs, o.re)
	}
	ft := foldText(text)
	fq := foldText(quote).s
	tolerant := ft.occurrences(fq, occurrence)
	if len(tolerant) >= occurrence {
		o := tolerant[occurrence-1]
		return NewAnchor(text, o[0], o[1])
	}
	found := max(len(exactOccurrences(text, quote, -1, false)), len(ft.occurrences(fq, -1)))
	return Anchor{}, &QuoteError{Quote: quote, Occurrence: occurrence, Found: found}
}

// occurrence is where a quote occurs: rune and byte offsets of its start and end.
type occurrence struct{ rs, re, bs, be int }

// exactOccurrences finds up to limit (all when limit < 0) occurrences of quote in text, which
// start and end on rune boundaries and are not followed by a combining mark; overlapping ones
// too when overlapping is set.
func exactOccurrences(text, quote string, limit int, overlapping bool) []occurrence {
	var out []occurrence
	n := utf8.RuneCountInString(quote)
	counted, runes := 0, 0 // runes is the rune offset of byte offset counted (a rune boundary)
	for search := 0; search <= len(text) && (limit < 0 || len(out) < limit); {
		i := strings.Index(text[search:], quote)
		if i < 0 {
			break
		}
		p := search + i
		e := p + len(quote)
		if !isBoundary(text, p) || !isBoundary(text, e) || followedByMark(text, e) {
			search = p + 1
			continue
		}
		runes += utf8.RuneCountInString(text[counted:p])
		counted = p
		out = append(out, occurrence{runes, runes + n, p, e})
		if overlapping {
			search = p + 1
		} else {
			search = e
		}
	}
	return out
}

// isBoundary reports whether byte offset p of s starts a rune as a range loop over s sees
// them (an invalid byte is a rune of its own).
func isBoundary(s string, p int) bool {
	if p <= 0 || p >= len(s) || utf8.RuneStart(s[p]) {
		return true
	}
	for q := p - 1; q >= 0 && q >= p-(utf8.UTFMax-1); q-- {
		if utf8.RuneStart(s[q]) {
			_, size := utf8.DecodeRuneInString(s[q:])
			return q+size <= p
		}
	}
	return true
}

func followedByMark(s string, p int) bool {
	if p >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[p:])
	return isMark(r)
}

func isMark(r rune) bool { return unicode.Is(unicode.M, r) }

// isIgnorable reports invisible characters that the tolerant match drops.
func isIgnorable(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

func isIgnorableOrSpace(r rune) bool { return isIgnorable(r) || unicode.IsSpace(r) }

// foldRune maps a rune to its tolerant form, one rune for one: typographic apostrophes,
// quotation marks and dashes to their ASCII forms, every space to ' '.
func foldRune(r rune) rune {
	switch r {
	case '’', '‘', '‚', '‛', 'ʼ', '′', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '«', '»', '‹', '›', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return r
}

// folded is a text in tolerant form, with for each of its runes the span of the original
// text (in runes) it comes from.
type folded struct {
	s     string
	off   []int32 // byte offset in s of each folded rune, then len(s)
	start []int32 // first original rune of each folded rune
	end   []int32 // end (excluded) of the original runes of each folded rune
}

// foldText puts text in the tolerant form FindQuote matches on: NFC, foldRune, invisible
// characters dropped, whitespace runs collapsed to one space, no space next to punctuation
// nor at either end.
func foldText(text string) folded {
	fb := folder{last: -1}
	fb.sb.Grow(len(text))
	fb.f.off = make([]int32, 0, len(text)+1)
	fb.f.start = make([]int32, 0, len(text))
	fb.f.end = make([]int32, 0, len(text))
	if norm.NFC.IsNormalString(text) {
		i := 0
		for _, r := range text {
			fb.add(r, i, i+1)
			i++
		}
	} else {
		var it norm.Iter
		it.InitString(norm.NFC, text)
		prevByte, srcRune := 0, 0
		segStart, segEnd := 0, 0
		for !it.Done() {
			seg := it.Next()
			pos := it.Pos()
			if n := utf8.RuneCountInString(text[prevByte:pos]); n > 0 {
				segStart, segEnd = srcRune, srcRune+n
				srcRune += n
			} // else: more output of the previous source segment
			prevByte = pos
			for len(seg) > 0 {
				r, size := utf8.DecodeRune(seg)
				seg = seg[size:]
				fb.add(r, segStart, segEnd)
			}
		}
	}
	fb.f.s = fb.sb.String()
	fb.f.off = append(fb.f.off, int32(len(fb.f.s)))
	return fb.f
}

// folder is the state of foldText.
type folder struct {
	f              folded
	sb             strings.Builder
	last           rune // last rune written, -1 for none
	pending        bool // a whitespace run is waiting to be written
	spStart, spEnd int  // its original span
}

// add folds one rune of the (NFC) text whose original span is [s, e).
func (fb *folder) add(r rune, s, e int) {
	if isIgnorable(r) {
		return
	}
	r = foldRune(r)
	switch r {
	case ' ':
		if !fb.pending {
			fb.pending, fb.spStart = true, s
		}
		fb.spEnd = e
	case '…':
		fb.write('.', s, e)
		fb.write('.', s, e)
		fb.write('.', s, e)
	default:
		fb.write(r, s, e)
	}
}

// write appends one non-space rune, first flushing a pending space unless it comes at the
// start of the text or next to punctuation.
func (fb *folder) write(r rune, s, e int) {
	if fb.pending {
		fb.pending = false
		if fb.last >= 0 && !unicode.IsPunct(fb.last) && !unicode.IsPunct(r) {
			fb.record(' ', fb.spStart, fb.spEnd)
		}
	}
	fb.record(r, s, e)
	fb.last = r
}

func (fb *folder) record(r rune, s, e int) {
	fb.f.off = append(fb.f.off, int32(fb.sb.Len()))
	fb.f.start = append(fb.f.start, int32(s))
	fb.f.end = append(fb.f.end, int32(e))
	fb.sb.WriteRune(r)
}

// occurrences finds up to limit (all when limit < 0) non-overlapping occurrences of the folded
// quote q, as rune ranges of the original text, skipping any followed by a combining mark.
func (f folded) occurrences(q string, limit int) [][2]int {
	var out [][2]int
	if q == "" {
		return out
	}
	n := len(f.start)
	for pos := 0; pos < len(f.s) && (limit < 0 || len(out) < limit); {
		i := strings.Index(f.s[pos:], q)
		if i < 0 {
			break
		}
		b := pos + i
		first, _ := slices.BinarySearch(f.off, int32(b))
		last, _ := slices.BinarySearch(f.off, int32(b+len(q))) // folded rune just after the match
		if last < n {
			if r, _ := utf8.DecodeRuneInString(f.s[b+len(q):]); isMark(r) {
				_, size := utf8.DecodeRuneInString(f.s[b:])
				pos = b + size
				continue
			}
		}
		out = append(out, [2]int{int(f.start[first]), int(f.end[last-1])})
		pos = b + len(q)
	}
	return out
}

// MatchStatus says how Reanchor found a quote again.
type MatchStatus string

// The outcomes of Reanchor, from the surest to lost.
const (
	Exact MatchStatus = "exact" // the quote is still at its offsets
	Moved MatchStatus = "moved" // the exact quote is elsewhere in the text
	Fuzzy MatchStatus = "fuzzy" // a passage close to the quote, in a similar context
	Lost  MatchStatus = "lost"  // nothing close enough
)

// Match is the result of Reanchor.
type Match struct {
	// Anchor is the quote's anchor in the new text; for Lost, the old anchor unchanged.
	Anchor Anchor
	// Score is the confidence in 0..1: 1 for Exact; for Moved and Fuzzy
	// QuoteWeight*quote similarity + (1-QuoteWeight)*context similarity; for Lost the best
	// score seen (below MinFuzzyScore), 0 when nothing resembled the quote.
	Score  float64
	Status MatchStatus
}

// Scoring of Reanchor. Similarities are 1 - Levenshtein distance / length of the longer
// string, on runes, after folding typographic apostrophes, quotes, dashes and spaces.
const (
	// QuoteWeight is the weight of the quote's similarity in a score; the context (the average
	// of the prefix's and suffix's similarities) has the rest.
	QuoteWeight = 0.7
	// MinFuzzyScore is the lowest score a Fuzzy match may have; below it the quote is Lost.
	MinFuzzyScore = 0.75
	// maxFuzzyCandidates bounds the approximate end positions examined in detail.
	maxFuzzyCandidates = 16
	// maxStarts: for each candidate end, the starts tried are those within max(2, m/8) edits
	// of the best (m: the quote's length), at most maxStarts of them; the context decides
	// among them (a word inserted at the quote's start is in the match, not cut off).
	maxStarts = 32
	// wordSnap is how far a fuzzy match may grow to reach a word boundary.
	wordSnap = 20
)

// Reanchor finds anchor a again in text, which may have changed since a was made:
//
//   - Exact: the runes at a.Start:a.End are still a.Exact (score 1);
//   - Moved: a.Exact is elsewhere; among several occurrences the one whose context best
//     matches a.Prefix and a.Suffix wins, then the one nearest a.Start;
//   - Fuzzy: no exact occurrence, but an approximate one scoring at least MinFuzzyScore
//     (found by bit-parallel approximate matching over the whole text, Myers 1999, then
//     scored on quote and context; the match is widened to whole words). A passage whose
//     figures (its digits, in order) differ from the quote's is never accepted: in a
//     fact-check a changed number is a different claim;
//   - Lost: nothing scores enough, or text or a.Exact is empty.
//
// Offsets are in runes. The returned anchor's context is taken from text.
func Reanchor(text string, a Anchor) Match {
	lost := Match{Anchor: a, Status: Lost}
	if text == "" || a.Exact == "" {
		return lost
	}
	if a.Valid(text) {
		return Match{Anchor: mustAnchor(text, a.Start, a.End), Score: 1, Status: Exact}
	}
	prefix, suffix := foldRunes([]rune(a.Prefix)), foldRunes([]rune(a.Suffix))

	if occ := exactOccurrences(text, a.Exact, -1, true); len(occ) > 0 {
		best, bestCtx := -1, -1.0
		for i, o := range occ {
			before := foldRunes([]rune(lastRunes(text[:o.bs], len(prefix))))
			after := foldRunes([]rune(firstRunes(text[o.be:], len(suffix))))
			c := contextSimilarity(before, after, prefix, suffix)
			if c > bestCtx+1e-9 || (c > bestCtx-1e-9 && abs(o.rs-a.Start) < abs(occ[best].rs-a.Start)) {
				best, bestCtx = i, c
			}
		}
		o := occ[best]
		moved := Anchor{
			Start:  o.rs,
			End:    o.re,
			Exact:  text[o.bs:o.be],
			Prefix: lastRunes(text[:o.bs], ContextRunes),
			Suffix: firstRunes(text[o.be:], ContextRunes),
		}
		return Match{Anchor: moved, Score: QuoteWeight + (1-QuoteWeight)*bestCtx, Status: Moved}
	}

	runes := []rune(text)
	n := len(runes)
	ft := foldRunes(runes)
	quote := foldRunes([]rune(a.Exact))
	m := len(quote)
	// A match scores at most QuoteWeight*qs + (1-QuoteWeight), so a quote similarity below
	// minQS can never reach MinFuzzyScore: at most k edits are worth looking at.
	minQS := (MinFuzzyScore - (1 - QuoteWeight)) / QuoteWeight
	k := int(float64(m)*(1-minQS)) + 1
	ends := fuzzyEnds(ft, quote, k, a.End)
	if len(ends) == 0 {
		return lost
	}
	wordStart := !(isWordRune(lastRune(a.Prefix)) && isWordRune(quote[0]))
	wordEnd := !(isWordRune(quote[m-1]) && isWordRune(firstRune(a.Suffix)))
	figures := digits(quote)
	fwd, back := newMyers(quote), newMyers(reverseRunes(quote))
	bestStart, bestEnd, bestScore, lostScore := -1, -1, -1.0, 0.0
	seen := map[[2]int]bool{}
	for _, e := range ends {
		w := min(e.end, m+k)
		for _, t := range back.anchoredLengths(reverseRunes(ft[e.end-w:e.end]), max(2, m/8), maxStarts) {
			start, end := e.end-t, e.end
			if wordStart {
				for lim := start - wordSnap; start > 0 && start > lim && isWordRune(ft[start-1]) && isWordRune(ft[start]); {
					start--
				}
			}
			if wordEnd {
				for lim := end + wordSnap; end < n && end < lim && isWordRune(ft[end-1]) && isWordRune(ft[end]); {
					end++
				}
			}
			if start >= end || seen[[2]int{start, end}] {
				continue
			}
			seen[[2]int{start, end}] = true
			region := ft[start:end]
			qs := 1 - float64(fwd.distance(region))/float64(max(m, len(region)))
			before := ft[max(0, start-len(prefix)):start]
			after := ft[end:min(n, end+len(suffix))]
			s := QuoteWeight*qs + (1-QuoteWeight)*contextSimilarity(before, after, prefix, suffix)
			if digits(region) != figures {
				lostScore = max(lostScore, s)
				continue
			}
			if s > bestScore+1e-9 || (s > bestScore-1e-9 && abs(start-a.Start) < abs(bestStart-a.Start)) {
				bestStart, bestEnd, bestScore = start, end, s
			}
		}
	}
	if bestScore < MinFuzzyScore {
		lost.Score = max(lostScore, bestScore, 0)
		return lost
	}
	return Match{Anchor: mustAnchor(text, bestStart, bestEnd), Score: bestScore, Status: Fuzzy}
}

// digits is the string of the decimal digits in rs, in order: the figures of a quote.
func digits(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lastRunes returns the last n runes of s (fewer when s is shorter).
func lastRunes(s string, n int) string {
	b := len(s)
	for ; n > 0 && b > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:b])
		b -= size
	}
	return s[b:]
}

// firstRunes returns the first n runes of s (fewer when s is shorter).
func firstRunes(s string, n int) string {
	b := 0
	for ; n > 0 && b < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[b:])
		b += size
	}
	return s[:b]
}

// foldRunes applies foldRune to every rune (a copy; same length, so offsets hold).
func foldRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = foldRune(r)
	}
	return out
}

func reverseRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[len(rs)-1-i] = r
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if s == "" {
		return -1
	}
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" {
		return -1
	}
	return r
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// contextSimilarity compares the old context (prefix, suffix) with the runes before and after
// a candidate, taken as many as the old context has (fewer at the edges of the text). An
// empty old context (the quote was at an edge of the text) says nothing and counts as similar.
func contextSimilarity(before, after, prefix, suffix []rune) float64 {
	return (similarity(prefix, before) + similarity(suffix, after)) / 2
}

// similarity is 1 - Levenshtein(a, b) / max(len(a), len(b)); 1 for two empty strings.
func similarity(a, b []rune) float64 {
	l := max(len(a), len(b))
	if l == 0 {
		return 1
	}
	return 1 - float64(levenshtein(a, b))/float64(l)
}

// levenshtein is the edit distance between a and b (insertions, deletions, substitutions).
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
		}
	}
	return row[len(b)]
}

// fuzzyEnd is where an approximate occurrence of a pattern ends (excluded) and its distance.
type fuzzyEnd struct{ end, dist int }

// fuzzyEnds returns the ends of the best approximate occurrences of pattern in text with at
// most k edits: local minima of the distance, the smallest first, then the nearest to near;
// at most maxFuzzyCandidates.
func fuzzyEnds(text, pattern []rune, k, near int) []fuzzyEnd {
	var ends []fuzzyEnd
	prev2, prev := len(pattern)+1, len(pattern) // distances at j-2 and j-1 (j-1 = 0: the empty prefix)
	newMyers(pattern).scan(text, false, func(j, d int) {
		if j >= 2 && prev <= k && prev <= prev2 && prev < d {
			ends = append(ends, fuzzyEnd{j - 1, prev})
		}
		prev2, prev = prev, d
	})
	if prev <= k && prev <= prev2 && len(text) > 0 {
		ends = append(ends, fuzzyEnd{len(text), prev})
	}
	sort.Slice(ends, func(i, j int) bool {
		if ends[i].dist != ends[j].dist {
			return ends[i].dist < ends[j].dist
		}
		return abs(ends[i].end-near) < abs(ends[j].end-near)
	})
	if len(ends) > maxFuzzyCandidates {
		ends = ends[:maxFuzzyCandidates]
	}
	return ends
}

// myers is Myers' bit-vector algorithm for approximate string matching (G. Myers, "A fast
// bit-vector algorithm for approximate string matching based on dynamic programming", JACM
// 1999), in the block form of Hyyrö (2003) for patterns longer than 64 runes, as in edlib.
type myers struct {
	m      int
	blocks int
	ascii  [128]int32     // symbol of an ASCII rune; -1 when not in the pattern
	other  map[rune]int32 // symbol of any other rune in the pattern
	peq    [][]uint64     // peq[symbol][block]: the pattern rows holding that symbol
	pv, mv []uint64       // scan state
	last   uint64         // bit of the pattern's last row in the last block
}

func newMyers(pattern []rune) *myers {
	m := len(pattern)
	b := (m + 63) / 64
	my := &myers{m: m, blocks: b, other: map[rune]int32{}, last: 1 << uint((m-1)%64)}
	for i := range my.ascii {
		my.ascii[i] = -1
	}
	for i, r := range pattern {
		s := my.symbol(r)
		if s < 0 {
			s = int32(len(my.peq))
			my.peq = append(my.peq, make([]uint64, b))
			if r < 128 && r >= 0 {
				my.ascii[r] = s
			} else {
				my.other[r] = s
			}
		}
		my.peq[s][i/64] |= 1 << uint(i%64)
	}
	my.pv = make([]uint64, b)
	my.mv = make([]uint64, b)
	return my
}

func (my *myers) symbol(r rune) int32 {
	if r >= 0 && r < 128 {
		return my.ascii[r]
	}
	if s, ok := my.other[r]; ok {
		return s
	}
	return -1
}

// scan runs the pattern over text and calls fn(j, d) for j = 1..len(text), d being the edit
// distance of the whole pattern to the best substring of text ending at j (excluded). With
// anchored, that substring is text[0:j]; without it, it may start anywhere.
func (my *myers) scan(text []rune, anchored bool, fn func(j, d int)) {
	if my.m == 0 {
		return
	}
	for b := range my.pv {
		my.pv[b], my.mv[b] = ^uint64(0), 0
	}
	zero := make([]uint64, my.blocks)
	top := 0
	if anchored {
		top = 1
	}
	score := my.m
	if my.blocks == 1 {
		my.scan1(text, top, fn)
		return
	}
	pvs, mvs := my.pv, my.mv
	nb := my.blocks
	lastShift := uint((my.m - 1) % 64)
	for j, r := range text {
		eqs := zero
		if s := my.symbol(r); s >= 0 {
			eqs = my.peq[s]
		}
		eqs = eqs[:nb]
		hin := top
		for b := range nb {
			pv, mv, eq := pvs[b], mvs[b], eqs[b]
			xv := eq | mv
			hinNeg := uint64(0)
			if hin < 0 {
				hinNeg = 1
			}
			eq |= hinNeg
			xh := (((eq & pv) + pv) ^ pv) | eq
			ph := mv | ^(xh | pv)
			mh := pv & xh
			shift := uint(63)
			if b == nb-1 {
				shift = lastShift
			}
			hout := int((ph>>shift)&1) - int((mh>>shift)&1)
			ph <<= 1
			mh = mh<<1 | hinNeg
			if hin > 0 {
				ph |= 1
			}
			pvs[b] = mh | ^(xv | ph)
			mvs[b] = ph & xv
			hin = hout
		}
		score += hin
		fn(j+1, score)
	}
}

// scan1 is scan for patterns of at most 64 runes: one block, kept in registers.
func (my *myers) scan1(text []rune, top int, fn func(j, d int)) {
	pv, mv := ^uint64(0), uint64(0)
	score := my.m
	last := my.last
	var carry uint64 // the horizontal delta entering the top row: +1 when anchored
	if top > 0 {
		carry = 1
	}
	for j, r := range text {
		var eq uint64
		if r >= 0 && r < 128 {
			if s := my.ascii[r]; s >= 0 {
				eq = my.peq[s][0]
			}
		} else if s, ok := my.other[r]; ok {
			eq = my.peq[s][0]
		}
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | carry
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		fn(j+1, score)
	}
}

// anchoredLengths returns the lengths t of the prefixes text[0:t] closest to the pattern: those
// within slack edits of the best, the closest first and, among equals, the length nearest the
// pattern's; at most limit of them.
func (my *myers) anchoredLengths(text []rune, slack, limit int) []int {
	type td struct{ t, d int }
	var all []td
	bestD := my.m
	my.scan(text, true, func(j, d int) {
		all = append(all, td{j, d})
		bestD = min(bestD, d)
	})
	var keep []td
	for _, x := range all {
		if x.d <= bestD+slack {
			keep = append(keep, x)
		}
	}
	sort.Slice(keep, func(i, j int) bool {
		if keep[i].d != keep[j].d {
			return keep[i].d < keep[j].d
		}
		return abs(keep[i].t-my.m) < abs(keep[j].t-my.m)
	})
	out := make([]int, 0, min(limit, len(keep)))
	for _, x := range keep[:min(limit, len(keep))] {
		out = append(out, x.t)
	}
	return out
}

// distance is the edit distance between the whole pattern and the whole of text.
func (my *myers) distance(text []rune) int {
	d := my.m
	my.scan(text, true, func(_, dj int) { d = dj })
	return d
}
