// Package exportui is the desktop app's File > Export dialog: the person chooses a format, the
// articles and verdicts to export, the report's title and (for ClaimReview) the organization
// and the page where the report is published, then where to save it (a folder and a file
// name; the open database, or any other database, is refused before anything is written).
// The export runs in the background behind a progress bar with a Cancel button; the file is
// written whole or not at all (report.WriteFileAtomic). The organization, site URL, format and
// folder are remembered in the app's preferences.
package exportui

import (
	"context"
	"errors"
	"image/color"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/app/i18n"
	"factdesk/app/uihost"
	"factdesk/app/uikit"
	"factdesk/storage"
)

// Preference keys: small export settings kept between exports.
const (
	prefOrganization = "export-organization" // the fact-checking organization (ClaimReview author)
	prefSiteURL      = "export-site-url"     // where reports are published (ClaimReview url)
	prefFormat       = "export-format"       // the last format used
	prefFolder       = "export-folder"       // the folder of the last export
)

// The scopes of an export.
const (
	scopeAll    = "All articles"
	scopeChosen = "Chosen articles"
)

// Result is what an export did, given to OnExported.
type Result struct {
	Path     string
	Format   report.Format
	Articles int
	Claims   int
	Bytes    int64
}

// Dialog is the export dialog of one database in one window. Make it with New, open it with
// Show; it can be shown again.
type Dialog struct {
	db    *storage.DB
	win   fyne.Window
	prefs fyne.Preferences

	// ShowDialog shows each dialog this one opens (the form, the file chooser, progress,
	// results): the main window passes its own, which lets Escape close the top dialog.
	// When nil, dialogs are simply shown.
	ShowDialog func(dialog.Dialog)
	// Host shows the errors and runs the export off the UI goroutine: the main window passes
	// its own (its dialog stack; work waited for at shutdown). When nil the dialog makes one,
	// whose messages go through ShowDialog.
	Host *uihost.Host
	// OnExported, when set, is called on the UI goroutine after a successful export.
	OnExported func(Result)
	// KeepPaths keeps the full paths of imported files in the export (the person opted in,
	// in Settings); otherwise only file names leave the machine.
	KeepPaths bool

	// The form's widgets.
	format            *widget.Select
	scope             *widget.RadioGroup
	articleList       *widget.List
	articleBox        *fyne.Container // the list with its room
	verdicts          *widget.CheckGroup
	title             *widget.Entry
	org               *widget.Entry
	siteURL           *widget.Entry
	includeUnverified *widget.Check
	message           *widget.Label // what is missing before exporting
	exportButton      *widget.Button
	cancelButton      *widget.Button
	form              *dialog.CustomDialog

	// The destination form: a folder and a file name.
	folder      *widget.Label
	fileName    *widget.Entry
	destination *dialog.FormDialog
	// confirmReplace answers the question shown before an existing file is replaced (set
	// while it is shown).
	confirmReplace func(bool)

	articles []annotate.Article
	chosen   map[string]bool

	progress *progressView
	cancel   context.CancelFunc
	running  bool
	last     *outcome // the last export's outcome
	notice   string   // the last message shown to the person: title, then text
}

// outcome is how an export ended.
type outcome struct {
	result    Result
	err       error
	cancelled bool
}

// New makes the export dialog of db, shown over win. Its settings are kept in the current
// app's preferences.
func New(db *storage.DB, win fyne.Window) *Dialog {
	return &Dialog{db: db, win: win, prefs: fyne.CurrentApp().Preferences(), chosen: map[string]bool{}}
}

// host is the Host the window passed, or the dialog's own.
func (d *Dialog) host() *uihost.Host {
	if d.Host == nil {
		d.Host = uihost.New(d.win)
		d.Host.Present = d.show
	}
	return d.Host
}

// Show opens the export form. With article ids, the scope starts as those articles (for
// example the ones open in panes); otherwise as every article.
func (d *Dialog) Show(articleIDs ...string) {
	if d.running {
		return
	}
	arts, err := d.db.Articles(context.Background())
	if err != nil {
		d.showError(lang.L("Reading the articles"), err)
		return
	}
	d.articles = arts
	d.chosen = map[string]bool{}
	for _, id := range articleIDs {
		d.chosen[id] = true
	}
	content := d.buildUI()
	if len(articleIDs) > 0 {
		d.scope.SetSelected(lang.L(scopeChosen))
	}
	d.form = dialog.NewCustomWithoutButtons(lang.L("Export"), content, d.win)
	d.form.SetButtons([]fyne.CanvasObject{d.cancelButton, d.exportButton})
	d.show(d.form)
	d.form.Resize(fyne.NewSize(680, d.form.MinSize().Height))
}

func (d *Dialog) show(dl dialog.Dialog) {
	if d.ShowDialog != nil {
		d.ShowDialog(dl)
		return
	}
	dl.Show()
}

// buildUI makes the form's widgets, set from the preferences, and returns its content.
func (d *Dialog) buildUI() fyne.CanvasObject {
	d.message = widget.NewLabel("")
	d.message.Importance = widget.DangerImportance
	d.message.Wrapping = fyne.TextWrapWord
	labels := make([]string, len(report.Formats))
	for i, f := range report.Formats {
		labels[i] = formatLabel(f)
	}
	d.format = widget.NewSelect(labels, func(string) { d.onFormatChanged() })
	d.scope = widget.NewRadioGroup([]string{lang.L(scopeAll), lang.L(scopeChosen)}, func(string) { d.onScopeChanged() })
	d.scope.Horizontal = true
	d.scope.Required = true
	d.articleList = widget.NewList(func() int { return len(d.articles) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*widget.Check)
			a := d.articles[i]
			c.OnChanged = nil
			c.Text, c.Checked = articleLabel(a), d.chosen[a.ID]
			c.Refresh()
			c.OnChanged = func(on bool) { d.onArticleChecked(a.ID, on) }
		})
	d.verdicts = widget.NewCheckGroup([]string{verdictOption(annotate.Confirmed), verdictOption(annotate.Disputed), verdictOption(annotate.Unverified)},
		func([]string) { d.message.SetText("") })
	d.verdicts.Horizontal = true
	d.verdicts.SetSelected(d.verdicts.Options)
	d.title = widget.NewEntry()
	d.title.SetPlaceHolder(lang.L("Factdesk report"))
	d.org = widget.NewEntry()
	d.org.SetPlaceHolder(lang.L("Your fact-checking desk"))
	d.org.SetText(d.prefs.String(prefOrganization))
	d.siteURL = widget.NewEntry()
	d.siteURL.SetPlaceHolder("https://example.org/reports/this-report")
	d.siteURL.SetText(d.prefs.String(prefSiteURL))
	d.siteURL.OnChanged = func(string) { d.message.SetText("") }
	d.includeUnverified = widget.NewCheck(lang.L("Also export unverified claims (rated 3, Unverified)"), nil)
	d.exportButton = widget.NewButton(lang.L("Export…"), d.onExport)
	d.exportButton.Importance = widget.HighImportance
	d.cancelButton = widget.NewButton(lang.L("Cancel"), func() { d.form.Hide() })

	f, err := report.ParseFormat(d.prefs.StringWithFallback(prefFormat, string(report.HTML)))
	if err != nil {
		f = report.HTML
	}
	d.format.SetSelected(formatLabel(f))
	d.scope.SetSelected(lang.L(scopeAll))

	// The list gets room for about five articles.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(560, 150))
	d.articleBox = container.NewStack(room, d.articleList)
	if d.scope.Selected != lang.L(scopeChosen) {
		d.articleBox.Hide()
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Format"), d.format),
		widget.NewFormItem(lang.L("Articles"), container.NewVBox(d.scope, d.articleBox)),
		widget.NewFormItem(lang.L("Verdicts"), d.verdicts),
		widget.NewFormItem(lang.L("Title"), d.title),
		widget.NewFormItem(lang.L("Organization"), d.org),
		widget.NewFormItem(lang.L("Published at"), d.siteURL),
		widget.NewFormItem("", d.includeUnverified),
	)
	form.Items[4].HintText = lang.L("Shown in the report; the author of ClaimReviews")
	form.Items[5].HintText = lang.L("The page of this report: ClaimReview needs it")
	return container.NewVBox(form, d.message)
}

func articleLabel(a annotate.Article) string {
	title := strings.TrimSpace(a.Title)
	if title == "" {
		title = a.Origin
	}
	label := report.Shorten(title, 52)
	if a.Language != "" {
		label += " (" + a.Language + ")"
	}
	return label + " · " + i18n.Count("{{.Count}} claim", a.Counts.Total())

}

func verdictOption(v annotate.Verdict) string { return v.Symbol() + " " + i18n.VerdictLabel(v) }

// selectedFormat is the format chosen in the form.
func (d *Dialog) selectedFormat() report.Format {
	for _, f := range report.Formats {
		if formatLabel(f) == d.format.Selected {
			return f
		}
	}
	return report.HTML
}

func (d *Dialog) onFormatChanged() {
	if d.includeUnverified == nil {
		return
	}
	if d.selectedFormat() == report.ClaimReview {
		d.includeUnverified.Enable()
	} else {
		d.includeUnverified.Disable()
	}
	d.message.SetText("")
}

func (d *Dialog) onScopeChanged() {
	if d.articleBox == nil {
		return
	}
	if d.scope.Selected == lang.L(scopeChosen) {
		d.articleBox.Show()
	} else {
		d.articleBox.Hide()
	}
	d.message.SetText("")
	if d.form != nil {
		d.form.Resize(fyne.NewSize(680, d.form.MinSize().Height))
	}
}

// onArticleChecked adds an article to the chosen ones, or takes it out.
func (d *Dialog) onArticleChecked(id string, on bool) {
	if on {
		d.chosen[id] = true
	} else {
		delete(d.chosen, id)
	}
	d.message.SetText("")
}

// request is what the form asks for.
type request struct {
	format    report.Format
	articles  []string
	verdicts  []annotate.Verdict
	settings  report.Settings
	keepPaths bool
}

// read checks the form and returns the export it asks for, or what is missing, in words for
// the person.
func (d *Dialog) read() (request, string) {
	r := request{format: d.selectedFormat(), keepPaths: d.KeepPaths}
	if d.scope.Selected == lang.L(scopeChosen) {
		for _, a := range d.articles { // in the corpus order
			if d.chosen[a.ID] {
				r.articles = append(r.articles, a.ID)
			}
		}
		if len(r.articles) == 0 {
			return r, lang.L("Choose at least one article, or export all articles.")
		}
	}
	for _, v := range annotate.Verdicts {
		if slices.Contains(d.verdicts.Selected, verdictOption(v)) {
			r.verdicts = append(r.verdicts, v)
		}
	}
	if len(r.verdicts) == 0 {
		return r, lang.L("Choose at least one verdict to export.")
	}
	if len(r.verdicts) == len(annotate.Verdicts) {
		r.verdicts = nil // every verdict: no filter
	}
	r.settings = report.Settings{
		Title:             strings.TrimSpace(d.title.Text),
		Organization:      strings.TrimSpace(d.org.Text),
		SiteURL:           strings.TrimSpace(d.siteURL.Text),
		IncludeUnverified: r.format == report.ClaimReview && d.includeUnverified.Checked,
		Generated:         time.Now().UTC().Truncate(time.Second),
	}
	if r.settings.SiteURL != "" || r.format == report.ClaimReview {
		u, err := url.Parse(r.settings.SiteURL)
		switch {
		case r.settings.SiteURL == "":
			return r, lang.L("ClaimReview needs the address of the page where the report is published: fill in “Published at”.")
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			return r, lang.L("“Published at” must be a web address starting with https:// (or http://).")
		}
	}
	return r, ""
}

// onExport checks the form, then asks where to save the export.
func (d *Dialog) onExport() {
	r, problem := d.read()
	if problem != "" {
		d.message.SetText(problem)
		return
	}
	d.chooseDestination(r.format)
}

// defaultFolder is where the destination form starts: the folder of the last export, else the
// home folder, else the database's.
func (d *Dialog) defaultFolder() string {
	if dir := d.prefs.String(prefFolder); isDir(dir) {
		return dir
	}
	if home, err := os.UserHomeDir(); err == nil && isDir(home) {
		return home
	}
	return filepath.Dir(d.db.Path())
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return path != "" && err == nil && st.IsDir()
}

// chooseDestination asks where to save the export: a folder (chosen with the folder chooser)
// and a file name. Fyne's save dialog is not used on purpose: it creates and empties the file
// chosen before the program can look at it, and that file could be the database itself.
func (d *Dialog) chooseDestination(f report.Format) {
	d.folder = widget.NewLabel(d.defaultFolder())
	d.folder.Truncation = fyne.TextTruncateEllipsis
	d.fileName = widget.NewEntry()
	example := "factdesk-report-" + time.Now().Format("2006-01-02") + f.Extension()
	d.fileName.SetText(example)
	d.fileName.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" || strings.ContainsRune(s, os.PathSeparator) || s == "." || s == ".." {
			return errors.New(lang.L("give a file name, such as {{.Name}}", map[string]any{"Name": example}))
		}
		return nil
	}
	choose := widget.NewButton(lang.L("Choose…"), func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				d.showError(lang.L("Choosing a folder"), err)
				return
			}
			if u != nil {
				d.folder.SetText(u.Path())
			}
		}, d.win)
		if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(d.folder.Text)); err == nil {
			fd.SetLocation(l)
		}
		d.show(fd)
		fd.Resize(fyne.NewSize(900, 600)) // after Show: FileDialog.Resize panics before
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, choose, d.folder)),
		widget.NewFormItem(lang.L("File name"), d.fileName),
	}
	d.destination = dialog.NewForm(lang.L("Export to"), lang.L("Export"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			d.saveTo(filepath.Join(d.folder.Text, strings.TrimSpace(d.fileName.Text)))
		}
	}, d.win)
	d.fileName.OnSubmitted = func(string) {
		if d.fileName.Validate() == nil {
			d.destination.Submit()
		}
	}
	d.show(d.destination)
	d.destination.Resize(fyne.NewSize(620, 220))
	d.win.Canvas().Focus(d.fileName)
}

// saveTo checks the destination chosen, asks before replacing an existing file, and starts
// the export. The open database, any other database and a folder are refused with what to do;
// nothing is written then.
func (d *Dialog) saveTo(path string) {
	if isDir(path) {
		d.showError(lang.L("Exporting"), errors.New(lang.L("{{.Path}} is a folder: give a file name, such as {{.Example}}", map[string]any{"Path": path, "Example": filepath.Join(path, "report"+d.selectedFormat().Extension())})))
		return
	}
	if dir := filepath.Dir(path); !isDir(dir) {
		d.showError(lang.L("Exporting"), errors.New(lang.L("the folder {{.Dir}} does not exist: choose another folder", map[string]any{"Dir": dir})))
		return
	}
	if err := storage.CheckWritableTarget(d.db, path); err != nil {
		d.showError(lang.L("Exporting"), err)
		return
	}
	if _, err := os.Stat(path); err == nil {
		d.confirmReplace = func(ok bool) {
			d.confirmReplace = nil
			if ok {
				d.start(path)
			}
		}
		answer := d.confirmReplace
		d.show(dialog.NewConfirm(lang.L("Replace {{.File}}?", map[string]any{"File": filepath.Base(path)}),
			lang.L("{{.Path}} exists.\nThe export replaces it whole.", map[string]any{"Path": path}), func(ok bool) {
				if answer != nil {
					answer(ok)
				}
			}, d.win))
		return
	}
	d.start(path)
}

// start runs the export to path in the background behind a progress dialog.
func (d *Dialog) start(path string) {
	r, problem := d.read()
	if problem != "" {
		d.message.SetText(problem)
		return
	}
	// Checked again: the file may have changed while a question was open.
	if err := storage.CheckWritableTarget(d.db, path); err != nil {
		d.showError(lang.L("Exporting"), err)
		return
	}
	d.prefs.SetString(prefFormat, string(r.format))
	d.prefs.SetString(prefOrganization, r.settings.Organization)
	d.prefs.SetString(prefSiteURL, r.settings.SiteURL)
	d.prefs.SetString(prefFolder, filepath.Dir(path))
	if d.form != nil {
		d.form.Hide()
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.running = true
	d.last = nil
	d.progress = newProgressView(filepath.Base(path), d.win, d.onCancel)
	d.show(d.progress.Dialog)

	db, h := d.db, d.host()
	var mu sync.Mutex
	var lastUpdate time.Time
	progress := func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done < total && time.Since(lastUpdate) < 40*time.Millisecond {
			return
		}
		lastUpdate = time.Now()
		h.UI(func() { d.progress.set(done, total) })
	}
	h.Go(func() func() {
		out := export(ctx, db, r, path, progress, func(s string) { h.UI(func() { d.progress.Label.SetText(s) }) })
		cancel()
		return func() { d.finish(out) }
	})
}

// export loads the model and writes the file: the work of the export goroutine.
func export(ctx context.Context, db *storage.DB, r request, path string, progress func(done, total int), status func(string)) outcome {
	out := outcome{result: Result{Path: path, Format: r.format}}
	status(lang.L("Reading the claims…"))
	m, err := db.ReportModelWith(ctx, r.articles, r.verdicts, storage.ReportOptions{KeepPaths: r.keepPaths})
	if err != nil {
		out.err = err
		out.cancelled = errors.Is(err, context.Canceled)
		return out
	}
	m.Settings = r.settings
	out.result.Articles, out.result.Claims = len(m.Articles), len(m.Claims)
	status(lang.N("Writing {{.Count}} claims…", len(m.Claims), map[string]any{"Count": i18n.Number(len(m.Claims))}))
	out.err = report.WriteFileAtomic(path, func(w io.Writer) error {
		return report.Write(w, r.format, m, report.Options{Context: ctx, Progress: progress, Lang: report.LangOfLocale(lang.SystemLocale().String())})
	})
	if out.err != nil {
		out.cancelled = errors.Is(out.err, context.Canceled)
		return out
	}
	if st, err := os.Stat(path); err == nil {
		out.result.Bytes = st.Size()
	}
	return out
}

// onCancel stops the running export.
func (d *Dialog) onCancel() {
	if d.cancel != nil {
		d.cancel()
	}
}

// finish reports how the export ended (on the UI goroutine).
func (d *Dialog) finish(out outcome) {
	d.running = false
	d.last = &out
	d.progress.Dialog.Hide()
	switch {
	case out.cancelled:
		d.inform(lang.L("Export cancelled"), lang.L("The export was cancelled: nothing was written."))
	case out.err != nil:
		d.showError(lang.L("Exporting"), out.err)
	default:
		d.inform(lang.L("Export finished"), lang.L("Exported {{.Claims}} of {{.Articles}} ({{.Format}}) to\n{{.Path}}", map[string]any{
			"Claims": i18n.Count("{{.Count}} claim", out.result.Claims), "Articles": i18n.Count("{{.Count}} article", out.result.Articles),
			"Format": formatLabel(out.result.Format), "Path": out.result.Path}))
		if d.OnExported != nil {
			d.OnExported(out.result)
		}
	}
}

// inform shows a message.
func (d *Dialog) inform(title, message string) {
	d.notice = title + "\n" + message
	d.show(dialog.NewInformation(title, message, d.win))
}

// showError tells what failed, what happened and what to do (see uihost).
func (d *Dialog) showError(what string, err error) {
	d.host().ShowError(what, err)
	d.notice = d.host().LastError()
}

// progressView is the progress dialog of a running export.
type progressView struct{ *uikit.Progress }

func newProgressView(name string, win fyne.Window, cancel func()) *progressView {
	return &progressView{uikit.NewProgress(lang.L("Exporting {{.Name}}", map[string]any{"Name": name}), lang.L("Starting…"), win, cancel)}
}

// set shows that done of total claims are written.
func (p *progressView) set(done, total int) {
	if total > 0 {
		p.Bar.SetValue(float64(done) / float64(total))
	}
	if !p.Cancelling() {
		p.Label.SetText(lang.L("Writing claim {{.Done}} of {{.Total}}…", map[string]any{"Done": i18n.Number(done), "Total": i18n.Number(total)}))
	}
}
