package textview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"factdesk/annotate"
)

// variantTheme is the default theme held to one variant, as the system setting would.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// over blends a translucent colour over an opaque one.
func over(bg color.Color, c color.NRGBA) color.NRGBA {
	r, g, b, _ := bg.RGBA()
	a := float64(c.A) / 255
	mix := func(under uint32, top uint8) uint8 {
		return uint8(float64(under>>8)*(1-a) + float64(top)*a + 0.5)
	}
	return color.NRGBA{R: mix(r, c.R), G: mix(g, c.G), B: mix(b, c.B), A: 0xff}
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestVerdictColoursReadableInBothVariants(t *testing.T) {
	def := theme.DefaultTheme()
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := def.Color(theme.ColorNameBackground, variant)
		fg := def.Color(theme.ColorNameForeground, variant)
		sel := color.NRGBAModel.Convert(def.Color(theme.ColorNameSelection, variant)).(color.NRGBA)
		if got := variantOf(bg); got != variant {
			t.Errorf("background %v taken for variant %v, want %v", bg, got, variant)
		}
		for _, v := range shades {
			fill, marker := VerdictFill(v, variant), VerdictMarker(v, variant)
			if fill.A == 0 || fill.A > 0x80 {
				t.Errorf("%v %s fill alpha %#x: want translucent", variant, v, fill.A)
			}
			if marker.A != 0xff {
				t.Errorf("%v %s marker is not opaque", variant, v)
			}
			under := over(bg, fill)
			if c := contrast(fg, under); c < 4.5 {
				t.Errorf("%v %s: text on the fill has contrast %.2f, want ≥ 4.5", variant, v, c)
			}
			if c := contrast(marker, bg); c < 3 {
				t.Errorf("%v %s: marker on the background has contrast %.2f, want ≥ 3", variant, v, c)
			}
			if c := contrast(fg, over(under, sel)); c < 4 {
				t.Errorf("%v %s: selected text on the fill has contrast %.2f, want ≥ 4", variant, v, c)
			}
			for _, w := range shades {
				if c := contrast(fg, over(under, VerdictFill(w, variant))); c < 4.5 {
					t.Errorf("%v %s over %s: text has contrast %.2f, want ≥ 4.5", variant, w, v, c)
				}
				if w != v && VerdictFill(w, variant) == fill {
					t.Errorf("%v: %s and %s share a colour", variant, v, w)
				}
			}
		}
	}
	for _, v := range shades {
		if VerdictFill(v, theme.VariantLight) == VerdictFill(v, theme.VariantDark) {
			t.Errorf("%s: the same fill in light and dark", v)
		}
		if VerdictMarker(v, theme.VariantLight) == VerdictMarker(v, theme.VariantDark) && v != annotate.Unverified {
			t.Errorf("%s: the same marker in light and dark", v)
		}
	}
	if VerdictFill("", theme.VariantLight) != VerdictFill(annotate.Unverified, theme.VariantLight) {
		t.Error("an unknown verdict is not drawn as unverified")
	}
}

func TestThemeChangeRecoloursWithoutRewrap(t *testing.T) {
	v, _ := laidOut(t, sample, 640, 300)
	v.SetClaims([]Highlight{{ID: "a", Start: 0, End: 30, Verdict: annotate.Confirmed}})
	settings := fyne.CurrentApp().Settings()

	settings.SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	wraps := v.m.wraps
	light := VerdictFill(annotate.Confirmed, theme.VariantLight)
	if n := len(rectsOf(v, light)); n != 1 {
		t.Fatalf("light theme: %d light fills, want 1", n)
	}
	textColour := func() color.Color {
		for li, tx := range v.content.r.texts {
			if li == 0 {
				return tx.Color
			}
		}
		return nil
	}
	lightText := textColour()

	settings.SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	dark := VerdictFill(annotate.Confirmed, theme.VariantDark)
	if n := len(rectsOf(v, dark)); n != 1 {
		t.Errorf("dark theme: %d dark fills, want 1", n)
	}
	if len(rectsOf(v, light)) != 0 {
		t.Error("dark theme still draws the light fill")
	}
	if textColour() == lightText {
		t.Error("the text kept the light theme's colour")
	}
	if v.m.wraps != wraps {
		t.Errorf("switching variant re-wrapped the text %d times", v.m.wraps-wraps)
	}
}
