package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"factdesk/annotate"
	"factdesk/annotate/counterpart"
	"factdesk/storage"
)

func init() {
	register(&command{name: "suggest links", looks: true, args: "[CLAIM...]",
		summary: "the sentences of other articles that state the same fact as each claim (any language), best first, with reasons and possible contradictions",
		flags: func(fs *flag.FlagSet) {
			fs.String("article", "", "every claim of the article `ID` (or a unique prefix)")
			fs.Var(&stringList{}, "in", "search only the article `ID` (repeat for several; default: every other article)")
			fs.Int("top", 5, "at most `N` candidates per claim")
		}, maxArgs: -1, run: cmdSuggestLinks})
	register(&command{name: "suggest claims", looks: true, args: "ARTICLE",
		summary: "every sentence of an article with how check-worthy it is; suggested: true marks the statements of fact worth making claims",
		minArgs: 1, maxArgs: 1, run: cmdSuggestClaims})
}

// candidateJSON is one counterpart of a claim in `suggest links --json`.
type candidateJSON struct {
	Article       string   `json:"article"`
	Start         int      `json:"start"`
	End           int      `json:"end"`
	Text          string   `json:"text"`
	Score         float64  `json:"score"`
	Contradiction bool     `json:"contradiction"`
	Reasons       []string `json:"reasons"`
}

// suggestLinksJSON is what `suggest links --json` prints for each claim.
type suggestLinksJSON struct {
	Claim      string          `json:"claim"`
	Candidates []candidateJSON `json:"candidates"`
}

// suggestionJSON is one sentence in `suggest claims --json`.
type suggestionJSON struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
	Suggested bool    `json:"suggested"`
}

func cmdSuggestLinks(c *cli, args []string) error {
	var ids []string
	for _, a := range args {
		id, err := c.resolve("claims", a)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	if c.set("article") {
		art, err := c.resolve("articles", c.str("article"))
		if err != nil {
			return err
		}
		claims, err := c.db.Claims(c.ctx, storage.ClaimFilter{ArticleID: art})
		if err != nil {
			return err
		}
		for _, cl := range claims {
			ids = append(ids, cl.ID)
		}
	}
	if len(args) == 0 && !c.set("article") {
		return usagef("name the claims (ids from `factdesk claims`), or --article ID for every claim of an article")
	}
	var in []string
	for _, a := range c.list("in") {
		id, err := c.resolve("articles", a)
		if err != nil {
			return err
		}
		in = append(in, id)
	}
	top := c.fs.Lookup("top").Value.(flag.Getter).Get().(int)
	if top <= 0 {
		return usagef("--top must be at least 1")
	}
	if _, err := c.indexCounterparts(); err != nil {
		return err
	}
	if lex := counterpart.DefaultLexicon(); lex.Missing() != "" {
		fmt.Fprintf(c.errOut, "factdesk: %s; counterparts in other languages are found on figures, names and cognates only\n", lex.Missing())
	}
	langs := map[string]string{}
	var out []suggestLinksJSON
	for _, id := range ids {
		cl, err := c.db.Claim(c.ctx, id)
		if err != nil {
			return err
		}
		lang, ok := langs[cl.ArticleID]
		if !ok {
			a, err := c.db.Article(c.ctx, cl.ArticleID)
			if err != nil {
				return err
			}
			lang, langs[cl.ArticleID] = a.Language, a.Language
		}
		cands, err := c.db.Counterparts(c.ctx, storage.CounterpartQuery{Text: cl.Exact, Language: lang, Exclude: cl.ArticleID, In: in, Top: top})
		if err != nil {
			return err
		}
		out = append(out, suggestLinksJSON{Claim: cl.ID, Candidates: mapList(cands, func(k storage.CounterpartCandidate) candidateJSON {
			return candidateJSON{Article: k.ArticleID, Start: k.Start, End: k.End, Text: k.Text, Score: k.Score, Contradiction: k.Contradiction,
				Reasons: mapList(k.Reasons, func(s string) string { return s })}
		})})
		if !c.json {
			printCandidates(c, cl, cands)
		}
	}
	if c.json {
		return c.printJSON(mapList(out, func(s suggestLinksJSON) suggestLinksJSON { return s }))
	}
	return nil
}

func printCandidates(c *cli, cl annotate.Claim, cands []storage.CounterpartCandidate) {
	fmt.Fprintf(c.out, "claim %s: %s\n", shortID(cl.ID), clip(cl.Exact, 100))
	if len(cands) == 0 {
		fmt.Fprintln(c.out, "  no sentence of the other articles shares its figures, names or words")
	}
	for _, k := range cands {
		flag := ""
		if k.Contradiction {
			flag = "  POSSIBLE CONTRADICTION"
		}
		fmt.Fprintf(c.out, "  %.2f  %s [%d-%d]%s\n        %s\n        %v\n", k.Score, clip(k.ArticleTitle, 40), k.Start, k.End, flag, clip(k.Text, 120), k.Reasons)
	}
}

// indexCounterparts builds the counterpart index of the articles that lack it (a database from
// an older Factdesk: imports and merges index as they go), with progress on the error stream;
// Ctrl+C stops it and the search reads those articles whole. A read-only database is searched
// without it. It returns how many articles it indexed.
func (c *cli) indexCounterparts() (int, error) {
	if c.db.ReadOnly() {
		return 0, nil
	}
	n, err := c.db.CounterpartsPending(c.ctx)
	if err != nil || n == 0 {
		return 0, err
	}
	fmt.Fprintf(c.errOut, "factdesk: indexing %d articles for counterparts (once; Ctrl+C stops it, and the rest is indexed next time)\n", n)
	last := -1
	done, err := c.db.IndexCounterparts(c.ctx, func(done, total int) {
		if pct := done * 10 / max(total, 1); pct != last || done == total {
			last = pct
			fmt.Fprintf(c.errOut, "  %d/%d articles\n", done, total)
		}
	})
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(c.errOut, "factdesk: indexing stopped; the rest is indexed next time")
	}
	return done, err
}

func cmdSuggestClaims(c *cli, args []string) error {
	id, err := c.resolve("articles", args[0])
	if err != nil {
		return err
	}
	a, err := c.db.Article(c.ctx, id)
	if err != nil {
		return err
	}
	sugs := counterpart.Suggest(a.Text, a.Language)
	if c.json {
		return c.printJSON(mapList(sugs, func(s counterpart.Suggestion) suggestionJSON {
			return suggestionJSON{Start: s.Start, End: s.End, Text: s.Text, Score: s.Score, Suggested: s.Suggested}
		}))
	}
	tw := c.table()
	fmt.Fprintln(tw, "SCORE\tSUGGESTED\tOFFSETS\tSENTENCE")
	for _, s := range sugs {
		mark := ""
		if s.Suggested {
			mark = "yes"
		}
		fmt.Fprintf(tw, "%.2f\t%s\t%d-%d\t%s\n", s.Score, mark, s.Start, s.End, clip(s.Text, 90))
	}
	return tw.Flush()
}
