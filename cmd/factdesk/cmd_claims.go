package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"factdesk/annotate"
	"factdesk/storage"
)

// prefReviewer is the preference key of the reviewer's name, shared with the desktop app.
const prefReviewer = "reviewer"

func (c *cli) str(name string) string { return c.fs.Lookup(name).Value.String() }

func (c *cli) set(name string) bool {
	found := false
	c.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

func (c *cli) resolve(table, id string) (string, error) { return c.db.ResolveID(c.ctx, table, id) }

func (c *cli) table() *tabwriter.Writer { return tabwriter.NewWriter(c.out, 2, 4, 2, ' ', 0) }

// shortID is the random end of a UUID v7 (its start is a timestamp, shared by rows made in
// the same millisecond); ResolveID accepts it.
func shortID(id string) string {
	if len(id) > 12 {
		return id[len(id)-12:]
	}
	return id
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func init() {
	register(&command{name: "articles", looks: true, summary: "list the articles with their claim counts", maxArgs: 0, run: cmdArticles})
	register(&command{name: "show", looks: true, args: "ARTICLE", summary: "print an article's clean text",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("removed", false, "print the boilerplate lines removed at import instead")
		},
		minArgs: 1, maxArgs: 1, run: cmdShow})
	register(&command{name: "claim add", summary: "make a claim from a quote of an article; prints the claim id",
		flags: func(fs *flag.FlagSet) {
			fs.String("article", "", "the article `ID` (or a unique prefix)")
			fs.String("quote", "", "the claim's `TEXT`, exactly as in the article (spaces and apostrophes may differ)")
			fs.Int("occurrence", 1, "which occurrence of the quote, when it appears more than once (`N`)")
			fs.String("verdict", "unverified", "confirmed, disputed or unverified")
			fs.String("note", "", "a note on the claim")
		}, maxArgs: 0, run: cmdClaimAdd})
	register(&command{name: "claim set", args: "CLAIM", summary: "change a claim's verdict or note",
		flags: func(fs *flag.FlagSet) {
			fs.String("verdict", "", "confirmed, disputed or unverified")
			fs.String("note", "", "the new note (\"\" clears it)")
		}, minArgs: 1, maxArgs: 1, run: cmdClaimSet})
	register(&command{name: "claim rm", args: "CLAIM", summary: "delete a claim (kept as a tombstone in the history)", minArgs: 1, maxArgs: 1, run: cmdClaimRm})
	register(&command{name: "claims", looks: true, summary: "list claims",
		flags: func(fs *flag.FlagSet) {
			fs.String("article", "", "only claims of the article `ID`")
			fs.String("verdict", "", "only claims with this verdict (confirmed, disputed, unverified), or contested")
			fs.String("by", "", "only claims made or changed by the reviewer `NAME`")
			fs.String("text", "", "only claims whose quote or note contains `TEXT`")
		}, maxArgs: 0, run: cmdClaims})
	register(&command{name: "history", looks: true, args: "[CLAIM]", summary: "who changed what and when (for one claim, or everything)",
		flags: func(fs *flag.FlagSet) { fs.Int("limit", 0, "show only the last `N` entries") }, maxArgs: 1, run: cmdHistory})
	register(&command{name: "source add", args: "CLAIM", summary: "add a source that supports or contradicts a claim",
		flags: func(fs *flag.FlagSet) {
			fs.String("url", "", "the source's `URL`")
			fs.String("title", "", "its title or a citation")
			fs.String("publisher", "", "who published it")
			fs.String("quote", "", "the passage of the source that bears on the claim")
			fs.String("accessed", time.Now().Format("2006-01-02"), "when you consulted it (`YYYY-MM-DD`)")
			fs.String("relation", "supports", "supports or contradicts")
			addSnapshotFlags(fs)
		}, minArgs: 1, maxArgs: 1, run: cmdSourceAdd})
	register(&command{name: "link add", args: "CLAIM OTHER_CLAIM", summary: "link two claims: same, supports or contradicts",
		flags: func(fs *flag.FlagSet) {
			fs.String("relation", "", "same, supports or contradicts")
		}, minArgs: 2, maxArgs: 2, run: cmdLinkAdd})
	register(&command{name: "link rm", args: "LINK", summary: "remove a link (to a source or a claim)", minArgs: 1, maxArgs: 1, run: cmdLinkRm})
	register(&command{name: "links", looks: true, args: "CLAIM", summary: "a claim's links: its sources and the claims it is linked to, with the link ids",
		minArgs: 1, maxArgs: 1, run: cmdLinks})
	register(&command{name: "search", looks: true, args: "QUERY", summary: "full-text search of articles, quotes and notes (accents and case ignored)",
		flags: func(fs *flag.FlagSet) { fs.Int("limit", 20, "at most `N` results of each kind") }, minArgs: 1, maxArgs: -1, run: cmdSearch})
}

type articleJSON struct {
	ID         string                 `json:"id"`
	Title      string                 `json:"title"`
	Outlet     string                 `json:"outlet,omitempty"`
	Language   string                 `json:"language,omitempty"`
	URL        string                 `json:"url,omitempty"`
	Published  string                 `json:"published,omitempty"`
	SHA256     string                 `json:"sha256"`
	ImportedAt time.Time              `json:"imported_at"`
	ImportedBy string                 `json:"imported_by"`
	Claims     annotate.VerdictCounts `json:"claims"`
	Existing   *bool                  `json:"existing,omitempty"`
	// The evidence of a PDF, a word-processor file or a web page (see storage/ingest).
	Format       string     `json:"format,omitempty"`
	Pages        int        `json:"pages,omitempty"`
	OCR          bool       `json:"ocr,omitempty"`
	Notes        []string   `json:"notes,omitempty"`
	SourceSHA256 string     `json:"source_sha256,omitempty"`
	FetchedAt    *time.Time `json:"fetched_at,omitempty"`
}

func toArticleJSON(a annotate.Article) articleJSON {
	return articleJSON{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Language: a.Language, URL: a.URL, Published: a.Published,
		SHA256: a.SHA256, ImportedAt: a.ImportedAt, ImportedBy: a.ImportedBy, Claims: a.Counts,
		Format: a.Format, Pages: len(a.Pages), OCR: a.OCR, Notes: a.Notes, SourceSHA256: a.SourceSHA256, FetchedAt: timeOrNil(a.FetchedAt)}
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func cmdArticles(c *cli, _ []string) error {
	arts, err := c.db.Articles(c.ctx)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(mapList(arts, toArticleJSON))
	}
	if len(arts) == 0 {
		fmt.Fprintln(c.out, "No articles yet: import some with `factdesk import FILE...`.")
		return nil
	}
	tw := c.table()
	fmt.Fprintln(tw, "ID\tLANG\tCLAIMS ✓/✗/?/⚖\tOUTLET\tTITLE")
	for _, a := range arts {
		fmt.Fprintf(tw, "%s\t%s\t%d/%d/%d/%d\t%s\t%s\n", shortID(a.ID), a.Language, a.Counts.Confirmed, a.Counts.Disputed, a.Counts.Unverified,
			a.Counts.Contested, clip(a.Outlet, 20), clip(a.Title, 70))
	}
	return tw.Flush()
}

func cmdShow(c *cli, args []string) error {
	id, err := c.resolve("articles", args[0])
	if err != nil {
		return err
	}
	a, err := c.db.Article(c.ctx, id)
	if err != nil {
		return err
	}
	if c.str("removed") == "true" {
		for _, l := range a.Removed {
			fmt.Fprintln(c.out, l)
		}
		return nil
	}
	_, err = fmt.Fprintln(c.out, a.Text)
	return err
}

func cmdClaimAdd(c *cli, _ []string) error {
	if c.str("article") == "" || c.str("quote") == "" {
		return usagef("--article and --quote are required")
	}
	v, err := annotate.ParseVerdict(c.str("verdict"))
	if err != nil {
		return usageError{err.Error()}
	}
	occ, err := strconv.Atoi(c.str("occurrence"))
	if err != nil || occ < 1 {
		return usagef("--occurrence must be 1 or more (1 is the first time the quote appears)")
	}
	id, err := c.resolve("articles", c.str("article"))
	if err != nil {
		return err
	}
	art, err := c.db.Article(c.ctx, id)
	if err != nil {
		return err
	}
	anchor, err := annotate.FindQuote(art.Text, c.str("quote"), occ)
	if err != nil {
		return err
	}
	// The same span twice is one claim: the verdict is this reviewer's rating of it. Say which.
	existing, err := c.db.Claims(c.ctx, storage.ClaimFilter{ArticleID: id})
	if err != nil {
		return err
	}
	claim, err := c.db.AddClaim(c.ctx, id, anchor, v, c.str("note"))
	if err != nil {
		return err
	}
	for _, cl := range existing {
		if cl.ID == claim.ID {
			fmt.Fprintf(c.errOut, "factdesk claim add: this span is already claim %s: your verdict is your rating of it (%s)\n", cl.ID, verdictMark(claim))
		}
	}
	if c.json {
		return c.printJSON(toClaimJSON(claim))
	}
	fmt.Fprintln(c.out, claim.ID)
	return nil
}

func cmdClaimSet(c *cli, args []string) error {
	if !c.set("verdict") && !c.set("note") {
		return usagef("give --verdict, --note or both")
	}
	var v annotate.Verdict
	if c.set("verdict") {
		var err error
		if v, err = annotate.ParseVerdict(c.str("verdict")); err != nil {
			return usageError{err.Error()}
		}
	}
	id, err := c.resolve("claims", args[0])
	if err != nil {
		return err
	}
	var claim annotate.Claim
	if v != "" {
		if claim, err = c.db.SetVerdict(c.ctx, id, v); err != nil {
			return err
		}
	}
	if c.set("note") {
		if claim, err = c.db.SetNote(c.ctx, id, c.str("note")); err != nil {
			return err
		}
	}
	if c.json {
		return c.printJSON(toClaimJSON(claim))
	}
	fmt.Fprintf(c.out, "%s %s\n", claim.ID, verdictMark(claim))
	if claim.Contested {
		fmt.Fprintf(c.out, "contested: %s; `factdesk claim settle %s VERDICT` decides it\n", ratingsText(claim), shortID(claim.ID))
	}
	return nil
}

func cmdClaimRm(c *cli, args []string) error {
	id, err := c.resolve("claims", args[0])
	if err != nil {
		return err
	}
	if err := c.db.DeleteClaim(c.ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "deleted %s\n", id)
	return nil
}

type claimJSON struct {
	ID        string    `json:"id"`
	ArticleID string    `json:"article_id"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Quote     string    `json:"quote"`
	Prefix    string    `json:"prefix"`
	Suffix    string    `json:"suffix"`
	Verdict   string    `json:"verdict"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
	// Contested is true while the reviewers disagree and nobody settled the claim (verdict
	// is then "unverified"); Ratings are every reviewer's verdict.
	Contested bool         `json:"contested"`
	Ratings   []ratingJSON `json:"ratings"`
	Settled   *settledJSON `json:"settled,omitempty"`
}

func toClaimJSON(c annotate.Claim) claimJSON {
	rs, settled := claimRatingsJSON(c)
	return claimJSON{ID: c.ID, ArticleID: c.ArticleID, Start: c.Start, End: c.End, Quote: c.Exact, Prefix: c.Prefix, Suffix: c.Suffix,
		Verdict: string(c.Verdict), Note: c.Note, CreatedAt: c.CreatedAt, CreatedBy: c.CreatedBy, UpdatedAt: c.UpdatedAt, UpdatedBy: c.UpdatedBy,
		Contested: c.Contested, Ratings: rs, Settled: settled}
}

func cmdClaims(c *cli, _ []string) error {
	var f storage.ClaimFilter
	var err error
	if a := c.str("article"); a != "" {
		if f.ArticleID, err = c.resolve("articles", a); err != nil {
			return err
		}
	}
	if v := c.str("verdict"); strings.EqualFold(strings.TrimSpace(v), "contested") {
		f.Contested = true
	} else if v != "" {
		if f.Verdict, err = annotate.ParseVerdict(v); err != nil {
			return usageError{err.Error() + ", or contested"}
		}
	}
	if by := c.str("by"); by != "" {
		revs, err := c.db.Reviewers(c.ctx)
		if err != nil {
			return err
		}
		for _, r := range revs {
			if strings.EqualFold(r.Name, by) {
				f.ReviewerID = r.ID
			}
		}
		if f.ReviewerID == "" {
			return usagef("no reviewer named %q in this database", by)
		}
	}
	f.Text = c.str("text")
	claims, err := c.db.Claims(c.ctx, f)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(mapList(claims, toClaimJSON))
	}
	if len(claims) == 0 {
		fmt.Fprintln(c.out, "No claims match.")
		return nil
	}
	tw := c.table()
	fmt.Fprintln(tw, "ID\tVERDICT\tARTICLE\tSPAN\tQUOTE\tNOTE\tRATINGS")
	for _, cl := range claims {
		rated := ""
		if len(cl.Ratings) > 1 || cl.Contested {
			rated = ratingsText(cl)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d-%d\t%s\t%s\t%s\n", shortID(cl.ID), verdictMark(cl), shortID(cl.ArticleID), cl.Start, cl.End,
			clip(cl.Exact, 60), clip(cl.Note, 40), rated)
	}
	return tw.Flush()
}

type historyJSON struct {
	ID       string    `json:"id"`
	At       time.Time `json:"at"`
	Reviewer string    `json:"reviewer"`
	Table    string    `json:"table"`
	RowID    string    `json:"row_id"`
	Field    string    `json:"field"`
	Old      string    `json:"old"`
	New      string    `json:"new"`
	Change   string    `json:"change"` // what annotate.Change says: created, rated, restored...
	Says     string    `json:"says"`   // the change in words, as the app shows it
}

func cmdHistory(c *cli, args []string) error {
	row := ""
	if len(args) == 1 {
		var err error
		if row, err = c.db.ResolveAnyID(c.ctx, "claims", args[0]); err != nil {
			return err
		}
	}
	limit, _ := strconv.Atoi(c.str("limit"))
	hist, err := c.db.History(c.ctx, row, limit)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(mapList(hist, func(h annotate.HistoryEntry) historyJSON {
			ch := annotate.DescribeChange(h)
			return historyJSON{h.ID, h.At, h.Reviewer, h.Table, h.RowID, h.Field, h.Old, h.New, string(ch.Kind), ch.Describe()}
		}))
	}
	tw := c.table()
	fmt.Fprintln(tw, "WHEN\tWHO\tROW\tCHANGE")
	for _, h := range hist {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.At.Local().Format("2006-01-02 15:04:05"), h.Reviewer, shortID(h.RowID),
			clip(annotate.DescribeChange(h).Describe(), 160))
	}
	return tw.Flush()
}

func cmdSourceAdd(c *cli, args []string) error {
	id, err := c.resolve("claims", args[0])
	if err != nil {
		return err
	}
	rel, err := annotate.ParseRelation(c.str("relation"))
	if err != nil || rel == annotate.SameClaim {
		return usagef("--relation must be supports or contradicts")
	}
	if c.str("url") == "" && c.str("title") == "" {
		return usagef("give the source's --url (or at least a --title for a citation)")
	}
	if acc := c.str("accessed"); acc != "" {
		if _, err := time.Parse("2006-01-02", acc); err != nil {
			return usagef("--accessed %q is not a date: give the day you consulted the source as YYYY-MM-DD, such as %s", acc, time.Now().Format("2006-01-02"))
		}
	}
	l, err := c.db.AddSource(c.ctx, id, annotate.Source{URL: c.str("url"), Title: c.str("title"), Publisher: c.str("publisher"),
		Quote: c.str("quote"), Accessed: c.str("accessed")}, rel)
	if err != nil {
		return err
	}
	snap, snapErr := snapshotAddedSource(c, l)
	if errors.Is(snapErr, context.Canceled) {
		return snapErr
	}
	if c.json {
		j := toLinkJSON(id, l)
		if snap != nil {
			j.Snapshots = []snapshotJSON{toSnapshotJSON(*snap)}
		}
		if snapErr != nil {
			j.SnapshotError = snapErr.Error()
		}
		return c.printJSON(j)
	}
	fmt.Fprintln(c.out, l.ID) // the link: `factdesk link rm` removes it
	return nil
}

func cmdLinkAdd(c *cli, args []string) error {
	if c.str("relation") == "" {
		return usagef("--relation is required: same, supports or contradicts")
	}
	rel, err := annotate.ParseRelation(c.str("relation"))
	if err != nil {
		return usageError{err.Error()}
	}
	a, err := c.resolve("claims", args[0])
	if err != nil {
		return err
	}
	b, err := c.resolve("claims", args[1])
	if err != nil {
		return err
	}
	l, err := c.db.LinkClaims(c.ctx, a, b, rel)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out, l.ID)
	return nil
}

func cmdLinkRm(c *cli, args []string) error {
	id, err := c.resolve("links", args[0])
	if err != nil {
		return err
	}
	if err := c.db.DeleteLink(c.ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "removed %s\n", id)
	return nil
}

type hitJSON struct {
	Kind      string `json:"kind"`
	ArticleID string `json:"article_id"`
	ClaimID   string `json:"claim_id,omitempty"`
	Title     string `json:"title"`
	Snippet   string `json:"snippet"`
}

func cmdSearch(c *cli, args []string) error {
	if strings.TrimSpace(strings.Join(args, "")) == "" {
		return usagef("give words to search for")
	}
	limit, _ := strconv.Atoi(c.str("limit"))
	hits, err := c.db.Search(c.ctx, strings.Join(args, " "), limit)
	if err != nil {
		return err
	}
	mark := strings.NewReplacer(storage.SnippetOpen, "[", storage.SnippetClose, "]")
	if c.json {
		return c.printJSON(mapList(hits, func(h storage.Hit) hitJSON {
			return hitJSON{h.Kind, h.ArticleID, h.ClaimID, h.Title, mark.Replace(h.Snippet)}
		}))
	}
	if len(hits) == 0 {
		fmt.Fprintln(c.out, "No matches.")
		return nil
	}
	for _, h := range hits {
		id := h.ArticleID
		if h.Kind == "claim" {
			id = h.ClaimID
		}
		fmt.Fprintf(c.out, "%s %s  %s\n    %s\n", h.Kind, shortID(id), clip(h.Title, 70), clip(mark.Replace(h.Snippet), 160))
	}
	return nil
}

type linkJSON struct {
	ID        string           `json:"id"`
	Relation  string           `json:"relation"`
	Direction string           `json:"direction"` // "from" this claim, or "to" it
	ClaimID   string           `json:"claim_id,omitempty"`
	Source    *annotate.Source `json:"source,omitempty"`
	CreatedAt time.Time        `json:"created_at"`
	CreatedBy string           `json:"created_by"`
	// Snapshots are the source's snapshots, newest first (factdesk source snapshot).
	Snapshots []snapshotJSON `json:"snapshots,omitempty"`
	// SnapshotError says why source add kept no snapshot of the new source's page.
	SnapshotError string `json:"snapshot_error,omitempty"`
	// LastCheck is the source's latest check of its live page (factdesk source check).
	LastCheck *checkJSON `json:"last_check,omitempty"`
}

func toLinkJSON(claimID string, l annotate.Link) linkJSON {
	j := linkJSON{ID: l.ID, Relation: string(l.Relation), Direction: "from", Source: l.Source, CreatedAt: l.CreatedAt, CreatedBy: l.CreatedBy}
	if l.TargetClaimID != "" {
		j.ClaimID = l.Other(claimID)
		if l.ClaimID != claimID {
			j.Direction = "to"
		}
	}
	return j
}

func cmdLinks(c *cli, args []string) error {
	id, err := c.resolve("claims", args[0])
	if err != nil {
		return err
	}
	links, err := c.db.Links(c.ctx, id)
	if err != nil {
		return err
	}
	if c.json {
		out := mapList(links, func(l annotate.Link) linkJSON { return toLinkJSON(id, l) })
		for i, l := range links {
			if l.Source == nil {
				continue
			}
			snaps, err := c.db.SourceSnapshots(c.ctx, l.Source.ID)
			if err != nil {
				return err
			}
			out[i].Snapshots = mapList(snaps, toSnapshotJSON)
			last, ok, err := c.db.LastSourceCheck(c.ctx, l.Source.ID)
			if err != nil {
				return err
			}
			if ok {
				j := toCheckJSON(last)
				out[i].LastCheck = &j
			}
		}
		return c.printJSON(out)
	}
	if len(links) == 0 {
		fmt.Fprintln(c.out, "No links: add a source with `factdesk source add`, or link a claim with `factdesk link add`.")
		return nil
	}
	tw := c.table()
	fmt.Fprintln(tw, "LINK\tRELATION\tTO")
	for _, l := range links {
		to := ""
		switch {
		case l.Source != nil:
			to = "source: " + clip(strings.TrimSpace(l.Source.Title+" "+l.Source.URL), 80)
		case l.ClaimID == id:
			to = "claim " + shortID(l.TargetClaimID)
		default:
			to = "claim " + shortID(l.ClaimID) + " (links to this one)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", shortID(l.ID), l.Relation.Label(), to)
	}
	return tw.Flush()
}
