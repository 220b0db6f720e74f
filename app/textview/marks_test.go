package textview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestMarksDrawMarginBars: a mark is one thin bar in the left margin per span, beside its
// lines, and adds no fill over the text.
func TestMarksDrawMarginBars(t *testing.T) {
	test.NewTempApp(t)
	v := New()
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(400, 300))
	v.SetText("First sentence here. Second one.\nA third line of text.")
	before := len(v.content.r.Objects())
	v.SetMarks([]Span{{Start: 34, End: 55}, {Start: 0, End: 20}})
	if got := v.Marks(); len(got) != 2 || got[0].Start != 0 {
		t.Fatalf("marks %v, want sorted by start", got)
	}
	bars := 0
	for _, o := range v.content.r.Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.Size().Width == markBarWidth && r.Position().X < v.insets.left {
			bars++
		}
	}
	if bars != 2 || len(v.content.r.Objects()) != before+2 {
		t.Errorf("%d margin bars, %d objects (before %d)", bars, len(v.content.r.Objects()), before)
	}
	v.SetMarks(nil)
	if len(v.content.r.Objects()) != before {
		t.Errorf("marks not removed: %d objects", len(v.content.r.Objects()))
	}
}
