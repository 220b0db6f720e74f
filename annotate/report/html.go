package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"factdesk/annotate"
)

//go:embed report.html.tmpl
var htmlTemplateText string

// htmlTemplate is parsed once and never executed itself: each export runs a clone of it with
// the words of its language (htmlFuncs). Per-export state (progress) reaches it through the
// data.
var htmlTemplate = template.Must(template.New("report").Funcs(htmlFuncs(localeOf(English))).Parse(htmlTemplateText))

// htmlFuncs are the template's functions, the words in the language of l.
func htmlFuncs(l *locale) template.FuncMap {
	return template.FuncMap{
		"t":             ShowBidi,
		"short":         func(s string, n int) string { return ShowBidi(Shorten(s, n)) },
		"line":          func(s string) string { return ShowBidi(oneLine(s)) },
		"safeURL":       SafeURL,
		"lang":          langTag,
		"doclang":       l.lang.Tag,
		"T":             l.T,
		"H":             func(key string, args ...string) template.HTML { return l.html(key, args...) },
		"N":             l.N,
		"num":           l.num,
		"date":          l.date,
		"datetime":      l.dateTime,
		"datetext":      l.dateText,
		"symbol":        func(v annotate.Verdict) string { return v.Symbol() },
		"label":         l.verdict,
		"rel":           l.relation,
		"phrase":        l.phrase,
		"contradiction": l.contradiction,
		"quote":         l.quote,
		"ratings":       l.ratings,
		"slabel":        l.sourceLabel,
		"check":         func(c *annotate.SourceCheck) string { return l.sourceCheck(*c) },
		"vclass":        verdictClass,
		"tick":          func(p *progress) (string, error) { return "", p.tick() },
	}
}

// htmlData is what the template sees.
type htmlData struct {
	*View
	Chart    chart
	Verdicts []annotate.Verdict
	Progress *progress
}

func writeHTML(w io.Writer, v *View, opt Options) error {
	l := localeOf(opt.Lang)
	v.localize(l)
	tmpl, err := htmlTemplate.Clone()
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	tmpl.Funcs(htmlFuncs(l))
	bw := bufio.NewWriterSize(w, 64<<10)
	p := newProgress(opt, len(v.Claims))
	data := htmlData{View: v, Chart: newLocalChart(v, l), Verdicts: annotate.Verdicts, Progress: p}
	if err := tmpl.Execute(bw, data); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return p.finish()
}

// html translates key as HTML: the catalog's text as it is (it is ours, and may hold
// characters the template would escape, such as the "+" of "⟨U+…⟩"), the args escaped.
func (l *locale) html(key string, args ...string) template.HTML {
	escaped := make([]any, len(args))
	for i, a := range args {
		escaped[i] = template.HTMLEscapeString(a)
	}
	return template.HTML(l.T(key, escaped...))
}

// chart is the geometry of the inline SVG bar chart of claims by verdict per article.
type chart struct {
	Width, Height int
	LabelWidth    int
	LabelClip     int // labels are clipped there, should a reader's font be wider than DejaVu Sans
	Rows          []chartRow
	Legend        []chartSegment
}

type chartRow struct {
	Y, TextY int
	Label    string // the article's number and title, cut to fit the label column
	Title    string // the article's number and whole title, for the tooltip
	Anchor   string
	Total    int
	TotalX   int
	Segments []chartSegment
}

type chartSegment struct {
	X, Y, Width int
	Class       string
	Count       int
	Title       string
}

const (
	chartRowHeight = 22
	chartBarHeight = 14
	chartLabel     = 230 // the label column, bars start after it
	chartLabelGap  = 10  // room kept free between a label and its bar
	chartBar       = 340
	chartCount     = 50 // room for the count after the longest bar
	chartFontSize  = 12 // px, as in the style sheet (svg text)
	chartTop       = 30
)

// chartFont is DejaVu Sans, the report's first font, parsed once to measure chart labels.
var chartFont = sync.OnceValue(func() *sfnt.Font {
	f, err := sfnt.Parse(fontRegular)
	if err != nil {
		panic("report: the embedded DejaVu Sans does not parse: " + err.Error())
	}
	return f
})

// textWidth is the width in px of s in DejaVu Sans at size px (advances, no kerning);
// characters the font lacks count as a wide one.
func textWidth(s string, size float64) float64 {
	f := chartFont()
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(size * 64)
	var w fixed.Int26_6
	for _, r := range s {
		adv := ppem // no glyph: as wide as the em
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			if a, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone); err == nil {
				adv = a
			}
		}
		w += adv
	}
	return float64(w) / 64
}

// newChart is the chart of v with English words.
func newChart(v *View) chart { return newLocalChart(v, localeOf(English)) }

// newLocalChart is the chart of v with the words of l.
func newLocalChart(v *View, l *locale) chart {
	c := chart{Width: chartLabel + chartBar + chartCount, LabelWidth: chartLabel, LabelClip: chartLabel - chartLabelGap/2}
	labelWidth := func(s string) float64 { return textWidth(s, chartFontSize) }
	maxTotal := 1
	for _, a := range v.Articles {
		maxTotal = max(maxTotal, a.Counts.Total())
	}
	x := 0
	for _, verdict := range annotate.Verdicts {
		c.Legend = append(c.Legend, chartSegment{X: x, Class: verdictClass(verdict), Title: verdict.Symbol() + " " + l.verdict(verdict)})
		x += 140
	}
	if v.Totals.Contested > 0 {
		c.Legend = append(c.Legend, chartSegment{X: x, Class: "v-contested", Title: "⚖ " + l.T("Contested")})
	}
	for i, a := range v.Articles {
		y := chartTop + i*chartRowHeight
		title := fmt.Sprintf("%d. %s", a.Index, oneLine(a.Article.Title))
		row := chartRow{Y: y, TextY: y + chartBarHeight - 3, Label: FitWidth(ShowBidi(title), chartLabel-chartLabelGap, labelWidth), Title: title,
			Anchor: a.Anchor, Total: a.Counts.Total()}
		x := chartLabel
		for _, verdict := range annotate.Verdicts {
			n := a.Counts.Of(verdict)
			if n == 0 {
				continue
			}
			w := max(2, n*chartBar/maxTotal)
			row.Segments = append(row.Segments, chartSegment{X: x, Y: y, Width: w, Class: verdictClass(verdict), Count: n,
				Title: verdict.Symbol() + " " + l.T("%s: %s", l.verdict(verdict), l.num(n))})
			x += w
		}
		if n := a.Counts.Contested; n > 0 {
			w := max(2, n*chartBar/maxTotal)
			row.Segments = append(row.Segments, chartSegment{X: x, Y: y, Width: w, Class: "v-contested", Count: n, Title: "⚖ " + l.T("%s: %s", l.T("Contested"), l.num(n))})
			x += w
		}
		row.TotalX = x + 6
		c.Rows = append(c.Rows, row)
	}
	c.Height = chartTop + len(v.Articles)*chartRowHeight + 4
	return c
}

// verdictClass is the CSS class of a verdict; unknown verdicts look unverified.
func verdictClass(v annotate.Verdict) string {
	if v.Valid() {
		return "v-" + string(v)
	}
	return "v-unverified"
}

var langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// langTag returns s when it is a plausible BCP 47 language tag, else "".
func langTag(s string) string {
	s = strings.TrimSpace(s)
	if langRe.MatchString(s) {
		return s
	}
	return ""
}

// formatDate is t's date (UTC) as YYYY-MM-DD, or "" for the zero time.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}
