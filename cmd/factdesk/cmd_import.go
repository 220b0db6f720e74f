package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"factdesk/corpus"

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
	prog := newImportProgress(c)
	defer prog.clear()
	tally := ingest.Run(c.ctx, c.db, items, ingest.Options{
		Fetch:    fetch.New(),
		KeepPath: c.str("keep-path") == "true",
		Progress: prog.show,
		Outcome: func(o ingest.Outcome) {
			prog.clear()
			if o.Skipped {
				if !c.json {
					fmt.Fprintf(c.errOut, "skipped %v\n", o.Err)
				}
				return
			}
			if o.Err != nil {
				results = append(results, importJSON{Path: o.Name, Error: o.Err.Error()})
				if !c.json {
					fmt.Fprintf(c.errOut, "factdesk import: %s\n", explain(o.Err))
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

// isTerminalWriter reports whether w writes to an interactive terminal (through the CLI's
// escaping writer too); a variable so that tests can play a terminal.
var isTerminalWriter = func(w io.Writer) bool {
	if e, ok := w.(escapingWriter); ok {
		w = e.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// importProgress shows where an import stands on one line of standard error, redrawn in
// place ("[3/40] report.pdf — reading pages 26–50 of 500"), when standard error is a terminal
// and the output is not JSON; elsewhere it says nothing.
type importProgress struct {
	mu    sync.Mutex
	w     io.Writer // the terminal, unescaped: the line is redrawn with a carriage return
	last  time.Time
	shown bool
}

func newImportProgress(c *cli) *importProgress {
	p := &importProgress{}
	if !c.json && isTerminalWriter(c.errOut) {
		p.w = c.errOut
		if e, ok := c.errOut.(escapingWriter); ok {
			p.w = e.w
		}
	}
	return p
}

// show draws the progress line: every step of a slow file, other moves at most ten times a
// second.
func (p *importProgress) show(at ingest.Progress) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if at.Step == "" && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	name := at.Name
	if name != "" && !fetch.IsWebAddress(name) {
		name = filepath.Base(name)
	}
	if name == "" && at.Step == "" {
		return // the end: clear rubs the line out
	}
	line := name
	if at.Total > 0 { // not while listing a folder's files
		line = fmt.Sprintf("[%d/%d] %s", min(at.Done+1, at.Total), at.Total, name)
	}
	if at.Step != "" {
		line += " — " + at.Step
	}
	// Names come from files: their control characters must not reach the terminal.
	fmt.Fprintf(p.w, "\r%s\x1b[K", corpus.EscapeControls(line, false))
	p.shown = true
}

// clear rubs the progress line out before other output, and at the end.
func (p *importProgress) clear() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
