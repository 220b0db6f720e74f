package textview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
)

// Legend is one line that explains the marks of the text view with samples drawn as the view
// draws them: each verdict's colour and underline, the outline of the selected claim and the
// outer outline of the claims linked to it. Put it under the article panes.
type Legend struct {
	widget.BaseWidget
}

// NewLegend returns the legend.
func NewLegend() *Legend {
	l := &Legend{}
	l.ExtendBaseWidget(l)
	return l
}

// contestedSymbol marks a contested claim, beside the verdicts' own symbols.
const contestedSymbol = "≠"

// LegendText is the legend in words, for help texts and tooltips.
const LegendText = "Claims are coloured by verdict and underlined so that the verdict shows without colour: " +
	"✓ Confirmed, green with a solid line; ✗ Disputed, red with a zig-zag line; ? Unverified, orange with a dotted line; " +
	"≠ Contested (reviewers disagree, nobody settled it), violet with a double line. " +
	"The selected claim has an outline; claims linked to it in the other panes have a second, blue outline around it."

// legendSample is one entry: a sample of the mark and its words.
type legendSample struct {
	fill    *canvas.Rectangle
	line    *canvas.Rectangle // confirmed; contested's upper line
	line2   *canvas.Rectangle // contested's lower line
	pattern *patterned        // disputed, unverified
	outline *canvas.Rectangle // selected
	outer   *canvas.Rectangle // linked
	text    *canvas.Text
}

// CreateRenderer is a private method to Fyne which links this widget to its renderer.
func (l *Legend) CreateRenderer() fyne.WidgetRenderer {
	r := &legendRenderer{l: l}
	for _, v := range shades {
		words := v.Symbol() + " " + i18n.VerdictLabel(v)
		if v == contested {
			words = contestedSymbol + " " + lang.L("Contested")
		}

		s := &legendSample{fill: canvas.NewRectangle(color.Transparent), text: canvas.NewText(words, nil)}
		switch v {
		case annotate.Confirmed:
			s.line = canvas.NewRectangle(color.Transparent)
		case contested:
			s.line, s.line2 = canvas.NewRectangle(color.Transparent), canvas.NewRectangle(color.Transparent)
		case annotate.Disputed:
			s.pattern = newPatterned()
			s.pattern.kind = markZigzag
		default:
			s.pattern = newPatterned()
			s.pattern.kind = markDotted
		}
		r.samples = append(r.samples, s)
		r.verdicts = append(r.verdicts, v)
	}
	sel := &legendSample{outline: canvas.NewRectangle(color.Transparent), text: canvas.NewText(lang.L("selected claim"), nil)}
	linked := &legendSample{outer: canvas.NewRectangle(color.Transparent), text: canvas.NewText(lang.L("linked to it"), nil)}
	r.samples = append(r.samples, sel, linked)
	r.Refresh()
	return r
}

type legendRenderer struct {
	l        *Legend
	samples  []*legendSample
	verdicts []annotate.Verdict
	objects  []fyne.CanvasObject
}

const (
	legendSwatchW = 22
	legendGap     = 6
)

func (r *legendRenderer) textSize() float32 {
	return r.l.Theme().Size(theme.SizeNameCaptionText)
}

func (r *legendRenderer) Destroy() {}

func (r *legendRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *legendRenderer) MinSize() fyne.Size {
	th := r.l.Theme()
	pad := th.Size(theme.SizeNamePadding)
	w := pad
	var h float32
	for _, s := range r.samples {
		ts := fyne.MeasureText(s.text.Text, r.textSize(), fyne.TextStyle{})
		w += legendSwatchW + legendGap + ts.Width + 3*legendGap
		h = max(h, ts.Height)
	}
	return fyne.NewSize(w, h+2*pad)
}

func (r *legendRenderer) Layout(size fyne.Size) {
	th := r.l.Theme()
	pad := th.Size(theme.SizeNamePadding)
	x := pad
	ts := r.textSize()
	for _, s := range r.samples {
		tsz := fyne.MeasureText(s.text.Text, ts, fyne.TextStyle{})
		y := (size.Height - tsz.Height) / 2
		sy := y + 1
		sh := tsz.Height - 2
		if s.fill != nil {
			s.fill.Move(fyne.NewPos(x, sy))
			s.fill.Resize(fyne.NewSize(legendSwatchW, sh-4))
		}
		ly := sy + sh - 4
		if s.line2 != nil {
			s.line.Move(fyne.NewPos(x, ly-1))
			s.line.Resize(fyne.NewSize(legendSwatchW, 1))
			s.line2.Move(fyne.NewPos(x, ly+2))
			s.line2.Resize(fyne.NewSize(legendSwatchW, 1))
		} else if s.line != nil {
			s.line.Move(fyne.NewPos(x, ly))
			s.line.Resize(fyne.NewSize(legendSwatchW, 2))
		}
		if s.pattern != nil {
			h := float32(2)
			if s.pattern.kind == markZigzag {
				h = zigzagHeight
				ly--
			}
			s.pattern.r.Move(fyne.NewPos(x, ly))
			s.pattern.r.Resize(fyne.NewSize(legendSwatchW, h))
		}
		if s.outline != nil {
			s.outline.Move(fyne.NewPos(x+3, sy+1))
			s.outline.Resize(fyne.NewSize(legendSwatchW-6, sh-2))
		}
		if s.outer != nil {
			s.outer.Move(fyne.NewPos(x, sy-1))
			s.outer.Resize(fyne.NewSize(legendSwatchW, sh+2))
		}
		x += legendSwatchW + legendGap
		s.text.Move(fyne.NewPos(x, y))
		s.text.Resize(tsz)
		x += tsz.Width + 3*legendGap
	}
}

// Refresh follows the theme: the light or dark palette, as the text view does.
func (r *legendRenderer) Refresh() {
	th := r.l.Theme()
	appVariant := fyne.CurrentApp().Settings().ThemeVariant()
	variant := variantOf(th.Color(theme.ColorNameBackground, appVariant))
	fg := th.Color(theme.ColorNameForeground, appVariant)
	r.objects = r.objects[:0]
	for i, s := range r.samples {
		s.text.Color, s.text.TextSize = th.Color(theme.ColorNamePlaceHolder, appVariant), r.textSize()
		if i < len(r.verdicts) {
			v := r.verdicts[i]
			s.fill.FillColor = VerdictFill(v, variant)
			r.objects = append(r.objects, s.fill)
			if s.line != nil {
				s.line.FillColor = VerdictMarker(v, variant)
				r.objects = append(r.objects, s.line)
			}
			if s.line2 != nil {
				s.line2.FillColor = VerdictMarker(v, variant)
				r.objects = append(r.objects, s.line2)
			}
			if s.pattern != nil {
				s.pattern.col = VerdictMarker(v, variant)
				s.pattern.r.Refresh()
				r.objects = append(r.objects, s.pattern.r)
			}
		}
		if s.outline != nil {
			s.outline.StrokeColor, s.outline.StrokeWidth, s.outline.CornerRadius = fg, 1.5, 2
			r.objects = append(r.objects, s.outline)
		}
		if s.outer != nil {
			s.outer.StrokeColor, s.outer.StrokeWidth, s.outer.CornerRadius = th.Color(theme.ColorNamePrimary, appVariant), 2, 3
			r.objects = append(r.objects, s.outer)
		}
		r.objects = append(r.objects, s.text)
	}
	r.Layout(r.l.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
