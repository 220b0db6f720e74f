package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/i18n"
	"factdesk/corpus/fetch"
	"factdesk/storage"
	"factdesk/storage/ingest"
)

// Preference keys of source snapshots: the defaults of the source form's two checks.
const (
	// prefSnapshotSources: keep a local snapshot of a source's page when it is added (default on).
	prefSnapshotSources = "snapshot-sources"
	// prefArchiveSources: also ask the Internet Archive's Save Page Now (default off: it tells a
	// third party what the desk is checking).
	prefArchiveSources = "archive-sources"
)

// snapshotChecks are the source form's choices for the source being added; each change
// becomes the default for the next ones.
type snapshotChecks struct {
	keep, archive *widget.Check
}

func (mw *mainWindow) newSnapshotChecks() *snapshotChecks {
	prefs := mw.app.Preferences()
	sc := &snapshotChecks{}
	sc.keep = widget.NewCheck(lang.L("Keep a snapshot of the page"), func(on bool) { prefs.SetBool(prefSnapshotSources, on) })
	sc.keep.SetChecked(prefs.BoolWithFallback(prefSnapshotSources, true))
	sc.archive = widget.NewCheck(lang.L("Also ask the Internet Archive (tells it what you check)"), func(on bool) { prefs.SetBool(prefArchiveSources, on) })
	sc.archive.SetChecked(prefs.BoolWithFallback(prefArchiveSources, false))
	return sc
}

func (sc *snapshotChecks) buildUI() fyne.CanvasObject { return container.NewVBox(sc.keep, sc.archive) }

// snapshotSource keeps a snapshot of a source's page in the background, asking the public
// archive too when archive is set, and shows the inspector again when it is done.
func (mw *mainWindow) snapshotSource(sourceID string, archive bool) {
	db := mw.db
	mw.say(lang.L("Keeping a snapshot of the source's page…"))
	mw.background(func() func() {
		var arch ingest.Archive
		if archive {
			arch = fetch.NewArchiver()
		}
		res, err := ingest.Snapshot(mw.ctx, db, fetch.New(), arch, sourceID)
		return func() {
			if err != nil {
				mw.showError(lang.L("Keeping a snapshot of the source"), err)
				return
			}
			if res.ArchiveErr != nil {
				mw.showError(lang.L("Archiving the source"), res.ArchiveErr)
			}
			mw.say(lang.L("Snapshot kept ({{.When}})", fields{"When": snapshotTime(res.Snapshot.FetchedAt)}))
			mw.inspector.reload()
		}
	})
}

// snapshotRow shows, under a source with a web address, its last snapshot: when, archived or
// not, its text on demand, and whether the live page changed since (lang.L("Check again")).
type snapshotRow struct {
	mw       *mainWindow
	sourceID string
	status   *widget.Label
	checked  *widget.Label // the last check of the live page (sourcechecks.go)
	open     *widget.Button
	check    *widget.Button
	take     *widget.Button
	last     *storage.SourceSnapshot
}

func (mw *mainWindow) newSnapshotRow(sourceID string) *snapshotRow {
	r := &snapshotRow{mw: mw, sourceID: sourceID}
	r.status = widget.NewLabel(lang.L("Snapshot: …"))
	r.status.Wrapping = fyne.TextWrapWord
	r.checked = widget.NewLabel("")
	r.checked.Wrapping = fyne.TextWrapWord
	r.checked.Hide()
	r.open = widget.NewButtonWithIcon(lang.L("Text"), theme.DocumentIcon(), r.onOpen)
	r.check = widget.NewButtonWithIcon(lang.L("Check again"), theme.ViewRefreshIcon(), r.onCheck)
	r.take = widget.NewButtonWithIcon(lang.L("Snapshot"), theme.DownloadIcon(), func() { mw.snapshotSource(sourceID, false) })
	for _, b := range []*widget.Button{r.open, r.check, r.take} {
		b.Importance = widget.LowImportance
	}
	r.open.Disable()
	r.check.Disable()
	return r
}

func (r *snapshotRow) buildUI() fyne.CanvasObject {
	return container.NewVBox(r.status, r.checked, container.NewHBox(r.open, r.check, r.take))
}

// load reads the snapshots in the background.
func (r *snapshotRow) load() {
	db := r.mw.db
	r.mw.background(func() func() {
		snaps, err := db.SourceSnapshots(r.mw.ctx, r.sourceID)
		last, checked, cerr := db.LastSourceCheck(r.mw.ctx, r.sourceID)
		return func() {
			r.show(snaps, err)
			r.showCheck(last, checked && cerr == nil && err == nil && len(snaps) > 0)
		}
	})
}

func (r *snapshotRow) show(snaps []storage.SourceSnapshot, err error) {
	switch {
	case err != nil:
		r.status.SetText(lang.L("Snapshot: could not be read ({{.Error}})", fields{"Error": err.Error()}))
	case len(snaps) == 0:
		r.status.SetText(lang.L("No snapshot yet: the page may change or vanish."))
	default:
		r.last = &snaps[0]
		text := lang.L("Snapshot of {{.When}}", fields{"When": snapshotTime(snaps[0].FetchedAt)})
		if len(snaps) > 1 {
			text += " " + i18n.Count("({{.Count}} kept)", len(snaps))
		}
		if snaps[0].ArchiveURL != "" {
			text += "; " + lang.L("archived: {{.URL}}", fields{"URL": snaps[0].ArchiveURL})
		}
		r.status.SetText(text)
		r.open.Enable()
		r.check.Enable()
	}
}

func snapshotTime(t time.Time) string { return i18n.DateTime(t.Local()) }

// onOpen shows the text the last snapshot kept.
func (r *snapshotRow) onOpen() {
	if r.last == nil {
		return
	}
	text := r.last.Text
	if text == "" {
		text = lang.L("(The page held no article text; the page itself is kept as fetched.)")
	}
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	info := r.last.URL + "\n" + lang.L("fetched {{.When}} · SHA-256 {{.Hash}}", fields{"When": snapshotTime(r.last.FetchedAt), "Hash": r.last.SHA256})
	content := container.NewBorder(mutedLabel(info), nil, nil, nil, container.NewVScroll(body))
	d := dialog.NewCustom(lang.L("Snapshot of the source"), lang.L("Close"), content, r.mw.win)
	d.Resize(fyne.NewSize(720, 520))
	r.mw.showDialog(d)
}

// onCheck fetches the live page, says whether it changed since the snapshot, and keeps the
// check with the source's snapshots.
func (r *snapshotRow) onCheck() {
	db := r.mw.db
	r.checked.SetText(lang.L("Checking the live page…"))
	r.checked.Show()
	r.check.Disable()
	r.mw.background(func() func() {
		res, err := ingest.Check(r.mw.ctx, db, fetch.New(), r.sourceID)
		return func() {
			r.check.Enable()
			if err != nil {
				r.checked.SetText(lang.L("Could not check the live page: {{.Error}}", map[string]any{"Error": err.Error()}))
				r.checked.Importance = widget.WarningImportance
				r.checked.Refresh()
				return
			}
			r.showCheck(res.Check, true)
		}
	})
}

// snapshotRows are the snapshot rows of the sources shown, in order.
func (in *inspector) snapshotRows() []*snapshotRow {
	var out []*snapshotRow
	for _, r := range in.sourceRows {
		if r.snapshot != nil {
			out = append(out, r.snapshot)
		}
	}
	return out
}
