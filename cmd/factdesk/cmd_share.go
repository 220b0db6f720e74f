package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"factdesk/annotate"
	"factdesk/storage"
)

// Sharing between reviewers: share, merge, conflicts, ratings, agreement.

func init() {
	register(&command{name: "share", looks: true, summary: "save a consistent copy of the database to send to another reviewer",
		flags: func(fs *flag.FlagSet) {
			fs.String("out", "", "the `FILE` to write (a new name, or with --force an earlier copy of this project to replace)")
			fs.Bool("force", false, "replace --out when it is an earlier copy of this project (never another project's file)")
			fs.Bool("keep-path", false, "keep the full paths of imported files in the copy (by default only their names leave this machine: paths name users and folders)")
		}, maxArgs: 0, run: cmdShare})
	register(&command{name: "merge", args: "FILE", summary: "merge another reviewer's shared copy into this database (shows a preview first)",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("yes", false, "merge without asking (without it, a merge asks on a terminal and only previews otherwise)")
		}, minArgs: 1, maxArgs: 1, run: cmdMerge})
	register(&command{name: "conflicts", looks: true, summary: "list the conflicts merges found: both sides, who and when",
		flags: func(fs *flag.FlagSet) { fs.Bool("all", false, "resolved conflicts too") }, maxArgs: 0, run: cmdConflicts})
	register(&command{name: "conflicts resolve", args: "ID", summary: "settle a conflict: --keep mine, --keep theirs, or --edit VALUE",
		flags: func(fs *flag.FlagSet) {
			fs.String("keep", "", "mine (the value here now) or theirs (the other reviewer's)")
			fs.String("edit", "", "a new `VALUE` instead (a verdict, a note, or for a claim whose quote was lost, the quote to find)")
		}, minArgs: 1, maxArgs: 1, run: cmdConflictsResolve})
	register(&command{name: "ratings", looks: true, summary: "every claim's ratings by reviewer (the per-reviewer view)",
		flags: func(fs *flag.FlagSet) {
			fs.String("by", "", "only claims the reviewer `NAME` rated")
			fs.Bool("disagreements", false, "only claims the reviewers rated differently")
		}, maxArgs: 0, run: cmdRatings})
	register(&command{name: "agreement", looks: true, summary: "how far reviewers agree: percent, Cohen's kappa, Krippendorff's alpha, confusion table, disagreements",
		maxArgs: 0, run: cmdAgreement})
}

// locationWarned remembers the databases already warned about in this process.
var locationWarned sync.Map

// warnLocation prints, once per database, why its place is risky (network drive, sync folder).
func (c *cli) warnLocation() {
	if c.db == nil {
		return
	}
	if _, done := locationWarned.LoadOrStore(c.db.Path(), true); done {
		return
	}
	if err := storage.CheckLocation(c.db.Path()); err != nil {
		fmt.Fprintln(c.errOut, "factdesk: warning: "+explain(err))
	}
}

func cmdShare(c *cli, _ []string) error {
	c.warnLocation()
	out := c.str("out")
	if out == "" {
		return usagef("--out FILE is required: the file to send to the other reviewer")
	}
	replaces, err := c.db.CheckCopyTarget(c.ctx, out)
	if err != nil {
		return err
	}
	if replaces && c.str("force") != "true" {
		return usagef("%s is an earlier copy of this project: add --force to replace it, or choose a new file name (nothing was overwritten)", out)
	}
	start := time.Now()
	if err := c.db.SaveCopyWith(c.ctx, out, storage.CopyOptions{KeepPaths: c.str("keep-path") == "true"}); err != nil {
		return err
	}
	abs, _ := filepath.Abs(out)
	var size int64
	if st, err := os.Stat(abs); err == nil {
		size = st.Size()
	}
	arts, err := c.db.Articles(c.ctx)
	if err != nil {
		return err
	}
	claims := 0
	for _, a := range arts {
		claims += a.Counts.Total()
	}
	if c.json {
		return c.printJSON(map[string]any{"file": abs, "bytes": size, "articles": len(arts), "claims": claims, "seconds": time.Since(start).Seconds()})
	}
	fmt.Fprintf(c.out, "Saved a copy for sharing: %s (%s, %s, %.1f MB).\n", abs, count(len(arts), "article"), count(claims, "claim"), float64(size)/1e6)
	fmt.Fprintln(c.out, "Send this file; the other reviewer merges it with `factdesk merge FILE` (or File > Merge a reviewer's file…).")
	return nil
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

type mergeJSON struct {
	File              string                 `json:"file"`
	Committed         bool                   `json:"committed"`
	Reviewers         []string               `json:"reviewers"`
	NewArticles       []storage.MergeArticle `json:"new_articles"`
	MatchedArticles   int                    `json:"matched_articles"`
	NewClaims         int                    `json:"new_claims"`
	NewSources        int                    `json:"new_sources"`
	NewLinks          int                    `json:"new_links"`
	ChangedVerdicts   []changeJSON           `json:"changed_verdicts"`
	OtherChanges      []changeJSON           `json:"other_changes"`
	Deleted           []changeJSON           `json:"deleted"`
	Restored          []changeJSON           `json:"restored"`
	Reanchored        []changeJSON           `json:"reanchored"`
	Conflicts         []conflictJSON         `json:"conflicts"`
	ResolvedConflicts int                    `json:"resolved_conflicts"`
	NewHistory        int                    `json:"new_history"`
	Summary           string                 `json:"summary"`
	// Unified: claims on a span already claimed, now one claim (alias -> claim); Overlaps:
	// claims on heavily overlapping spans, offered to be linked as the same claim.
	Unified  []storage.Unified `json:"unified,omitempty"`
	Overlaps []overlapJSON     `json:"overlaps,omitempty"`
}

type changeJSON struct {
	Table string    `json:"table"`
	RowID string    `json:"row_id"`
	Field string    `json:"field"`
	Label string    `json:"label"`
	Old   string    `json:"old"`
	New   string    `json:"new"`
	By    string    `json:"by"`
	At    time.Time `json:"at"`
	Why   string    `json:"why"`
}

func toChanges(cs []storage.MergeChange) []changeJSON {
	return mapList(cs, func(ch storage.MergeChange) changeJSON {
		return changeJSON{ch.Table, ch.RowID, ch.Field, ch.Label, ch.Old, ch.New, ch.By, ch.At, ch.Why}
	})
}

type sideJSON struct {
	Value    string    `json:"value"`
	Reviewer string    `json:"reviewer"`
	At       time.Time `json:"at"`
}

type conflictJSON struct {
	ID           string     `json:"id"`
	Table        string     `json:"table"`
	RowID        string     `json:"row_id"`
	Field        string     `json:"field"`
	What         string     `json:"what"`
	Label        string     `json:"label"`
	ArticleTitle string     `json:"article_title,omitempty"`
	Current      string     `json:"current"`
	Mine         sideJSON   `json:"mine"`
	Theirs       sideJSON   `json:"theirs"`
	Resolved     bool       `json:"resolved"`
	Resolution   string     `json:"resolution,omitempty"`
	ResolvedBy   string     `json:"resolved_by,omitempty"`
	ResolvedAt   *time.Time `json:"resolved_at,omitempty"`
	Value        string     `json:"resolved_value,omitempty"`
}

func toConflictJSON(c storage.Conflict) conflictJSON {
	j := conflictJSON{ID: c.ID, Table: c.Table, RowID: c.RowID, Field: c.Field, What: c.Describe(), Label: c.Label, ArticleTitle: c.ArticleTitle,
		Current: c.Current, Mine: sideJSON{c.Mine.Value, c.Mine.Reviewer, c.Mine.At}, Theirs: sideJSON{c.Theirs.Value, c.Theirs.Reviewer, c.Theirs.At},
		Resolved: c.Resolved}
	if c.Resolved {
		at := c.ResolvedAt
		j.Resolution, j.ResolvedBy, j.ResolvedAt, j.Value = string(c.Resolution), c.ResolvedBy, &at, c.ResolvedValue
	}
	return j
}

func toMergeJSON(r storage.MergeReport) mergeJSON {
	j := mergeJSON{File: r.File, Committed: r.Committed, Reviewers: r.Reviewers, NewArticles: r.NewArticles, MatchedArticles: r.MatchedArticles,
		NewClaims: len(r.NewClaims), NewSources: r.NewSources, NewLinks: r.NewLinks, ChangedVerdicts: toChanges(r.ChangedVerdicts()),
		Deleted: toChanges(r.Deleted), Restored: toChanges(r.Restored), Reanchored: toChanges(r.Reanchored),
		ResolvedConflicts: r.ResolvedConflicts, NewHistory: r.NewHistory, Summary: r.Summary()}
	var other []storage.MergeChange
	for _, ch := range r.Changes {
		if !(ch.Table == "claims" && ch.Field == "verdict") {
			other = append(other, ch)
		}
	}
	j.OtherChanges = toChanges(other)
	j.Unified = r.Unified
	for _, o := range r.Overlaps {
		j.Overlaps = append(j.Overlaps, overlapJSON{toClaimJSON(o.A), toClaimJSON(o.B), o.ArticleTitle, o.Overlap})
	}
	if j.NewArticles == nil {
		j.NewArticles = []storage.MergeArticle{}
	}
	if j.Reviewers == nil {
		j.Reviewers = []string{}
	}
	j.Conflicts = make([]conflictJSON, 0, len(r.Conflicts))
	for _, c := range r.Conflicts {
		j.Conflicts = append(j.Conflicts, toConflictJSON(c))
	}
	return j
}

// listLimit is how many rows of each kind a merge preview prints.
const listLimit = 10

func printMergeReport(w io.Writer, r storage.MergeReport) {
	verb := "would bring"
	if r.Committed {
		verb = "brought"
	}
	from := "the file"
	if len(r.Reviewers) > 0 {
		from = strings.Join(r.Reviewers, ", ") + "'s file"
	}
	if r.Empty() {
		fmt.Fprintf(w, "Nothing new in %s: everything in it is already here.\n", from)
		return
	}
	fmt.Fprintf(w, "Merging %s %s: %s.\n", from, verb, r.Summary())
	section := func(title string, n int, line func(i int) string) {
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		for i := 0; i < n && i < listLimit; i++ {
			fmt.Fprintln(w, "  "+line(i))
		}
		if n > listLimit {
			fmt.Fprintf(w, "  … and %d more (use --json for the full list)\n", n-listLimit)
		}
	}
	section("New articles", len(r.NewArticles), func(i int) string {
		return shortID(r.NewArticles[i].ID) + "  " + clip(r.NewArticles[i].Title, 70)
	})
	section("New claims", len(r.NewClaims), func(i int) string {
		c := r.NewClaims[i]
		return fmt.Sprintf("%s  %s %-10s %s  (%s, by %s)", shortID(c.ID), c.Verdict.Symbol(), c.Verdict, clip(c.Quote, 50), clip(c.ArticleTitle, 30), c.By)
	})
	changes := func(title string, cs []storage.MergeChange) {
		section(title, len(cs), func(i int) string {
			ch := cs[i]
			who := ""
			if ch.By != "" {
				who = fmt.Sprintf(" (%s, %s)", ch.By, ch.At.Local().Format("2006-01-02 15:04"))
			}
			return fmt.Sprintf("%s  %s: %s → %s%s  %s", shortID(ch.RowID), clip(ch.Label, 40), clip(ch.Old, 20), clip(ch.New, 30), who, ch.Why)
		})
	}
	section("Claims on a span already claimed here (one claim each now, with both ratings)", len(r.Unified), func(i int) string {
		u := r.Unified[i]
		return fmt.Sprintf("%s  “%s”: %s is now the same claim", shortID(u.Claim), clip(u.Quote, 50), shortID(u.Alias))
	})
	section("Overlapping claims (two claims; the same claim? `factdesk link add A B --relation same`)", len(r.Overlaps), func(i int) string {
		o := r.Overlaps[i]
		return fmt.Sprintf("%s “%s”  ~  %s “%s”  (%.0f%% overlap)", shortID(o.A.ID), clip(o.A.Exact, 35), shortID(o.B.ID), clip(o.B.Exact, 35), 100*o.Overlap)
	})
	changes("New ratings (they join the other reviewers' ratings)", r.ChangedVerdicts())
	var other []storage.MergeChange
	for _, ch := range r.Changes {
		if !(ch.Table == "claims" && ch.Field == "verdict") {
			ch.Label = strings.TrimSuffix(ch.Table, "s") + " " + ch.Field + " " + clip(ch.Label, 30)
			other = append(other, ch)
		}
	}
	changes("Other changes", other)
	changes("Deleted (deleted in the file, unchanged here)", r.Deleted)
	changes("Restored", r.Restored)
	changes("Re-anchored claims", r.Reanchored)
	section("Conflicts (your value stays until you resolve them)", len(r.Conflicts), func(i int) string {
		return conflictLine(r.Conflicts[i])
	})
}

func conflictLine(c storage.Conflict) string {
	side := func(s storage.ConflictSide) string {
		v := s.Value
		if c.Field == "anchor" && v == "" {
			v = "(not in the text)"
		}
		return fmt.Sprintf("%q by %s, %s", clip(v, 40), s.Reviewer, s.At.Local().Format("2006-01-02 15:04"))
	}
	return fmt.Sprintf("%s  %s  %q\n      mine:   %s\n      theirs: %s", shortID(c.ID), c.Describe(), clip(c.Label, 50), side(c.Mine), side(c.Theirs))
}

func cmdMerge(c *cli, args []string) error {
	c.warnLocation()
	in, err := storage.ReceiveFile(c.ctx, args[0])
	if err != nil {
		return err
	}
	defer in.Close()
	preview, err := c.db.PreviewMergeIncoming(c.ctx, in)
	if err != nil {
		return err
	}
	if preview.Empty() {
		if c.json {
			return c.printJSON(toMergeJSON(preview))
		}
		printMergeReport(c.out, preview)
		return nil
	}
	yes := c.str("yes") == "true"
	if !yes {
		if !isTerminal(c.in) {
			if c.json {
				return c.printJSON(toMergeJSON(preview))
			}
			printMergeReport(c.out, preview)
			fmt.Fprintf(c.out, "\nNothing was changed (a preview). To merge, run: factdesk merge %s --yes\n", shellQuote(args[0]))
			return nil
		}
		printMergeReport(c.out, preview)
		fmt.Fprint(c.out, "\nMerge this file into your database? [y/N] ")
		answer, _ := bufio.NewReader(c.in).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(c.out, "Nothing was changed.")
			return nil
		}
	}
	rep, err := c.db.MergeIncoming(c.ctx, in)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(toMergeJSON(rep))
	}
	if yes {
		printMergeReport(c.out, rep)
	} else {
		fmt.Fprintf(c.out, "Merged: %s.\n", rep.Summary())
	}
	if len(rep.Conflicts) > 0 {
		fmt.Fprintf(c.out, "\n%d conflicts to resolve: see them with `factdesk conflicts`; settle each with `factdesk conflicts resolve ID --keep mine|theirs` or `--edit VALUE`.\n", len(rep.Conflicts))
	}
	return nil
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func cmdConflicts(c *cli, _ []string) error {
	c.warnLocation()
	cs, err := c.db.Conflicts(c.ctx, storage.ConflictFilter{All: c.str("all") == "true"})
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(mapList(cs, toConflictJSON))
	}
	if len(cs) == 0 {
		fmt.Fprintln(c.out, "No conflicts to resolve.")
		return nil
	}
	for _, x := range cs {
		fmt.Fprintln(c.out, conflictLine(x))
		if x.Resolved {
			fmt.Fprintf(c.out, "      resolved by %s, %s: %s (%q)\n", x.ResolvedBy, x.ResolvedAt.Local().Format("2006-01-02 15:04"), x.Resolution, clip(x.ResolvedValue, 40))
		}
	}
	fmt.Fprintln(c.out, "\nUntil a conflict is resolved your value stays. Settle one with `factdesk conflicts resolve ID --keep mine|theirs` or `--edit VALUE`.")
	return nil
}

func cmdConflictsResolve(c *cli, args []string) error {
	keep, edit := c.str("keep"), c.set("edit")
	if (keep == "") == !edit {
		return usagef("give either --keep mine|theirs or --edit VALUE")
	}
	choice := storage.KeepEdited
	if keep != "" {
		var err error
		if choice, err = storage.ParseResolution(keep); err != nil || choice == storage.KeepEdited {
			return usagef("--keep takes mine or theirs (use --edit VALUE for a new value)")
		}
	}
	res, err := c.db.ResolveConflict(c.ctx, args[0], choice, c.str("edit"))
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(toConflictJSON(res))
	}
	fmt.Fprintf(c.out, "Resolved %s: %s is now %q. The decision wins when you share your database again.\n", shortID(res.ID), res.Field, clip(res.ResolvedValue, 60))
	return nil
}

type ratingJSON struct {
	Reviewer string    `json:"reviewer"`
	Verdict  string    `json:"verdict"`
	At       time.Time `json:"at"`
}

type ratedClaimJSON struct {
	claimJSON
	ArticleTitle string       `json:"article_title"`
	Agree        bool         `json:"agree"`
	Ratings      []ratingJSON `json:"ratings"`
}

func cmdRatings(c *cli, _ []string) error {
	var f storage.RatingFilter
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
	f.Disagreements = c.str("disagreements") == "true"
	claims, err := c.db.RatedClaims(c.ctx, f)
	if err != nil {
		return err
	}
	if c.json {
		out := make([]ratedClaimJSON, 0, len(claims))
		for _, rc := range claims {
			j := ratedClaimJSON{claimJSON: toClaimJSON(rc.Claim), ArticleTitle: rc.ArticleTitle, Agree: rc.Agrees()}
			for _, r := range rc.Ratings {
				j.Ratings = append(j.Ratings, ratingJSON{r.Reviewer, string(r.Verdict), r.At})
			}
			out = append(out, j)
		}
		return c.printJSON(out)
	}
	if len(claims) == 0 {
		fmt.Fprintln(c.out, "No rated claims match.")
		return nil
	}
	tw := c.table()
	fmt.Fprintln(tw, "CLAIM\tQUOTE\tARTICLE\tRATINGS")
	for _, rc := range claims {
		var rs []string
		for _, r := range rc.Ratings {
			rs = append(rs, fmt.Sprintf("%s %s %s", r.Reviewer, r.Verdict.Symbol(), r.Verdict))
		}
		mark := ""
		if !rc.Agrees() {
			mark = "  ≠"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%s\n", shortID(rc.ID), clip(rc.Exact, 50), clip(rc.ArticleTitle, 30), strings.Join(rs, ", "), mark)
	}
	return tw.Flush()
}

type pairJSON struct {
	A         string                    `json:"a"`
	B         string                    `json:"b"`
	N         int                       `json:"n"`
	Percent   float64                   `json:"percent"`
	Kappa     float64                   `json:"cohen_kappa"`
	Confusion map[string]map[string]int `json:"confusion"`
}

type disagreementJSON struct {
	Item         string            `json:"item"`
	Claims       []string          `json:"claims"`
	Quote        string            `json:"quote"`
	ArticleTitle string            `json:"article_title"`
	Ratings      map[string]string `json:"ratings"`
}

type agreementJSON struct {
	Reviewers         []string           `json:"reviewers"`
	Items             int                `json:"items"`
	Defined           bool               `json:"defined"`
	PercentAgreement  float64            `json:"percent_agreement"`
	KrippendorffAlpha float64            `json:"krippendorff_alpha"`
	Pairs             []pairJSON         `json:"pairs"`
	Disagreements     []disagreementJSON `json:"disagreements"`
}

func cmdAgreement(c *cli, _ []string) error {
	res, err := c.db.Agreement(c.ctx)
	if err != nil {
		return err
	}
	if c.json {
		j := agreementJSON{Reviewers: res.Reviewers, Items: res.Items, Defined: res.Defined, PercentAgreement: res.PercentAgreement,
			KrippendorffAlpha: res.KrippendorffAlpha, Pairs: []pairJSON{}, Disagreements: []disagreementJSON{}}
		if j.Reviewers == nil {
			j.Reviewers = []string{}
		}
		for _, p := range res.Pairs {
			pj := pairJSON{A: p.A, B: p.B, N: p.N, Percent: p.Percent, Kappa: p.Kappa, Confusion: map[string]map[string]int{}}
			for _, a := range annotate.Verdicts {
				pj.Confusion[string(a)] = map[string]int{}
				for _, b := range annotate.Verdicts {
					pj.Confusion[string(a)][string(b)] = p.Confusion.At(a, b)
				}
			}
			j.Pairs = append(j.Pairs, pj)
		}
		for _, d := range res.Disagreements {
			it := res.Details[d.Item]
			dj := disagreementJSON{Item: d.Item, Claims: it.ClaimIDs, Quote: it.Quote, ArticleTitle: it.ArticleTitle, Ratings: map[string]string{}}
			for who, v := range d.Ratings {
				dj.Ratings[who] = string(v)
			}
			j.Disagreements = append(j.Disagreements, dj)
		}
		return c.printJSON(j)
	}
	if !res.Defined {
		fmt.Fprintln(c.out, "No claim was rated by two or more reviewers yet: merge other reviewers' files (`factdesk merge FILE`), then rate the same claims.")
		return nil
	}
	fmt.Fprintf(c.out, "Agreement on %d claims rated by two or more reviewers (%s).\n\n", res.Items, strings.Join(res.Reviewers, ", "))
	fmt.Fprintf(c.out, "Percent agreement:               %5.1f%%\n", res.PercentAgreement)
	if len(res.Reviewers) == 2 && len(res.Pairs) == 1 {
		fmt.Fprintf(c.out, "Cohen's kappa:                   %6.3f\n", res.Pairs[0].Kappa)
	}
	fmt.Fprintf(c.out, "Krippendorff's alpha (nominal):  %6.3f\n", res.KrippendorffAlpha)
	for _, p := range res.Pairs {
		fmt.Fprintf(c.out, "\n%s and %s: %d claims, %.1f%% agreement, Cohen's kappa %.3f\n", p.A, p.B, p.N, p.Percent, p.Kappa)
		tw := c.table()
		fmt.Fprintf(tw, "%s \\ %s\t", p.A, p.B)
		for _, b := range annotate.Verdicts {
			fmt.Fprintf(tw, "%s\t", b)
		}
		fmt.Fprintln(tw)
		for _, a := range annotate.Verdicts {
			fmt.Fprintf(tw, "%s\t", a)
			for _, b := range annotate.Verdicts {
				fmt.Fprintf(tw, "%d\t", p.Confusion.At(a, b))
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if len(res.Disagreements) == 0 {
		fmt.Fprintln(c.out, "\nNo disagreements.")
		return nil
	}
	fmt.Fprintf(c.out, "\nDisagreements to discuss (%d):\n", len(res.Disagreements))
	for _, d := range res.Disagreements {
		it := res.Details[d.Item]
		names := make([]string, 0, len(d.Ratings))
		for n := range d.Ratings {
			names = append(names, n)
		}
		sort.Strings(names)
		var rs []string
		for _, n := range names {
			rs = append(rs, fmt.Sprintf("%s %s %s", n, d.Ratings[n].Symbol(), d.Ratings[n]))
		}
		fmt.Fprintf(c.out, "  %s  %q (%s): %s\n", shortID(d.Item), clip(it.Quote, 60), clip(it.ArticleTitle, 40), strings.Join(rs, ", "))
	}
	return nil
}
