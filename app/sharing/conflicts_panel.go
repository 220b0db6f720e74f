package sharing

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/storage"
)

// ConflictsPanel lists the open conflicts merges found. For the selected one it shows both
// sides with who and when, and settles it: keep mine, take theirs, or an edited value. Until
// then the local value stays.
//
//	p := sharing.NewConflictsPanel(db, win)
//	p.OnChanged = func() { reload the claims and the inspector }
//	tab := container.NewTabItem(lang.L("Conflicts"), p.Content())  // or p.ShowDialog()
//	p.Refresh() after a merge
type ConflictsPanel struct {
	Presenter
	db  *storage.DB
	win fyne.Window
	// OnChanged is called on the UI goroutine after a conflict was resolved.
	OnChanged func()
	// OnSelectClaim is called when a conflict of a claim is selected (to show the claim).
	OnSelectClaim func(claimID, articleID string)

	conflicts []storage.Conflict
	selected  int

	content        fyne.CanvasObject
	list           *escList
	emptyLabel     *widget.Label
	tabs           *container.AppTabs
	conflictTab    *container.TabItem
	overlapTab     *container.TabItem
	overlapBox     *fyne.Container
	overlaps       []storage.SpanOverlap
	linkButtons    []*widget.Button // one per overlap: Link as the same claim
	whatLabel      *widget.Label
	mineLabel      *widget.Label
	theirsLabel    *widget.Label
	keepMineButton *widget.Button
	keepTheirs     *widget.Button
	verdictSelect  *widget.Select
	editEntry      *escEntry
	editButton     *widget.Button
	sides          *fyne.Container // mine and theirs
	editBox        *fyne.Container // "or write the value to keep", for verdicts, notes and quotes
	detail         *fyne.Container
	detailScroll   *container.Scroll
}

// NewConflictsPanel makes the panel for db in win; Content builds it and loads the conflicts.
func NewConflictsPanel(db *storage.DB, win fyne.Window) *ConflictsPanel {
	p := &ConflictsPanel{db: db, win: win, selected: -1}
	return p
}

// Content returns the panel, built on first use.
func (p *ConflictsPanel) Content() fyne.CanvasObject {
	if p.content == nil {
		p.content = p.buildUI()
		p.Refresh()
	}
	return p.content
}

// dialogSize is the conflicts dialog's size: the edit box of a conflict shows without
// scrolling at this size (tested).
var dialogSize = fyne.NewSize(860, 520)

// ShowDialog shows the panel in a dialog of its own.
func (p *ConflictsPanel) ShowDialog() {
	d := dialog.NewCustom(lang.L("Conflicts to settle"), lang.L("Close"), p.Content(), p.win)
	d.Resize(dialogSize)
	p.present(d)
}

func (p *ConflictsPanel) buildUI() fyne.CanvasObject {
	p.emptyLabel = widget.NewLabel(lang.L("No conflicts to resolve."))
	p.emptyLabel.Wrapping = fyne.TextWrapWord
	p.list = newEscList(&p.Presenter, func() int { return len(p.conflicts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := p.conflicts[i]
			o.(*widget.Label).SetText(lang.L("{{.Field}}: “{{.Label}}”", map[string]any{"Field": fieldName(c.Field), "Label": clip(c.Label, 50)}))
		})
	p.list.OnSelected = p.onSelect
	p.whatLabel = widget.NewLabel("")
	p.whatLabel.Wrapping = fyne.TextWrapWord
	p.mineLabel = widget.NewLabel("")
	p.mineLabel.Wrapping = fyne.TextWrapWord
	p.theirsLabel = widget.NewLabel("")
	p.theirsLabel.Wrapping = fyne.TextWrapWord
	p.keepMineButton = widget.NewButton(lang.L("Keep mine"), p.onKeepMine)
	p.keepTheirs = widget.NewButton(lang.L("Take theirs"), p.onKeepTheirs)
	p.verdictSelect = widget.NewSelect([]string{verdictOption(string(annotate.Confirmed)), verdictOption(string(annotate.Disputed)), verdictOption(string(annotate.Unverified))}, nil)
	p.editEntry = newEscEntry(&p.Presenter, true)
	p.editEntry.SetMinRowsVisible(3)
	p.editButton = widget.NewButton(lang.L("Use this instead"), p.onEdit)
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	// Mine and theirs side by side, so that the edit box fits under them.
	p.sides = container.NewGridWithColumns(2,
		container.NewVBox(bold(lang.L("Mine (kept until you settle)")), p.mineLabel),
		container.NewVBox(bold(lang.L("Theirs")), p.theirsLabel))
	p.editBox = container.NewVBox(
		container.NewBorder(nil, nil, nil, p.editButton, widget.NewLabel(lang.L("Or write the value to keep:"))),
		p.verdictSelect, p.editEntry)
	p.detail = container.NewVBox(p.whatLabel, p.sides, container.NewHBox(p.keepMineButton, p.keepTheirs), p.editBox)
	p.detailScroll = container.NewVScroll(p.detail)
	split := container.NewHSplit(container.NewBorder(p.emptyLabel, nil, nil, nil, p.list), p.detailScroll)
	split.SetOffset(0.35)
	p.showDetail()
	// Claims of one article whose spans overlap heavily without being the same span stay two
	// claims: the second tab offers to link them as the same claim.
	p.overlapBox = container.NewVBox()
	p.overlapTab = container.NewTabItem(lang.L("Overlapping claims"), container.NewVScroll(p.overlapBox))
	p.conflictTab = container.NewTabItem(lang.L("Conflicts"), split)
	p.tabs = container.NewAppTabs(p.conflictTab, p.overlapTab)
	return p.tabs
}

// showOverlaps lists the overlapping pairs, each with a button that links them as the same
// claim.
func (p *ConflictsPanel) showOverlaps() {
	p.overlapBox.RemoveAll()
	p.linkButtons = nil
	p.overlapTab.Text = lang.L("Overlapping claims ({{.Count}})", map[string]any{"Count": len(p.overlaps)})
	p.conflictTab.Text = lang.L("Conflicts ({{.Count}})", map[string]any{"Count": len(p.conflicts)})
	p.tabs.Refresh()
	if len(p.overlaps) == 0 {
		p.overlapBox.Add(widget.NewLabel(lang.L("No claims overlap another without being the same span.")))
		return
	}
	if len(p.conflicts) == 0 {
		p.tabs.Select(p.overlapTab) // nothing to settle: the offers are what there is to see
	}
	for _, o := range p.overlaps {
		o := o
		l := widget.NewLabel(lang.L("“{{.A}}” ({{.ByA}})\nand “{{.B}}” ({{.ByB}})\nin «{{.Title}}», {{.Percent}} of their text shared",
			map[string]any{"A": oneLine(o.A.Exact), "ByA": o.A.CreatedBy, "B": oneLine(o.B.Exact), "ByB": o.B.CreatedBy, "Title": o.ArticleTitle, "Percent": i18n.Percent(o.Overlap*100, 0)}))
		l.Wrapping = fyne.TextWrapWord
		b := widget.NewButton(lang.L("Link as the same claim"), func() { p.onLinkSame(o) })
		p.linkButtons = append(p.linkButtons, b)
		p.overlapBox.Add(container.NewBorder(nil, widget.NewSeparator(), nil, container.NewCenter(b), l))
	}
}

// onLinkSame links the two claims of o as the same claim.
func (p *ConflictsPanel) onLinkSame(o storage.SpanOverlap) {
	p.run(p.win, func() func() {
		_, err := p.db.LinkClaims(context.Background(), o.A.ID, o.B.ID, annotate.SameClaim)
		return func() {
			if err != nil {
				p.showError(p.win, lang.L("Linking the claims"), err)
				return
			}
			if p.OnChanged != nil {
				p.OnChanged()
			}
			p.Refresh()
		}
	})
}

// Refresh reloads the open conflicts in the background.
func (p *ConflictsPanel) Refresh() {
	p.run(p.win, func() func() {
		cs, err := p.db.Conflicts(context.Background(), storage.ConflictFilter{})
		var overlaps []storage.SpanOverlap
		if err == nil {
			overlaps, err = p.db.Overlaps(context.Background())
		}
		return func() {
			if err != nil {
				p.showError(p.win, lang.L("Listing the conflicts"), err)
				return
			}
			p.conflicts, p.overlaps = cs, overlaps
			p.showOverlaps()
			p.selected = -1
			p.list.UnselectAll()
			p.list.Refresh()
			if len(cs) == 0 {
				p.emptyLabel.SetText(lang.L("No conflicts to resolve."))
			} else {
				p.emptyLabel.SetText(i18n.Count("{{.Count}} conflict to resolve. Until you do, your value stays.", len(cs)))
			}
			p.showDetail()
		}
	})
}

func (p *ConflictsPanel) onSelect(i widget.ListItemID) {
	p.selected = i
	p.showDetail()
	if c, ok := p.current(); ok && p.OnSelectClaim != nil && c.Table == "claims" {
		p.OnSelectClaim(c.RowID, c.ArticleID)
	}
}

func (p *ConflictsPanel) current() (storage.Conflict, bool) {
	if p.selected < 0 || p.selected >= len(p.conflicts) {
		return storage.Conflict{}, false
	}
	return p.conflicts[p.selected], true
}

// sideValueRunes is how much of a side's value the panel shows (a long note is clipped; the
// edit box has it whole).
const sideValueRunes = 280

func sideText(c storage.Conflict, s storage.ConflictSide) string {
	v := s.Value
	switch {
	case c.Field == "anchor" && v == "":
		v = lang.L("(the quote is not in the article: the claim stays hidden)")
	case c.Field == "delete" && v == "":
		v = lang.L("kept it, and changed it")
	case c.Field == "delete":
		v = lang.L("deleted it")
	case c.Field == "verdict":
		v = verdictText(annotate.Verdict(v))
	case v == "":
		v = lang.L("(empty)")
	default:
		v = clip(v, sideValueRunes)
	}
	return fmt.Sprintf("%s\n— %s, %s", v, s.Reviewer, when(s.At))
}

// editable reports whether a conflict can be settled with a value of one's own: a verdict, a
// note, a quote; not a deletion against an edit (keep one side or the other).
func editable(c storage.Conflict) bool {
	switch c.Field {
	case "verdict", "note", "anchor":
		return true
	}
	return false
}

// showDetail fills the right side for the selected conflict.
func (p *ConflictsPanel) showDetail() {
	c, ok := p.current()
	buttons := []fyne.Disableable{p.keepMineButton, p.keepTheirs, p.editButton, p.verdictSelect, p.editEntry}
	for _, b := range buttons {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if !ok {
		p.whatLabel.SetText(lang.L("Select a conflict to see both sides."))
		p.mineLabel.SetText("")
		p.theirsLabel.SetText("")
		p.sides.Hide()
		p.editBox.Hide()
		return
	}
	p.sides.Show()
	what := lang.L("{{.What}}: “{{.Label}}”", map[string]any{"What": conflictWhat(c), "Label": clip(c.Label, 80)})
	if c.ArticleTitle != "" && c.Table == "claims" {
		what += " " + lang.L("in {{.Title}}", map[string]any{"Title": clip(c.ArticleTitle, 60)})
	}
	p.whatLabel.SetText(what)
	p.mineLabel.SetText(sideText(c, c.Mine))
	p.theirsLabel.SetText(sideText(c, c.Theirs))
	p.verdictSelect.Hide()
	p.editEntry.Hide()
	if !editable(c) {
		p.editBox.Hide()
		return
	}
	p.editBox.Show()
	switch c.Field {
	case "verdict":
		p.verdictSelect.Show()
		p.verdictSelect.SetSelected(verdictOption(c.Current))
	case "note":
		p.editEntry.Show()
		p.editEntry.SetText(c.Current)
	case "anchor":
		p.editEntry.Show()
		p.editEntry.SetText(c.Theirs.Value)
	}
	p.detailScroll.ScrollToTop()
}

func (p *ConflictsPanel) onKeepMine()   { p.resolve(storage.KeepMine, "") }
func (p *ConflictsPanel) onKeepTheirs() { p.resolve(storage.KeepTheirs, "") }

func (p *ConflictsPanel) onEdit() {
	c, ok := p.current()
	if !ok {
		return
	}
	value := p.editEntry.Text
	if c.Field == "verdict" {
		value = verdictOfOption(p.verdictSelect.Selected)

	}
	p.resolve(storage.KeepEdited, value)
}

// resolve settles the selected conflict in the background, then reloads the list.
func (p *ConflictsPanel) resolve(choice storage.Resolution, value string) {
	c, ok := p.current()
	if !ok {
		return
	}
	p.run(p.win, func() func() {
		_, err := p.db.ResolveConflict(context.Background(), c.ID, choice, value)
		return func() {
			if err != nil {
				p.showError(p.win, lang.L("Resolving a conflict"), err)
				return
			}
			p.Refresh()
			if p.OnChanged != nil {
				p.OnChanged()
			}
		}
	})
}
