package report

import (
	_ "embed"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"factdesk/annotate"
)

// DejaVu Sans (fonts/LICENSE): Latin with accents, « », dashes, Cyrillic, Greek, ✓ and ✗.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

const pdfFont = "dejavu"

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	inkColour   = rgb{29, 29, 31}
	mutedColour = rgb{95, 99, 104}
	linkColour  = rgb{26, 87, 181}
	ruleColour  = rgb{217, 217, 222}
)

// verdictColour is the colour of a verdict, as in the HTML report.
func verdictColour(v annotate.Verdict) rgb {
	switch v {
	case annotate.Confirmed:
		return rgb{27, 127, 59}
	case annotate.Disputed:
		return rgb{179, 38, 30}
	}
	return rgb{122, 92, 0}
}

// pdfDoc renders a View with fpdf, on A4 pages with 15 mm margins.
type pdfDoc struct {
	f     *fpdf.Fpdf
	v     *View
	l     *locale
	links map[*ClaimView]int // internal link of each claim
	width float64            // usable width
}

func (d *pdfDoc) text(c rgb)                      { d.f.SetTextColor(c.r, c.g, c.b) }
func (d *pdfDoc) fill(c rgb)                      { d.f.SetFillColor(c.r, c.g, c.b) }
func (d *pdfDoc) font(style string, size float64) { d.f.SetFont(pdfFont, style, size) }
func (d *pdfDoc) write(h float64, s string)       { d.f.Write(h, s) }
func (d *pdfDoc) para(h float64, s string)        { d.f.MultiCell(0, h, s, "", "L", false) }
func (d *pdfDoc) space(mm float64)                { d.f.Ln(mm) }
func (d *pdfDoc) room() float64                   { _, h := d.f.GetPageSize(); return h - 18 - d.f.GetY() }
func (d *pdfDoc) heading(size float64, s string) {
	d.font("B", size)
	d.text(inkColour)
	d.para(size*0.5, s)
}
func (d *pdfDoc) needRoom(mm float64) {
	if d.room() < mm {
		d.f.AddPage()
	}
}
func (d *pdfDoc) label(s string) string { return ShowBidi(oneLine(s)) }
func (d *pdfDoc) verdictWord(v annotate.Verdict) string {
	return v.Symbol() + "\u00a0" + d.l.verdict(v)
}

// pdfText makes text printable in the PDF: bidi controls shown, and control characters other
// than line breaks (tabs, carriage returns), which the font has no glyph for, made spaces.
func pdfText(s string) string {
	s = ShowBidi(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' && r != '\n' || r == 0x7f }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\n' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// contestedColour marks a claim whose reviewers disagree.
var contestedColour = rgb{0x5b, 0x3a, 0x8c}

// claimColour is the colour of a claim: its verdict's, or the contested colour.
func claimColour(c annotate.Claim) rgb {
	if c.Contested {
		return contestedColour
	}
	return verdictColour(c.Verdict)
}

// claimWord is a claim's verdict in words: "⚖ Contested" while its reviewers disagree.
func (d *pdfDoc) claimWord(c annotate.Claim) string {
	if c.Contested {
		return "⚖\u00a0" + d.l.T("Contested")
	}
	return d.verdictWord(c.Verdict)
}

// claimBadge draws a claim's verdict as badge does, "⚖ Contested" for a contested claim.
func (d *pdfDoc) claimBadge(c annotate.Claim, size float64) {
	if !c.Contested {
		d.badge(c.Verdict, size)
		return
	}
	d.font("B", size)
	d.fill(contestedColour)
	d.f.SetTextColor(255, 255, 255)
	w := d.f.GetStringWidth(d.claimWord(c)) + 3
	d.f.CellFormat(w, size*0.5, d.claimWord(c), "", 0, "C", true, 0, "")
	d.text(inkColour)
}

// verdictCount is a verdict's symbol and a count of claims with it: "✓ Confirmed 7".
func (d *pdfDoc) verdictCount(v annotate.Verdict, n int) string {
	return v.Symbol() + "\u00a0" + d.l.verdictCount(v, n)
}

// badge draws a verdict as a coloured box with its symbol and word, and stays on the line.
func (d *pdfDoc) badge(v annotate.Verdict, size float64) {
	d.font("B", size)
	d.fill(verdictColour(v))
	d.f.SetTextColor(255, 255, 255)
	w := d.f.GetStringWidth(d.verdictWord(v)) + 3
	d.f.CellFormat(w, size*0.5, d.verdictWord(v), "", 0, "C", true, 0, "")
	d.text(inkColour)
}

func writePDF(w io.Writer, v *View, opt Options) error {
	l := localeOf(opt.Lang)
	v.localize(l)
	f := fpdf.New("P", "mm", "A4", "")
	if opt.Lang != "" {
		f.SetLang(opt.Lang.Tag())
	}
	f.SetMargins(15, 15, 15)
	f.SetAutoPageBreak(true, 18)
	f.AddUTF8FontFromBytes(pdfFont, "", fontRegular)
	f.AddUTF8FontFromBytes(pdfFont, "B", fontBold)
	f.SetTitle(ShowBidi(v.Title), true)
	if v.Settings.Organization != "" {
		f.SetAuthor(ShowBidi(oneLine(v.Settings.Organization)), true)
	}
	f.SetCreator("Factdesk", true)
	f.SetProducer("Factdesk (go-pdf/fpdf)", true)
	if !v.Settings.Generated.IsZero() {
		f.SetCreationDate(v.Settings.Generated.UTC())
		f.SetModificationDate(v.Settings.Generated.UTC())
	}
	f.SetCatalogSort(true)
	f.AliasNbPages("{nb}")
	d := &pdfDoc{f: f, v: v, l: l, links: make(map[*ClaimView]int, len(v.Claims))}
	pw, _ := f.GetPageSize()
	d.width = pw - 30
	f.SetFooterFunc(func() {
		f.SetY(-12)
		d.font("", 8)
		d.text(mutedColour)
		f.CellFormat(0, 5, d.label(v.Title), "", 0, "L", false, 0, "")
		f.SetX(15)
		f.CellFormat(0, 5, l.T("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
		d.text(inkColour)
	})
	for _, c := range v.Claims {
		d.links[c] = f.AddLink()
	}
	p := newProgress(opt, len(v.Claims))

	f.AddPage()
	d.summary()
	for _, a := range v.Articles {
		d.article(a)
		for _, c := range a.Claims {
			if err := p.tick(); err != nil {
				return err
			}
			d.claim(c)
			if err := f.Error(); err != nil {
				return fmt.Errorf("pdf report: %w", err)
			}
		}
	}
	d.contradictions()
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf report: %w", err)
	}
	return p.finish()
}

func (d *pdfDoc) summary() {
	f, v := d.f, d.v
	d.font("B", 20)
	d.para(9, d.label(v.Title))
	d.font("", 9)
	d.text(mutedColour)
	meta := d.l.T("Generated %s", d.l.dateTime(v.Settings.Generated))
	if o := oneLine(v.Settings.Organization); o != "" {
		meta = d.label(o) + " · " + meta
	}
	d.write(5, meta)
	if u := SafeURL(v.Settings.SiteURL); u != "" {
		d.write(5, " · ")
		d.text(linkColour)
		f.WriteLinkString(5, pdfText(u), u)
	}
	d.text(inkColour)
	d.space(9)

	d.heading(14, d.l.T("Summary"))
	d.space(1)
	d.font("", 10)
	contested := ""
	if n := v.Totals.Contested; n > 0 {
		contested = ", ⚖\u00a0" + d.l.N("Contested %d", n)
	}
	d.para(5, fmt.Sprintf("%s, %s%s%s, %s, %s%s%s%s.",
		d.l.N("%d article", len(v.Articles)), d.l.N("%d claim", v.Totals.Total()), d.l.T(": "),
		d.verdictCount(annotate.Confirmed, v.Totals.Confirmed), d.verdictCount(annotate.Disputed, v.Totals.Disputed),
		d.verdictCount(annotate.Unverified, v.Totals.Unverified), contested, d.l.T("; "), d.l.N("%d cross-article contradiction", len(v.Contradictions))))
	d.space(3)

	// The chart: one stacked bar per article.
	d.font("B", 10)
	d.para(5, d.l.T("Claims by verdict per article"))
	d.space(1)
	x := 15.0
	for _, verdict := range annotate.Verdicts {
		d.fill(verdictColour(verdict))
		f.Rect(x, f.GetY()+1, 3.5, 3.5, "F")
		f.SetX(x + 5)
		d.font("", 8.5)
		f.CellFormat(40, 5.5, d.verdictWord(verdict), "", 0, "L", false, 0, "")
		x += 42
	}
	d.space(7)
	maxTotal := 1
	for _, a := range v.Articles {
		maxTotal = max(maxTotal, a.Counts.Total())
	}
	const labelW, barW = 70.0, 95.0
	for _, a := range v.Articles {
		d.needRoom(6)
		y := f.GetY()
		d.font("", 8.5)
		// The label is cut to its column, measured in the font it is drawn in, so it never
		// runs into the bar; the count follows the bar.
		label := FitWidth(fmt.Sprintf("%d. %s", a.Index, d.label(a.Article.Title)), labelW-3, f.GetStringWidth)
		f.CellFormat(labelW, 5, label, "", 0, "L", false, 0, "")
		bx := 15 + labelW
		for _, verdict := range annotate.Verdicts {
			n := a.Counts.Of(verdict)
			if n == 0 {
				continue
			}
			w := max(0.8, float64(n)*barW/float64(maxTotal))
			d.fill(verdictColour(verdict))
			f.Rect(bx, y+0.8, w, 3.6, "F")
			bx += w
		}
		f.SetXY(bx+1.5, y)
		f.CellFormat(15, 5, d.l.num(a.Counts.Total()), "", 1, "L", false, 0, "")
		f.SetX(15)
	}
	d.space(4)

	// The table of counts.
	d.needRoom(20)
	cols := []float64{78, 36, 14, 13, 13, 13, 13}
	head := []string{d.l.T("Article"), d.l.T("Outlet"), d.l.T("Lang."), "✓", "✗", "?", d.l.T("Total")}
	d.font("B", 8.5)
	for i, h := range head {
		align := "L"
		if i >= 3 {
			align = "R"
		}
		f.CellFormat(cols[i], 6, h, "B", 0, align, false, 0, "")
	}
	f.Ln(-1)
	d.font("", 8.5)
	for _, a := range v.Articles {
		d.needRoom(6)
		cells := []string{FitWidth(fmt.Sprintf("%d. %s", a.Index, d.label(a.Article.Title)), cols[0]-3, f.GetStringWidth),
			FitWidth(d.label(a.Article.Outlet), cols[1]-3, f.GetStringWidth),
			d.label(Shorten(a.Article.Language, 6)), d.l.num(a.Counts.Confirmed), d.l.num(a.Counts.Disputed),
			d.l.num(a.Counts.Unverified), d.l.num(a.Counts.Total())}
		for i, c := range cells {
			align := "L"
			if i >= 3 {
				align = "R"
			}
			f.CellFormat(cols[i], 5.5, c, "B", 0, align, false, 0, "")
		}
		f.Ln(-1)
	}
	d.space(5)

	d.needRoom(15)
	d.heading(12, d.l.T("Reviewers"))
	d.space(1)
	d.font("", 10)
	if len(v.Reviewers) == 0 {
		d.para(5, d.l.T("No reviewer is named in this export."))
	}
	for _, r := range v.Reviewers {
		d.para(5, "• "+d.label(r.Name)+" — "+d.l.N("made or rated %d claim", r.Claims))
	}
}

// pdfClaimRoom is the room a claim needs at least on its page, and pdfTop the top margin.
const (
	pdfClaimRoom = 40.0
	pdfTop       = 15.0
)

// atTop reports whether nothing is written yet on the current page.
func (d *pdfDoc) atTop() bool { return d.f.GetY() <= pdfTop+0.5 }

// startSection starts a section that needs need mm on its page: on a new page when the room
// left is smaller, else after a rule below what comes before, gap mm above and below it.
func (d *pdfDoc) startSection(need, gap float64) {
	f := d.f
	switch {
	case d.atTop():
	case d.room() < need+2*gap:
		f.AddPage()
	default:
		d.space(gap)
		f.SetDrawColor(ruleColour.r, ruleColour.g, ruleColour.b)
		f.SetLineWidth(0.4)
		f.Line(15, f.GetY(), 15+d.width, f.GetY())
		f.SetLineWidth(0.2)
		d.space(gap)
	}
}

// articleHeaderHeight is the height of the header d.article writes for a.
func (d *pdfDoc) articleHeaderHeight(a *ArticleView) float64 {
	d.font("B", 15)
	h := float64(len(d.f.SplitText(fmt.Sprintf("%d. %s", a.Index, d.label(a.Article.Title)), d.width)))*7.5 + 2
	d.font("", 9)
	for _, value := range []string{a.Article.Outlet, a.Article.Byline, a.Article.Language, a.Article.URL, a.Article.Published, a.Article.ImportedBy, "claims"} {
		if strings.TrimSpace(value) != "" {
			h += 5 * float64(max(1, len(d.f.SplitText(d.label(value), d.width-28))))
		}
	}
	return h + 2
}

// article writes an article's header: on the page where the previous one ends when the header
// and its first claim fit there, else on a new page. An article without claims takes a few
// lines only.
func (d *pdfDoc) article(a *ArticleView) {
	f := d.f
	if len(a.Claims) == 0 {
		d.emptyArticle(a)
		return
	}
	d.startSection(d.articleHeaderHeight(a)+d.claimRoom(a.Claims[0]), 5)
	f.Bookmark(d.label(Shorten(a.Article.Title, 60)), 0, -1)
	d.heading(15, fmt.Sprintf("%d. %s", a.Index, d.label(a.Article.Title)))
	d.space(2)
	field := func(name, value, link string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		d.font("B", 9)
		d.text(mutedColour)
		f.CellFormat(28, 5, name, "", 0, "L", false, 0, "")
		d.font("", 9)
		d.text(inkColour)
		f.SetLeftMargin(43)
		if link != "" {
			d.text(linkColour)
			f.WriteLinkString(5, pdfText(value), link)
			d.text(inkColour)
		} else {
			d.write(5, value)
		}
		f.SetLeftMargin(15)
		f.Ln(5)
	}
	l := d.l
	field(l.T("Outlet"), d.label(a.Article.Outlet), "")
	field(l.T("Byline"), d.label(a.Article.Byline), "")
	field(l.T("Language"), d.label(a.Article.Language), "")
	if u := strings.TrimSpace(a.Article.URL); u != "" {
		if a.SafeURL != "" {
			field(l.T("URL"), ShowBidi(u), a.SafeURL)
		} else {
			field(l.T("URL"), ShowBidi(u)+l.T(" (not a web link)"), "")
		}
	}
	field(l.T("Published"), d.label(l.dateText(a.Article.Published)), "")
	field(l.T("Imported by"), d.label(a.Article.ImportedBy), "")
	field(l.T("Claims"), l.num(a.Counts.Total())+l.T(": ")+d.verdictCount(annotate.Confirmed, a.Counts.Confirmed)+", "+
		d.verdictCount(annotate.Disputed, a.Counts.Disputed)+", "+d.verdictCount(annotate.Unverified, a.Counts.Unverified), "")
	d.space(2)
}

// emptyArticle lists an article without claims compactly: its title, its metadata on one
// line, and that it has no claims.
func (d *pdfDoc) emptyArticle(a *ArticleView) {
	f := d.f
	d.font("B", 11)
	title := fmt.Sprintf("%d. %s", a.Index, d.label(a.Article.Title))
	need := float64(len(f.SplitText(title, d.width)))*5.5 + 10
	d.startSection(need, 3)
	f.Bookmark(d.label(Shorten(a.Article.Title, 60)), 0, -1)
	d.heading(11, title)
	var meta []string
	for _, s := range []string{a.Article.Outlet, a.Article.Language, d.l.dateText(a.Article.Published)} {
		if s = d.label(s); s != "" {
			meta = append(meta, s)
		}
	}
	if u := strings.TrimSpace(a.Article.URL); u != "" {
		if a.SafeURL == "" {
			u += d.l.T(" (not a web link)")
		}
		meta = append(meta, ShowBidi(u))
	}
	d.font("", 9)
	d.text(mutedColour)
	if len(meta) > 0 {
		d.para(4.8, strings.Join(meta, " · "))
	}
	d.text(inkColour)
	d.para(4.8, d.l.T("No claims in this article."))
}

// claimHeight estimates the height of a claim as d.claim writes it, from the lines its texts
// take in their fonts (bold quotes are a little wider, hence the tenth more).
func (d *pdfDoc) claimHeight(c *ClaimView) float64 {
	f := d.f
	w := d.width - 4
	lines := func(style string, size float64, s string) float64 {
		d.font(style, size)
		return float64(max(1, len(f.SplitText(s, w))))
	}
	h := 3 + 4.5 + 1.5 // space, badge, space
	h += (lines("", 10.5, ShowBidi(c.Before)+ShowBidi(oneLine(c.Claim.Exact))+ShowBidi(c.After))-1)*5.5*1.1 + 7
	if note := strings.TrimSpace(c.Claim.Note); note != "" {
		h += lines("", 9.5, ShowBidi(note))*5 + 1
	}
	for _, list := range [][]SourceLink{c.For, c.Against} {
		if len(list) > 0 {
			h += 5
		}
		for _, s := range list {
			h += lines("", 9, d.l.sourceLabel(s)+" "+s.Source.URL+" "+d.l.dateText(s.Source.Accessed)+" "+s.Source.Quote+sourceExtras(d.l, s))*4.8 + 0.7
		}
	}
	if len(c.Links) > 0 {
		h += 5
	}
	for _, l := range c.Links {
		text := d.l.phrase(l) + " " + l.OtherID
		if l.Other != nil {
			text = d.l.phrase(l) + " " + d.l.quote(Shorten(l.Other.Claim.Exact, 90)) + " (" + d.claimWord(l.Other.Claim) + ") " + d.l.T("in") + " " + l.Other.Article.Article.Title
		}
		h += lines("", 9, text) * 5
	}
	return h + 4.5
}

// claimRoom is the room a claim needs at least on the page it starts on: all of it, up to
// pdfClaimRoom (a longer claim continues on the next page).
func (d *pdfDoc) claimRoom(c *ClaimView) float64 { return min(pdfClaimRoom, d.claimHeight(c)) }

func (d *pdfDoc) claim(c *ClaimView) {
	f := d.f
	d.needRoom(d.claimRoom(c))
	d.space(3)
	startPage, startY := f.PageNo(), f.GetY()
	f.SetLink(d.links[c], startY, startPage)
	f.SetLeftMargin(19)
	f.SetX(19)
	d.claimBadge(c.Claim, 9)
	d.font("", 8)
	d.text(mutedColour)
	pos := "  " + d.l.T("characters %d–%d", c.Claim.Start, c.Claim.End)
	if p := c.Page(); p > 0 {
		pos = "  " + d.l.T("p. %d, ", p) + d.l.T("characters %d–%d", c.Claim.Start, c.Claim.End)
	}
	if !c.InText {
		pos += d.l.T(" (the quote is not at this position in the exported text)")
	}
	f.CellFormat(0, 4.5, pos, "", 1, "L", false, 0, "")
	d.text(inkColour)
	d.space(1.5)

	// The quote in its context.
	d.font("", 10.5)
	d.write(5.5, ShowBidi(c.Before))
	d.font("B", 10.5)
	d.text(claimColour(c.Claim))
	d.write(5.5, ShowBidi(oneLine(c.Claim.Exact)))
	d.text(inkColour)
	d.font("", 10.5)
	d.write(5.5, ShowBidi(c.After))
	f.Ln(7)
	if r := d.l.ratings(c); r != "" {
		d.font("", 9)
		if c.Claim.Contested {
			d.text(contestedColour)
			r = d.l.T("Contested, not settled. ") + d.l.T("Ratings: %s", r)
		} else {
			r = d.l.T("Ratings: %s", r)
		}
		d.write(4.5, pdfText(r))
		d.text(inkColour)
		f.Ln(6)
	}

	if note := strings.TrimSpace(c.Claim.Note); note != "" {
		d.font("", 9.5)
		d.para(5, ShowBidi(note))
		d.space(1)
	}
	d.sources(d.l.T("Sources for"), c.For)
	d.sources(d.l.T("Sources against"), c.Against)
	if len(c.Links) > 0 {
		d.font("B", 8.5)
		d.text(mutedColour)
		d.para(5, strings.ToUpper(d.l.T("Linked claims")))
		d.text(inkColour)
		for _, l := range c.Links {
			d.font("", 9)
			if l.Other == nil {
				d.para(4.8, "• "+d.l.phrase(l)+" "+d.l.T("claim %s (not in this export)", ShowBidi(l.OtherID)))
				continue
			}
			if l.Other.OutOfScope {
				d.para(4.8, fmt.Sprintf("• %s %s (%s) %s", d.l.phrase(l), d.l.quote(d.label(Shorten(l.Other.Claim.Exact, 90))),
					d.claimWord(l.Other.Claim), d.l.outOfScopeWhere(l.Other, c)))
				continue
			}
			d.write(4.8, "• "+d.l.phrase(l)+" ")
			d.text(linkColour)
			f.WriteLinkID(4.8, pdfText(d.l.quote(d.label(Shorten(l.Other.Claim.Exact, 90)))), d.links[l.Other])
			d.text(inkColour)
			where := d.l.T("this article")
			if l.Other.Article != c.Article {
				where = d.label(l.Other.Article.Article.Title)
			}
			d.write(4.8, fmt.Sprintf(" (%s) %s %s", d.claimWord(l.Other.Claim), d.l.T("in"), where))
			f.Ln(5)
		}
	}
	if by := byLine(d.l, c, d.label); by != "" {
		d.font("", 8)
		d.text(mutedColour)
		d.para(4.5, by)
		d.text(inkColour)
	}
	f.SetLeftMargin(15)
	// The verdict's colour as a bar down the left of the claim, on each page it covers.
	endPage, endY := f.PageNo(), f.GetY()
	d.fill(claimColour(c.Claim))
	_, pageH := f.GetPageSize()
	for page := startPage; page <= endPage; page++ {
		top, bottom := 15.0, pageH-18
		if page == startPage {
			top = startY
		}
		if page == endPage {
			bottom = endY
		}
		if bottom > top {
			f.SetPage(page)
			f.Rect(15, top, 1.6, bottom-top, "F")
		}
	}
	f.SetPage(endPage)
	f.SetXY(15, endY)
	d.fill(ruleColour)
}

func (d *pdfDoc) sources(title string, list []SourceLink) {
	if len(list) == 0 {
		return
	}
	f := d.f
	d.font("B", 8.5)
	d.text(mutedColour)
	d.para(5, strings.ToUpper(title))
	d.text(inkColour)
	for _, s := range list {
		d.font("", 9)
		prefix := "• "
		if s.Relation == annotate.SameClaim {
			prefix += d.l.relation(s.Relation) + d.l.T(": ")
		}
		d.write(4.8, prefix)
		label := d.label(d.l.sourceLabel(s))
		if s.SafeURL != "" {
			d.text(linkColour)
			f.WriteLinkString(4.8, pdfText(label), s.SafeURL)
			d.text(inkColour)
			if !s.LabelIsURL() {
				d.font("", 8)
				d.text(mutedColour)
				d.write(4.8, " "+ShowBidi(strings.TrimSpace(s.Source.URL)))
				d.text(inkColour)
				d.font("", 9)
			}
		} else {
			d.write(4.8, label)
			if u := strings.TrimSpace(s.Source.URL); u != "" {
				if !s.LabelIsURL() {
					d.write(4.8, " "+ShowBidi(u))
				}
				d.write(4.8, d.l.T(" (not a web link)"))
			}
		}
		if a := d.label(d.l.dateText(s.Source.Accessed)); a != "" {
			d.write(4.8, " "+d.l.T("(accessed %s)", a))
		}
		if s.SafeArchiveURL != "" {
			d.write(4.8, " (")
			d.text(linkColour)
			f.WriteLinkString(4.8, pdfText(d.l.T("archived copy")), s.SafeArchiveURL)
			d.text(inkColour)
			d.write(4.8, ")")
		}
		if c := s.Source.LastCheck; c != nil {
			d.write(4.8, " ("+d.label(d.l.sourceCheck(*c))+")")
		}
		if q := d.label(s.Source.Quote); q != "" {
			d.write(4.8, d.l.T(": ")+d.l.quote(q))
		}
		f.Ln(5.5)
	}
}

func (d *pdfDoc) contradictions() {
	f, v := d.f, d.v
	d.startSection(40, 5)
	f.Bookmark(d.l.T("Cross-article contradictions"), 0, -1)
	d.heading(15, d.l.T("Cross-article contradictions"))
	d.space(2)
	d.font("", 10)
	if len(v.Contradictions) == 0 {
		d.para(5, d.l.T("None: no “contradicts” link joins claims of different articles, and no same-claim link joins a confirmed claim to a disputed one."))
		return
	}
	ref := func(c *ClaimView) {
		d.claimBadge(c.Claim, 8.5)
		d.font("", 9.5)
		d.write(5, " ")
		quote := pdfText(d.l.quote(d.label(Shorten(c.Claim.Exact, 90))))
		if c.OutOfScope {
			d.write(5, quote)
			d.text(mutedColour)
			d.write(5, " — "+d.l.outOfScopeWhere(c, nil))
		} else {
			d.text(linkColour)
			f.WriteLinkID(5, quote, d.links[c])
			d.text(mutedColour)
			d.write(5, " — "+d.label(c.Article.Article.Title))
		}
		d.text(inkColour)
		f.Ln(6)
	}
	for _, c := range v.Contradictions {
		d.needRoom(24)
		ref(c.A)
		d.font("B", 9.5)
		d.para(5, d.l.contradiction(c))
		ref(c.B)
		f.SetDrawColor(ruleColour.r, ruleColour.g, ruleColour.b)
		f.Line(15, f.GetY()+1, 195, f.GetY()+1)
		d.space(4)
	}
}

// sourceExtras is what a source's line says after its date, for the height it takes: the
// archived copy and the last check of its live page.
func sourceExtras(l *locale, s SourceLink) string {
	var b strings.Builder
	if s.SafeArchiveURL != "" {
		b.WriteString(" (" + l.T("archived copy") + ")")
	}
	if c := s.Source.LastCheck; c != nil {
		b.WriteString(" (" + l.sourceCheck(*c) + ")")
	}
	return b.String()
}
