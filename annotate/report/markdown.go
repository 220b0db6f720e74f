package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"factdesk/annotate"
)

// mdEscaper backslash-escapes the characters that could start Markdown (CommonMark and GFM)
// markup anywhere in a line. Characters that only matter at the start of a line are handled
// by mdLine.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `~`, `\~`, `&`, `\&`, `#`, `\#`, `$`, `\$`,
)

// md escapes untrusted text for use inside a Markdown line: bidi controls shown, white space
// squashed to one line, markup characters escaped.
func md(s string) string { return mdEscaper.Replace(ShowBidi(oneLine(s))) }

// mdLine escapes one line of a multi-line text: like md, and also the characters that start
// a block (list markers, headings' setext underlines, ordered-list numbers) at its beginning.
func mdLine(s string) string {
	s = mdEscaper.Replace(ShowBidi(strings.TrimSpace(squash(s))))
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// mdBlock writes a multi-line untrusted text as Markdown lines, each starting with indent.
// Blank lines separate paragraphs; single line breaks are kept as hard breaks.
func mdBlock(b *bufio.Writer, indent, s string) {
	paras := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	first := true
	for _, p := range paras {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = mdLine(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if !first {
			b.WriteString(strings.TrimRight(indent, " ") + "\n")
		}
		first = false
		for i, l := range lines {
			b.WriteString(indent + l)
			if i < len(lines)-1 {
				b.WriteString("  ") // hard line break
			}
			b.WriteByte('\n')
		}
	}
}

// mdURL makes a safe URL usable as a Markdown link destination.
var mdURL = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", " ", "%20", `\`, "%5C").Replace

func mdVerdict(l *locale, v annotate.Verdict) string { return v.Symbol() + " " + l.verdict(v) }

// mdClaimVerdict is a claim's verdict: "⚖ Contested" while its reviewers disagree.
func mdClaimVerdict(l *locale, c annotate.Claim) string {
	if c.Contested {
		return "⚖ " + l.T("Contested")
	}
	return mdVerdict(l, c.Verdict)
}

func writeMarkdown(w io.Writer, v *View, opt Options) error {
	l := localeOf(opt.Lang)
	v.localize(l)
	b := bufio.NewWriterSize(w, 64<<10)
	p := newProgress(opt, len(v.Claims))
	fmt.Fprintf(b, "# %s\n\n", md(v.Title))
	var meta []string
	if o := v.Settings.Organization; o != "" {
		meta = append(meta, md(o))
	}
	meta = append(meta, l.T("Generated %s", l.dateTime(v.Settings.Generated)))
	if u := SafeURL(v.Settings.SiteURL); u != "" {
		meta = append(meta, "<"+mdURL(u)+">")
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(meta, " · "))

	fmt.Fprintf(b, "## %s\n\n", l.T("Summary"))
	count := func(v annotate.Verdict, n int) string { return v.Symbol() + " " + l.verdictCount(v, n) }
	contested := ""
	if n := v.Totals.Contested; n > 0 {
		contested = ", ⚖ " + l.N("Contested %d", n)
	}
	fmt.Fprintf(b, "%s, %s%s%s, %s, %s%s%s%s.\n\n",
		l.N("%d article", len(v.Articles)), l.N("%d claim", v.Totals.Total()), l.T(": "),
		count(annotate.Confirmed, v.Totals.Confirmed), count(annotate.Disputed, v.Totals.Disputed),
		count(annotate.Unverified, v.Totals.Unverified), contested, l.T("; "), l.N("%d cross-article contradiction", len(v.Contradictions)))
	withContested := v.Totals.Contested > 0 // a column only when some claim is contested
	head := []string{"#", l.T("Article"), l.T("Outlet"), l.T("Language"), l.T("Published"),
		mdVerdict(l, annotate.Confirmed), mdVerdict(l, annotate.Disputed), mdVerdict(l, annotate.Unverified)}
	rule := "|--:|---|---|---|---|--:|--:|--:|--:|\n"
	if withContested {
		head = append(head, "⚖ "+l.T("Contested"))
		rule = "|--:|---|---|---|---|--:|--:|--:|--:|--:|\n"
	}
	head = append(head, l.T("Total"))
	fmt.Fprintf(b, "| %s |\n", strings.Join(head, " | "))
	b.WriteString(rule)
	for _, a := range v.Articles {
		fmt.Fprintf(b, "| %d | [%s](#%s) | %s | %s | %s | %s | %s | %s |", a.Index, md(a.Article.Title), a.Anchor,
			md(a.Article.Outlet), md(a.Article.Language), md(l.dateText(a.Article.Published)),
			l.num(a.Counts.Confirmed), l.num(a.Counts.Disputed), l.num(a.Counts.Unverified))
		if withContested {
			fmt.Fprintf(b, " %s |", l.num(a.Counts.Contested))
		}
		fmt.Fprintf(b, " %s |\n", l.num(a.Counts.Total()))
	}
	fmt.Fprintf(b, "\n### %s\n\n", l.T("Reviewers"))
	if len(v.Reviewers) == 0 {
		b.WriteString(l.T("No reviewer is named in this export.") + "\n")
	}
	for _, r := range v.Reviewers {
		fmt.Fprintf(b, "- %s — %s\n", md(r.Name), l.N("made or rated %d claim", r.Claims))
	}

	for _, a := range v.Articles {
		fmt.Fprintf(b, "\n<a id=\"%s\"></a>\n\n## %d. %s\n\n", a.Anchor, a.Index, md(a.Article.Title))
		field := func(name, value string) {
			if strings.TrimSpace(value) != "" {
				fmt.Fprintf(b, "- %s%s%s\n", name, l.T(": "), value)
			}
		}
		field(l.T("Outlet"), md(a.Article.Outlet))
		field(l.T("Byline"), md(a.Article.Byline))
		field(l.T("Language"), md(a.Article.Language))
		if u := a.Article.URL; u != "" {
			if safe := SafeURL(u); safe != "" {
				field(l.T("URL"), "<"+mdURL(safe)+">")
			} else {
				field(l.T("URL"), md(u)+l.T(" (not a web link)"))
			}
		}
		field(l.T("Published"), md(l.dateText(a.Article.Published)))
		field(l.T("Imported by"), md(a.Article.ImportedBy))
		field("SHA-256", a.Hash)
		contested := ""
		if a.Counts.Contested > 0 {
			contested = ", ⚖ " + l.N("Contested %d", a.Counts.Contested)
		}
		fmt.Fprintf(b, "- %s%s%s (%s, %s, %s%s)\n", l.T("Claims"), l.T(": "), l.num(a.Counts.Total()),
			count(annotate.Confirmed, a.Counts.Confirmed), count(annotate.Disputed, a.Counts.Disputed),
			count(annotate.Unverified, a.Counts.Unverified), contested)
		if len(a.Claims) == 0 {
			b.WriteString("\n" + l.T("No claims in this article.") + "\n")
		}
		for _, c := range a.Claims {
			if err := p.tick(); err != nil {
				return err
			}
			writeMarkdownClaim(b, l, c)
		}
	}

	fmt.Fprintf(b, "\n## %s\n\n", l.T("Cross-article contradictions"))
	if len(v.Contradictions) == 0 {
		b.WriteString(l.T("None: no “contradicts” link joins claims of different articles, and no same-claim link joins a confirmed claim to a disputed one.") + "\n")
	}
	for _, c := range v.Contradictions {
		fmt.Fprintf(b, "- %s — **%s** — %s\n", mdClaimRef(l, c.A), l.contradiction(c), mdClaimRef(l, c.B))
	}
	b.WriteString("\n---\n\n" + l.T("Generated by Factdesk. Verdicts: ✓ Confirmed, ✗ Disputed, ? Unverified. Unicode direction controls in the texts are shown as ⟨U+…⟩.") + "\n")
	if err := b.Flush(); err != nil {
		return err
	}
	return p.finish()
}

func writeMarkdownClaim(b *bufio.Writer, l *locale, c *ClaimView) {
	fmt.Fprintf(b, "\n<a id=\"%s\"></a>\n\n### %s — %s\n\n", c.Anchor, mdClaimVerdict(l, c.Claim), l.quote(md(Shorten(c.Claim.Exact, 80))))
	quote := md(c.Claim.Exact)
	if quote != "" {
		quote = "**" + quote + "**"
	}
	before, after := md(c.Before), md(c.After)
	if before != "" && strings.HasSuffix(c.Before, " ") {
		before += " "
	}
	if after != "" && strings.HasPrefix(c.After, " ") {
		after = " " + after
	}
	fmt.Fprintf(b, "> %s%s%s\n\n", before, quote, after)
	pos := l.T("Characters %d–%d", c.Claim.Start, c.Claim.End)
	if p := c.Page(); p > 0 {
		pos = l.T("Page %d, characters %d–%d", p, c.Claim.Start, c.Claim.End)
	}
	if !c.InText {
		pos += l.T(" (the quote is not at this position in the exported text)")
	}
	fmt.Fprintf(b, "%s.\n", pos)
	if r := l.ratings(c); r != "" {
		if c.Claim.Contested {
			b.WriteString("\n" + l.T("Contested, not settled. "))
		} else {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%s.\n", l.T("Ratings: %s", md(r)))
	}
	if strings.TrimSpace(c.Claim.Note) != "" {
		fmt.Fprintf(b, "\n%s\n\n", l.T("Note:"))
		mdBlock(b, "> ", c.Claim.Note)
	}
	writeMarkdownSources(b, l, l.T("Sources for"), c.For)
	writeMarkdownSources(b, l, l.T("Sources against"), c.Against)
	if len(c.Links) > 0 {
		fmt.Fprintf(b, "\n%s\n\n", l.T("Linked claims:"))
		for _, k := range c.Links {
			if k.Other == nil {
				fmt.Fprintf(b, "- %s %s\n", l.phrase(k), l.T("claim %s (not in this export)", md(k.OtherID)))
				continue
			}
			if k.Other.OutOfScope {
				fmt.Fprintf(b, "- %s %s (%s) %s\n", l.phrase(k), l.quote(md(Shorten(k.Other.Claim.Exact, 90))), mdClaimVerdict(l, k.Other.Claim),
					md(l.outOfScopeWhere(k.Other, c)))
				continue
			}
			where := l.T("this article")
			if k.Other.Article != c.Article {
				where = fmt.Sprintf("[%s](#%s)", md(k.Other.Article.Article.Title), k.Other.Article.Anchor)
			}
			fmt.Fprintf(b, "- %s [%s](#%s) (%s) %s %s\n", l.phrase(k), l.quote(md(Shorten(k.Other.Claim.Exact, 90))), k.Other.Anchor,
				mdClaimVerdict(l, k.Other.Claim), l.T("in"), where)
		}
	}
	if by := byLine(l, c, md); by != "" {
		fmt.Fprintf(b, "\n%s.\n", by)
	}
}

// byLine says who reviewed the claim last and who created it, and when: "Last reviewed by
// Alice on 2020-10-09 · created by Bob on 2020-10-08"; "" when no name is known. esc escapes
// the names for the format.
func byLine(l *locale, c *ClaimView, esc func(string) string) string {
	var s string
	if c.Reviewer != "" {
		s = l.T("Last reviewed by %s", esc(c.Reviewer))
		if d := l.date(c.VerdictAt); d != "" {
			s += l.T(" on %s", d)
		}
	}
	if c.Claim.CreatedBy != "" {
		created := l.T(" · created by %s", esc(c.Claim.CreatedBy))
		if s == "" {
			created = l.T("created by %s", esc(c.Claim.CreatedBy))
		}
		s += created
		if d := l.date(c.Claim.CreatedAt); d != "" {
			s += l.T(" on %s", d)
		}
	}
	return s
}

func writeMarkdownSources(b *bufio.Writer, l *locale, title string, sources []SourceLink) {
	if len(sources) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s%s\n\n", title, l.T(":"))
	for _, s := range sources {
		b.WriteString("- ")
		if s.Relation == annotate.SameClaim {
			b.WriteString(l.relation(s.Relation) + l.T(": "))
		}
		label := md(l.sourceLabel(s))
		switch {
		case s.SafeURL != "":
			fmt.Fprintf(b, "[%s](%s)", label, mdURL(s.SafeURL))
		case s.Source.URL != "" && !s.LabelIsURL():
			fmt.Fprintf(b, "%s, %s%s", label, md(s.Source.URL), l.T(" (not a web link)"))
		case s.Source.URL != "":
			fmt.Fprintf(b, "%s%s", label, l.T(" (not a web link)"))
		default:
			b.WriteString(label)
		}
		if a := md(l.dateText(s.Source.Accessed)); a != "" {
			fmt.Fprintf(b, " %s", l.T("(accessed %s)", a))
		}
		if s.SafeArchiveURL != "" {
			fmt.Fprintf(b, " ([%s](%s))", l.T("archived copy"), mdURL(s.SafeArchiveURL))
		}
		if s.Source.LastCheck != nil {
			fmt.Fprintf(b, " (%s)", l.sourceCheck(*s.Source.LastCheck))
		}
		if q := md(s.Source.Quote); q != "" {
			fmt.Fprintf(b, "%s%s", l.T(": "), l.quote(q))
		}
		b.WriteByte('\n')
	}
}

func mdClaimRef(l *locale, c *ClaimView) string {
	if c.OutOfScope {
		return fmt.Sprintf("%s %s (%s)", mdClaimVerdict(l, c.Claim), l.quote(md(Shorten(c.Claim.Exact, 90))), md(l.outOfScopeWhere(c, nil)))
	}
	return fmt.Sprintf("%s [%s](#%s) (%s)", mdClaimVerdict(l, c.Claim), l.quote(md(Shorten(c.Claim.Exact, 90))), c.Anchor, md(c.Article.Article.Title))
}

// sourceCheck says when the live page of a source was last compared with its snapshot, and what
// was found, in the report's language.
func (l *locale) sourceCheck(c annotate.SourceCheck) string {
	at := l.dateTime(c.At)
	switch c.Outcome {
	case annotate.CheckUnchanged:
		return l.T("checked %s: unchanged since the snapshot", at)
	case annotate.CheckSameText:
		return l.T("checked %s: same text as the snapshot (the page around it changed)", at)
	case annotate.CheckChanged:
		return l.T("checked %s: changed since the snapshot", at)
	case annotate.CheckGone:
		return l.T("checked %s: page gone (%d)", at, c.Status)
	}
	if c.Status != 0 {
		return l.T("checked %s: could not be fetched (%d)", at, c.Status)
	}
	return l.T("checked %s: could not be fetched", at)
}
