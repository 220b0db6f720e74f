package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"factdesk/annotate"
	"factdesk/storage"
)

// The shared record's commands: restore a claim, settle a contested claim, edit, remove and
// restore an article, and list the heavily overlapping claims to link as the same claim.

func init() {
	register(&command{name: "claim restore", args: "CLAIM", summary: "bring back a deleted claim: the same id and history, with a restored entry",
		minArgs: 1, maxArgs: 1, run: cmdClaimRestore})
	register(&command{name: "claim settle", args: "CLAIM VERDICT", summary: "decide a contested claim's verdict for the desk (the ratings stay as given)",
		minArgs: 2, maxArgs: 2, run: cmdClaimSettle})
	register(&command{name: "article set", args: "ARTICLE", summary: "correct an article's title, outlet, URL, published date or language (the text never changes)",
		flags: func(fs *flag.FlagSet) {
			fs.String("title", "", "the article's `TITLE`")
			fs.String("outlet", "", "the `OUTLET` that published it")
			fs.String("url", "", "its web address, `URL`")
			fs.String("published", "", "the date it was published, `YYYY-MM-DD`")
			fs.String("language", "", "its language `CODE`, for example fr or en")
		}, minArgs: 1, maxArgs: 1, run: cmdArticleSet})
	register(&command{name: "article rm", args: "ARTICLE", summary: "remove an article and its claims (restorable with article restore)",
		minArgs: 1, maxArgs: 1, run: cmdArticleRm})
	register(&command{name: "article restore", args: "ARTICLE", summary: "bring back a removed article with the claims removed with it",
		minArgs: 1, maxArgs: 1, run: cmdArticleRestore})
	register(&command{name: "overlaps", looks: true, summary: "claims on heavily overlapping spans of one article: link them with link add --relation same",
		maxArgs: 0, run: cmdOverlaps})
}

// resolveAny finds a row by a short id, deleted rows and claim aliases included.
func (c *cli) resolveAny(table, ref string) (string, error) {
	id, err := c.db.ResolveAnyID(c.ctx, table, ref)
	if err != nil {
		return "", err
	}
	if table == "claims" {
		return c.db.ResolveClaimID(c.ctx, id)
	}
	return id, nil
}

func cmdClaimRestore(c *cli, args []string) error {
	id, err := c.resolveAny("claims", args[0])
	if err != nil {
		return err
	}
	if err := c.db.RestoreClaim(c.ctx, id); err != nil {
		return err
	}
	claim, err := c.db.Claim(c.ctx, id)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(toClaimJSON(claim))
	}
	fmt.Fprintf(c.out, "restored %s %s %s\n", claim.ID, verdictMark(claim), clip(claim.Exact, 60))
	return nil
}

func cmdClaimSettle(c *cli, args []string) error {
	v, err := annotate.ParseVerdict(args[1])
	if err != nil {
		return usageError{err.Error()}
	}
	id, err := c.resolve("claims", args[0])
	if err != nil {
		return err
	}
	claim, err := c.db.SettleClaim(c.ctx, id, v)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(toClaimJSON(claim))
	}
	fmt.Fprintf(c.out, "settled %s as %s %s (ratings: %s)\n", claim.ID, claim.Verdict.Symbol(), claim.Verdict, ratingsText(claim))
	return nil
}

func cmdArticleSet(c *cli, args []string) error {
	var e storage.ArticleEdit
	for name, dst := range map[string]**string{"title": &e.Title, "outlet": &e.Outlet, "url": &e.URL, "published": &e.Published, "language": &e.Language} {
		if c.set(name) {
			v := c.str(name)
			*dst = &v
		}
	}
	if e.Empty() {
		return usagef("give what to change: --title, --outlet, --url, --published YYYY-MM-DD or --language CODE")
	}
	id, err := c.resolve("articles", args[0])
	if err != nil {
		return err
	}
	if err := c.db.EditArticle(c.ctx, id, e); err != nil {
		return err
	}
	a, err := c.db.Article(c.ctx, id)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(toArticleJSON(a))
	}
	fmt.Fprintf(c.out, "%s %s | %s | %s | %s | %s\n", shortID(a.ID), a.Title, nonEmpty(a.Outlet), nonEmpty(a.URL), nonEmpty(a.Published), nonEmpty(a.Language))
	return nil
}

func nonEmpty(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func cmdArticleRm(c *cli, args []string) error {
	id, err := c.resolve("articles", args[0])
	if err != nil {
		return err
	}
	n, err := c.db.RemoveArticle(c.ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "removed article %s and %s; bring them back with `factdesk article restore %s`\n", id, plural(n, "claim", "claims"), shortID(id))
	return nil
}

func cmdArticleRestore(c *cli, args []string) error {
	id, err := c.resolveAny("articles", args[0])
	if err != nil {
		return err
	}
	if err := c.db.RestoreArticle(c.ctx, id); err != nil {
		return err
	}
	n, err := c.db.ArticleClaimCount(c.ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "restored article %s with %s\n", id, plural(n, "claim", "claims"))
	return nil
}

type overlapJSON struct {
	A       claimJSON `json:"a"`
	B       claimJSON `json:"b"`
	Article string    `json:"article_title"`
	Overlap float64   `json:"overlap"`
}

func cmdOverlaps(c *cli, _ []string) error {
	ovs, err := c.db.Overlaps(c.ctx)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(mapList(ovs, func(o storage.SpanOverlap) overlapJSON {
			return overlapJSON{toClaimJSON(o.A), toClaimJSON(o.B), o.ArticleTitle, o.Overlap}
		}))
	}
	if len(ovs) == 0 {
		fmt.Fprintln(c.out, "No claims overlap heavily.")
		return nil
	}
	tw := c.table()
	fmt.Fprintln(tw, "CLAIM\tOTHER\tOVERLAP\tQUOTE\tOTHER QUOTE")
	for _, o := range ovs {
		fmt.Fprintf(tw, "%s\t%s\t%.0f%%\t%s\t%s\n", shortID(o.A.ID), shortID(o.B.ID), 100*o.Overlap, clip(o.A.Exact, 40), clip(o.B.Exact, 40))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.out, "The same claim? `factdesk link add CLAIM OTHER --relation same` links them.")
	return nil
}

// verdictMark is a claim's verdict for a table: "⚖ contested" or "✓ confirmed".
func verdictMark(cl annotate.Claim) string {
	if cl.Contested {
		return "⚖ contested"
	}
	return cl.Verdict.Symbol() + " " + string(cl.Verdict)
}

// ratingsText lists a claim's ratings: "Alice ✓ confirmed, Bob ✗ disputed".
func ratingsText(cl annotate.Claim) string {
	if len(cl.Ratings) == 0 {
		return "none"
	}
	parts := make([]string, len(cl.Ratings))
	for i, r := range cl.Ratings {
		parts[i] = r.Reviewer + " " + r.Verdict.Symbol() + " " + string(r.Verdict)
	}
	return strings.Join(parts, ", ")
}

type settledJSON struct {
	Verdict  string    `json:"verdict"`
	Reviewer string    `json:"reviewer"`
	At       time.Time `json:"at"`
}

// claimRatingsJSON is the ratings part of a claim's JSON.
func claimRatingsJSON(cl annotate.Claim) ([]ratingJSON, *settledJSON) {
	rs := make([]ratingJSON, len(cl.Ratings))
	for i, r := range cl.Ratings {
		rs[i] = ratingJSON{r.Reviewer, string(r.Verdict), r.At}
	}
	var s *settledJSON
	if cl.Settled != nil {
		s = &settledJSON{string(cl.Settled.Verdict), cl.Settled.Reviewer, cl.Settled.At}
	}
	return rs, s
}

// plural counts n things: "1 claim", "3 claims".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
