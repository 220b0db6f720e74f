package textview

import (
	"math"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
)

// fontKey identifies the font a View measures with: text size, style and the theme's font.
type fontKey struct {
	size  float32
	style fyne.TextStyle
	font  string
}

// denseRunes bounds the runes whose advances and pair corrections live in arrays rather than
// maps: Latin-1 covers English and French apart from typographic quotes and dashes.
const denseRunes = 256

// fontMetrics holds what the layout needs to know about one font: the advance of each rune and
// the correction (kerning) of each pair of adjacent runes, both measured with fyne.MeasureText.
//
// Measuring every distinct word of an article costs about 10 µs a word (6,000 distinct words in
// a 200 KB article is 60 ms); measuring each distinct rune and each distinct adjacent pair once
// per process costs a fraction of that and reproduces Fyne's shaping of a line exactly for
// Latin text, because kerning is a property of adjacent pairs. The tables are shared by every
// View using the same font.
type fontMetrics struct {
	mu sync.Mutex

	key              fontKey
	height, baseline float32

	denseAdv  [denseRunes]float32
	adv       map[rune]float32
	densePair []float32 // denseRunes*denseRunes corrections, NaN until measured
	pair      map[uint64]float32
}

var (
	metricsMu    sync.Mutex
	metricsByKey = map[fontKey]*fontMetrics{}
)

// metricsFor returns the shared metrics of a font, creating them on first use.
func metricsFor(key fontKey) *fontMetrics {
	metricsMu.Lock()
	defer metricsMu.Unlock()
	if fm, ok := metricsByKey[key]; ok {
		return fm
	}
	fm := &fontMetrics{key: key, adv: map[rune]float32{}, pair: map[uint64]float32{}}
	nan := float32(math.NaN())
	for i := range fm.denseAdv {
		fm.denseAdv[i] = nan
	}
	fm.densePair = make([]float32, denseRunes*denseRunes)
	for i := range fm.densePair {
		fm.densePair[i] = nan
	}
	size, base := fyne.CurrentApp().Driver().RenderedTextSize("Mg", key.size, key.style, nil)
	fm.height, fm.baseline = size.Height, base
	metricsByKey[key] = fm
	return fm
}

// zeroWidth reports runes that take no room in a line: control characters other than tab
// (a carriage return before a newline, for instance) are not drawn.
func zeroWidth(r rune) bool {
	return r != '\t' && unicode.IsControl(r)
}

func (fm *fontMetrics) measure(s string) float32 {
	return fyne.MeasureText(s, fm.key.size, fm.key.style).Width
}

// advance returns the width of r drawn alone. The caller holds fm.mu.
func (fm *fontMetrics) advance(r rune) float32 {
	if r >= 0 && r < denseRunes {
		if w := fm.denseAdv[r]; w == w { // not NaN
			return w
		}
	} else if w, ok := fm.adv[r]; ok {
		return w
	}
	var w float32
	switch {
	case r == '\t':
		w = fm.measure("    ")
	case !zeroWidth(r):
		w = fm.measure(string(r))
	}
	if r >= 0 && r < denseRunes {
		fm.denseAdv[r] = w
	} else {
		fm.adv[r] = w
	}
	return w
}

// kern returns how much drawing b right after a changes the width, compared with the sum of
// their advances. The caller holds fm.mu.
func (fm *fontMetrics) kern(a, b rune) float32 {
	dense := a >= 0 && a < denseRunes && b >= 0 && b < denseRunes
	if dense {
		if k := fm.densePair[int(a)*denseRunes+int(b)]; k == k {
			return k
		}
	} else if k, ok := fm.pair[uint64(uint32(a))<<32|uint64(uint32(b))]; ok {
		return k
	}
	var k float32
	if !zeroWidth(a) && !zeroWidth(b) && a != '\t' && b != '\t' {
		k = fm.measure(string([]rune{a, b})) - fm.advance(a) - fm.advance(b)
		if k > -0.01 && k < 0.01 {
			k = 0
		}
	}
	if dense {
		fm.densePair[int(a)*denseRunes+int(b)] = k
	} else {
		fm.pair[uint64(uint32(a))<<32|uint64(uint32(b))] = k
	}
	return k
}
