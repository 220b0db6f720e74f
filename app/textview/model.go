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

// para is a paragraph: the runes [start, end) between two newlines.
type para struct{ start, end int }

// model is the text, its font and its wrapped lines; it knows nothing of widgets.
//
// Widths come from the font's shared tables of rune advances and pair corrections (see
// fontMetrics): the width of a stretch drawn from s is the sum, in order, of each rune's
// advance and its correction with the rune before it (none for the rune at s). The wrapper
// adds them up as it goes, and every later question (x) adds the same terms in the same
// order, so both agree to the bit. Besides the runes the model keeps no array per rune: prefix
// sums are kept only for the lines recently asked about (a small cache), which makes hit tests
// and highlights a subtraction. A 200 KB article takes 0.4 MB (its runes, see runeSeq) where
// the runes, per-rune sums and word units took 5 MB: memory a new view writes for the first
// time, which costs a page fault per 4 KB (about 10 µs of kernel time on a virtual machine).
type model struct {
	text  string
	runes runeSeq
	paras []para

	fm *fontMetrics

	textHeight, baseline float32
	lineHeight, paraGap  float32
	spaceW               float32

	wrapWidth float32 // width the lines were wrapped at; -1 when they must be rebuilt
	lines     []line
	height    float32
	wraps     int // number of times the text was wrapped: tests prove a change did not re-wrap

	gen int                     // bumped when the text, the font or the lines change
	pre [prefixSlots]linePrefix // prefix widths of recently used lines, by line index
}

// prefixSlots is the size of the cache of line prefix widths: more than the lines a window
// shows, so that drawing the lines in view never evicts one of them.
const prefixSlots = 256

// linePrefix holds w[k], the width of the runes [start, start+k) of line li.
type linePrefix struct {
	li, gen int
	w       []float32
}

func newModel() model {
	m := model{wrapWidth: -1}
	m.setText("")
	return m
}

// setText replaces the text and splits it into paragraphs; the font and the lines must be set
// again afterwards. The rune buffer of the previous text is reused when it is large enough.
func (m *model) setText(text string) {
	m.text = text
	m.runes.set(text)
	if m.runes.wide != nil {
		m.paras = splitParas(m.runes.wide, m.paras[:0])
	} else {
		m.paras = splitParas(m.runes.bmp, m.paras[:0])
	}
	m.fm = nil
	m.wrapWidth = -1
	m.lines = m.lines[:0]
	m.height = 0
	m.gen++
}

// splitParas appends the paragraphs of rs to paras.
func splitParas[T uint16 | rune](rs []T, paras []para) []para {
	ps := 0
	for i, r := range rs {
		if r == '\n' {
			paras = append(paras, para{ps, i})
			ps = i + 1
		}
	}
	return append(paras, para{ps, len(rs)})
}

// isBreakSpace reports whitespace a line may break after. No-break spaces (French puts them
// before « ; : ! ? » and in numbers) keep their neighbours together; newlines end paragraphs.
func isBreakSpace(r rune) bool {
	if r > ' ' && r < 0x7f {
		return false
	}
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

// unit returns the break unit that starts at i in a paragraph ending at pe: the word runes
// [i, wordEnd), which the wrapper never splits unless they are wider than a line, and the
// breaking spaces [wordEnd, end) that hang after them. A word also ends after a hyphen
// between letters ("Nagorny-|Karabakh").
func (m *model) unit(i, pe int) (wordEnd, end int) {
	if m.runes.wide != nil {
		return unitIn(m.runes.wide, i, pe)
	}
	return unitIn(m.runes.bmp, i, pe)
}

// unitIn is unit on the runes of either width; the compiler makes one copy for each.
func unitIn[T uint16 | rune](rs []T, i, pe int) (wordEnd, end int) {
	st := i
	for i < pe {
		r := rune(rs[i])
		if r > ' ' && r < 0x7f && r != '-' { // printable ASCII other than a hyphen: in the word
			i++
			continue
		}
		if isBreakSpace(r) {
			break
		}
		i++
		if isHyphen(r) && i-1 > st && unicode.IsLetter(rune(rs[i-2])) && i < pe && unicode.IsLetter(rune(rs[i])) {
			break
		}
	}
	wordEnd = i
	for i < pe && isBreakSpace(rune(rs[i])) {
		i++
	}
	return wordEnd, i
}

// measure sets the font the text is measured with. Runes and pairs the font's tables have not
// seen yet are measured as the wrapper meets them.
func (m *model) measure(fm *fontMetrics) {
	m.fm = fm
	fm.mu.Lock()
	m.spaceW = fm.advance(' ')
	fm.mu.Unlock()
	m.wrapWidth = -1
	m.gen++
}

// term is the width rune j adds to a stretch drawn from s: its advance, plus its correction
// with the rune before it unless j is s or follows a newline. A newline adds nothing. The
// caller holds m.fm.mu.
func (m *model) term(j, s int) float32 {
	fm := m.fm
	r := m.runes.at(j)
	if r == '\n' {
		return 0
	}
	var w, k float32
	if r >= 0 && r < denseRunes {
		if w = fm.denseAdv[r]; w != w { // NaN: not measured yet
			w = fm.advance(r)
		}
	} else {
		w = fm.advance(r)
	}
	if j > s {
		if p := m.runes.at(j - 1); p != '\n' {
			if r < denseRunes && p >= 0 && p < denseRunes {
				if k = fm.densePair[int(p)*denseRunes+int(r)]; k != k {
					k = fm.kern(p, r)
				}
			} else {
				k = fm.kern(p, r)
			}
		}
	}
	return w + k
}

// span returns acc plus the width of the runes [a, b) on a stretch drawn from s: the terms of
// term, added in order. The caller holds m.fm.mu.
func (m *model) span(acc float32, s, a, b int) float32 {
	if m.runes.wide != nil {
		return spanIn(m, m.runes.wide, acc, s, a, b)
	}
	return spanIn(m, m.runes.bmp, acc, s, a, b)
}

// spanIn is span on the runes of either width, with the common case (two Latin-1 runes
// already measured) inline.
func spanIn[T uint16 | rune](m *model, rs []T, acc float32, s, a, b int) float32 {
	fm := m.fm
	pair := fm.densePair
	for j := a; j < b; j++ {
		if r := rune(rs[j]); j > s && uint32(r) < denseRunes && r != '\n' {
			if p := rune(rs[j-1]); uint32(p) < denseRunes && p != '\n' {
				w, k := fm.denseAdv[r], pair[int(p)*denseRunes+int(r)]
				if w == w && k == k {
					acc += w + k
					continue
				}
			}
		}
		acc += m.term(j, s)
	}
	return acc
}

// x is the width of the runes [s, o) drawn as a line that starts at s.
func (m *model) x(s, o int) float32 {
	if o <= s || m.fm == nil {
		return 0
	}
	var acc float32
	from := s
	if len(m.lines) > 0 {
		if li := m.lineOf(s); m.lines[li].start == s {
			end := m.lines[li].end
			acc = m.prefix(li)[min(o, end)-s]
			if o <= end {
				return acc
			}
			from = end
		}
	}
	m.fm.mu.Lock()
	defer m.fm.mu.Unlock()
	return m.span(acc, s, from, o)
}

// prefix returns the prefix widths of line li, from the cache or added up now.
func (m *model) prefix(li int) []float32 {
	e := &m.pre[li%prefixSlots]
	if e.gen == m.gen && e.li == li && e.w != nil {
		return e.w
	}
	l := m.lines[li]
	w := append(e.w[:0], 0)
	m.fm.mu.Lock()
	var acc float32
	for j := l.start; j < l.end; j++ {
		acc += m.term(j, l.start)
		w = append(w, acc)
	}
	m.fm.mu.Unlock()
	e.li, e.gen, e.w = li, m.gen, w
	return w
}

// wrap breaks every paragraph into lines no wider than maxW (trailing spaces may hang over).
// It walks the text once, adding up the width of the line being filled.
func (m *model) wrap(maxW float32) {
	if m.runes.wide != nil {
		wrapIn(m, m.runes.wide, maxW)
	} else {
		wrapIn(m, m.runes.bmp, maxW)
	}
}

// wrapIn is wrap on the runes of either width.
func wrapIn[T uint16 | rune](m *model, rs []T, maxW float32) {
	m.wraps++
	m.gen++
	m.wrapWidth = maxW
	fm := m.fm
	fm.mu.Lock()
	defer fm.mu.Unlock()
	if n := len(m.lines); cap(m.lines) == 0 && n == 0 {
		m.lines = make([]line, 0, m.runes.len()/64+len(m.paras))
	}
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
		var acc float32 // width of [ls, i)
		for i := p.start; i < p.end; {
			we, end := unitIn(rs, i, p.end)
			w := spanIn(m, rs, acc, ls, i, we)
			for w > maxW {
				if i > ls { // the word goes to the next line
					lines = append(lines, line{ls, i, y})
					y += lh
					ls = i
				} else { // a word wider than the line breaks by character
					o := m.fit(ls, we, maxW)
					lines = append(lines, line{ls, o, y})
					y += lh
					ls, i = o, o
				}
				w = spanIn(m, rs, 0, ls, ls, we)
			}
			acc = spanIn(m, rs, w, ls, we, end)
			i = end
		}
		lines = append(lines, line{ls, p.end, y})
		y += lh
	}
	m.lines = lines
	m.height = y
}

// fit returns the largest o in (ls, we] such that [ls, o) fits in maxW, at least ls+1, and
// never just before a combining mark. The caller holds m.fm.mu.
func (m *model) fit(ls, we int, maxW float32) int {
	o := ls + 1
	var acc float32
	for j := ls; j < we; j++ {
		if acc += m.term(j, ls); acc > maxW {
			break
		}
		o = j + 1
	}
	o = max(o, ls+1)
	for o > ls+1 && o < m.runes.len() && unicode.Is(unicode.Mn, m.runes.at(o)) {
		o--
	}
	return o
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
	if m.softEnd(li) && l.end > l.start && isBreakSpace(m.runes.at(l.end-1)) {
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
		return m.runes.len()
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
	if i <= 0 || i+1 >= m.runes.len() {
		return false
	}
	a, b := m.runes.at(i-1), m.runes.at(i+1)
	switch m.runes.at(i) {
	case '\'', '\u2019', '\u00b7':
		return unicode.IsLetter(a) && unicode.IsLetter(b)
	case '.', ',', '\u00a0', '\u202f':
		return unicode.IsDigit(a) && unicode.IsDigit(b)
	}
	return false
}

func (m *model) inWord(i int) bool { return isWordRune(m.runes.at(i)) || m.joinsWord(i) }

// wordAt returns the word around the rune at i: a run of word runes, a run of spaces, or the
// single punctuation mark at i. A newline gives an empty range.
func (m *model) wordAt(i int) (int, int) {
	n := m.runes.len()
	if n == 0 {
		return 0, 0
	}
	i = min(max(i, 0), n-1)
	r := m.runes.at(i)
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
		for s > 0 && m.runes.at(s-1) != '\n' && unicode.IsSpace(m.runes.at(s-1)) {
			s--
		}
		for e < n && m.runes.at(e) != '\n' && unicode.IsSpace(m.runes.at(e)) {
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
	n := m.runes.len()
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
	for i := l.start; i < l.end; i++ {
		if r := m.runes.at(i); r == '\t' || zeroWidth(r) {
			clean := make([]rune, 0, l.end-l.start+3)
			for i := l.start; i < l.end; i++ {
				r := m.runes.at(i)
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
	return m.runes.str(l.start, l.end)
}

// unwrapped is the width used before the widget has a size: one line per paragraph.
var unwrapped = float32(math.Inf(1))
