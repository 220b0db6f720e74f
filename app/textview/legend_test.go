package textview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"factdesk/annotate"
)

// The legend draws the marks the view draws: each verdict's fill and underline shape (solid,
// zig-zag, dotted), the selected claim's outline and the linked claims' outer outline, each
// with its words, side by side and within its size.
func TestLegendShowsTheMarks(t *testing.T) {
	test.NewTempApp(t)
	l := NewLegend()
	w := test.NewTempWindow(t, l)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 40))
	r := test.TempWidgetRenderer(t, l).(*legendRenderer)

	variant := variantOf(theme.DefaultTheme().Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant()))
	var texts []string
	fills, solid, double := 0, 0, 0
	kinds := map[markKind]bool{}
	lastX := float32(-1)
	for _, o := range r.Objects() {
		switch x := o.(type) {
		case *canvas.Text:
			texts = append(texts, x.Text)
			if x.Position().X <= lastX {
				t.Errorf("%q overlaps the entry before it", x.Text)
			}
			lastX = x.Position().X + x.Size().Width
			if lastX > l.MinSize().Width {
				t.Errorf("%q ends at %v, past the legend's width %v", x.Text, lastX, l.MinSize().Width)
			}
		case *canvas.Rectangle:
			for _, v := range shades {
				if x.FillColor == VerdictFill(v, variant) {
					fills++
				}
			}
			if x.FillColor == VerdictMarker(annotate.Confirmed, variant) {
				solid++
			}
			if x.FillColor == ContestedMarker(variant) {
				double++
			}
		case *canvas.Raster:
			for _, s := range r.samples {
				if s.pattern != nil && s.pattern.r == x {
					kinds[s.pattern.kind] = true
				}
			}
		}
	}
	if fills != 4 || solid != 1 || double != 2 || !kinds[markZigzag] || !kinds[markDotted] {
		t.Errorf("legend marks: %d fills, %d solid lines, %d contested lines, patterns %v", fills, solid, double, kinds)
	}
	all := strings.Join(texts, " | ")
	for _, want := range []string{"✓ Confirmed", "✗ Disputed", "? Unverified", "≠ Contested", "selected claim", "linked to it"} {
		if !strings.Contains(all, want) {
			t.Errorf("legend lacks %q: %s", want, all)
		}
	}
	for _, want := range []string{"solid", "zig-zag", "dotted", "double", "outline"} {
		if !strings.Contains(LegendText, want) {
			t.Errorf("LegendText lacks %q", want)
		}
	}
}
