package textview

import (
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestRuneSeqNarrowAndWide(t *testing.T) {
	var s runeSeq
	s.set("Ça coûte 3\u202f€ « déjà » l’été")
	if s.wide != nil {
		t.Fatalf("a Latin text with typographic marks was stored four bytes a rune")
	}
	want := []rune("Ça coûte 3\u202f€ « déjà » l’été")
	if s.len() != len(want) {
		t.Fatalf("len = %d, want %d", s.len(), len(want))
	}
	for i, r := range want {
		if s.at(i) != r {
			t.Errorf("at(%d) = %q, want %q", i, s.at(i), r)
		}
	}
	if got := s.str(3, 9); got != string(want[3:9]) {
		t.Errorf("str(3, 9) = %q, want %q", got, string(want[3:9]))
	}
	buf := &s.bmp[0]
	s.set("short")
	if &s.bmp[0] != buf || s.str(0, s.len()) != "short" {
		t.Errorf("a shorter text did not reuse the buffer or reads %q", s.str(0, s.len()))
	}

	s.set("smile 🙂 北京")
	want = []rune("smile 🙂 北京")
	if s.wide == nil || s.len() != len(want) || s.at(6) != '🙂' || s.at(8) != '北' || s.str(6, 9) != "🙂 北" {
		t.Errorf("text with an emoji: len %d, at(6) %q, str %q", s.len(), s.at(6), s.str(6, 9))
	}
	s.set("")
	if s.len() != 0 || s.wide != nil {
		t.Errorf("empty text: len %d", s.len())
	}
}

// The wrapper adds widths as it goes and x answers later from the line cache or by adding
// them again: all must agree exactly, so that a line the wrapper found to fit still fits, and
// with a full sum from any offset.
func TestWidthsAgreeFromCacheAndSums(t *testing.T) {
	for _, text := range []string{article(30_000), strings.Repeat("Tʼa 🙂 l’été AVATAR «\u00a0vu\u00a0» 北京. ", 200)} {
		v, _ := laidOut(t, text, 500, 400)
		m := &v.m
		sum := func(s, o int) float32 {
			m.fm.mu.Lock()
			defer m.fm.mu.Unlock()
			var acc float32
			for j := s; j < o; j++ {
				acc += m.term(j, s)
			}
			return acc
		}
		for li := 0; li < len(m.lines); li += 3 {
			l := m.lines[li]
			for _, o := range []int{l.start + (l.end-l.start)/3, l.end} {
				cached := m.x(l.start, o)
				if again := m.x(l.start, o); again != cached {
					t.Fatalf("line %d: x from the cache %v, first %v", li, again, cached)
				}
				if want := sum(l.start, o); cached != want {
					t.Fatalf("line %d: x(%d, %d) = %v, sum of terms %v", li, l.start, o, cached, want)
				}
			}
			if mid := l.start + (l.end-l.start)/2; mid > l.start {
				if got, want := m.x(mid, l.end), sum(mid, l.end); got != want {
					t.Fatalf("line %d from mid-line: x = %v, sum %v", li, got, want)
				}
			}
		}
		// Past the end of its line (the next word, as the wrapper tried it).
		if len(m.lines) > 2 && m.lines[1].start == m.lines[0].end {
			l, next := m.lines[0], m.lines[1]
			if got, want := m.x(l.start, next.end), sum(l.start, next.end); got != want {
				t.Errorf("x across a wrap = %v, sum %v", got, want)
			}
		}
	}
}

// A long article must not cost more memory than its runes and lines need: the first write to
// fresh memory is what made the layout three times slower on a virtual machine.
func TestLayoutMemoryIsAboutTwoBytesARune(t *testing.T) {
	test.NewTempApp(t)
	text := article(200_000)
	n := len([]rune(text))
	key := fontKey{size: 14, font: test.Theme().Font(fyne.TextStyle{}).Name()}
	fm := metricsFor(key)
	layout := func() *model {
		m := newModel()
		m.setText(text)
		m.measure(fm)
		m.lineHeight, m.paraGap = 20, 10
		m.wrap(600)
		return &m
	}
	layout() // the font tables learn the runes and pairs once per process
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m := layout()
	runtime.ReadMemStats(&after)
	bytes := after.TotalAlloc - before.TotalAlloc
	if limit := uint64(n)*2 + uint64(len(m.lines))*24*2 + 64<<10; bytes > limit {
		t.Errorf("laying out %d runes in %d lines allocated %d bytes, more than %d", n, len(m.lines), bytes, limit)
	}
	if len(m.lines) < 1000 {
		t.Errorf("only %d lines", len(m.lines))
	}
	// Setting a text no longer than the last one reuses its rune buffer.
	runtime.ReadMemStats(&before)
	m.setText(text[:len(text)/2])
	runtime.ReadMemStats(&after)
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 16<<10 {
		t.Errorf("setting a shorter text allocated %d bytes", grown)
	}
}
