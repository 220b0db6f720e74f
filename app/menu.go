package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/textview"
)

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func ctrlAlt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierAlt}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// makeMenu builds the main menu. Every action has its shortcut shown next to it; the
// shortcuts avoid the keys text entries use (Ctrl+arrows, Ctrl+Shift+arrows, Ctrl+Delete).
func (mw *mainWindow) makeMenu() *fyne.MainMenu {
	sep := fyne.NewMenuItemSeparator
	mw.editItems = nil
	edits := func(it *fyne.MenuItem) *fyne.MenuItem {
		mw.editItems = append(mw.editItems, it)
		return it
	}
	mw.useItem = item(lang.L("Use this file as my working database…"), ctrlShift(fyne.KeyW), mw.onUseAsWorking)
	mw.backItem = item(lang.L("Back to my database"), ctrlShift(fyne.KeyM), mw.onBackToMine)
	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("Open database…"), ctrl(fyne.KeyO), mw.onOpenDB),
		item(lang.L("New database…"), ctrlShift(fyne.KeyN), mw.onNewDB),
		item(lang.L("Save a copy…"), ctrlShift(fyne.KeyS), mw.onSaveCopy),
		item(lang.L("Open a reviewer's file…"), ctrlShift(fyne.KeyO), mw.onOpenShared),
		mw.useItem,
		mw.backItem,
		edits(item(lang.L("Merge a reviewer's file…"), ctrl(fyne.KeyM), mw.onMerge)),
		sep(),
		edits(item(lang.L("Import file…"), ctrl(fyne.KeyI), mw.onImportFile)),
		edits(item(lang.L("Import folder…"), ctrlShift(fyne.KeyI), mw.onImportFolder)),
		edits(item(lang.L("Import from web address…"), ctrl(fyne.KeyU), mw.onImportURL)),
		edits(item(lang.L("Paste article…"), ctrlShift(fyne.KeyV), mw.onPaste)),
		edits(item(lang.L("Article details…"), ctrlShift(fyne.KeyT), mw.onEditArticle)),
		edits(item(lang.L("Remove article…"), ctrlShift(fyne.KeyX), mw.onRemoveArticle)),
		sep(),
		item(lang.L("Export report…"), ctrlShift(fyne.KeyE), mw.onExport),
		sep(),
		item(lang.L("Reviewer name…"), ctrlShift(fyne.KeyR), func() { mw.askReviewer(true, nil) }),
		item(lang.L("Settings…"), ctrl(fyne.KeyComma), mw.onSettings),
		sep(),
		mw.quitItem(),
	)
	mw.undoItem = item(lang.L("Undo"), &fyne.ShortcutUndo{}, mw.onUndo)
	mw.redoItem = item(lang.L("Redo"), &fyne.ShortcutRedo{}, mw.onRedo)
	edit := fyne.NewMenu(lang.L("Edit"),
		mw.undoItem,
		mw.redoItem,
		sep(),
		item(lang.L("Find in articles and claims"), ctrl(fyne.KeyF), mw.onFind),
		item(lang.L("Filter claims"), ctrlShift(fyne.KeyF), mw.onFilterClaims),
	)
	claim := fyne.NewMenu(lang.L("Claim"),
		edits(item(lang.L("New claim from selection"), ctrl(fyne.KeyN), mw.onNewClaim)),
		edits(item(lang.L("Edit note"), ctrl(fyne.KeyE), mw.onEditNote)),
		edits(item(lang.L("Add source…"), ctrlShift(fyne.KeyA), mw.onAddSourceForm)),
		sep(),
		edits(item(verdictText(annotate.Confirmed), ctrl(fyne.Key1), func() { mw.onSetVerdict(annotate.Confirmed) })),
		edits(item(verdictText(annotate.Disputed), ctrl(fyne.Key2), func() { mw.onSetVerdict(annotate.Disputed) })),
		edits(item(verdictText(annotate.Unverified), ctrl(fyne.Key3), func() { mw.onSetVerdict(annotate.Unverified) })),
		sep(),
		item(lang.L("Next claim"), alt(fyne.KeyDown), func() { mw.panes.nextClaim(1) }),
		item(lang.L("Previous claim"), alt(fyne.KeyUp), func() { mw.panes.nextClaim(-1) }),
		sep(),
		edits(item(lang.L("Link with other pane's claim: same claim"), ctrl(fyne.KeyL), func() { mw.onLink(annotate.SameClaim) })),
		edits(item(lang.L("Link with other pane's claim: supports"), ctrlShift(fyne.KeyL), func() { mw.onLink(annotate.Supports) })),
		edits(item(lang.L("Link with other pane's claim: contradicts"), ctrlAlt(fyne.KeyL), func() { mw.onLink(annotate.Contradicts) })),
		sep(),
		edits(item(lang.L("Delete claim…"), ctrlShift(fyne.KeyDelete), mw.onDeleteClaim)),
	)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Open article…"), ctrl(fyne.KeyP), func() { mw.onChooseArticle(false) }),
		item(lang.L("Replace current pane…"), ctrlShift(fyne.KeyP), func() { mw.onChooseArticle(true) }),
		item(lang.L("Close pane"), ctrl(fyne.KeyW), mw.panes.closeCurrent),
		item(lang.L("Move pane left"), ctrlShift(fyne.KeyPageUp), func() { mw.panes.moveCurrent(-1) }),
		item(lang.L("Move pane right"), ctrlShift(fyne.KeyPageDown), func() { mw.panes.moveCurrent(1) }),
		item(lang.L("Previous pane"), ctrl(fyne.KeyPageUp), func() { mw.panes.cycle(-1) }),
		item(lang.L("Next pane"), ctrl(fyne.KeyPageDown), func() { mw.panes.cycle(1) }),
		sep(),
		item(lang.L("Corpus list"), ctrl(fyne.KeyK), func() { mw.showLeftTab(mw.corpusTab) }),
		item(lang.L("Claims list"), ctrlShift(fyne.KeyK), func() { mw.showLeftTab(mw.claimsTab) }),
		item(lang.L("Show or hide the left column"), ctrl(fyne.KeyB), mw.onToggleLeft),
		item(lang.L("Show or hide the inspector"), ctrlShift(fyne.KeyB), mw.onToggleRight),
		item(lang.L("Reload from the database"), ctrl(fyne.KeyR), mw.reloadAll),
		sep(),
		item(lang.L("Conflicts to settle…"), ctrlShift(fyne.KeyC), mw.onConflicts),
		item(lang.L("Ratings by reviewer…"), ctrlShift(fyne.KeyU), mw.onRatings),
		item(lang.L("Agreement between reviewers…"), ctrlShift(fyne.KeyG), mw.onAgreement),
	)
	help := fyne.NewMenu(lang.L("Help"),
		item(lang.L("Keyboard shortcuts"), ctrl(fyne.KeySlash), mw.onShowShortcuts),
		item(lang.L("Getting started"), ctrlShift(fyne.KeySlash), mw.onGettingStarted),
		item(lang.L("Load demo corpus…"), ctrlShift(fyne.KeyD), mw.onLoadDemo),
		fyne.NewMenuItem(lang.L("About Factdesk"), mw.onAbout),
	)
	m := fyne.NewMainMenu(file, edit, claim, view, help)
	mw.guardMenu(m)
	mw.mainMenu = m
	mw.refreshUndoMenu()
	return m
}

// quitItem is File > Quit (Ctrl+Q). Marked as the menu's quit item, it replaces the one the
// desktop driver would add, which closes the window without saving a note being typed.
func (mw *mainWindow) quitItem() *fyne.MenuItem {
	it := item(lang.L("Quit"), ctrl(fyne.KeyQ), mw.onQuit)
	it.IsQuit = true
	return it
}

// onQuit saves the note being typed, then closes the window, which ends the app; a note that
// cannot be saved is not dropped without asking.
func (mw *mainWindow) onQuit() { mw.onCloseRequested() }

func (mw *mainWindow) onFind() {
	mw.showLeftTab(mw.corpusTab)
	mw.corpus.focusSearch()
}

func (mw *mainWindow) onFilterClaims() {
	mw.showLeftTab(mw.claimsTab)
	mw.claims.focusFilter()
}

func (mw *mainWindow) showLeftTab(t *container.TabItem) {
	if !mw.showLeft {
		mw.onToggleLeft()
	}
	mw.leftTabs.Select(t)
}

func (mw *mainWindow) onToggleLeft() {
	mw.showLeft = !mw.showLeft
	mw.arrange()
}

func (mw *mainWindow) onToggleRight() {
	mw.showRight = !mw.showRight
	mw.arrange()
}

// onEditNote puts the keyboard at the end of the current claim's note.
func (mw *mainWindow) onEditNote() {
	if mw.refuseReadOnly(lang.L("Editing the note")) {
		return
	}
	mw.inspector.focusNote()
}

func (mw *mainWindow) onAddSourceForm() {
	if mw.refuseReadOnly(lang.L("Adding a source")) {
		return
	}
	if mw.inspector.claim == nil {
		mw.say(lang.L("Select a claim first"))
		return
	}
	if !mw.showRight {
		mw.onToggleRight()
	}
	mw.inspector.sourceForm.Open(0)
	mw.inspector.revealSourceForm()
	mw.win.Canvas().Focus(mw.inspector.srcURL)
}

// onChooseArticle lets the person pick an article by typing part of its title: it opens in
// a new pane, or replaces the current one.
func (mw *mainWindow) onChooseArticle(replace bool) {
	if replace && mw.panes.current == nil {
		replace = false
	}
	filter := newEscEntry(mw, false)
	filter.SetPlaceHolder(lang.L("Type part of the title or outlet"))
	var shown []annotate.Article
	match := func(q string) {
		q = strings.ToLower(strings.TrimSpace(q))
		shown = shown[:0]
		for _, a := range mw.corpus.articles {
			if q == "" || strings.Contains(strings.ToLower(a.Title+" "+a.Outlet), q) {
				shown = append(shown, a)
				if len(shown) == 200 {
					break
				}
			}
		}
	}
	match("")
	var d dialog.Dialog
	list := newEscList(mw, func() int { return len(shown) },
		func() fyne.CanvasObject { return newArticleRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*articleRow).set(shown[i]) })
	list.OnSelected = func(i widget.ListItemID) {
		id := shown[i].ID
		d.Hide()
		if replace {
			mw.panes.show(id, true)
		} else {
			mw.openArticle(id)
		}
	}
	filter.OnChanged = func(s string) { match(s); list.Refresh() }
	filter.OnSubmitted = func(string) {
		if len(shown) > 0 {
			list.Select(0)
		}
	}
	title := lang.L("Open article")
	if replace {
		title = lang.L("Replace the current pane with")
	}
	d = dialog.NewCustom(title, lang.L("Cancel"), container.NewBorder(filter, nil, nil, nil, list), mw.win)
	d.Resize(fyne.NewSize(560, 480))
	mw.showDialog(d)
	mw.win.Canvas().Focus(filter)
}

// shortcutText is a shortcut as people read it ("Ctrl+Shift+L").
func shortcutText(s fyne.Shortcut) string {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		return lang.X("key.ctrl", "Ctrl") + "+Z"
	case *fyne.ShortcutRedo:
		return lang.X("key.ctrl", "Ctrl") + "+Y"

	}
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok {
		return s.ShortcutName()
	}
	var b strings.Builder
	m := ks.Mod()
	if m&fyne.KeyModifierControl != 0 {
		b.WriteString(lang.X("key.ctrl", "Ctrl") + "+")
	}
	if m&fyne.KeyModifierSuper != 0 {
		b.WriteString("Cmd+")
	}
	if m&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if m&fyne.KeyModifierShift != 0 {
		b.WriteString(lang.X("key.shift", "Shift") + "+")
	}
	k := string(ks.Key())
	switch ks.Key() {
	case fyne.KeySlash:
		k = "/"
	case fyne.KeyPageUp:
		k = lang.X("key.page-up", "Page Up")
	case fyne.KeyPageDown:
		k = lang.X("key.page-down", "Page Down")
	}
	b.WriteString(k)
	return b.String()
}

// onShowShortcuts lists every menu action with its shortcut, read from the menus themselves.
func (mw *mainWindow) onShowShortcuts() {
	var rows []fyne.CanvasObject
	for _, m := range mw.mainMenu.Items {
		rows = append(rows, widget.NewLabelWithStyle(m.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, it := range m.Items {
			if it.IsSeparator || it.Shortcut == nil {
				continue
			}
			k := widget.NewLabel(shortcutText(it.Shortcut))
			k.TextStyle = fyne.TextStyle{Monospace: true}
			rows = append(rows, container.NewGridWithColumns(2, widget.NewLabel(strings.TrimSuffix(it.Label, "…")), k))
		}
	}
	rows = append(rows, widget.NewLabel(lang.L("In an article: Enter makes the selection a claim; double-click selects a word, triple-click a paragraph.")))
	s := container.NewVScroll(container.NewVBox(rows...))
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), s, mw.win)
	d.Resize(fyne.NewSize(640, 600))
	mw.showDialog(d)
}

func (mw *mainWindow) onGettingStarted() {
	text := widget.NewRichTextFromMarkdown(lang.L(gettingStarted))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Getting started"), lang.L("Close"), container.NewVScroll(text), mw.win)
	d.Resize(fyne.NewSize(600, 520))
	mw.showDialog(d)
}

const gettingStarted = `**Factdesk** helps you check what articles claim, side by side.

1. **Import** articles (.txt, .html, .md, .pdf, .docx, .odt): File > Import file… or File > Import folder…, File > Import from web address… (or paste the address into the search field and press Enter), File > Paste article…, or drop files on the window. ` +
	`Help > Load demo corpus… gives you six short articles to practise on (in a database of their own, the demo desk, once yours holds work).
2. **Open** two or more articles from the Corpus list: they open side by side (up to four).
3. **Select** a span of text with the mouse (or Shift+arrows) and press **Enter** (or Ctrl+N): it becomes a claim.
4. Give it a **verdict**: Ctrl+1 confirmed, Ctrl+2 disputed, Ctrl+3 unverified. Write a **note** on the right: ` +
	`it is saved as you type.
5. Add **sources** (web pages or printed references) that support or contradict it.
6. Click a claim in another pane, then **link** the two: same claim, supports, contradicts (Ctrl+L).

Every change is saved at once, with who made it and when (see History). Edit > Undo reverts your last change.

**Colours and marks.** ` + textview.LegendText + ` The line under the article panes shows the same marks.`
