package app

import (
	"path/filepath"

	"factdesk/app/exportui"
)

// onExport opens the export dialog (format, scope, destination), starting on the articles
// open in the panes when there are any.
func (mw *mainWindow) onExport() {
	if !mw.inspector.flushNote() {
		return
	}
	d := exportui.New(mw.db, mw.win)
	d.ShowDialog = mw.showDialog
	d.KeepPaths = readSettings(mw.prefs).KeepPaths
	d.OnExported = func(r exportui.Result) {
		mw.setStatus("Exported %s to %s", plural(r.Claims, "claim"), filepath.Base(r.Path))
	}
	var open []string
	for _, p := range mw.panes.panes {
		open = append(open, p.article.ID)
	}
	d.Show(open...)
}
