// Package i18ntest checks a screen shown in a language other than English, headless: no text
// of ours left in English, no label or button given less room than it needs (cut off, as a
// longer translation easily is), nothing running out of the window. Tests of the app's screens
// call Check on each screen they open.
package i18ntest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/i18n"
)

// English is the set of texts of the English catalog whose translation into lang differs:
// a screen in lang that shows one of them shows English of ours. Texts with template fields
// are left out (the screen shows them filled in), and so are texts of one word in capitals
// or shorter than three letters, and the language's name (i18n.NameKey: the language list
// names English in English in every language).
func English(lang string) (map[string]bool, error) {
	en, err := i18n.Catalog("en")
	if err != nil {
		return nil, err
	}
	other, err := i18n.Catalog(lang)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	add := func(e, o string) {
		if e != o && !strings.Contains(e, "{{") && len([]rune(e)) >= 3 {
			out[e] = true
		}
	}
	for k, v := range en {
		if k == i18n.NameKey {
			continue // each language is named in its own words, whatever the screen's language
		}
		switch v := v.(type) {
		case string:
			if o, ok := other[k].(string); ok {
				add(v, o)
			}
		case map[string]any:
			o, _ := other[k].(map[string]any)
			for form, s := range v {
				es, _ := s.(string)
				os, _ := o[form].(string)
				add(es, os)
			}
		}
	}
	return out, nil
}

// text is one text on screen, with where it is.
type text struct {
	s        string
	obj      fyne.CanvasObject
	pos      fyne.Position // in the root's coordinates
	scrolled bool          // inside a scroll container: it may run past the edge
	fits     bool          // wraps or truncates: its width is whatever it is given
}

// Texts lists the texts a screen shows (labels, buttons, checks, options, tab and form
// labels, placeholders, rich text), visible ones only.
func Texts(t *testing.T, root fyne.CanvasObject) []string {
	var out []string
	for _, x := range walk(t, root) {
		out = append(out, x.s)
	}
	return out
}

// relayout lays out again every container and widget under o, top down, at the size each
// has: what the desktop driver does before each frame when a minimum size changed (the test
// driver does not, so a label whose text grew keeps the width of its old text).
func relayout(t *testing.T, o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(t, c)
		}
	case fyne.Widget:
		r := test.TempWidgetRenderer(t, x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(t, c)
		}
	}
}

func walk(t *testing.T, root fyne.CanvasObject, skip ...fyne.CanvasObject) []text {
	relayout(t, root)
	var out []text
	var visit func(o fyne.CanvasObject, at fyne.Position, scrolled bool)
	visit = func(o fyne.CanvasObject, at fyne.Position, scrolled bool) {
		if o == nil || !o.Visible() || slices.Contains(skip, o) {
			return
		}
		pos := at.Add(o.Position())
		add := func(s string, fits bool) {
			if strings.TrimSpace(s) != "" {
				out = append(out, text{s: s, obj: o, pos: pos, scrolled: scrolled, fits: fits})
			}
		}
		switch x := o.(type) {
		case *widget.Label:
			add(x.Text, x.Wrapping != fyne.TextWrapOff || x.Truncation != fyne.TextTruncateOff)
			return
		case *widget.Button:
			add(x.Text, false)
			return
		case *widget.Check:
			add(x.Text, false)
			return
		case *widget.Hyperlink:
			add(x.Text, true)
			return
		case *widget.RichText:
			add(x.String(), x.Wrapping != fyne.TextWrapOff || x.Truncation != fyne.TextTruncateOff)
			return
		case *canvas.Text:
			add(x.Text, false)
			return
		case *widget.RadioGroup:
			for _, s := range x.Options {
				add(s, true)
			}
		case *widget.Select:
			for _, s := range x.Options {
				add(s, true)
			}
			add(x.PlaceHolder, true)
		case *widget.Entry:
			add(x.PlaceHolder, true)
			return
		case *widget.Form:
			for _, it := range x.Items {
				add(it.Text, true)
				add(it.HintText, true)
			}
		case *widget.Accordion:
			for _, it := range x.Items {
				add(it.Title, true)
			}
		case *container.AppTabs:
			for _, it := range x.Items {
				add(it.Text, true)
			}
		case *widget.Card:
			add(x.Title, true)
			add(x.Subtitle, true)
		case *container.Scroll:
			scrolled = true
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				visit(c, pos, scrolled)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				visit(c, pos, scrolled)
			}
		}
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(root)
	visit(root, origin.Subtract(root.Position()), false)
	return out
}

// Problems lists what is wrong with a screen shown in lang, width wide: English of ours
// left (english from English(lang)), texts given less width than they need, texts running
// past the right edge. The parts in skip are left out.
func Problems(t *testing.T, root fyne.CanvasObject, english map[string]bool, width float32, skip ...fyne.CanvasObject) []string {
	var probs []string
	seen := map[string]bool{}
	report := func(format string, args ...any) {
		p := fmt.Sprintf(format, args...)
		if !seen[p] {
			seen[p] = true
			probs = append(probs, p)
		}
	}
	for _, x := range walk(t, root, skip...) {
		for _, s := range candidates(x.s) {
			if english[s] {
				report("English left: %q", s)
			}
		}
		size, min := x.obj.Size(), x.obj.MinSize()
		if size.Width == 0 && size.Height == 0 {
			continue // never laid out: not on screen
		}
		if !x.fits && size.Width+0.5 < min.Width {
			report("cut off: %q is %.0f wide, needs %.0f", x.s, size.Width, min.Width)
		}
		if !x.scrolled && x.pos.X+size.Width > width+edgeSlack {
			report("past the edge: %q ends at %.0f, the window is %.0f wide", x.s, x.pos.X+size.Width, width)
		}
	}
	sort.Strings(probs)
	return probs
}

// edgeSlack is how far past the window's edge a text may end (a shadow's or a padding's
// rounding), in pixels.
const edgeSlack = 4

// candidates are the ways a text may hold a whole catalog string: itself, each line, without
// a leading verdict or relation symbol, without a trailing ellipsis or colon.
func candidates(s string) []string {
	var out []string
	for _, line := range append([]string{s}, strings.Split(s, "\n")...) {
		line = strings.TrimSpace(line)
		out = append(out, line)
		for _, sym := range []string{"✓ ", "✗ ", "? ", "≠ ", "+ ", "= "} {
			if rest, ok := strings.CutPrefix(line, sym); ok {
				out = append(out, rest)
			}
		}
	}
	return out
}

// Check fails t with every problem of the screen (see Problems) shown in lang, width wide;
// the parts in skip (and what they hold) are left out.
func Check(t *testing.T, screen string, root fyne.CanvasObject, lang string, width float32, skip ...fyne.CanvasObject) {
	t.Helper()
	english, err := English(lang)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Problems(t, root, english, width, skip...) {
		t.Errorf("%s: %s", screen, p)
	}
}
