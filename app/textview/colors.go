package textview

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"factdesk/annotate"
)

// The palettes keep text readable: over the default themes' backgrounds, the text on one fill
// or on two overlapping fills keeps a contrast of at least 4.5:1 (WCAG AA) and every marker
// stands out from the background by at least 3:1 (tests check both). The markers differ in
// shape as well as colour: a solid line for confirmed, a zig-zag for disputed, a dotted line
// for unverified, a double line for a contested claim.
var (
	lightFill = map[annotate.Verdict]color.NRGBA{
		annotate.Confirmed:  {R: 0x2d, G: 0xa4, B: 0x4e, A: 0x34},
		annotate.Disputed:   {R: 0xe5, G: 0x39, B: 0x35, A: 0x2c},
		annotate.Unverified: {R: 0xf5, G: 0xa6, B: 0x23, A: 0x48},
		contested:           {R: 0x8e, G: 0x44, B: 0xad, A: 0x24},
	}
	lightMarker = map[annotate.Verdict]color.NRGBA{
		annotate.Confirmed:  {R: 0x1a, G: 0x7f, B: 0x37, A: 0xff},
		annotate.Disputed:   {R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		annotate.Unverified: {R: 0xa0, G: 0x62, B: 0x00, A: 0xff},
		contested:           {R: 0x7b, G: 0x1f, B: 0xa2, A: 0xff},
	}
	darkFill = map[annotate.Verdict]color.NRGBA{
		annotate.Confirmed:  {R: 0x3f, G: 0xb9, B: 0x50, A: 0x48},
		annotate.Disputed:   {R: 0xf8, G: 0x51, B: 0x49, A: 0x50},
		annotate.Unverified: {R: 0xe3, G: 0xb3, B: 0x41, A: 0x48},
		contested:           {R: 0xc0, G: 0x84, B: 0xfc, A: 0x40},
	}
	darkMarker = map[annotate.Verdict]color.NRGBA{
		annotate.Confirmed:  {R: 0x56, G: 0xd3, B: 0x64, A: 0xff},
		annotate.Disputed:   {R: 0xff, G: 0x7b, B: 0x72, A: 0xff},
		annotate.Unverified: {R: 0xe3, G: 0xb3, B: 0x41, A: 0xff},
		contested:           {R: 0xd2, G: 0xa8, B: 0xff, A: 0xff},
	}
)

// contested is the key of a contested claim's colours and mark: not a verdict, the state of a
// claim whose reviewers disagree and that nobody settled.
const contested annotate.Verdict = "contested"

// shades are the keys of every colour the view draws a claim in.
var shades = append(append([]annotate.Verdict(nil), annotate.Verdicts...), contested)

// known maps anything that is neither a verdict nor contested (an empty one, say) to Unverified.
func known(v annotate.Verdict) annotate.Verdict {
	if v.Valid() || v == contested {
		return v
	}
	return annotate.Unverified
}

// VerdictFill returns the translucent colour drawn behind the text of a claim with the given
// verdict, in the light or dark variant. Other panes (lists, the inspector) can use it to
// show the same colour as the text view.
func VerdictFill(v annotate.Verdict, variant fyne.ThemeVariant) color.NRGBA {
	if variant == theme.VariantDark {
		return darkFill[known(v)]
	}
	return lightFill[known(v)]
}

// VerdictMarker returns the opaque colour of the line drawn under a claim with the given
// verdict, in the light or dark variant.
func VerdictMarker(v annotate.Verdict, variant fyne.ThemeVariant) color.NRGBA {
	if variant == theme.VariantDark {
		return darkMarker[known(v)]
	}
	return lightMarker[known(v)]
}

// ContestedFill and ContestedMarker are the colours of a contested claim, for other panes
// that show the same colour as the text view.
func ContestedFill(variant fyne.ThemeVariant) color.NRGBA { return VerdictFill(contested, variant) }

// ContestedMarker is the opaque colour of a contested claim's double line.
func ContestedMarker(variant fyne.ThemeVariant) color.NRGBA {
	return VerdictMarker(contested, variant)
}

// luminance is the relative luminance of a colour (WCAG 2), from 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		f := float64(v) / 0xffff
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// variantOf tells a dark background from a light one, so that a custom theme or a theme
// override gets the palette that suits its actual background.
func variantOf(background color.Color) fyne.ThemeVariant {
	if luminance(background) < 0.2 {
		return theme.VariantDark
	}
	return theme.VariantLight
}

// dotImage draws a dotted line filling a w×h pixel image: two units on, two off, a unit
// being half the height so that the dots keep their shape at any scale.
func dotImage(w, h int, c color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	unit := max(h/2, 1)
	for x := 0; x < w; x++ {
		if (x/unit)%4 >= 2 {
			continue
		}
		for y := 0; y < h; y++ {
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// zigzagHeight is the height of the disputed claims' zig-zag, in points; laneGap the distance
// between the underlines of overlapping claims.
const (
	zigzagHeight = 4
	laneGap      = 4
)

// zigzagImage draws a zig-zag line across a w×h pixel image: a triangle wave from the top row
// to the bottom one and back, its period twice the height so that the slopes are 45° at any
// scale, about one and a half pixels thick with soft edges.
func zigzagImage(w, h int, c color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if h < 2 {
		return img
	}
	amp := float64(h - 1)
	period := 2 * amp
	for x := 0; x < w; x++ {
		phase := math.Mod(float64(x), period)
		yc := phase
		if phase > amp {
			yc = period - phase
		}
		yc += 0.5
		for y := 0; y < h; y++ {
			d := math.Abs(float64(y) + 0.5 - yc)
			a := math.Min(1, math.Max(0, 1.25-d))
			if a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(float64(c.A)*a + 0.5)})
		}
	}
	return img
}
