package textview

import (
	"math"
	"sort"
	"unicode"
)

// line is one wrapped line: the runes [start, end) of the text, drawn with its top at y
// (relative to the top of the text). The newline that ends a paragraph belongs to no line;
// a line that was wrapped keeps the spaces where it broke, so lines[i].end == lines[i+1].start.
type line struct {
	start, end int
	y          float32
}

// seg is a unit the wrapper never splits unless it is wider than a line: the word runes
// [start, wordEnd) and the breaking spaces [wordEnd, end) that hang after them.
type seg struct{ start, wordEnd, end int32 }

// para is a paragraph: the runes [start, end) between two newlines and its segments.
type para struct {
	start, end       int
	firstSeg, endSeg int
}

// model is the text, its measurements and its wrapped lines; it knows nothing of widgets.
//
// Widths come from prefix sums: cum[i] is the width of runes[:i] drawn as one run, so the
// width of any stretch of a line is a subtraction and needs no call to the font engine. The
// sums depend on the font only, so a new width re-wraps without measuring anything.
type model struct {
	text  string
	runes []rune
	paras []para
	segs  []seg

	fm  *fontMetrics
	cum []float64 // cum[i]: width of runes[:i], kerning included
	kb  []float32 // kb[i]: kerning between runes[i-1] and runes[i], dropped at a line start

	textHeight, baseline float32
	lineHeight, paraGap  float32
	spaceW               float32

	wrapWidth float32 // width the lines were wrapped at; -1 when they must be rebuilt
	lines     []line
	height    float32
	wraps     int // number of times the text was wrapped: tests prove a change did not re-wrap
}

func newModel() model {
	m := model{wrapWidth: -1}
	m.setText("")
	return m
}

// setText replaces the text and splits it into paragraphs and segments; measurements and
// lines must be rebuilt afterwards.
func (m *model) setText(text string) {
	m.text = text
	m.runes = []rune(text)
	m.segment()
	m.fm = nil
	m.wrapWidth = -1
	m.lines = m.lines[:0]
	m.height = 0
}

// isBreakSpace reports whitespace a line may break after. No-break spaces (French puts them
// before « ; : ! ? » and in numbers) keep their neighbours together; newlines end paragraphs.
func isBreakSpace(r rune) bool {
	switch r {
	case ' ', '\t':
		return true
	case '\n', '\u00a0', '\u202f', '\u2007', '\u2060', '\ufeff':
		return false
	}
	return unicode.IsSpace(r)
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014'
}

func (m *model) segment() {
	m.paras = m.paras[:0]
	m.segs = m.segs[:0]
	rs := m.runes
	n := len(rs)
	for ps := 0; ps <= n; {
		pe := ps
		for pe < n && rs[pe] != '\n' {
			pe++
		}
		first := len(m.segs)
		for i := ps; i < pe; {
			st := i
			for i < pe && !isBreakSpace(rs[i]) {
				i++
				// A line may break after a hyphen inside a word ("Nagorny-|Karabakh").
				if isHyphen(rs[i-1]) && i-1 > st && unicode.IsLetter(rs[i-2]) && i < pe && unicode.IsLetter(rs[i]) {
					break
				}
			}
			we := i
			for i < pe && isBreakSpace(rs[i]) {
				i++
			}
			m.segs = append(m.segs, seg{int32(st), int32(we), int32(i)})
		}
		m.paras = append(m.paras, para{start: ps, end: pe, firstSeg: first, endSeg: len(m.segs)})
		ps = pe + 1
	}
}

// measure builds the prefix sums for a font. It is the only step that asks the font engine
// anything, and only about runes and pairs it has not seen before.
func (m *model) measure(fm *fontMetrics) {
	m.fm = fm
	n := len(m.runes)
	if cap(m.cum) >= n+1 {
		m.cum = m.cum[:n+1]
		m.kb = m.kb[:n]
	} else {
		m.cum = make([]float64, n+1)
		m.kb = make([]float32, n)
	}
	fm.mu.Lock()
	defer fm.mu.Unlock()
	m.spaceW = fm.advance(' ')
	var c float64
	prev := rune('\n')
	for i, r := range m.runes {
		var w, k float32
		if r != '\n' {
			if r >= 0 && r < denseRunes && fm.denseAdv[r] == fm.denseAdv[r] {
				w = fm.denseAdv[r]
			} else {
				w = fm.advance(r)
			}
			if prev != '\n' {
				if r < denseRunes && prev >= 0 && prev < denseRunes {
					k = fm.densePair[int(prev)*denseRunes+int(r)]
					if k != k {
						k = fm.kern(prev, r)
					}
				} else {
					k = fm.kern(prev, r)
				}
			}
		}
		m.kb[i] = k
		c += float64(w + k)
		m.cum[i+1] = c
		prev = r
	}
	m.wrapWidth = -1
}

// x is the width of the runes [s, o) drawn as a line that starts at s.
func (m *model) x(s, o int) float32 {
	if o <= s {
		return 0
	}
	return float32(m.cum[o]-m.cum[s]) - m.kb[s]
}

// wrap breaks every paragraph into lines no wider than maxW (trailing spaces may hang over).
func (m *model) wrap(maxW float32) {
	m.wraps++
	m.wrapWidth = maxW
	lines := m.lines[:0]
	var y float32
	lh := m.lineHeight
	for pi, p := range m.paras {
		// A gap between two paragraphs of text; a text that separates paragraphs with blank
		// lines gets its blank lines and no gap on top.
		if pi > 0 && p.start < p.end && m.paras[pi-1].start < m.paras[pi-1].end {
			y += m.paraGap
		}
		ls := p.start
		for si := p.firstSeg; si < p.endSeg; si++ {
			s := m.segs[si]
			st, we := int(s.start), int(s.wordEnd)
			for m.x(ls, we) > maxW {
				if st > ls { // the word goes to the next line
					lines = append(lines, line{ls, st, y})
					y += lh
					ls = st
					continue
				}
				o := m.fit(ls, we, maxW) // a word wider than the line breaks by character
				lines = append(lines, line{ls, o, y})
				y += lh
				ls = o
			}
		}
		lines = append(lines, line{ls, p.end, y})
		y += lh
	}
	m.lines = lines
	m.height = y
}

// fit returns the largest o in (ls, we) such that [ls, o) fits in maxW, at least ls+1, and
// never just before a combining mark.
func (m *model) fit(ls, we int, maxW float32) int {
	lo, hi := ls+1, we
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.x(ls, mid) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	for lo > ls+1 && lo < len(m.runes) && unicode.Is(unicode.Mn, m.runes[lo]) {
		lo--
	}
	return lo
}

// lineAtY returns the line whose box (or the paragraph gap after it) holds y, clamped to the
// first and last lines.
func (m *model) lineAtY(y float32) int {
	i := sort.Search(len(m.lines), func(i int) bool { return m.lines[i].y > y }) - 1
	if i < 0 {
		return 0
	}
	return i
}

// lineOf returns the line an offset is displayed on. An offset where a line was wrapped shows
// at the start of the next line; the offset of a newline shows at the end of its paragraph.
func (m *model) lineOf(off int) int {
	i := sort.Search(len(m.lines), func(i int) bool { return m.lines[i].start > off }) - 1
	if i < 0 {
		return 0
	}
	return i
}

// softEnd reports whether line li was wrapped (the paragraph goes on in the next line).
func (m *model) softEnd(li int) bool {
	return li+1 < len(m.lines) && m.lines[li+1].start == m.lines[li].end
}

// caretEnd is the last offset the caret may take on line li: on a wrapped line, before the
// space it was wrapped at, so that the caret stays on the line it was put on.
func (m *model) caretEnd(li int) int {
	l := m.lines[li]
	if m.softEnd(li) && l.end > l.start && isBreakSpace(m.runes[l.end-1]) {
		return l.end - 1
	}
	return l.end
}

// offsetInLine returns the caret offset on line li nearest to x.
func (m *model) offsetInLine(li int, x float32) int {
	l := m.lines[li]
	e := m.caretEnd(li)
	if x <= 0 {
		return l.start
	}
	lo, hi := l.start, e
	for lo < hi {
		mid := (lo + hi) / 2
		if m.x(l.start, mid) < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo > l.start {
		prev, cur := m.x(l.start, lo-1), m.x(l.start, lo)
		if cur >= x && x-prev < cur-x {
			lo--
		}
	}
	return lo
}

// offsetAt returns the caret offset nearest to a point in text coordinates. Above the text
// is its start, below it its end.
func (m *model) offsetAt(x, y float32) int {
	if len(m.lines) == 0 || y < 0 {
		return 0
	}
	li := m.lineAtY(y)
	if li == len(m.lines)-1 && y >= m.lines[li].y+m.lineHeight {
		return len(m.runes)
	}
	return m.offsetInLine(li, x)
}

// runeAt returns the index of the rune drawn under a point in text coordinates, or -1 when
// the point is beside the text, in a gap between paragraphs or past the end of a line.
func (m *model) runeAt(x, y float32) int {
	if len(m.lines) == 0 || y < 0 || x < 0 {
		return -1
	}
	li := m.lineAtY(y)
	l := m.lines[li]
	if y >= l.y+m.lineHeight || l.end == l.start || x >= m.x(l.start, l.end) {
		return -1
	}
	lo, hi := l.start, l.end-1 // the largest o with x(start, o) <= x
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.x(l.start, mid) <= x {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// joinsWord reports a rune that belongs to the word around it: an apostrophe between letters
// ("l’Arménie", "don't") or a separator inside a number ("1,200", "3.5", "12 000").
func (m *model) joinsWord(i int) bool {
	if i <= 0 || i+1 >= len(m.runes) {
		return false
	}
	a, b := m.runes[i-1], m.runes[i+1]
	switch m.runes[i] {
	case '\'', '\u2019', '\u00b7':
		return unicode.IsLetter(a) && unicode.IsLetter(b)
	case '.', ',', '\u00a0', '\u202f':
		return unicode.IsDigit(a) && unicode.IsDigit(b)
	}
	return false
}

func (m *model) inWord(i int) bool { return isWordRune(m.runes[i]) || m.joinsWord(i) }

// wordAt returns the word around the rune at i: a run of word runes, a run of spaces, or the
// single punctuation mark at i. A newline gives an empty range.
func (m *model) wordAt(i int) (int, int) {
	n := len(m.runes)
	if n == 0 {
		return 0, 0
	}
	i = min(max(i, 0), n-1)
	r := m.runes[i]
	switch {
	case r == '\n':
		return i, i
	case m.inWord(i):
		s, e := i, i+1
		for s > 0 && m.inWord(s-1) {
			s--
		}
		for e < n && m.inWord(e) {
			e++
		}
		return s, e
	case unicode.IsSpace(r):
		s, e := i, i+1
		for s > 0 && m.runes[s-1] != '\n' && unicode.IsSpace(m.runes[s-1]) {
			s--
		}
		for e < n && m.runes[e] != '\n' && unicode.IsSpace(m.runes[e]) {
			e++
		}
		return s, e
	}
	return i, i + 1
}

// paraAt returns the paragraph holding offset off, without its newline.
func (m *model) paraAt(off int) (int, int) {
	i := sort.Search(len(m.paras), func(i int) bool { return m.paras[i].start > off }) - 1
	if i < 0 {
		i = 0
	}
	return m.paras[i].start, m.paras[i].end
}

// nextWordEnd and prevWordStart move the caret by words, as Ctrl+Right and Ctrl+Left do.
func (m *model) nextWordEnd(off int) int {
	n := len(m.runes)
	for off < n && !m.inWord(off) {
		off++
	}
	for off < n && m.inWord(off) {
		off++
	}
	return off
}

func (m *model) prevWordStart(off int) int {
	for off > 0 && !m.inWord(off-1) {
		off--
	}
	for off > 0 && m.inWord(off-1) {
		off--
	}
	return off
}

// lineText is what a line draws: its runes, without control characters and with each tab as
// four spaces (the width the metrics give a tab), so that drawing and measuring agree.
func (m *model) lineText(li int) string {
	l := m.lines[li]
	rs := m.runes[l.start:l.end]
	for _, r := range rs {
		if r == '\t' || zeroWidth(r) {
			clean := make([]rune, 0, len(rs)+3)
			for _, r := range rs {
				switch {
				case r == '\t':
					clean = append(clean, ' ', ' ', ' ', ' ')
				case !zeroWidth(r):
					clean = append(clean, r)
				}
			}
			return string(clean)
		}
	}
	return string(rs)
}

// unwrapped is the width used before the widget has a size: one line per paragraph.
var unwrapped = float32(math.Inf(1))
