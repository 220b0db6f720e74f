package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"

	"factdesk/corpus"
)

func init() {
	register(&command{name: "import", args: "PATH...", summary: "import articles: .txt, .html, .md files, folders (recursively), or - for standard input",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("keep-path", false, "record each file's full path, not only its name (the path travels in shared copies and exports: user and folder names)")
		},
		minArgs: 1, maxArgs: -1, run: cmdImport})
}

// importBatch is how many parsed articles are stored per transaction.
const importBatch = 200

type importJSON struct {
	Path    string       `json:"path"`
	Article *articleJSON `json:"article,omitempty"`
	Error   string       `json:"error,omitempty"`
}

// cmdImport imports every file it can; a bad file is reported and the others still import,
// and the exit status says whether any failed.
func cmdImport(c *cli, args []string) error {
	var paths []string
	stdin := false
	for _, a := range args {
		if a == "-" {
			stdin = true
		} else {
			paths = append(paths, a)
		}
	}
	files, skipped, collectErr := corpus.CollectFiles(paths)
	failed := 0
	var results []importJSON
	report := func(path string, err error) {
		failed++
		results = append(results, importJSON{Path: path, Error: err.Error()})
		if !c.json {
			fmt.Fprintf(c.errOut, "factdesk import: %v\n", err)
		}
	}
	if collectErr != nil {
		for _, err := range unjoin(collectErr) {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				report(pe.Path, fmt.Errorf("cannot read %s: %v: check the path", pe.Path, pe.Err))
			} else {
				report("", fmt.Errorf("%w: check the path", err))
			}
		}
	}
	for _, s := range skipped {
		if !c.json {
			fmt.Fprintf(c.errOut, "skipped %s: %s\n", s.Path, s.Reason)
		}
	}
	var batch []corpus.Article
	var batchPaths []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := c.db.ImportArticles(c.ctx, batch)
		if err != nil {
			return err
		}
		for i, r := range res {
			aj := toArticleJSON(r.Article)
			existing := r.Existing
			aj.Existing = &existing
			results = append(results, importJSON{Path: batchPaths[i], Article: &aj})
			if !c.json {
				note := ""
				if r.Existing {
					note = "  (already imported: same text)"
				}
				fmt.Fprintf(c.out, "%s\t%s\t%s%s\n", r.Article.ID, orDash(r.Article.Language), r.Article.Title, note)
			}
		}
		batch, batchPaths = batch[:0], batchPaths[:0]
		return nil
	}
	add := func(path string, a corpus.Article, err error) error {
		if err != nil {
			report(path, err)
			return nil
		}
		if c.str("keep-path") != "true" && a.Origin != "stdin" {
			// The folders of a local path (a user name, perhaps a source's name) stay here.
			a.Origin = filepath.Base(a.Origin)
		}
		batch = append(batch, a)
		batchPaths = append(batchPaths, path)
		if len(batch) >= importBatch {
			return flush()
		}
		return nil
	}
	if stdin {
		a, err := corpus.ParseReader(c.in, "stdin")
		if err := add("-", a, err); err != nil {
			return err
		}
	}
	if err := corpus.ParseFiles(c.ctx, files, func(_ int, path string, a corpus.Article, err error) error {
		return add(path, a, err)
	}); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if c.json {
		if err := c.printJSON(results); err != nil {
			return err
		}
	}
	if failed > 0 {
		if !c.json {
			if failed == len(results) {
				fmt.Fprintf(c.errOut, "factdesk import: nothing was imported\n")
			} else {
				fmt.Fprintf(c.errOut, "factdesk import: %d of %d failed; the others were imported\n", failed, len(results))
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

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
