package app

import "fyne.io/fyne/v2/lang"

// fields are the values of a catalog string's template fields: lang.L("Opened {{.Path}}",
// fields{"Path": p}).
type fields = map[string]any

// quoted is a quote of an article or a source as the interface language marks it: “…” in
// English, « … » in French.
func quoted(s string) string { return lang.L("“{{.Quote}}”", fields{"Quote": s}) }

// say shows msg, already worded in the interface language, at the bottom of the window (unlike
// setStatus, msg is not a format: a % in a file name stays as it is).
func (mw *mainWindow) say(msg string) { mw.status.SetText(msg) }

// relabel builds the window's content and menus again, so that they speak the interface
// language now in use (Preferences changed it): the open articles, the columns shown and the
// corpus stay; a note being typed is saved first.
func (mw *mainWindow) relabel() {
	mw.inspector.flushNote()
	mw.panes.save()
	left := mw.leftTabs.Selected() == mw.claimsTab
	loaded, arts := mw.corpus.loaded, mw.corpus.articles
	mw.makePanels()
	mw.win.SetContent(mw.buildUI())
	mw.mainMenu = mw.makeMenu()
	mw.win.SetMainMenu(mw.mainMenu)
	mw.refreshEditable()
	mw.updateTitle()
	if left {
		mw.leftTabs.Select(mw.claimsTab)
	}
	if loaded {
		mw.corpus.setArticles(arts)
	}
	mw.panes.restore()
}

// editName is an edit of the undo stack (named in English by package session: "new claim",
// "verdict change"…) in the interface language, for the Edit menu and the status bar.
func editName(label string) string {
	switch label {
	case "new claim":
		return lang.X("edit.new-claim", "new claim")
	case "delete claim":
		return lang.X("edit.delete-claim", "delete claim")
	case "verdict change":
		return lang.X("edit.verdict-change", "verdict change")
	case "note change":
		return lang.X("edit.note-change", "note change")
	case "add source":
		return lang.X("edit.add-source", "add source")
	case "link claims":
		return lang.X("edit.link-claims", "link claims")
	case "remove link":
		return lang.X("edit.remove-link", "remove link")
	case "article details":
		return lang.X("edit.article-details", "article details")
	case "remove article":
		return lang.X("edit.remove-article", "remove article")
	}
	return lang.X("edit.other", "edit")
}
