package main

import (
	"flag"
	"fmt"

	"factdesk/corpus/fetch"
	"factdesk/storage/ingest"
)

func init() {
	register(&command{name: "import", args: "PATH|URL...", summary: "import articles: .txt, .html, .md, .pdf, .docx, .odt files, folders (recursively), web addresses (http/https), or - for standard input",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("keep-path", false, "record each file's full path, not only its name (it names users and folders; share and export carry it only with their own --keep-path)")
		},
		minArgs: 1, maxArgs: -1, run: cmdImport})
}

type importJSON struct {
	Path    string       `json:"path"`
	Article *articleJSON `json:"article,omitempty"`
	Error   string       `json:"error,omitempty"`
}

// cmdImport imports every file and address it can through the ingest pipeline; a bad one is
// reported and the others still import, and the exit status says whether any failed.
func cmdImport(c *cli, args []string) error {
	var items []ingest.Item
	for _, a := range args {
		switch {
		case a == "-":
			items = append(items, ingest.Item{Name: "stdin", Reader: c.in})
		case fetch.IsWebAddress(a):
			items = append(items, ingest.Item{URL: a})
		default:
			items = append(items, ingest.Item{Path: a})
		}
	}
	var results []importJSON
	tally := ingest.Run(c.ctx, c.db, items, ingest.Options{
		Fetch:    fetch.New(),
		KeepPath: c.str("keep-path") == "true",
		Outcome: func(o ingest.Outcome) {
			if o.Skipped {
				if !c.json {
					fmt.Fprintf(c.errOut, "skipped %v\n", o.Err)
				}
				return
			}
			if o.Err != nil {
				results = append(results, importJSON{Path: o.Name, Error: o.Err.Error()})
				if !c.json {
					fmt.Fprintf(c.errOut, "factdesk import: %v\n", o.Err)
				}
				return
			}
			aj := toArticleJSON(o.Result.Article)
			existing := o.Result.Existing
			aj.Existing = &existing
			results = append(results, importJSON{Path: o.Name, Article: &aj})
			if !c.json {
				note := ""
				if existing {
					note = "  (already imported: same text)"
				}
				fmt.Fprintf(c.out, "%s\t%s\t%s%s\n", o.Result.Article.ID, orDash(o.Result.Article.Language), o.Result.Article.Title, note)
				for _, n := range o.Result.Article.Notes {
					fmt.Fprintf(c.out, "\t%s\n", n)
				}
			}
		},
	})
	if tally.Err != nil {
		return tally.Err
	}
	if tally.Cancelled {
		return c.ctx.Err()
	}
	if c.json {
		if err := c.printJSON(results); err != nil {
			return err
		}
	}
	if tally.Failed > 0 {
		if !c.json {
			if tally.Failed == len(results) {
				fmt.Fprintf(c.errOut, "factdesk import: nothing was imported\n")
			} else {
				fmt.Fprintf(c.errOut, "factdesk import: %d of %d failed; the others were imported\n", tally.Failed, len(results))
			}
		}
		return exitError{exitFailure}
	}
	if len(results) == 0 {
		return usagef("nothing to import in %v", args)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
