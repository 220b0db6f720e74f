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

func mdVerdict(v annotate.Verdict) string { return v.Symbol() + " " + verdictLabel(v) }

// mdClaimVerdict is a claim's verdict: "⚖ Contested" while its reviewers disagree.
func mdClaimVerdict(c annotate.Claim) string {
	if c.Contested {
		return "⚖ Contested"
	}
	return mdVerdict(c.Verdict)
}

func writeMarkdown(w io.Writer, v *View, opt Options) error {
	b := bufio.NewWriterSize(w, 64<<10)
	p := newProgress(opt, len(v.Claims))
	fmt.Fprintf(b, "# %s\n\n", md(v.Title))
	var meta []string
	if o := v.Settings.Organization; o != "" {
		meta = append(meta, md(o))
	}
	meta = append(meta, "Generated "+formatDateTime(v.Settings.Generated))
	if u := SafeURL(v.Settings.SiteURL); u != "" {
		meta = append(meta, "<"+mdURL(u)+">")
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(meta, " · "))

	b.WriteString("## Summary\n\n")
	contested := ""
	if n := v.Totals.Contested; n > 0 {
		contested = fmt.Sprintf(", ⚖ Contested %d", n)
	}
	fmt.Fprintf(b, "%d %s, %d %s: %s %d, %s %d, %s %d%s; %d cross-article %s.\n\n",
		len(v.Articles), plural(len(v.Articles), "article", "articles"), v.Totals.Total(), plural(v.Totals.Total(), "claim", "claims"),
		mdVerdict(annotate.Confirmed), v.Totals.Confirmed, mdVerdict(annotate.Disputed), v.Totals.Disputed,
		mdVerdict(annotate.Unverified), v.Totals.Unverified, contested, len(v.Contradictions), plural(len(v.Contradictions), "contradiction", "contradictions"))
	withContested := v.Totals.Contested > 0 // a column only when some claim is contested
	if withContested {
		b.WriteString("| # | Article | Outlet | Language | Published | ✓ Confirmed | ✗ Disputed | ? Unverified | ⚖ Contested | Total |\n")
		b.WriteString("|--:|---|---|---|---|--:|--:|--:|--:|--:|\n")
	} else {
		b.WriteString("| # | Article | Outlet | Language | Published | ✓ Confirmed | ✗ Disputed | ? Unverified | Total |\n")
		b.WriteString("|--:|---|---|---|---|--:|--:|--:|--:|\n")
	}
	for _, a := range v.Articles {
		fmt.Fprintf(b, "| %d | [%s](#%s) | %s | %s | %s | %d | %d | %d |", a.Index, md(a.Article.Title), a.Anchor,
			md(a.Article.Outlet), md(a.Article.Language), md(a.Article.Published),
			a.Counts.Confirmed, a.Counts.Disputed, a.Counts.Unverified)
		if withContested {
			fmt.Fprintf(b, " %d |", a.Counts.Contested)
		}
		fmt.Fprintf(b, " %d |\n", a.Counts.Total())
	}
	b.WriteString("\n### Reviewers\n\n")
	if len(v.Reviewers) == 0 {
		b.WriteString("No reviewer is named in this export.\n")
	}
	for _, r := range v.Reviewers {
		fmt.Fprintf(b, "- %s — made or rated %d %s\n", md(r.Name), r.Claims, plural(r.Claims, "claim", "claims"))
	}

	for _, a := range v.Articles {
		fmt.Fprintf(b, "\n<a id=\"%s\"></a>\n\n## %d. %s\n\n", a.Anchor, a.Index, md(a.Article.Title))
		field := func(name, value string) {
			if strings.TrimSpace(value) != "" {
				fmt.Fprintf(b, "- %s: %s\n", name, value)
			}
		}
		field("Outlet", md(a.Article.Outlet))
		field("Byline", md(a.Article.Byline))
		field("Language", md(a.Article.Language))
		if u := a.Article.URL; u != "" {
			if safe := SafeURL(u); safe != "" {
				field("URL", "<"+mdURL(safe)+">")
			} else {
				field("URL", md(u)+" (not a web link)")
			}
		}
		field("Published", md(a.Article.Published))
		field("Imported by", md(a.Article.ImportedBy))
		field("SHA-256", a.Hash)
		contested := ""
		if a.Counts.Contested > 0 {
			contested = fmt.Sprintf(", ⚖ Contested %d", a.Counts.Contested)
		}
		fmt.Fprintf(b, "- Claims: %d (%s %d, %s %d, %s %d%s)\n", a.Counts.Total(),
			mdVerdict(annotate.Confirmed), a.Counts.Confirmed, mdVerdict(annotate.Disputed), a.Counts.Disputed,
			mdVerdict(annotate.Unverified), a.Counts.Unverified, contested)
		if len(a.Claims) == 0 {
			b.WriteString("\nNo claims in this article.\n")
		}
		for _, c := range a.Claims {
			if err := p.tick(); err != nil {
				return err
			}
			writeMarkdownClaim(b, c)
		}
	}

	b.WriteString("\n## Cross-article contradictions\n\n")
	if len(v.Contradictions) == 0 {
		b.WriteString("None: no “contradicts” link joins claims of different articles, and no same-claim link joins a confirmed claim to a disputed one.\n")
	}
	for _, c := range v.Contradictions {
		fmt.Fprintf(b, "- %s — **%s** — %s\n", mdClaimRef(c.A), c.Phrase(), mdClaimRef(c.B))
	}
	b.WriteString("\n---\n\nGenerated by Factdesk. Verdicts: ✓ Confirmed, ✗ Disputed, ? Unverified. Unicode direction controls in the texts are shown as ⟨U+…⟩.\n")
	if err := b.Flush(); err != nil {
		return err
	}
	return p.finish()
}

func writeMarkdownClaim(b *bufio.Writer, c *ClaimView) {
	fmt.Fprintf(b, "\n<a id=\"%s\"></a>\n\n### %s — “%s”\n\n", c.Anchor, mdClaimVerdict(c.Claim), md(Shorten(c.Claim.Exact, 80)))
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
	pos := fmt.Sprintf("Characters %d–%d", c.Claim.Start, c.Claim.End)
	if p := c.Page(); p > 0 {
		pos = fmt.Sprintf("Page %d, characters %d–%d", p, c.Claim.Start, c.Claim.End)
	}
	if !c.InText {
		pos += " (the quote is not at this position in the exported text)"
	}
	fmt.Fprintf(b, "%s.\n", pos)
	if r := c.RatingsText(); r != "" {
		if c.Claim.Contested {
			b.WriteString("\nContested, not settled. ")
		} else {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "Ratings: %s.\n", md(r))
	}
	if strings.TrimSpace(c.Claim.Note) != "" {
		b.WriteString("\nNote:\n\n")
		mdBlock(b, "> ", c.Claim.Note)
	}
	writeMarkdownSources(b, "Sources for", c.For)
	writeMarkdownSources(b, "Sources against", c.Against)
	if len(c.Links) > 0 {
		b.WriteString("\nLinked claims:\n\n")
		for _, l := range c.Links {
			if l.Other == nil {
				fmt.Fprintf(b, "- %s claim %s (not in this export)\n", l.Phrase(), md(l.OtherID))
				continue
			}
			if l.Other.OutOfScope {
				fmt.Fprintf(b, "- %s “%s” (%s) %s\n", l.Phrase(), md(Shorten(l.Other.Claim.Exact, 90)), mdClaimVerdict(l.Other.Claim),
					md(outOfScopeWhere(l.Other, c)))
				continue
			}
			where := "this article"
			if l.Other.Article != c.Article {
				where = fmt.Sprintf("[%s](#%s)", md(l.Other.Article.Article.Title), l.Other.Article.Anchor)
			}
			fmt.Fprintf(b, "- %s [“%s”](#%s) (%s) in %s\n", l.Phrase(), md(Shorten(l.Other.Claim.Exact, 90)), l.Other.Anchor,
				mdClaimVerdict(l.Other.Claim), where)
		}
	}
	var by []string
	if c.Reviewer != "" {
		s := "Last reviewed by " + md(c.Reviewer)
		if d := formatDate(c.VerdictAt); d != "" {
			s += " on " + d
		}
		by = append(by, s)
	}
	if c.Claim.CreatedBy != "" {
		s := "created by " + md(c.Claim.CreatedBy)
		if d := formatDate(c.Claim.CreatedAt); d != "" {
			s += " on " + d
		}
		by = append(by, s)
	}
	if len(by) > 0 {
		fmt.Fprintf(b, "\n%s.\n", strings.Join(by, " · "))
	}
}

func writeMarkdownSources(b *bufio.Writer, title string, sources []SourceLink) {
	if len(sources) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s:\n\n", title)
	for _, s := range sources {
		b.WriteString("- ")
		if s.Relation == annotate.SameClaim {
			b.WriteString(s.Relation.Label() + ": ")
		}
		label := md(s.Label())
		switch {
		case s.SafeURL != "":
			fmt.Fprintf(b, "[%s](%s)", label, mdURL(s.SafeURL))
		case s.Source.URL != "" && !s.LabelIsURL():
			fmt.Fprintf(b, "%s, %s (not a web link)", label, md(s.Source.URL))
		case s.Source.URL != "":
			fmt.Fprintf(b, "%s (not a web link)", label)
		default:
			b.WriteString(label)
		}
		if a := md(s.Source.Accessed); a != "" {
			fmt.Fprintf(b, " (accessed %s)", a)
		}
		if s.SafeArchiveURL != "" {
			fmt.Fprintf(b, " ([archived copy](%s))", mdURL(s.SafeArchiveURL))
		}
		if s.Source.LastCheck != nil {
			fmt.Fprintf(b, " (%s)", s.Source.LastCheck.Describe())
		}
		if q := md(s.Source.Quote); q != "" {
			fmt.Fprintf(b, ": “%s”", q)
		}
		b.WriteByte('\n')
	}
}

func mdClaimRef(c *ClaimView) string {
	if c.OutOfScope {
		return fmt.Sprintf("%s “%s” (%s)", mdClaimVerdict(c.Claim), md(Shorten(c.Claim.Exact, 90)), md(outOfScopeWhere(c, nil)))
	}
	return fmt.Sprintf("%s [“%s”](#%s) (%s)", mdClaimVerdict(c.Claim), md(Shorten(c.Claim.Exact, 90)), c.Anchor, md(c.Article.Article.Title))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
