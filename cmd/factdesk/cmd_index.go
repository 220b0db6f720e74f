package main

import "fmt"

func init() {
	register(&command{name: "index",
		summary: "build the counterpart index of the articles that lack it (a database from an older Factdesk), with progress; imports and merges index as they go",
		run:     cmdIndex})
}

// indexJSON is what `index --json` prints.
type indexJSON struct {
	Indexed int `json:"indexed"`
}

func cmdIndex(c *cli, _ []string) error {
	if c.db.ReadOnly() { // storage's read-only error, worded by the CLI like the others
		_, err := c.db.IndexCounterparts(c.ctx, nil)
		return err
	}
	n, err := c.indexCounterparts()
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(indexJSON{Indexed: n})
	}
	if n == 0 {
		fmt.Fprintln(c.out, "Every article is already indexed for counterparts.")
		return nil
	}
	fmt.Fprintf(c.out, "Indexed %s for counterparts.\n", count(n, "article"))
	return nil
}
