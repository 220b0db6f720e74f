package textview

import (
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
)

// The benchmarks measure the targets of issue 3 on a generated 200 KB article with 1,000
// claims, headless at 640×480, and the same text in widget.RichText as the baseline, in the
// same run:
//
//	go test -run '^$' -bench . -benchmem -count 3 ./app/textview/
//
// Besides ns/op (wall time), each reports cpu-ms/op, the process's CPU time per operation,
// which other work on a shared machine disturbs less, and first-ms, the first operation of
// the process: cold, before Fyne's cache of measured strings and this package's font tables
// hold what it needs. Each loaded widget goes into a test window that is closed afterwards
// (outside the timer), so that Fyne drops its renderers as an app closing a pane would.

const benchBytes = 200_000

var (
	benchOnce   sync.Once
	benchText   string
	benchClaims []Highlight
	benchSize   = fyne.NewSize(640, 480)
)

func benchData(b *testing.B) (string, []Highlight) {
	b.Helper()
	benchOnce.Do(func() {
		benchText = article(benchBytes)
		benchClaims = claimsFor(benchText, 1000)
	})
	return benchText, benchClaims
}

// window shows o in a headless window of the benchmark size, with no padding.
func window(o fyne.CanvasObject) fyne.Window {
	w := test.NewWindow(o)
	w.SetPadded(false)
	w.Resize(benchSize)
	return w
}

// timedLoads runs b.N loads, each into a fresh window that already has the benchmark size
// (so that the widget is laid out once, at 640 px, as in a pane of a running app), and closes
// the window outside the timer. It reports cpu-ms/op over the timed part and first-ms, and
// returns the last window, still open.
func timedLoads(b *testing.B, name string, make func() fyne.CanvasObject) fyne.Window {
	open := func() fyne.Window {
		w := test.NewWindow(nil)
		w.SetPadded(false)
		w.Resize(benchSize)
		return w
	}
	w := open()
	first := firstOp(name, func() { w.SetContent(make()) })
	w.Close()
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w = open()
		b.StartTimer()
		c := cpuTime()
		w.SetContent(make())
		cpu += cpuTime() - c
		if i < b.N-1 {
			b.StopTimer()
			w.Close()
			b.StartTimer()
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(first)/1e6, "first-ms")
	return w
}

// benchView returns the 200 KB article with its claims in a window.
func benchView(b *testing.B) *View {
	b.Helper()
	test.NewTempApp(b)
	text, claims := benchData(b)
	v := New()
	v.SetText(text)
	v.SetClaims(claims)
	w := window(v)
	b.Cleanup(w.Close)
	return v
}

// objectsAlive counts every canvas object laid out under o.
func objectsAlive(o fyne.CanvasObject) int { return len(test.LaidOutObjects(o)) }

var firstOps = map[string]time.Duration{}

// firstOp times f the first time the named benchmark runs in this process.
func firstOp(name string, f func()) time.Duration {
	d, ok := firstOps[name]
	if !ok {
		start := time.Now()
		f()
		d = time.Since(start)
		firstOps[name] = d
	}
	return d
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// meter reports cpu-ms/op and first-ms; call it after the loop with the CPU time at its start.
func meter(b *testing.B, cpuStart, first time.Duration) {
	b.ReportMetric(float64(cpuTime()-cpuStart)/float64(b.N)/1e6, "cpu-ms/op")
	if first > 0 {
		b.ReportMetric(float64(first)/1e6, "first-ms")
	}
}

func BenchmarkSetTextLayout(b *testing.B) {
	text, claims := benchData(b)
	test.NewTempApp(b)
	var v *View
	w := timedLoads(b, "load", func() fyne.CanvasObject {
		v = New()
		v.SetText(text)
		v.SetClaims(claims)
		return v
	})
	defer w.Close()
	b.ReportMetric(float64(len(v.m.lines)), "lines")
	b.ReportMetric(float64(len(v.content.r.objects)), "objects")
	b.ReportMetric(float64(objectsAlive(v)), "objects-tree")
}

func BenchmarkRewrap(b *testing.B) {
	v := benchView(b)
	widths := []float32{600, 640}
	first := firstOp("rewrap", func() { v.Resize(fyne.NewSize(560, benchSize.Height)) })
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		v.Resize(fyne.NewSize(widths[i%2], benchSize.Height))
	}
	b.StopTimer()
	meter(b, cpu, first)
}

// BenchmarkScrollStep scrolls by a wheel step (three lines) through the article, the way the
// scroll container does on a wheel event, so that every step rebuilds the visible window.
func BenchmarkScrollStep(b *testing.B) {
	v := benchView(b)
	step := 3 * v.LineHeight()
	end := v.contentHeight() - benchSize.Height
	builds := v.content.r.rebuilds
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if v.ScrollOffset() >= end {
			v.SetScrollOffset(0)
		}
		v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -step)})
	}
	b.StopTimer()
	meter(b, cpu, 0)
	b.ReportMetric(float64(v.content.r.rebuilds-builds)/float64(b.N), "rebuilds/op")
	b.ReportMetric(float64(len(v.content.r.objects)), "objects")
}

// BenchmarkHitTest finds the offset and the claims under random points of the article.
func BenchmarkHitTest(b *testing.B) {
	v := benchView(b)
	h := v.contentHeight()
	r := rng(7)
	pts := make([]fyne.Position, 1024)
	for i := range pts {
		pts[i] = fyne.NewPos(float32(r.intn(640)), float32(r.intn(int(h))))
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	sum := 0
	for i := 0; i < b.N; i++ {
		off := v.OffsetAt(pts[i%len(pts)])
		sum += off + len(v.ClaimsAt(off))
	}
	b.StopTimer()
	meter(b, cpu, 0)
	if sum < 0 {
		b.Fatal(sum)
	}
}

// BenchmarkVerdictChange changes the verdict of a claim in view: the view recolours the
// visible window and does not re-wrap.
func BenchmarkVerdictChange(b *testing.B) {
	v := benchView(b)
	_, claims := benchData(b)
	v.SetScrollOffset(v.contentHeight() / 2)
	first, _ := v.content.r.visibleLines()
	off := v.m.lines[first].start
	var target Highlight
	for _, c := range claims {
		if c.Start >= off {
			target = c
			break
		}
	}
	wraps := v.m.wraps
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		target.Verdict = annotate.Verdicts[i%3]
		v.UpsertClaim(target)
	}
	b.StopTimer()
	meter(b, cpu, 0)
	if v.m.wraps != wraps {
		b.Fatal("a verdict change re-wrapped the text")
	}
}

// BenchmarkSetClaims replaces the 1,000 claims of the article.
func BenchmarkSetClaims(b *testing.B) {
	v := benchView(b)
	_, claims := benchData(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		v.SetClaims(claims)
	}
	b.StopTimer()
	meter(b, cpu, 0)
}

// The baseline: the same text in widget.RichText, one paragraph segment per paragraph,
// word-wrapped in a vertical scroll, as an app would host it. (The whole text as a single
// segment, widget.NewRichTextWithText, is far slower: RichText converts the segment's text
// to runes again for every row.)
func newRichText(text string) *container.Scroll {
	var segs []widget.RichTextSegment
	for _, p := range strings.Split(text, "\n") {
		segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: p})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(rt)
}

func BenchmarkRichTextSetTextLayout(b *testing.B) {
	text, _ := benchData(b)
	test.NewTempApp(b)
	var s *container.Scroll
	w := timedLoads(b, "richtext-load", func() fyne.CanvasObject {
		s = newRichText(text)
		return s
	})
	defer w.Close()
	b.ReportMetric(float64(objectsAlive(s)), "objects-tree")
}

func BenchmarkRichTextRewrap(b *testing.B) {
	text, _ := benchData(b)
	test.NewTempApp(b)
	s := newRichText(text)
	w := window(s)
	defer w.Close()
	widths := []float32{600, 640}
	first := firstOp("richtext-rewrap", func() { w.Resize(fyne.NewSize(560, benchSize.Height)) })
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		w.Resize(fyne.NewSize(widths[i%2], benchSize.Height))
	}
	b.StopTimer()
	meter(b, cpu, first)
}
