// Package ingest is Factdesk's one way in: files, folders, standard input, pasted text, the
// demo corpus and web addresses all go through Run, which collects the items (expanding
// folders), reads and parses them on every core, stores them in batches, tallies what became
// of each, reports progress and stops soon after its context is cancelled. The CLI import, the
// GUI importer and the demo all call it, so they agree on what is imported and how it is
// counted.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"factdesk/corpus"
	"factdesk/storage"
)

// Batch is how many parsed articles are stored per transaction: big enough to be fast (a
// transaction costs one fsync), small enough that a cancel loses little and progress moves.
const Batch = 100

// Item is one thing to import; exactly one of Path, Data (with Name), Reader (with Name) or
// URL is set.
type Item struct {
	Path   string    // a file or a folder (walked recursively) on this computer
	Name   string    // names Data or Reader: "pasted", "stdin", a demo file's name
	Data   []byte    // bytes to parse as a file called Name
	Reader io.Reader // a stream (standard input) to parse, sniffed as HTML or text
	URL    string    // a web address (http or https) to fetch
}

// label is how the item is named in progress and messages.
func (it Item) label() string {
	switch {
	case it.URL != "":
		return it.URL
	case it.Path != "":
		return it.Path
	}
	return it.Name
}

// Fetcher fetches a web address as an article (see corpus/fetch).
type Fetcher interface {
	FetchArticle(ctx context.Context, url string) (corpus.Article, error)
}

// Progress is where an import stands: Done of Total items handled, Name the one at hand, and
// Step what is happening to it ("listing the files", "page 3 of 40"), "" when nothing special.
type Progress struct {
	Done, Total int
	Name        string
	Step        string
	// Detail is Step as a kind and facts (corpus.StepKind), for a front end that words it in
	// its own language; its Kind is "" when there is no step.
	Detail corpus.Step
	// Part is how far the reader is into the item at hand, from 0 to 1, when it says (the
	// pages of a long PDF): a bar moves within one big file.
	Part float64
}

// Outcome is what became of one item (a file of a folder counts as one item).
type Outcome struct {
	Name    string               // the path, URL or name of the item
	Result  storage.ImportResult // the stored article, when Err is nil
	Err     error                // why it could not be imported (or was skipped)
	Skipped bool                 // a folder's file of a kind the corpus does not read: not a failure
}

// Options tune Run. The zero value imports with no progress reports.
type Options struct {
	// Progress, when set, is called as the import moves, one call at a time (from Run's
	// goroutine, or from a parsing goroutine for the steps of a slow file: "reading pages
	// 26–50 of 500", "OCR of page 3 of 12").
	Progress func(Progress)
	// Outcome, when set, is called for each item in order, once it is stored or has failed.
	Outcome func(Outcome)
	// Fetch fetches web addresses; nil refuses them.
	Fetch Fetcher
	// Parse parses named bytes (default corpus.ParseContext); the demo passes its own.
	Parse func(name string, data []byte) (corpus.Article, error)
	// Batch is the number of articles per transaction (default Batch).
	Batch int
	// KeepPath records a file's full path as the article's origin; by default only its name
	// is kept, since the folders of a local path (a user name, perhaps a source's name) would
	// travel in shared copies and exports.
	KeepPath bool
}

// Tally counts what an import did.
type Tally struct {
	Added     int      // new articles
	Existing  int      // articles whose text was already stored
	IDs       []string // the articles added or found, in item order
	Outcomes  []Outcome
	Failed    int  // items that could not be read, parsed or fetched
	Skipped   int  // files of a folder that are not article files (not failures)
	Cancelled bool // the context was cancelled: what was stored before is kept
	Err       error
}

// Failures returns the outcomes that failed or were skipped, in order.
func (t Tally) Failures() []Outcome {
	var out []Outcome
	for _, o := range t.Outcomes {
		if o.Err != nil {
			out = append(out, o)
		}
	}
	return out
}

// ErrNotArticleFile is wrapped in the error of a folder's file whose extension the corpus does
// not read.
var ErrNotArticleFile = errors.New("not an article file")

// Run imports items into db: collect, parse on every core, store in batches in item order,
// tally. An item that fails is tallied and the others go on; a storage error stops the import
// and is in Tally.Err (what was stored before it is kept); a cancel stops it soon, Cancelled
// set and Err nil.
func Run(ctx context.Context, db *storage.DB, items []Item, opt Options) Tally {
	r := &run{db: db, opt: opt}
	if r.opt.Batch <= 0 {
		r.opt.Batch = Batch
	}
	work := r.collect(items)
	r.parseAndStore(ctx, work)
	return r.tally
}

type run struct {
	db    *storage.DB
	opt   Options
	tally Tally
	batch []pending

	mu    sync.Mutex   // one Progress call at a time
	done  atomic.Int64 // items handled, for the steps reported while parsing
	total int
}

// pending is a parsed article waiting for its batch to be stored, or an item that failed,
// waiting for its turn to be reported (outcomes are reported in item order).
type pending struct {
	name string
	a    storage.PreparedArticle
	err  error
}

func (r *run) progress(p Progress) {
	if r.opt.Progress != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.opt.Progress(p)
	}
}

func (r *run) record(o Outcome) {
	switch {
	case o.Skipped:
		r.tally.Skipped++
	case o.Err != nil:
		r.tally.Failed++
	default:
		if o.Result.Existing {
			r.tally.Existing++
		} else {
			r.tally.Added++
		}
		r.tally.IDs = append(r.tally.IDs, o.Result.Article.ID)
	}
	r.tally.Outcomes = append(r.tally.Outcomes, o)
	if r.opt.Outcome != nil {
		r.opt.Outcome(o)
	}
}

// collect expands folders into their files; unreadable paths and skipped files are recorded
// as failures at once.
func (r *run) collect(items []Item) []Item {
	var work []Item
	for _, it := range items {
		if it.Path == "" {
			work = append(work, it)
			continue
		}
		r.progress(Progress{Name: it.Path, Step: corpus.ListingFiles.Text, Detail: corpus.ListingFiles})
		files, skipped, err := corpus.CollectFiles([]string{it.Path})
		if err != nil {
			for _, e := range unjoin(err) {
				var pe *fs.PathError
				if errors.As(e, &pe) {
					r.record(Outcome{Name: pe.Path, Err: fmt.Errorf("cannot read %s: %w: check the path", pe.Path, pe.Err)})
				} else {
					r.record(Outcome{Name: it.Path, Err: fmt.Errorf("%w: check the path", e)})
				}
			}
		}
		for _, s := range skipped {
			if corpus.FormatOf(s.Path) == "" {
				r.record(Outcome{Name: s.Path, Skipped: true, Err: fmt.Errorf("%s: %w: Factdesk reads %s files", filepath.Base(s.Path), ErrNotArticleFile, corpus.Extensions())})
			} else { // a link out of the folder, a pipe, a device: never opened
				r.record(Outcome{Name: s.Path, Skipped: true, Err: fmt.Errorf("%s: %s", s.Path, s.Reason)})
			}
		}
		for _, f := range files {
			work = append(work, Item{Path: f})
		}
	}
	return work
}

// parse reads one item into an article; the steps of a slow file (its pages) are reported
// as progress.
func (r *run) parse(ctx context.Context, it Item) (corpus.Article, error) {
	if r.opt.Progress != nil {
		ctx = corpus.WithSteps(ctx, func(s corpus.Step) {
			p := Progress{Done: int(r.done.Load()), Total: r.total, Name: it.label(), Step: s.Text, Detail: s}
			if s.Total > 0 {
				p.Part = float64(s.Done) / float64(s.Total)
			}
			r.progress(p)
		})
	}
	switch {
	case it.URL != "":
		if r.opt.Fetch == nil {
			return corpus.Article{}, fmt.Errorf("%s: importing from web addresses is not available here", it.URL)
		}
		return r.opt.Fetch.FetchArticle(ctx, it.URL)
	case it.Path != "":
		a, err := corpus.ParseFileContext(ctx, it.Path)
		if !r.opt.KeepPath {
			a.Origin = filepath.Base(a.Origin)
		}
		return a, err
	case it.Reader != nil:
		return corpus.ParseReader(it.Reader, it.Name)
	}
	if r.opt.Parse == nil {
		return corpus.ParseContext(ctx, it.Name, it.Data)
	}
	return r.opt.Parse(it.Name, it.Data)
}

var errStop = errors.New("import stopped")

func (r *run) parseAndStore(ctx context.Context, work []Item) {
	n := len(work)
	r.total = n
	// The counterpart index of each article is computed with its parsing, on every core; the
	// store step only writes it.
	prepared := make([]*storage.CounterpartKeys, n)
	err := corpus.ParseEach(ctx, n, func(i int) (corpus.Article, error) {
		a, err := r.parse(ctx, work[i])
		if err == nil {
			prepared[i] = storage.PrepareArticle(a).Counterparts
		}
		return a, err
	}, func(i int, a corpus.Article, err error) error {
		name := work[i].label()
		r.done.Store(int64(i))
		r.progress(Progress{Done: i, Total: n, Name: name})
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		r.batch = append(r.batch, pending{name: name, a: storage.PreparedArticle{Article: a, Counterparts: prepared[i]}, err: err})
		prepared[i] = nil
		if len(r.batch) >= r.opt.Batch && !r.flush(ctx) {
			return errStop
		}
		return nil
	})
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		r.tally.Cancelled = true
		for _, p := range r.batch { // the failures seen are still worth saying
			if p.err != nil {
				r.record(Outcome{Name: p.name, Err: p.err})
			}
		}
		r.batch = nil
	} else if r.tally.Err == nil {
		r.flush(ctx)
	}
	r.progress(Progress{Done: n, Total: n})
}

// flush stores the pending batch; false when the import must stop.
func (r *run) flush(ctx context.Context) bool {
	if len(r.batch) == 0 {
		return true
	}
	arts := make([]storage.PreparedArticle, 0, len(r.batch))
	for _, p := range r.batch {
		if p.err == nil {
			arts = append(arts, p.a)
		}
	}
	var res []storage.ImportResult
	var err error
	if len(arts) > 0 {
		res, err = StorePrepared(ctx, r.db, arts)
	}
	batch := r.batch
	r.batch = nil
	if err != nil {
		if ctx.Err() != nil {
			r.tally.Cancelled = true
		} else {
			r.tally.Err = err
		}
		return false
	}
	for _, p := range batch {
		if p.err != nil {
			r.record(Outcome{Name: p.name, Err: p.err})
			continue
		}
		r.record(Outcome{Name: p.name, Result: res[0]})
		res = res[1:]
	}
	return true
}

// Store is the pipeline's store step: it saves one batch of parsed articles in one
// transaction (deduplicated by text) and returns what became of each, in order. It is the
// place to hook work that must follow every stored batch (indexing, for example).
func Store(ctx context.Context, db *storage.DB, arts []corpus.Article) ([]storage.ImportResult, error) {
	return db.ImportArticles(ctx, arts)
}

// StorePrepared is Store for articles prepared in the parse stage (storage.PrepareArticle):
// what Run does, so that the counterpart index is computed on every core, not in the
// transaction.
func StorePrepared(ctx context.Context, db *storage.DB, arts []storage.PreparedArticle) ([]storage.ImportResult, error) {
	return db.ImportPrepared(ctx, arts)
}

// Summary words a tally in one line: "Imported 3 new articles; 1 was already in the corpus."
func (t Tally) Summary() string {
	var b strings.Builder
	if t.Added == 0 && t.Existing == 0 {
		b.WriteString("No article was imported.")
	} else {
		fmt.Fprintf(&b, "Imported %s", count(t.Added, "new article", "new articles"))
		if t.Existing > 0 {
			verb := "were"
			if t.Existing == 1 {
				verb = "was"
			}
			fmt.Fprintf(&b, "; %d %s already in the corpus", t.Existing, verb)
		}
		b.WriteString(".")
	}
	return b.String()
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
