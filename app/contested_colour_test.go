package app

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"factdesk/annotate"
	"factdesk/app/textview"
)

// textColours are the colours of every piece of text o draws, by its text.
func textColours(t *testing.T, o fyne.CanvasObject) map[string]color.Color {
	t.Helper()
	out := map[string]color.Color{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			out[x.Text] = x.Color
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// A contested claim looks the same everywhere: the claims list, the corpus counts and the
// inspector draw "≠ Contested" in the violet of the text view's contested mark, in the light
// and the dark theme, not in the colour of a disputed verdict.
func TestContestedIsTheTextViewsVioletEverywhere(t *testing.T) {
	a := test.NewTempApp(t)
	contested := annotate.Claim{ID: "c1", Anchor: annotate.Anchor{Exact: "300 to 400"}, Verdict: annotate.Unverified, Contested: true, UpdatedAt: time.Now(),
		Ratings: []annotate.ClaimRating{{Reviewer: "Alice", Verdict: annotate.Confirmed}, {Reviewer: "Bob", Verdict: annotate.Disputed}}}
	disputed := annotate.Claim{ID: "c2", Anchor: annotate.Anchor{Exact: "12 dead"}, Verdict: annotate.Disputed, UpdatedAt: time.Now()}
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		a.Settings().SetTheme(fixedVariant{newAppTheme(), variant})
		violet := textview.ContestedMarker(variant)

		row := newClaimRow()
		row.set(contested, "Dam talks")
		w := test.NewTempWindow(t, row)
		w.Resize(fyne.NewSize(500, 80))
		got := textColours(t, row)
		if c := got["≠ Contested"]; c != color.Color(violet) {
			t.Errorf("variant %d: claims list draws ≠ Contested in %v, the text view in %v", variant, c, violet)
		}
		if c := got["Bob ✗, Alice ✓"]; c != color.Color(violet) && got["Alice ✓, Bob ✗"] != color.Color(violet) {
			t.Errorf("variant %d: who said what in %v, want %v (texts %v)", variant, c, violet, got)
		}
		row.set(disputed, "Dam talks")
		if c := textColours(t, row)["✗ Disputed"]; c != a.Settings().Theme().Color(theme.ColorNameError, variant) || c == color.Color(violet) {
			t.Errorf("variant %d: a disputed claim in %v", variant, c)
		}

		ar := newArticleRow()
		art := annotate.Article{ID: "a1", Counts: annotate.VerdictCounts{Contested: 2, Disputed: 1}}
		art.Title = "Dam talks"
		ar.set(art)
		w.SetContent(ar)
		if c := textColours(t, ar)["≠2"]; c != color.Color(violet) {
			t.Errorf("variant %d: corpus count of contested claims in %v, want %v", variant, c, violet)
		}

		v := newTintedText()
		v.set(claimVerdictText(contested), claimColour(contested))
		w.SetContent(v)
		if c := textColours(t, v)["≠ Contested"]; c != color.Color(violet) {
			t.Errorf("variant %d: inspector's verdict in %v, want %v", variant, c, violet)
		}
	}
	if textview.ContestedMarker(theme.VariantLight) == textview.ContestedMarker(theme.VariantDark) {
		t.Error("the contested violet is the same in both variants: the test proves nothing about the variant")
	}
}
