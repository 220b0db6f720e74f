package app

import (
	"path/filepath"
)

// demoDeskFile is the name of the demo desk: the database of its own, beside the person's,
// that Help > Load demo corpus… opens when their database already holds work.
const demoDeskFile = "factdesk-demo.db"

// onDemoDesk reports whether the database shown is a demo desk.
func (mw *mainWindow) onDemoDesk() bool {
	return mw.shared == nil && filepath.Base(mw.db.Path()) == demoDeskFile
}

// openDemoDesk switches to the demo desk beside the person's working database, making it and
// loading the demo corpus into it when needed. File > Back to my database returns.
func (mw *mainWindow) openDemoDesk() {
	back := mw.db.Path()
	if mw.shared != nil {
		back = mw.shared.back
	}
	path := filepath.Join(filepath.Dir(back), demoDeskFile)
	// The demo desk is not offered the demo: it is loaded below.
	mw.prefs.SetBool(prefDemoOfferedPrefix+path, true)
	if !mw.switchDB(path) {
		return
	}
	mw.demoBack = back
	mw.refreshEditable()
	mw.updateTitle()
	// Loading the demo again adds nothing to a demo desk that has it (practice work stays).
	mw.loadDemoHere()
}
