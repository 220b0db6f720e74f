package app

import (
	"fyne.io/fyne/v2/lang"
	"path/filepath"

	"factdesk/app/exportui"
	"factdesk/app/i18n"
)

// onExport opens the export dialog (format, scope, destination), starting on the articles
// open in the panes when there are any.
func (mw *mainWindow) onExport() {
	if !mw.inspector.flushNote() {
		return
	}
	d := exportui.New(mw.db, mw.win)
	d.ShowDialog, d.Host = mw.showDialog, mw.work
	d.KeepPaths = readSettings(mw.prefs).KeepPaths
	d.OnExported = func(r exportui.Result) {
		mw.say(lang.L("Exported {{.Claims}} to {{.File}}", fields{"Claims": i18n.Count("{{.Count}} claim", r.Claims), "File": filepath.Base(r.Path)}))

	}
	var open []string
	for _, p := range mw.panes.panes {
		open = append(open, p.article.ID)
	}
	d.Show(open...)
}
