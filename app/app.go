// Package app is Factdesk's desktop GUI: the corpus on the left, one to four article panes
// side by side in the centre, the inspector of the current claim on the right, and the menus,
// dialogs and shortcuts that drive them. It asks storage for data and annotate for decisions;
// only cmd/factdesk imports fyne.io/fyne/v2/app, so everything here is testable headless with
// fyne.io/fyne/v2/test.
package app

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/app/i18n"
	"factdesk/app/uihost"
	"factdesk/storage"
)

// Config is what the command line passes to the GUI.
type Config struct {
	// DBPath is the project database; "" means the one last opened in the app, else
	// factdesk.db in the app's storage folder.
	DBPath string
	// Reviewer is the name from --reviewer; "" means the one kept in preferences, else the
	// app asks at first run.
	Reviewer string
	// Build is the version of the running program, shown in Help > About Factdesk and recorded in the
	// databases it changes.
	Build BuildInfo
}

// BuildInfo is the version, commit and build date of the running program (set at build time).
type BuildInfo struct {
	Version string
	Commit  string
	Date    string
}

// Run builds the main window on a (created with fyneapp.NewWithID("org.factdesk.Factdesk"))
// and runs until the app quits. It returns an error only when the database cannot be opened.
func Run(a fyne.App, cfg Config) error {
	tr := newTracer()
	tr.mark("Run called")
	i18n.Setup(readSettings(a.Preferences()).Language)
	ctx := context.Background()
	var notice error
	if cfg.DBPath == "" {
		cfg.DBPath = defaultDBPath(a)
		if last := a.Preferences().String(prefLastDB); last != "" && last != cfg.DBPath {
			if _, err := os.Stat(last); err == nil {
				cfg.DBPath = last
			}
		}
	}
	db, err := storage.Open(ctx, cfg.DBPath, storage.Options{AppVersion: cfg.Build.Version})
	if err != nil && cfg.DBPath != defaultDBPath(a) && a.Preferences().String(prefLastDB) == cfg.DBPath {
		// The database of the last session cannot be opened now (moved, damaged, another
		// version): open the default one, and say why.
		notice = fmt.Errorf("%s\n\n%w", lang.L("the database of your last session could not be opened, so Factdesk opened its default database instead."), err)
		cfg.DBPath = defaultDBPath(a)
		db, err = storage.Open(ctx, cfg.DBPath, storage.Options{AppVersion: cfg.Build.Version})
	}
	if err != nil {
		showStartError(a, cfg.DBPath, err)
		return err
	}
	tr.mark("database open")
	a.Settings().SetTheme(themeFor(readSettings(a.Preferences()).Theme))
	w := a.NewWindow("Factdesk")
	mw := newMainWindow(a, w, db, cfg, tr)
	mw.restoreAfterPaint = true
	mw.show()
	tr.mark("window built")
	mw.showLocationWarning(db.Path())
	if notice != nil {
		mw.showError(lang.L("Opening the last database"), notice)
	}
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

// showStartError tells the person, in a window, why the database could not be opened and what
// to do, instead of exiting with a message on a terminal they may not have.
func showStartError(a fyne.App, path string, err error) {
	w := a.NewWindow(lang.L("Factdesk cannot open its database"))
	msg := widget.NewLabel(uihost.Message("", err) + "\n\n" + lang.L("Start Factdesk with another database: factdesk --db OTHER.db"))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("Quit"), a.Quit)
	w.SetContent(container.NewBorder(nil, container.NewCenter(quit), nil, nil,
		container.NewVScroll(container.NewVBox(widget.NewLabelWithStyle(path, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), msg))))
	w.Resize(fyne.NewSize(640, 280))
	w.ShowAndRun()
}
