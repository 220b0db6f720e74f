package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynestorage "fyne.io/fyne/v2/storage"

	"factdesk/app/i18n"
	"factdesk/app/uihost"
	"factdesk/app/uikit"
	"factdesk/corpus"
	"factdesk/corpus/fetch"
	"factdesk/storage"
	"factdesk/storage/ingest"
)

// importItem is one thing to import: a file or folder path, named bytes (pasted text, the
// demo corpus) or a web address.
type importItem struct {
	path string
	name string
	data []byte
	url  string
}

// importSummary says what an import did.
type importSummary struct {
	added, existing int
	ids             []string // articles added or found, in order
	failed          []string // "file: reason"
	cancelled       bool
	err             error // a storage error that stopped the import
}

func (s importSummary) String() string {
	var b strings.Builder
	switch {
	case s.added == 0 && s.existing == 0:
		b.WriteString(lang.L("No article was imported."))
	default:
		b.WriteString(i18n.Count("Imported {{.Count}} new article", s.added))
		if s.existing > 0 {
			b.WriteString(i18n.Count("; {{.Count}} was already in the corpus", s.existing))
		}
		b.WriteString(".")
	}
	if s.cancelled {
		b.WriteString("\n" + lang.L("Cancelled: what was imported before the cancel is kept."))
	}
	if len(s.failed) > 0 {
		b.WriteString("\n\n" + i18n.Count("{{.Count}} file could not be imported:", len(s.failed)))
		for i, f := range s.failed {
			if i == 8 {
				b.WriteString("\n" + i18n.Count("… and {{.Count}} more (see the log)", len(s.failed)-8))
				break
			}
			b.WriteString("\n• " + f)
		}
	}
	return b.String()
}

// progressDialog shows a long import's progress and lets the person cancel it.
type progressDialog = uikit.Progress

func newProgressDialog(title string, w fyne.Window, cancel func()) *progressDialog {
	return uikit.NewProgress(title, lang.L("Preparing…"), w, cancel)
}

// importJob is slow work behind a progress dialog: it reports progress (item i of n, and the
// part of item i done, from 0 to 1) and stops soon after ctx is cancelled.
type importJob func(ctx context.Context, progress func(i, n int, part float64, name string)) importSummary

// runImport imports items in the background behind a progress dialog, then reports and
// calls done (on the UI goroutine) with the summary.
func (mw *mainWindow) runImport(title string, items []importItem, done func(importSummary)) {
	db, keepPaths := mw.db, readSettings(mw.prefs).KeepPaths
	mw.runJob(title, func(ctx context.Context, progress func(i, n int, part float64, name string)) importSummary {
		return importAllWith(ctx, db, items, keepPaths, progress)
	}, done)
}

// runJob runs job in the background behind a progress dialog with a Cancel button, then
// reports and calls done (on the UI goroutine) with the summary.
func (mw *mainWindow) runJob(title string, job importJob, done func(importSummary)) {
	if !mw.ensureReviewer(func() { mw.runJob(title, job, done) }) {
		return
	}
	ctx, cancel := context.WithCancel(mw.ctx)
	pd := newProgressDialog(title, mw.win, cancel)
	mw.progress = pd
	mw.showDialog(pd.Dialog)
	var last time.Time
	var mu sync.Mutex
	progress := func(i, n int, part float64, name string) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 50*time.Millisecond && i < n {
			return
		}
		last = time.Now()
		mw.do(func() {
			if n > 0 {
				pd.Bar.SetValue((float64(i) + part) / float64(n))
			}
			if name != "" && !pd.Cancelling() {
				pd.Label.SetText(lang.L("{{.Done}} of {{.Total}}: {{.Name}}", fields{"Done": i18n.Number(min(i+1, n)), "Total": i18n.Number(n), "Name": name}))
			}
		})
	}
	mw.background(func() func() {
		sum := job(ctx, progress)
		cancel()
		return func() {
			mw.progress = nil
			pd.Dialog.Hide()
			mw.afterImport(sum)
			if done != nil {
				done(sum)
			}
		}
	})
}

// importAll imports items through the ingest pipeline (the one the CLI and the demo use) and
// sums it up for the window.
func importAll(ctx context.Context, db *storage.DB, items []importItem, progress func(i, n int, part float64, name string)) importSummary {
	return importAllWith(ctx, db, items, false, progress)
}

// importAllWith is importAll that keeps each file's full path as its origin when keepPaths
// (Settings: the person opted in); otherwise only its name.
func importAllWith(ctx context.Context, db *storage.DB, items []importItem, keepPaths bool, progress func(i, n int, part float64, name string)) importSummary {
	in := make([]ingest.Item, len(items))
	for i, it := range items {
		in[i] = ingest.Item{Path: it.path, Name: it.name, Data: it.data, URL: it.url}
	}
	t := ingest.Run(ctx, db, in, ingest.Options{
		Fetch:    fetch.New(),
		KeepPath: keepPaths,
		Progress: func(p ingest.Progress) {
			progress(p.Done, p.Total, p.Part, progressName(p))
		},
	})
	sum := importSummary{added: t.Added, existing: t.Existing, ids: t.IDs, cancelled: t.Cancelled, err: t.Err}
	for _, o := range t.Failures() {
		log.Printf("factdesk: import %s: %v", o.Name, o.Err)
		msg := uihost.Describe(o.Err)
		switch {
		case strings.HasPrefix(msg, o.Name):
			msg = shortName(o.Name) + strings.TrimPrefix(msg, o.Name)
		case !strings.HasPrefix(msg, shortName(o.Name)):
			msg = lang.L("{{.Item}}: {{.Problem}}", fields{"Item": shortName(o.Name), "Problem": msg})
		}
		sum.failed = append(sum.failed, msg)
	}
	return sum
}

// shortName is a path's file name; web addresses stay whole.
func shortName(name string) string {
	if fetch.IsWebAddress(name) || name == "" {
		return name
	}
	return filepath.Base(name)
}

// afterImport reports an import and shows the new articles.
func (mw *mainWindow) afterImport(sum importSummary) {
	mw.afterWrite()
	mw.reloadArticles(nil)
	if sum.err != nil {
		mw.showError(lang.L("Importing"), fmt.Errorf("%w\n\n%s", sum.err, sum))
		return
	}
	mw.say(strings.SplitN(sum.String(), "\n", 2)[0])
	if len(sum.failed) > 0 || sum.cancelled {
		mw.showInfo(lang.L("Import"), sum.String())
	}
}

// importPaths imports files and folders given by path (dialogs, drops).
func (mw *mainWindow) importPaths(paths []string) {
	items := make([]importItem, 0, len(paths))
	for _, p := range paths {
		items = append(items, importItem{path: p})
	}
	title := lang.L("Importing")
	if len(paths) == 1 {
		title = lang.L("Importing {{.Name}}", fields{"Name": filepath.Base(paths[0])})
	}
	mw.runImport(title, items, func(sum importSummary) {
		if len(paths) == 1 && len(sum.ids) == 1 {
			mw.openArticle(sum.ids[0])
		}
	})
}

// onDropped imports the files and folders dropped on the window.
func (mw *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	if mw.modalOpen() {
		mw.say(lang.L("Close the open dialog first, then drop the files again"))
		return
	}
	if mw.refuseReadOnly(lang.L("Importing")) {
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() != "file" {
			mw.showError(lang.L("Importing a dropped item"), errors.New(lang.L("{{.Item}} is not a file on this computer", fields{"Item": u.String()})))
			continue
		}
		paths = append(paths, u.Path())
	}
	if len(paths) > 0 {
		mw.importPaths(paths)
	}
}

// onImportFile imports one file chosen in a dialog.
func (mw *mainWindow) onImportFile() {
	if mw.refuseReadOnly(lang.L("Importing")) {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			mw.showError(lang.L("Choosing a file"), err)
			return
		}
		if r == nil {
			return // cancelled
		}
		u := r.URI()
		if u.Scheme() == "file" {
			r.Close()
			mw.importPaths([]string{u.Path()})
			return
		}
		data, err := io.ReadAll(io.LimitReader(r, corpus.MaxSize+1))
		r.Close()
		if err != nil {
			mw.showError(lang.L("Reading {{.File}}", fields{"File": u.Name()}), err)
			return
		}
		mw.runImport(lang.L("Importing {{.Name}}", fields{"Name": u.Name()}), []importItem{{name: u.Name(), data: data}}, nil)
	}, mw.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter(corpus.FileExtensions()))
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
}

// onImportFolder imports every article file in a folder and its subfolders.
func (mw *mainWindow) onImportFolder() {
	if mw.refuseReadOnly(lang.L("Importing")) {
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			mw.showError(lang.L("Choosing a folder"), err)
			return
		}
		if u == nil {
			return
		}
		mw.importPaths([]string{u.Path()})
	}, mw.win)
	mw.showDialog(d)
	d.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
}

// pasteForm is the Paste article dialog's content.
type pasteForm struct {
	title *escEntry
	text  *escEntry
}

// onPaste imports text pasted into a dialog (from a web page, an e-mail…).
func (mw *mainWindow) onPaste() {
	if mw.refuseReadOnly(lang.L("Pasting an article")) {
		return
	}
	f := &pasteForm{title: newEscEntry(mw, false), text: newEscEntry(mw, true)}
	f.title.SetPlaceHolder(lang.L("Title (optional: else the first line)"))
	f.text.SetPlaceHolder(lang.L("Paste the article's text here (Ctrl+V)"))
	f.text.SetMinRowsVisible(14)
	if s := mw.app.Clipboard().Content(); len(s) > 200 {
		f.text.SetText(s)
	}
	content := container.NewBorder(f.title, nil, nil, nil, f.text)
	d := dialog.NewCustomConfirm(lang.L("Paste article"), lang.L("Import"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		mw.importPasted(f.title.Text, f.text.Text)
	}, mw.win)
	d.Resize(fyne.NewSize(720, 520))
	mw.showDialog(d)
	mw.win.Canvas().Focus(f.text)
}

// importPasted imports pasted text, with an optional title line.
func (mw *mainWindow) importPasted(title, text string) {
	if strings.TrimSpace(text) == "" {
		mw.showError(lang.L("Importing the pasted text"), errors.New(lang.L("there is no text to import: paste the article's text first")))
		return
	}
	data := text
	if t := strings.TrimSpace(title); t != "" {
		data = t + "\n\n" + text
	}
	mw.runImport(lang.L("Importing the pasted text"), []importItem{{name: "pasted", data: []byte(data)}}, func(sum importSummary) {
		if len(sum.ids) == 1 {
			mw.openArticle(sum.ids[0])
		}
	})
}

// urlForm is the Import from web address dialog's content: one address a line.
type urlForm struct {
	addresses *escEntry
}

// onImportURL asks for web addresses and imports the pages.
func (mw *mainWindow) onImportURL() {
	if mw.refuseReadOnly(lang.L("Importing from the web")) {
		return
	}
	f := &urlForm{addresses: newEscEntry(mw, true)}
	f.addresses.SetPlaceHolder(lang.L("https://… (one address a line)"))
	f.addresses.SetMinRowsVisible(5)
	if s := strings.TrimSpace(mw.app.Clipboard().Content()); fetch.IsWebAddress(s) && !strings.ContainsAny(s, " \t") {
		f.addresses.SetText(s)
	}
	note := newMutedLine(lang.L("Factdesk fetches each page, keeps it as fetched with the time, and imports its article."))
	content := container.NewBorder(nil, note, nil, nil, f.addresses)
	d := dialog.NewCustomConfirm(lang.L("Import from web address"), lang.L("Import"), lang.L("Cancel"), content, func(ok bool) {
		if ok {
			mw.importURLs(strings.Fields(f.addresses.Text))
		}
	}, mw.win)
	d.Resize(fyne.NewSize(640, 300))
	mw.showDialog(d)
	mw.win.Canvas().Focus(f.addresses)
}

// importURLs fetches and imports web pages; addresses that are not http or https are refused
// before anything is fetched.
func (mw *mainWindow) importURLs(addresses []string) {
	if len(addresses) == 0 {
		mw.showError(lang.L("Importing from the web"), errors.New(lang.L("there is no address to import: paste one that starts with https://")))
		return
	}
	var bad []string
	items := make([]importItem, 0, len(addresses))
	for _, a := range addresses {
		if _, err := fetch.CheckAddress(a); err != nil {
			bad = append(bad, lang.L("{{.Item}}: {{.Problem}}", fields{"Item": a, "Problem": uihost.Describe(err)}))
			continue
		}
		items = append(items, importItem{url: a})
	}
	if len(bad) > 0 {
		mw.showError(lang.L("Importing from the web"), errors.New(strings.Join(bad, "\n")))
		return
	}
	title := lang.L("Importing from the web")
	if len(items) == 1 {
		title = lang.L("Fetching {{.URL}}", fields{"URL": items[0].url})

	}
	mw.runImport(title, items, func(sum importSummary) {
		if len(items) == 1 && len(sum.ids) == 1 {
			mw.openArticle(sum.ids[0])
		}
	})
}
