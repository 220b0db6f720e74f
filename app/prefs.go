package app

// Preference keys. Small UI settings live in Fyne preferences; the work lives in SQLite.
const (
	// prefLastDB is the working database last opened in the app: the next launch without
	// --db opens it again.
	prefLastDB = "last-database"
	// prefReviewer is the reviewer's name, shared with the command line.
	prefReviewer = "reviewer"
	// prefPanesPrefix + database path: the ids of the articles open in panes, in order.
	prefPanesPrefix = "panes:"
	// prefPaneTopsPrefix + database path: the offset at the top of each pane, in order.
	prefPaneTopsPrefix = "pane-tops:"
	// prefDemoOfferedPrefix + database path: the demo corpus was offered for this database.
	prefDemoOfferedPrefix = "demo-offered:"
	// prefWindowWidth and prefWindowHeight: the main window's last size.
	prefWindowWidth  = "window-width"
	prefWindowHeight = "window-height"
)
