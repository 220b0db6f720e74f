// Package app is Factdesk's desktop GUI: the corpus on the left, one to four article panes
// side by side in the centre, the inspector of the current claim on the right, and the menus,
// dialogs and shortcuts that drive them. It asks storage for data and annotate for decisions;
// only cmd/factdesk imports fyne.io/fyne/v2/app, so everything here is testable headless with
// fyne.io/fyne/v2/test.
package app

import (
	"context"
	"log"
	"path/filepath"

	"fyne.io/fyne/v2"

	"factdesk/storage"
)

// Config is what the command line passes to the GUI.
type Config struct {
	// DBPath is the project database; "" means factdesk.db in the app's storage folder.
	DBPath string
	// Reviewer is the name from --reviewer; "" means the one kept in preferences, else the
	// app asks at first run.
	Reviewer string
}

// Run builds the main window on a (created with fyneapp.NewWithID("org.factdesk.Factdesk"))
// and runs until the app quits. It returns an error only when the database cannot be opened.
func Run(a fyne.App, cfg Config) error {
	tr := newTracer()
	tr.mark("Run called")
	if cfg.DBPath == "" {
		cfg.DBPath = defaultDBPath(a)
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, cfg.DBPath, storage.Options{})
	if err != nil {
		return err
	}
	tr.mark("database open")
	a.Settings().SetTheme(newAppTheme())
	w := a.NewWindow("Factdesk")
	mw := newMainWindow(a, w, db, cfg, tr)
	mw.restoreAfterPaint = true
	mw.show()
	tr.mark("window built")
	mw.showLocationWarning(db.Path())
	mw.startPolling()
	w.ShowAndRun()
	mw.shutdown()
	if err := mw.db.Close(); err != nil {
		log.Printf("factdesk: closing the database: %v", err)
	}
	if mw.dbCleanup != nil {
		mw.dbCleanup()
	}
	return nil
}

// defaultDBPath is factdesk.db in the app's storage folder (needs an app made with an id).
func defaultDBPath(a fyne.App) string {
	root := a.Storage().RootURI()
	if root == nil || root.Path() == "" {
		return "factdesk.db"
	}
	return filepath.Join(root.Path(), "factdesk.db")
}
