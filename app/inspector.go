package app

import (
	"encoding/json"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// noteSaveDelay is how long the note waits after the last key before it is saved.
const noteSaveDelay = 500 * time.Millisecond

// contextRunes is how much text around the quote the inspector shows.
const contextRunes = 100

// inspector shows the current claim: quote in context, verdict, note, sources, links to other
// claims and history, and edits them.
type inspector struct {
	mw    *mainWindow
	claim *annotate.Claim // nil when no claim is selected
	pane  *articlePane    // the pane the claim was selected in (nil if none)

	placeholder    *widget.Label
	heading        *widget.Label
	quote          *widget.RichText
	verdictButtons map[annotate.Verdict]*widget.Button
	verdictGrid    *fyne.Container
	verdictLabel   *widget.Label // the verdict, in place of the buttons while read-only

	ratingsBox *fyne.Container // each reviewer's verdict
	ratings    []storage.Rating

	note       *noteEntry
	noteView   *widget.Label // the note, in place of the entry while read-only
	noteStatus *widget.Label
	noteSaved  string // the note as stored
	noteSaver  *debouncer
	noteFailed bool // the last save failed: the text on screen is not stored
	loading    bool // programmatic SetText: not an edit

	sourcesBox      *fyne.Container
	sourceRows      []*linkRow
	srcURL          *fieldEntry
	srcTitle        *fieldEntry
	srcPublisher    *fieldEntry
	srcQuote        *fieldEntry
	srcRelation     *widget.RadioGroup
	addSourceButton *widget.Button
	sourceForm      *widget.Accordion

	linksBox       *fyne.Container
	linkRows       []*linkRow
	linkHint       *widget.Label
	linkSame       *widget.Button
	linkSupports   *widget.Button
	linkContradict *widget.Button

	historyBox   *fyne.Container
	history      *widget.Accordion
	deleteButton *widget.Button
	editOnly     []fyne.CanvasObject // shown only when the database can be changed

	newClaimButton *widget.Button
	counterparts   *counterpartsView // the same fact in other articles (counterparts.go)
	suggestions    *suggestionsView  // sentences worth checking (suggestions.go)
	body           *fyne.Container
	scroll         *container.Scroll
	content        *fyne.Container // the placeholder or the scrolling body
	root           *fyne.Container
}

// linkRow is one source or linked claim in the inspector.
type linkRow struct {
	link         annotate.Link
	other        annotate.Claim // for claim links
	openButton   *widget.Button // claim links: show the other claim
	unlinkButton *widget.Button
	box          fyne.CanvasObject
}

func newInspector(mw *mainWindow) *inspector {
	in := &inspector{mw: mw, verdictButtons: map[annotate.Verdict]*widget.Button{}}
	in.counterparts, in.suggestions = newCounterpartsView(mw), newSuggestionsView(mw)
	in.noteSaver = newDebouncer(noteSaveDelay, func() { in.saveNote() }, mw.uiDo)
	return in
}

func (in *inspector) buildUI() fyne.CanvasObject {
	in.placeholder = widget.NewLabel("No claim selected.\n\nSelect a span in an article and press Enter (or Ctrl+N) to make a claim, " +
		"or click a highlight to inspect it.")
	in.placeholder.Wrapping = fyne.TextWrapWord

	in.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	in.heading.Wrapping = fyne.TextWrapWord
	in.quote = widget.NewRichText()
	in.quote.Wrapping = fyne.TextWrapWord

	in.verdictGrid = container.NewGridWithColumns(len(annotate.Verdicts))
	for _, v := range annotate.Verdicts {
		v := v
		b := widget.NewButton(verdictText(v), func() { in.onVerdict(v) })
		in.verdictButtons[v] = b
		in.verdictGrid.Add(b)
	}
	in.verdictLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	in.ratingsBox = container.NewVBox()

	in.note = newNoteEntry()
	in.note.SetPlaceHolder("Note: what you checked, with whom, what remains open… (saved as you type)")
	in.note.SetMinRowsVisible(4)
	in.note.OnChanged = in.onNoteChanged
	in.note.onFocusLost = func() { in.flushNote() }
	in.noteView = widget.NewLabel("")
	in.noteView.Wrapping = fyne.TextWrapWord
	in.noteStatus = widget.NewLabel("")
	in.noteStatus.Truncation = fyne.TextTruncateEllipsis

	in.sourcesBox = container.NewVBox()
	in.srcURL = newFieldEntry(false)
	in.srcURL.SetPlaceHolder("https://…")
	in.srcTitle = newFieldEntry(false)
	in.srcTitle.SetPlaceHolder("Title (or a citation)")
	in.srcPublisher = newFieldEntry(false)
	in.srcPublisher.SetPlaceHolder("Publisher")
	in.srcQuote = newFieldEntry(true)
	in.srcQuote.SetPlaceHolder("The passage of the source that bears on the claim (Shift+Enter adds the source)")
	in.srcQuote.SetMinRowsVisible(2)
	// The form is typed through with the keyboard: Enter goes to the next field, Tab too
	// (also out of the passage, where it would insert a tab), Shift+Enter in the passage adds
	// the source.
	next := func(e fyne.Focusable) func(string) {
		return func(string) { in.mw.win.Canvas().Focus(e) }
	}
	in.srcURL.OnSubmitted = next(in.srcTitle)
	in.srcTitle.OnSubmitted = next(in.srcPublisher)
	in.srcPublisher.OnSubmitted = next(in.srcQuote)
	in.srcQuote.OnSubmitted = func(string) { in.onAddSource() }
	in.srcRelation = widget.NewRadioGroup([]string{annotate.Supports.Label(), annotate.Contradicts.Label()}, nil)
	in.srcRelation.Horizontal = true
	in.srcRelation.Required = true
	in.srcRelation.SetSelected(annotate.Supports.Label())
	in.addSourceButton = widget.NewButtonWithIcon("Add source", theme.ContentAddIcon(), in.onAddSource)
	in.addSourceButton.Importance = widget.HighImportance
	form := container.NewVBox(in.srcURL, in.srcTitle, in.srcPublisher, in.srcQuote, in.srcRelation, in.addSourceButton)
	in.sourceForm = widget.NewAccordion(widget.NewAccordionItem("Add a source", form))

	in.deleteButton = widget.NewButtonWithIcon("Delete claim", theme.DeleteIcon(), in.mw.onDeleteClaim)
	in.deleteButton.Importance = widget.LowImportance

	in.linksBox = container.NewVBox()
	in.linkHint = widget.NewLabel("")
	in.linkHint.Wrapping = fyne.TextWrapWord
	in.linkSame = widget.NewButton(relationText(annotate.SameClaim), func() { in.mw.onLink(annotate.SameClaim) })
	in.linkSupports = widget.NewButton(relationText(annotate.Supports), func() { in.mw.onLink(annotate.Supports) })
	in.linkContradict = widget.NewButton(relationText(annotate.Contradicts), func() { in.mw.onLink(annotate.Contradicts) })
	linkButtons := container.NewGridWithColumns(3, in.linkSame, in.linkSupports, in.linkContradict)
	deleteRow := container.NewHBox(in.deleteButton)
	in.editOnly = []fyne.CanvasObject{in.sourceForm, in.linkHint, linkButtons, in.deleteButton}

	in.historyBox = container.NewVBox()
	in.history = widget.NewAccordion(widget.NewAccordionItem("History", in.historyBox))
	in.history.Open(0)

	in.body = container.NewVBox(
		in.heading,
		in.quote,
		sectionLabel("Verdict"),
		in.verdictGrid,
		in.verdictLabel,
		sectionLabel("Same fact elsewhere"),
		in.counterparts.buildUI(),
		sectionLabel("Ratings"),
		in.ratingsBox,
		sectionLabel("Note"),
		in.note,
		in.noteView,
		in.noteStatus,
		sectionLabel("Sources"),
		in.sourcesBox,
		in.sourceForm,
		sectionLabel("Linked claims"),
		in.linksBox,
		in.linkHint,
		linkButtons,
		widget.NewSeparator(),
		in.history,
		deleteRow,
	)
	in.scroll = container.NewVScroll(container.NewPadded(in.body))
	in.newClaimButton = widget.NewButtonWithIcon("New claim from selection (Enter)", theme.ContentAddIcon(), in.mw.onNewClaim)
	in.newClaimButton.Disable()
	in.content = container.NewStack()
	in.root = container.NewBorder(container.NewVBox(container.NewPadded(in.newClaimButton), in.suggestions.buildUI(), widget.NewSeparator()), nil, nil, nil, in.content)
	in.clear()
	in.refreshEditable()
	return in.root
}

func sectionLabel(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// clear shows no claim.
func (in *inspector) clear() {
	in.noteSaver.Cancel()
	in.claim, in.pane = nil, nil
	in.noteFailed = false
	in.content.Objects = []fyne.CanvasObject{container.NewPadded(in.placeholder)}
	in.content.Refresh()
}

// show puts claim c (selected in pane p, may be nil) in the inspector.
func (in *inspector) show(c annotate.Claim, p *articlePane) {
	same := in.claim != nil && in.claim.ID == c.ID
	in.claim, in.pane = &c, p
	if len(in.content.Objects) != 1 || in.content.Objects[0] != in.scroll {
		in.content.Objects = []fyne.CanvasObject{in.scroll}
		in.content.Refresh()
	}
	title := in.mw.articleTitle(c.ArticleID)
	in.heading.SetText(fmt.Sprintf("Claim in «%s»", title))
	in.showQuote(c)
	in.showVerdict(c.Verdict)
	if !same {
		in.noteFailed = false
		in.setNoteText(c.Note)
		in.noteStatus.SetText(noteStatusText(c))
	}
	in.reload()
	if !same {
		in.counterparts.showFor(c)
		// A different claim starts at its quote, not where the last one was scrolled to
		// (which may be past the end of this one's shorter body: a blank inspector).
		in.scroll.ScrollToTop()
	}
}

// update shows new values of the current claim (after an edit) without touching a note
// that is being typed.
func (in *inspector) update(c annotate.Claim) {
	if in.claim == nil || in.claim.ID != c.ID {
		return
	}
	*in.claim = c
	in.showVerdict(c.Verdict)
	if !in.noteSaver.Pending() && !in.noteFailed && in.note.Text != c.Note && !in.noteFocused() {
		in.setNoteText(c.Note)
	}
	if !in.noteSaver.Pending() && !in.noteFailed {
		in.noteSaved = c.Note
	}
	in.loadRatings()
	in.loadHistory()
}

func (in *inspector) noteFocused() bool {
	return in.mw.win.Canvas().Focused() == in.note
}

func (in *inspector) showQuote(c annotate.Claim) {
	before, after := c.Prefix, c.Suffix
	if in.pane != nil && in.pane.article.ID == c.ArticleID {
		before, after = in.pane.contextAround(c, contextRunes)
	}
	before, after = oneLine(before), oneLine(after)
	muted := widget.RichTextStyleInline
	muted.ColorName = theme.ColorNamePlaceHolder
	strong := widget.RichTextStyleStrong
	strong.ColorName = theme.ColorNameForeground
	in.quote.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Style: muted, Text: "…" + before},
		&widget.TextSegment{Style: strong, Text: oneLine(c.Exact)},
		&widget.TextSegment{Style: muted, Text: after + "…"},
	}
	in.quote.Refresh()
}

// showVerdict marks the current verdict's button (coloured, and the word is there anyway).
func (in *inspector) showVerdict(v annotate.Verdict) {
	for _, w := range annotate.Verdicts {
		b := in.verdictButtons[w]
		if w == v {
			b.Importance = verdictImportance(w)
			b.SetText(verdictText(w))
		} else {
			b.Importance = widget.MediumImportance
			b.SetText(verdictText(w))
		}
		b.Refresh()
	}
	in.verdictLabel.SetText(verdictText(v))
	in.verdictLabel.Importance = verdictImportance(v)
	in.verdictLabel.Refresh()
}

func (in *inspector) onVerdict(v annotate.Verdict) {
	if in.claim == nil {
		return
	}
	in.mw.setVerdict(in.claim.ID, v)
}

// setNoteText shows a stored note without it counting as an edit.
func (in *inspector) setNoteText(s string) {
	in.loading = true
	in.note.SetText(s)
	in.loading = false
	in.noteView.SetText(nonEmpty(s, "(no note)"))
	in.noteSaved = s
	in.noteSaver.Cancel()
}

func (in *inspector) onNoteChanged(string) {
	if in.loading || in.claim == nil {
		return
	}
	in.noteStatus.SetText("Editing…")
	in.noteSaver.Trigger()
}

// flushNote saves a pending note now. It returns false when the note on screen could not be
// saved: callers then keep the claim in the inspector so nothing is lost.
func (in *inspector) flushNote() bool {
	if in.claim == nil {
		return true
	}
	in.noteSaver.Flush()
	if in.noteFailed || in.note.Text != in.noteSaved {
		return in.saveNote()
	}
	return true
}

// saveNote stores the note on screen; on failure the text stays in the entry.
func (in *inspector) saveNote() bool {
	if in.claim == nil {
		return true
	}
	text := in.note.Text
	if text == in.noteSaved && !in.noteFailed {
		return true
	}
	c, err := in.mw.saveNote(in.claim.ID, in.noteSaved, text)
	if err != nil {
		in.noteFailed = true
		in.noteStatus.SetText("Not saved: the note is still here; it is saved again when you type")
		in.noteStatus.Importance = widget.DangerImportance
		in.noteStatus.Refresh()
		in.mw.showError("Saving the note", err)
		return false
	}
	in.noteFailed = false
	in.noteSaved = text
	in.noteStatus.Importance = widget.MediumImportance
	in.noteStatus.SetText("Saved " + c.UpdatedAt.Local().Format("15:04:05"))
	return true
}

// discardNote forgets an unsaved note (the claim is being deleted, or the person chose to).
func (in *inspector) discardNote() {
	in.noteSaver.Cancel()
	in.noteFailed = false
	in.noteSaved = in.note.Text
}

func noteStatusText(c annotate.Claim) string {
	if c.UpdatedAt.IsZero() {
		return ""
	}
	who := c.UpdatedBy
	if who == "" {
		who = "unknown"
	}
	return fmt.Sprintf("Last change %s by %s", c.UpdatedAt.Local().Format("2006-01-02 15:04"), who)
}

// reload re-reads the claim's sources, links and history.
func (in *inspector) reload() {
	if in.claim == nil {
		return
	}
	links, err := in.mw.db.Links(in.mw.ctx, in.claim.ID)
	if err != nil {
		log.Printf("factdesk: reading links: %v", err)
	}
	in.sourceRows, in.linkRows = nil, nil
	in.sourcesBox.RemoveAll()
	in.linksBox.RemoveAll()
	for _, l := range links {
		if l.Source != nil {
			r := in.makeSourceRow(l)
			in.sourceRows = append(in.sourceRows, r)
			in.sourcesBox.Add(r.box)
		} else if l.TargetClaimID != "" {
			r := in.makeLinkRow(l)
			if r != nil {
				in.linkRows = append(in.linkRows, r)
				in.linksBox.Add(r.box)
			}
		}
	}
	if len(in.sourceRows) == 0 {
		if in.mw.db.ReadOnly() {
			in.sourcesBox.Add(mutedLabel("No source."))
		} else {
			in.sourcesBox.Add(mutedLabel("No source yet: add one below."))
		}
	}
	if len(in.linkRows) == 0 {
		in.linksBox.Add(mutedLabel("Not linked to claims in other articles."))
	}
	in.refreshLinkTarget()
	in.loadRatings()
	in.loadHistory()
}

// loadRatings shows which reviewers rated the claim and how, symbol and word in each verdict's
// colour, and says so when they disagree.
func (in *inspector) loadRatings() {
	if in.claim == nil {
		return
	}
	rs, err := in.mw.db.Ratings(in.mw.ctx, in.claim.ID)
	if err != nil {
		log.Printf("factdesk: reading ratings: %v", err)
		return
	}
	in.ratings = rs
	in.ratingsBox.RemoveAll()
	if len(rs) == 0 {
		in.ratingsBox.Add(mutedLabel("No reviewer has given it a verdict yet."))
		return
	}
	if !ratingsAgree(rs) {
		warn := widget.NewLabelWithStyle("≠ The reviewers disagree: "+ratingsSummary(rs), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		warn.Importance = widget.DangerImportance
		warn.Wrapping = fyne.TextWrapWord
		in.ratingsBox.Add(warn)
	}
	for _, r := range rs {
		who := widget.NewLabel(r.Reviewer)
		who.Truncation = fyne.TextTruncateEllipsis
		v := widget.NewLabelWithStyle(verdictText(r.Verdict), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		v.Importance = verdictImportance(r.Verdict)
		when := newMutedText(r.At.Local().Format("2006-01-02"))
		in.ratingsBox.Add(container.NewBorder(nil, nil, v, when, who))
	}
}

// ratingsAgree reports whether every rating gives the same verdict.
func ratingsAgree(rs []storage.Rating) bool {
	for _, r := range rs {
		if r.Verdict != rs[0].Verdict {
			return false
		}
	}
	return true
}

// ratingsSummary is "2 reviewers ✗/✓": how many rated, and the verdicts they gave, by symbol.
func ratingsSummary(rs []storage.Rating) string {
	var symbols []string
	seen := map[annotate.Verdict]bool{}
	for _, r := range rs {
		if !seen[r.Verdict] {
			seen[r.Verdict] = true
			symbols = append(symbols, r.Verdict.Symbol())
		}
	}
	return plural(len(rs), "reviewer") + " " + strings.Join(symbols, "/")
}

// refreshEditable shows the editing controls, or only what is to be read while the database
// is read-only: the verdict as a label instead of buttons, the note as text, no source form,
// link buttons, unlink or delete buttons.
func (in *inspector) refreshEditable() {
	ro := in.mw.db.ReadOnly()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(in.verdictGrid, !ro)
	show(in.verdictLabel, ro)
	show(in.note, !ro)
	show(in.noteView, ro)
	for _, o := range in.editOnly {
		show(o, !ro)
	}
	for _, r := range append(append([]*linkRow{}, in.sourceRows...), in.linkRows...) {
		show(r.unlinkButton, !ro)
	}
	in.refreshNewClaim()
}

func mutedLabel(s string) *mutedText { return newMutedWrapped(s) }

func relationText(r annotate.Relation) string {
	switch r {
	case annotate.Supports:
		return "+ Supports"
	case annotate.Contradicts:
		return "≠ Contradicts"
	case annotate.SameClaim:
		return "= Same claim"
	}
	return string(r)
}

func relationImportance(r annotate.Relation) widget.Importance {
	switch r {
	case annotate.Supports:
		return widget.SuccessImportance
	case annotate.Contradicts:
		return widget.DangerImportance
	}
	return widget.HighImportance
}

func (in *inspector) makeSourceRow(l annotate.Link) *linkRow {
	s := l.Source
	r := &linkRow{link: l}
	rel := widget.NewLabelWithStyle(relationText(l.Relation), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rel.Importance = relationImportance(l.Relation)
	title := s.Title
	if title == "" {
		title = s.URL
	}
	var head fyne.CanvasObject
	if u, ok := httpURL(s.URL); ok {
		h := widget.NewHyperlink(title, u)
		h.Wrapping = fyne.TextWrapWord
		h.OnTapped = func() { in.mw.openURL(s.URL) }
		head = h
	} else {
		t := widget.NewLabel(title)
		t.Wrapping = fyne.TextWrapWord
		head = t
	}
	var lines []fyne.CanvasObject
	lines = append(lines, head)
	meta := strings.Trim(strings.Join([]string{s.Publisher, s.Accessed}, " · "), " ·")
	if meta != "" {
		lines = append(lines, mutedLabel(meta))
	}
	if s.Quote != "" {
		q := widget.NewLabelWithStyle("“"+s.Quote+"”", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		q.Wrapping = fyne.TextWrapWord
		lines = append(lines, q)
	}
	r.unlinkButton = in.makeUnlinkButton(l)
	top := container.NewBorder(nil, nil, nil, r.unlinkButton, rel)
	r.box = container.NewVBox(append([]fyne.CanvasObject{top}, lines...)...)
	return r
}

func (in *inspector) makeLinkRow(l annotate.Link) *linkRow {
	otherID := l.Other(in.claim.ID)
	other, err := in.mw.db.Claim(in.mw.ctx, otherID)
	if err != nil {
		log.Printf("factdesk: reading linked claim %s: %v", otherID, err)
		return nil
	}
	r := &linkRow{link: l, other: other}
	rel := widget.NewLabelWithStyle(relationText(l.Relation), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rel.Importance = relationImportance(l.Relation)
	if l.Relation == annotate.Supports && l.ClaimID != in.claim.ID {
		rel.SetText("+ Supported by")
	}
	verdict := widget.NewLabel(verdictText(other.Verdict))
	verdict.Importance = verdictImportance(other.Verdict)
	q := widget.NewLabelWithStyle("“"+clip(other.Exact, 160)+"”", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	q.Wrapping = fyne.TextWrapWord
	where := mutedLabel("in «" + in.mw.articleTitle(other.ArticleID) + "»")
	label := "Show"
	if !in.mw.isOpenClaim(other.ID) {
		label = "Open"
	}
	r.openButton = widget.NewButtonWithIcon(label, theme.VisibilityIcon(), func() { in.mw.showClaim(other.ID) })
	r.openButton.Importance = widget.LowImportance
	r.unlinkButton = in.makeUnlinkButton(l)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(r.openButton, r.unlinkButton), container.NewHBox(rel, verdict))
	r.box = container.NewVBox(top, q, where)
	return r
}

// makeUnlinkButton is the trash button that removes a source or a link from the claim (a
// symbol no relation uses: "−" is not "contradicts").
func (in *inspector) makeUnlinkButton(l annotate.Link) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { in.mw.unlink(l) })
	b.Importance = widget.LowImportance
	if in.mw.db.ReadOnly() {
		b.Hide()
	}
	return b
}

// refreshLinkTarget says which claim the link buttons would link to.
func (in *inspector) refreshLinkTarget() {
	if in.linkHint == nil || in.claim == nil {
		return
	}
	other, p, ok := in.mw.linkCandidate()
	buttons := []*widget.Button{in.linkSame, in.linkSupports, in.linkContradict}
	if !ok {
		in.linkHint.SetText("To link: click a claim in another pane, then come back here (or use the Claim menu's Link items, Ctrl+L).")
		for _, b := range buttons {
			b.Disable()
		}
		return
	}
	in.linkHint.SetText(fmt.Sprintf("Link this claim with “%s” in «%s»:", clip(other.Exact, 80), displayTitle(p.article)))
	for _, b := range buttons {
		b.Enable()
	}
}

// loadHistory shows who changed what, newest first.
func (in *inspector) loadHistory() {
	if in.claim == nil {
		return
	}
	hs, err := in.mw.db.History(in.mw.ctx, in.claim.ID, 0)
	if err != nil {
		log.Printf("factdesk: reading history: %v", err)
		return
	}
	in.historyBox.RemoveAll()
	// The claim at the other end of each link, by link id, and its quote, read once.
	linkOther := map[string]string{}
	for _, h := range hs {
		if h.Table == "links" && h.Field == "create" {
			if other := linkedClaimOf(h, in.claim.ID); other != "" {
				linkOther[h.RowID] = other
			}
		}
	}
	quotes := map[string]string{}
	quoteOf := func(linkID string) string {
		id := linkOther[linkID]
		if id == "" {
			return ""
		}
		if q, ok := quotes[id]; ok {
			return q
		}
		c, err := in.mw.db.Claim(in.mw.ctx, id)
		quotes[id] = ""
		if err == nil {
			quotes[id] = c.Exact
		}
		return quotes[id]
	}
	const shown = 50
	for i := len(hs) - 1; i >= 0 && len(hs)-i <= shown; i-- {
		h := hs[i]
		l := widget.NewLabel(fmt.Sprintf("%s · %s\n%s", h.At.Local().Format("2006-01-02 15:04"), nonEmpty(h.Reviewer, "unknown"), describeChange(h, quoteOf)))
		l.Wrapping = fyne.TextWrapWord
		in.historyBox.Add(l)
	}
	if len(hs) > shown {
		in.historyBox.Add(mutedLabel(fmt.Sprintf("… and %s", plural(len(hs)-shown, "older change"))))
	}
	in.history.Items[0].Title = fmt.Sprintf("History (%s)", plural(len(hs), "change"))
	in.history.Refresh()
}

func nonEmpty(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// linkedClaimOf is the claim at the other end from claimID of the link a "links create"
// history entry made ("" for a source link).
func linkedClaimOf(h annotate.HistoryEntry, claimID string) string {
	var f struct {
		Claim  string `json:"claim_id"`
		Target string `json:"target_claim_id"`
	}
	if json.Unmarshal([]byte(h.New), &f) != nil || f.Target == "" {
		return ""
	}
	if f.Claim == claimID {
		return f.Target
	}
	return f.Claim
}

// describeChange says in words what a history entry changed: from what to what. quoteOf
// gives the quote of the claim at the other end of a link, by link id ("" when unknown).
func describeChange(h annotate.HistoryEntry, quoteOf func(linkID string) string) string {
	named := func(what string) string {
		if q := quoteOf(h.RowID); q != "" {
			return what + " “" + clip(q, 60) + "”"
		}
		return what + " another claim"
	}
	switch {
	case h.Table == "claims" && h.Field == "create":
		var f struct {
			Verdict string `json:"verdict"`
		}
		_ = json.Unmarshal([]byte(h.New), &f)
		return "made the claim (" + verdictText(annotate.Verdict(f.Verdict)) + ")"
	case h.Table == "claims" && h.Field == "delete":
		return "deleted the claim"
	case h.Table == "claims" && h.Field == "verdict":
		return fmt.Sprintf("verdict from %s to %s", verdictText(annotate.Verdict(h.Old)), verdictText(annotate.Verdict(h.New)))
	case h.Table == "claims" && h.Field == "note":
		return fmt.Sprintf("note from “%s” to “%s”", clip(nonEmpty(h.Old, "(empty)"), 60), clip(nonEmpty(h.New, "(empty)"), 60))
	case h.Table == "links" && h.Field == "create":
		var f struct {
			Relation string `json:"relation"`
			Source   string `json:"source_id"`
		}
		_ = json.Unmarshal([]byte(h.New), &f)
		if f.Source != "" {
			return "linked a source (" + annotate.Relation(f.Relation).Label() + ")"
		}
		return named("linked") + " (" + annotate.Relation(f.Relation).Label() + ")"
	case h.Table == "links" && h.Field == "delete":
		if q := quoteOf(h.RowID); q != "" {
			return "removed the link to “" + clip(q, 60) + "”"
		}
		return "removed a link"
	case h.Table == "sources" && h.Field == "create":
		var f struct {
			Title string `json:"title"`
			URL   string `json:"url"`
		}
		_ = json.Unmarshal([]byte(h.New), &f)
		return "added the source “" + clip(nonEmpty(f.Title, f.URL), 60) + "”"
	}
	return fmt.Sprintf("%s.%s from %s to %s", h.Table, h.Field, clip(nonEmpty(h.Old, "–"), 40), clip(nonEmpty(h.New, "–"), 40))
}

// onAddSource adds the source typed in the form; the form is cleared only on success.
func (in *inspector) onAddSource() {
	if in.claim == nil {
		return
	}
	rel := annotate.Supports
	if in.srcRelation.Selected == annotate.Contradicts.Label() {
		rel = annotate.Contradicts
	}
	s := annotate.Source{
		URL:       strings.TrimSpace(in.srcURL.Text),
		Title:     strings.TrimSpace(in.srcTitle.Text),
		Publisher: strings.TrimSpace(in.srcPublisher.Text),
		Quote:     strings.TrimSpace(in.srcQuote.Text),
	}
	if s.URL == "" && s.Title == "" {
		in.mw.showError("Adding the source", fmt.Errorf("give the source's URL, or a title for a printed source"))
		return
	}
	if _, ok := in.mw.addSource(in.claim.ID, s, rel); !ok {
		return
	}
	for _, e := range []*fieldEntry{in.srcURL, in.srcTitle, in.srcPublisher, in.srcQuote} {
		e.SetText("")
	}
}

// revealSourceForm scrolls the inspector so that the add-source form is in view (focusing
// one of its fields does not scroll): its top near the top, or its end at the bottom when the
// scroll ends first.
func (in *inspector) revealSourceForm() {
	in.scroll.Content.Refresh() // lay the opened form out before measuring it
	y := in.body.Position().Y + in.sourceForm.Position().Y
	in.scroll.ScrollToOffset(fyne.NewPos(0, y))
}

// refreshNewClaim enables "New claim" when the current pane has a selection.
func (in *inspector) refreshNewClaim() {
	if in.newClaimButton == nil {
		return
	}
	p := in.mw.panes.current
	ok := false
	if p != nil {
		start, end := p.view.Selection()
		ok = end > start && !in.mw.db.ReadOnly() && !p.selectionIsClaim(start, end)
	}
	if ok {
		in.newClaimButton.Importance = widget.HighImportance
		in.newClaimButton.Enable()
	} else {
		in.newClaimButton.Importance = widget.MediumImportance
		in.newClaimButton.Disable()
	}
	in.newClaimButton.Refresh()
}

// focusNote puts the keyboard in the note (Claim > Edit note), at the end of its text: one
// goes on writing a note more often than one rewrites its start.
func (in *inspector) focusNote() {
	if in.claim == nil {
		in.mw.setStatus("Select a claim first")
		return
	}
	if !in.mw.showRight {
		in.mw.onToggleRight()
	}
	in.mw.win.Canvas().Focus(in.note)
	// Page Down in a multi-line entry goes to the end of its last row (rows as wrapped).
	in.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
}

// fieldEntry is an entry of a form filled in with the keyboard: Tab moves to the next field
// from a multi-line entry too, instead of inserting a tab.
type fieldEntry struct {
	widget.Entry
}

func newFieldEntry(multiLine bool) *fieldEntry {
	e := &fieldEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab moves the focus on.
func (e *fieldEntry) AcceptsTab() bool { return false }

// noteEntry is the multi-line note entry; it saves when it loses the focus.
type noteEntry struct {
	widget.Entry
	onFocusLost func()
}

func newNoteEntry() *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost saves the note, then does what an entry does.
func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

// oneLine folds runs of white space (line and paragraph breaks included) into one space,
// keeping a space at either end: the quote's context reads as one line around it.
func oneLine(s string) string { return corpus.OneLine(s) }
