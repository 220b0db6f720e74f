package textview

import (
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
)

// The benchmarks measure the targets of issue 3 on a generated 200 KB article with 1,000
// claims, headless at 640×480, and the same text in widget.RichText as the baseline. Run:
//
//	go test -run '^$' -bench . -benchmem ./app/textview/

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

func benchView(b *testing.B) *View {
	b.Helper()
	test.NewTempApp(b)
	text, claims := benchData(b)
	v := New()
	v.SetText(text)
	v.SetClaims(claims)
	v.Resize(benchSize)
	return v
}

// objectsAlive counts every canvas object laid out under o.
func objectsAlive(o fyne.CanvasObject) int { return len(test.LaidOutObjects(o)) }

func BenchmarkSetTextLayout(b *testing.B) {
	text, claims := benchData(b)
	test.NewTempApp(b)
	var v *View
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v = New()
		v.SetText(text)
		v.SetClaims(claims)
		v.Resize(benchSize)
	}
	b.StopTimer()
	b.ReportMetric(float64(len(v.m.lines)), "lines")
	b.ReportMetric(float64(len(v.content.r.objects)), "objects")
	b.ReportMetric(float64(objectsAlive(v)), "objects-tree")
}

// BenchmarkSetTextLayoutColdMetrics forgets the rune and pair widths before each load, as the
// first article of a session does (Fyne's own cache of measured strings stays warm).
func BenchmarkSetTextLayoutColdMetrics(b *testing.B) {
	text, claims := benchData(b)
	test.NewTempApp(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resetMetrics()
		v := New()
		v.SetText(text)
		v.SetClaims(claims)
		v.Resize(benchSize)
	}
}

func BenchmarkRewrap(b *testing.B) {
	v := benchView(b)
	widths := []float32{600, 640}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.Resize(fyne.NewSize(widths[i%2], benchSize.Height))
	}
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
	for i := 0; i < b.N; i++ {
		if v.ScrollOffset() >= end {
			v.SetScrollOffset(0)
		}
		v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -step)})
	}
	b.StopTimer()
	b.ReportMetric(float64(v.content.r.rebuilds-builds)/float64(b.N), "rebuilds/op")
	b.ReportMetric(float64(len(v.content.r.objects)), "objects")
}

func BenchmarkHitTest(b *testing.B) {
	v := benchView(b)
	h := v.contentHeight()
	r := rng(7)
	pts := make([]fyne.Position, 1024)
	for i := range pts {
		pts[i] = fyne.NewPos(float32(r.intn(640)), float32(r.intn(int(h))))
	}
	b.ResetTimer()
	sum := 0
	for i := 0; i < b.N; i++ {
		sum += v.OffsetAt(pts[i%len(pts)])
		sum += len(v.ClaimsAt(sum % len(v.m.runes)))
	}
	_ = sum
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
	wraps := v.Wraps()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		target.Verdict = annotate.Verdicts[i%3]
		v.UpsertClaim(target)
	}
	b.StopTimer()
	if v.Wraps() != wraps {
		b.Fatal("a verdict change re-wrapped the text")
	}
}

func BenchmarkSetClaims(b *testing.B) {
	v := benchView(b)
	_, claims := benchData(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.SetClaims(claims)
	}
}

// The baseline: the same text in widget.RichText, one paragraph segment per paragraph,
// word-wrapped in a vertical scroll, as an app would host it. (The whole text as a single
// segment, widget.NewRichTextWithText, is far slower: RichText converts the segment's text
// to runes again for every row.)
func newRichText(text string) (*widget.RichText, *container.Scroll) {
	var segs []widget.RichTextSegment
	for _, p := range strings.Split(text, "\n") {
		segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: p})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt, container.NewVScroll(rt)
}

func BenchmarkRichTextSetTextLayout(b *testing.B) {
	text, _ := benchData(b)
	test.NewTempApp(b)
	var s *container.Scroll
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, s = newRichText(text)
		s.Resize(benchSize)
	}
	b.StopTimer()
	b.ReportMetric(float64(objectsAlive(s)), "objects-tree")
}

func BenchmarkRichTextRewrap(b *testing.B) {
	text, _ := benchData(b)
	test.NewTempApp(b)
	_, s := newRichText(text)
	s.Resize(benchSize)
	widths := []float32{600, 640}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Resize(fyne.NewSize(widths[i%2], benchSize.Height))
	}
}
