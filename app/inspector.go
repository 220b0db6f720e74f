package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/app/session"
	"factdesk/corpus"
)

// noteSaveDelay is how long the note waits after the last key before it is saved.
const noteSaveDelay = 500 * time.Millisecond

// contextRunes is how much text around the quote the inspector shows.
const contextRunes = 100

// inspector shows the current claim: quote in context, verdict, note, sources, links to other
// claims and history, and edits them.
type inspector struct {
	host  inspectorHost
	claim *annotate.Claim // nil when no claim is selected
	pane  *articlePane    // the pane the claim was selected in (nil if none)

	placeholder    *widget.Label
	heading        *widget.Label
	quote          *widget.RichText
	verdictButtons map[annotate.Verdict]*widget.Button
	verdictGrid    *fyne.Container
	verdictLabel   *tintedText   // the desk's verdict: the one the ratings agree on, or contested
	yourRating     *widget.Label // lang.L("Your rating:") over the verdict buttons

	ratingsBox *fyne.Container // each reviewer's verdict, and the desk's when contested
	settleBox  *fyne.Container // the settle buttons, shown while the claim is contested

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
	srcSnapshot     *snapshotChecks // keep a snapshot, ask the public archive
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
	historyGen   int // the latest history read: older ones are not shown
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
	snapshot     *snapshotRow // sources with a web address
	box          fyne.CanvasObject
}

// inspectorHost is what the inspector asks of the window it is in: what to read (through the
// database shown), the actions its buttons start (which go through the editing session), the
// panes it takes context and link targets from, and focus. Changes come to it from the
// session (applyChange), not through the host.
type inspectorHost interface {
	inspectorReader() inspectorReader
	context() context.Context
	readOnly() bool
	currentPane() *articlePane
	articleTitle(id string) string
	isOpenClaim(id string) bool
	linkCandidate() (annotate.Claim, *articlePane, bool)

	setVerdict(id string, v annotate.Verdict) bool
	settle(id string, v annotate.Verdict) bool
	reviewerName() string
	saveNote(id, old, note string) (annotate.Claim, error)
	addSource(claimID string, s annotate.Source, rel annotate.Relation) (annotate.Link, bool)
	unlink(l annotate.Link) bool
	onNewClaim()
	onDeleteClaim()
	onLink(rel annotate.Relation)
	showClaim(id string) bool
	openURL(u string)

	// The snapshots of a source's web page (see snapshots.go).
	newSnapshotChecks() *snapshotChecks
	newSnapshotRow(sourceID string) *snapshotRow
	snapshotSource(sourceID string, archive bool)

	// The sentences of other articles that state the same fact, and the current article's
	// sentences worth checking (see counterparts.go, suggestions.go).
	newCounterpartsView() *counterpartsView
	newSuggestionsView() *suggestionsView

	setStatus(format string, args ...any)
	say(msg string)
	showError(what string, err error)
	revealInspector()
	focus(o fyne.Focusable)
	focused() fyne.Focusable
	background(work func() func())
	uiDo(fn func())
}

// inspectorReader is what the inspector reads: *storage.DB implements it.
type inspectorReader interface {
	Claim(ctx context.Context, id string) (annotate.Claim, error)
	Links(ctx context.Context, claimID string) ([]annotate.Link, error)
	History(ctx context.Context, rowID string, limit int) ([]annotate.HistoryEntry, error)
}

func newInspector(host inspectorHost) *inspector {
	in := &inspector{host: host, verdictButtons: map[annotate.Verdict]*widget.Button{}}
	in.counterparts, in.suggestions = host.newCounterpartsView(), host.newSuggestionsView()
	in.noteSaver = newDebouncer(noteSaveDelay, func() { in.saveNote() }, host.uiDo)
	return in
}

func (in *inspector) buildUI() fyne.CanvasObject {
	in.placeholder = widget.NewLabel(lang.L("No claim selected.\n\nSelect a span in an article and press Enter (or Ctrl+N) to make a claim, " +
		"or click a highlight to inspect it."))
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
	in.verdictLabel = newTintedText()
	in.yourRating = widget.NewLabel(lang.L("Your rating:"))
	in.ratingsBox = container.NewVBox()
	settleGrid := container.NewGridWithColumns(len(annotate.Verdicts))
	for _, v := range annotate.Verdicts {
		v := v
		settleGrid.Add(widget.NewButton(verdictText(v), func() { in.onSettle(v) }))
	}
	in.settleBox = container.NewVBox(widget.NewLabel(lang.L("Settle it for the desk (the ratings stay as given):")), settleGrid)
	in.settleBox.Hide()

	in.note = newNoteEntry()
	in.note.SetPlaceHolder(lang.L("Note: what you checked, with whom, what remains open… (saved as you type)"))
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
	in.srcTitle.SetPlaceHolder(lang.L("Title (or a citation)"))
	in.srcPublisher = newFieldEntry(false)
	in.srcPublisher.SetPlaceHolder(lang.L("Publisher"))
	in.srcQuote = newFieldEntry(true)
	in.srcQuote.SetPlaceHolder(lang.L("The passage of the source that bears on the claim (Shift+Enter adds the source)"))
	in.srcQuote.SetMinRowsVisible(2)
	// The form is typed through with the keyboard: Enter goes to the next field, Tab too
	// (also out of the passage, where it would insert a tab), Shift+Enter in the passage adds
	// the source.
	next := func(e fyne.Focusable) func(string) {
		return func(string) { in.host.focus(e) }
	}
	in.srcURL.OnSubmitted = next(in.srcTitle)
	in.srcTitle.OnSubmitted = next(in.srcPublisher)
	in.srcPublisher.OnSubmitted = next(in.srcQuote)
	in.srcQuote.OnSubmitted = func(string) { in.onAddSource() }
	in.srcRelation = widget.NewRadioGroup([]string{i18n.RelationLabel(annotate.Supports), i18n.RelationLabel(annotate.Contradicts)}, nil)
	in.srcRelation.Horizontal = true
	in.srcRelation.Required = true
	in.srcRelation.SetSelected(i18n.RelationLabel(annotate.Supports))
	in.addSourceButton = widget.NewButtonWithIcon(lang.L("Add source"), theme.ContentAddIcon(), in.onAddSource)
	in.addSourceButton.Importance = widget.HighImportance
	in.srcSnapshot = in.host.newSnapshotChecks()
	form := container.NewVBox(in.srcURL, in.srcTitle, in.srcPublisher, in.srcQuote, in.srcRelation, in.srcSnapshot.buildUI(), in.addSourceButton)
	in.sourceForm = widget.NewAccordion(widget.NewAccordionItem(lang.L("Add a source"), form))

	in.deleteButton = widget.NewButtonWithIcon(lang.L("Delete claim"), theme.DeleteIcon(), in.host.onDeleteClaim)
	in.deleteButton.Importance = widget.LowImportance

	in.linksBox = container.NewVBox()
	in.linkHint = widget.NewLabel("")
	in.linkHint.Wrapping = fyne.TextWrapWord
	in.linkSame = widget.NewButton(relationText(annotate.SameClaim), func() { in.host.onLink(annotate.SameClaim) })
	in.linkSupports = widget.NewButton(relationText(annotate.Supports), func() { in.host.onLink(annotate.Supports) })
	in.linkContradict = widget.NewButton(relationText(annotate.Contradicts), func() { in.host.onLink(annotate.Contradicts) })
	linkButtons := container.NewGridWithColumns(3, in.linkSame, in.linkSupports, in.linkContradict)
	deleteRow := container.NewHBox(in.deleteButton)
	in.editOnly = []fyne.CanvasObject{in.sourceForm, in.linkHint, linkButtons, in.deleteButton}

	in.historyBox = container.NewVBox()
	in.history = widget.NewAccordion(widget.NewAccordionItem(lang.L("History"), in.historyBox))
	in.history.Open(0)

	in.body = container.NewVBox(
		in.heading,
		in.quote,
		sectionLabel(lang.L("Verdict")),
		in.verdictLabel,
		in.yourRating,
		in.verdictGrid,
		sectionLabel(lang.L("Ratings")),
		in.ratingsBox,
		in.settleBox,
		sectionLabel(lang.L("Same fact elsewhere")),
		in.counterparts.buildUI(),
		sectionLabel(lang.L("Note")),
		in.note,
		in.noteView,
		in.noteStatus,
		sectionLabel(lang.L("Sources")),
		in.sourcesBox,
		in.sourceForm,
		sectionLabel(lang.L("Linked claims")),
		in.linksBox,
		in.linkHint,
		linkButtons,
		widget.NewSeparator(),
		in.history,
		deleteRow,
	)
	in.scroll = container.NewVScroll(container.NewPadded(in.body))
	in.newClaimButton = widget.NewButtonWithIcon(lang.L("New claim from selection (Enter)"), theme.ContentAddIcon(), in.host.onNewClaim)
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
	title := in.host.articleTitle(c.ArticleID)
	in.heading.SetText(lang.L("Claim in «{{.Title}}»", fields{"Title": title}))
	in.showQuote(c)
	in.showVerdict(c)
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

// applyChange shows the new values of the current claim after an edit, from the change,
// without touching a note that is being typed (an undone note is shown, as the person asked
// for it). The ratings come with the change; the history is read in the background.
func (in *inspector) applyChange(ch session.Change) {
	c := ch.After
	if in.claim == nil || in.claim.ID != c.ID {
		return
	}
	*in.claim = c
	in.showVerdict(c)
	if ch.Undo && ch.Before.Note != c.Note {
		in.setNoteText(c.Note)
	}
	if !in.noteSaver.Pending() && !in.noteFailed && in.note.Text != c.Note && !in.noteFocused() {
		in.setNoteText(c.Note)
	}
	if !in.noteSaver.Pending() && !in.noteFailed {
		in.noteSaved = c.Note
	}
	in.showRatings(c)
	in.loadHistoryLater()
}

func (in *inspector) noteFocused() bool {
	return in.host.focused() == in.note
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
	if in.pane != nil && in.pane.article.ID == c.ArticleID {
		if where := pageLabel(in.pane.article.Article, c.Start); where != "" {
			in.quote.Segments = append(in.quote.Segments, &widget.TextSegment{Style: strong, Text: "  " + where})
		}
	}
	in.quote.Refresh()
}

// showVerdict shows claim c's desk verdict (or that it is contested) and marks the button
// of the reviewer's own rating (coloured, and the word is there anyway).
func (in *inspector) showVerdict(c annotate.Claim) {
	mine := annotate.Verdict("")
	for _, r := range c.Ratings {
		if r.Reviewer == in.host.reviewerName() {
			mine = r.Verdict
		}
	}
	for _, w := range annotate.Verdicts {
		b := in.verdictButtons[w]
		if w == mine {
			b.Importance = verdictImportance(w)
		} else {
			b.Importance = widget.MediumImportance
		}
		b.SetText(verdictText(w))
		b.Refresh()
	}
	if mine == "" {
		in.yourRating.SetText(lang.L("Your rating: none yet"))
	} else {
		in.yourRating.SetText(lang.L("Your rating:"))
	}
	in.verdictLabel.set(claimVerdictText(c), claimColour(c))
}

func (in *inspector) onVerdict(v annotate.Verdict) {
	if in.claim == nil {
		return
	}
	in.host.setVerdict(in.claim.ID, v)
}

// setNoteText shows a stored note without it counting as an edit.
func (in *inspector) setNoteText(s string) {
	in.loading = true
	in.note.SetText(s)
	in.loading = false
	in.noteView.SetText(nonEmpty(s, lang.L("(no note)")))
	in.noteSaved = s
	in.noteSaver.Cancel()
}

func (in *inspector) onNoteChanged(string) {
	if in.loading || in.claim == nil {
		return
	}
	in.noteStatus.SetText(lang.L("Editing…"))
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
	c, err := in.host.saveNote(in.claim.ID, in.noteSaved, text)
	if err != nil {
		in.noteFailed = true
		in.noteStatus.SetText(lang.L("Not saved: the note is still here; it is saved again when you type"))
		in.noteStatus.Importance = widget.DangerImportance
		in.noteStatus.Refresh()
		in.host.showError(lang.L("Saving the note"), err)
		return false
	}
	in.noteFailed = false
	in.noteSaved = text
	in.noteStatus.Importance = widget.MediumImportance
	in.noteStatus.SetText(lang.L("Saved {{.Time}}", fields{"Time": i18n.Time(c.UpdatedAt.Local())}))
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
		who = lang.L("unknown")
	}
	return lang.L("Last change {{.When}} by {{.Who}}", fields{"When": i18n.DateTime(c.UpdatedAt.Local()), "Who": who})
}

// reload re-reads the claim's sources, links and history.
func (in *inspector) reload() {
	if in.claim == nil {
		return
	}
	links, err := in.host.inspectorReader().Links(in.host.context(), in.claim.ID)
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
		if in.host.readOnly() {
			in.sourcesBox.Add(mutedLabel(lang.L("No source.")))
		} else {
			in.sourcesBox.Add(mutedLabel(lang.L("No source yet: add one below.")))
		}
	}
	if len(in.linkRows) == 0 {
		in.linksBox.Add(mutedLabel(lang.L("Not linked to claims in other articles.")))
	}
	in.refreshLinkTarget()
	in.loadRatings()
	in.loadHistory()
}

// loadRatings shows the current claim's ratings (they come with the claim).
func (in *inspector) loadRatings() {
	if in.claim != nil {
		in.showRatings(*in.claim)
	}
}

// showRatings lists who rated claim c and how, symbol and word in each verdict's colour;
// while the reviewers disagree and nobody settled it, it says the claim is contested, who
// said what, and offers to settle it.
func (in *inspector) showRatings(c annotate.Claim) {
	rs := c.Ratings
	in.ratingsBox.RemoveAll()
	in.settleBox.Hide()
	switch {
	case c.Contested:
		warn := newTintedText()
		warn.set(contestedSymbol+" "+lang.L("Contested: {{.Ratings}}. The desk has no verdict until someone settles it.", fields{"Ratings": whoSaidWhat(rs)}), colorNameContested)
		warn.Wrapping = fyne.TextWrapWord
		in.ratingsBox.Add(warn)
		if !in.host.readOnly() {
			in.settleBox.Show()
		}
	case c.Settled != nil:
		l := widget.NewLabel(lang.L("Settled as {{.Verdict}} by {{.Who}} on {{.Date}}.", fields{"Verdict": verdictText(c.Settled.Verdict),
			"Who": nonEmpty(c.Settled.Reviewer, lang.L("unknown")), "Date": i18n.ShortDate(c.Settled.At.Local())}))
		l.Wrapping = fyne.TextWrapWord
		in.ratingsBox.Add(l)
	}
	if len(rs) == 0 {
		in.ratingsBox.Add(mutedLabel(lang.L("No reviewer has given it a verdict yet.")))
		return
	}
	for _, r := range rs {
		who := widget.NewLabel(r.Reviewer)
		who.Truncation = fyne.TextTruncateEllipsis
		v := widget.NewLabelWithStyle(verdictText(r.Verdict), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		v.Importance = verdictImportance(r.Verdict)
		when := newMutedText(i18n.ShortDate(r.At.Local()))
		in.ratingsBox.Add(container.NewBorder(nil, nil, v, when, who))
	}
}

// onSettle decides the current claim's verdict for the desk.
func (in *inspector) onSettle(v annotate.Verdict) {
	if in.claim != nil {
		in.host.settle(in.claim.ID, v)
	}
}

// ratingsAgree reports whether the reviewers agree: every rating that gives a verdict gives
// the same one ("unverified" gives none).
func ratingsAgree(rs []annotate.ClaimRating) bool {
	var first annotate.Verdict
	for _, r := range rs {
		if r.Verdict == annotate.Unverified {
			continue
		}
		if first == "" {
			first = r.Verdict
		} else if r.Verdict != first {
			return false
		}
	}
	return true
}

// whoSaidWhat is each reviewer with the symbol of their verdict: "Alice ✓, Bob ✗".
func whoSaidWhat(rs []annotate.ClaimRating) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		parts = append(parts, r.Reviewer+" "+r.Verdict.Symbol())
	}
	return strings.Join(parts, ", ")
}

// refreshEditable shows the editing controls, or only what is to be read while the database
// is read-only: the verdict as a label instead of buttons, the note as text, no source form,
// link buttons, unlink or delete buttons.
func (in *inspector) refreshEditable() {
	ro := in.host.readOnly()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(in.verdictGrid, !ro)
	show(in.yourRating, !ro)
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
		return lang.L("+ Supports")
	case annotate.Contradicts:
		return lang.L("≠ Contradicts")
	case annotate.SameClaim:
		return lang.L("= Same claim")
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
		h.OnTapped = func() { in.host.openURL(s.URL) }
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
		q := widget.NewLabelWithStyle(quoted(s.Quote), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		q.Wrapping = fyne.TextWrapWord
		lines = append(lines, q)
	}
	if _, ok := httpURL(s.URL); ok {
		r.snapshot = in.host.newSnapshotRow(s.ID)
		lines = append(lines, r.snapshot.buildUI())
		r.snapshot.load()
	}
	r.unlinkButton = in.makeUnlinkButton(l)
	top := container.NewBorder(nil, nil, nil, r.unlinkButton, rel)
	r.box = container.NewVBox(append([]fyne.CanvasObject{top}, lines...)...)
	return r
}

func (in *inspector) makeLinkRow(l annotate.Link) *linkRow {
	otherID := l.Other(in.claim.ID)
	other, err := in.host.inspectorReader().Claim(in.host.context(), otherID)
	if err != nil {
		log.Printf("factdesk: reading linked claim %s: %v", otherID, err)
		return nil
	}
	r := &linkRow{link: l, other: other}
	rel := widget.NewLabelWithStyle(relationText(l.Relation), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rel.Importance = relationImportance(l.Relation)
	if l.Relation == annotate.Supports && l.ClaimID != in.claim.ID {
		rel.SetText(lang.L("+ Supported by"))
	}
	verdict := widget.NewLabel(verdictText(other.Verdict))
	verdict.Importance = verdictImportance(other.Verdict)
	q := widget.NewLabelWithStyle(quoted(clip(other.Exact, 160)), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	q.Wrapping = fyne.TextWrapWord
	where := mutedLabel(lang.L("in «{{.Title}}»", fields{"Title": in.host.articleTitle(other.ArticleID)}))
	label := lang.L("Show")
	if !in.host.isOpenClaim(other.ID) {
		label = lang.L("Open")
	}
	r.openButton = widget.NewButtonWithIcon(label, theme.VisibilityIcon(), func() { in.host.showClaim(other.ID) })
	r.openButton.Importance = widget.LowImportance
	r.unlinkButton = in.makeUnlinkButton(l)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(r.openButton, r.unlinkButton), container.NewHBox(rel, verdict))
	r.box = container.NewVBox(top, q, where)
	return r
}

// makeUnlinkButton is the trash button that removes a source or a link from the claim (a
// symbol no relation uses: "−" is not "contradicts").
func (in *inspector) makeUnlinkButton(l annotate.Link) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { in.host.unlink(l) })
	b.Importance = widget.LowImportance
	if in.host.readOnly() {
		b.Hide()
	}
	return b
}

// refreshLinkTarget says which claim the link buttons would link to.
func (in *inspector) refreshLinkTarget() {
	if in.linkHint == nil || in.claim == nil {
		return
	}
	other, p, ok := in.host.linkCandidate()
	buttons := []*widget.Button{in.linkSame, in.linkSupports, in.linkContradict}
	if !ok {
		in.linkHint.SetText(lang.L("To link: click a claim in another pane, then come back here (or use the Claim menu's Link items, Ctrl+L)."))
		for _, b := range buttons {
			b.Disable()
		}
		return
	}
	in.linkHint.SetText(lang.L("Link this claim with “{{.Quote}}” in «{{.Title}}»:", fields{"Quote": clip(other.Exact, 80), "Title": displayTitle(p.article)}))
	for _, b := range buttons {
		b.Enable()
	}
}

// loadHistory shows who changed what, newest first.
func (in *inspector) loadHistory() {
	if in.claim == nil {
		return
	}
	in.historyGen++
	in.showHistory(readHistory(in.host.context(), in.host.inspectorReader(), in.claim.ID))
}

// loadHistoryLater reads the history off the UI goroutine and shows it when read, unless
// another claim or a newer read came first (after an edit: the rest is shown at once).
func (in *inspector) loadHistoryLater() {
	if in.claim == nil {
		return
	}
	in.historyGen++
	gen, id, ctx, st := in.historyGen, in.claim.ID, in.host.context(), in.host.inspectorReader()
	in.host.background(func() func() {
		h := readHistory(ctx, st, id)
		return func() {
			if gen == in.historyGen && in.claim != nil && in.claim.ID == id {
				in.showHistory(h)
			}
		}
	})
}

// claimHistory is the history of a claim with the quotes of the claims its links were made
// with, by link id.
type claimHistory struct {
	claimID string
	entries []annotate.HistoryEntry
	quotes  map[string]string
	err     error
}

func readHistory(ctx context.Context, st inspectorReader, claimID string) claimHistory {
	h := claimHistory{claimID: claimID, quotes: map[string]string{}}
	h.entries, h.err = st.History(ctx, claimID, 0)
	if h.err != nil {
		return h
	}
	// The claim at the other end of each link, and its quote, read once.
	byClaim := map[string]string{}
	for _, e := range h.entries {
		if e.Table != "links" || e.Field != "create" {
			continue
		}
		other := linkedClaimOf(e, claimID)
		if other == "" {
			continue
		}
		q, ok := byClaim[other]
		if !ok {
			if c, err := st.Claim(ctx, other); err == nil {
				q = c.Exact
			}
			byClaim[other] = q
		}
		h.quotes[e.RowID] = q
	}
	return h
}

func (in *inspector) showHistory(h claimHistory) {
	if h.err != nil {
		log.Printf("factdesk: reading history: %v", h.err)
		return
	}
	hs := h.entries
	quoteOf := func(linkID string) string { return h.quotes[linkID] }
	in.historyBox.RemoveAll()
	const shown = 50
	for i := len(hs) - 1; i >= 0 && len(hs)-i <= shown; i-- {
		h := hs[i]
		l := widget.NewLabel(fmt.Sprintf("%s · %s\n%s", i18n.DateTime(h.At.Local()), nonEmpty(h.Reviewer, lang.L("unknown")), describeChange(h, quoteOf)))
		l.Wrapping = fyne.TextWrapWord
		in.historyBox.Add(l)
	}
	if len(hs) > shown {
		in.historyBox.Add(mutedLabel(i18n.Count("… and {{.Count}} older change", len(hs)-shown)))
	}
	in.history.Items[0].Title = i18n.Count("History ({{.Count}} change)", len(hs))
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

// describeChange says in words what a history entry changed: from what to what, as
// annotate.DescribeChange words it for the command line too, except where the window says
// more: the quote of a linked claim, the part of a long note that changed. quoteOf
// gives the quote of the claim at the other end of a link, by link id ("" when unknown).
func describeChange(h annotate.HistoryEntry, quoteOf func(linkID string) string) string {
	named := func(what string) string {
		if q := quoteOf(h.RowID); q != "" {
			return lang.L("{{.What}} “{{.Quote}}”", fields{"What": what, "Quote": clip(q, 60)})
		}
		return lang.L("{{.What}} another claim", fields{"What": what})
	}
	switch {
	case h.Table == "claims" && h.Field == "create":
		var f struct {
			Verdict string `json:"verdict"`
		}
		_ = json.Unmarshal([]byte(h.New), &f)
		return lang.L("made the claim ({{.Verdict}})", fields{"Verdict": verdictText(annotate.Verdict(f.Verdict))})
	case h.Table == "claims" && h.Field == "note":
		o, n := noteChange(h.Old, h.New)
		return lang.L("note from “{{.From}}” to “{{.To}}”", fields{"From": nonEmpty(o, lang.L("(empty)")), "To": nonEmpty(n, lang.L("(empty)"))})
	case h.Table == "links" && h.Field == "create":
		var f struct {
			Relation string `json:"relation"`
			Source   string `json:"source_id"`
		}
		_ = json.Unmarshal([]byte(h.New), &f)
		if f.Source != "" {
			return lang.L("linked a source ({{.Relation}})", fields{"Relation": relationWord(f.Relation)})
		}
		return named(lang.L("linked")) + " (" + relationWord(f.Relation) + ")"
	case h.Table == "links" && h.Field == "delete":
		if q := quoteOf(h.RowID); q != "" {
			return lang.L("removed the link to “{{.Quote}}”", fields{"Quote": clip(q, 60)})
		}
		return lang.L("removed a link")
	case h.Table == "sources" && h.Field == "create":
		var f struct {
			Title string `json:"title"`
			URL   string `json:"url"`
		}
		_ = json.Unmarshal([]byte(h.New), &f)
		return lang.L("added the source “{{.Title}}”", fields{"Title": clip(nonEmpty(f.Title, f.URL), 60)})
	}
	// Everything else (ratings, withdrawals, settlements, deletes and restores, claims made one,
	// article edits) is worded as the command line words it.
	return changeWords(annotate.DescribeChange(h))
}

// wholeNote is the length (in runes) up to which the history shows old and new notes whole.
const wholeNote = 240

// diffContext is how much unchanged text the history shows on each side of a change to a
// long note.
const diffContext = 40

// noteChange is what the history shows of a note changed from old to new: both whole when
// they are short; else the part that changed in each, whole, with a little unchanged text on
// each side and "…" where text is left out. Two long notes that differ only at the end no
// longer read as two identical beginnings.
func noteChange(old, new string) (string, string) {
	o, n := []rune(old), []rune(new)
	if len(o) <= wholeNote && len(n) <= wholeNote {
		return old, new
	}
	p := 0
	for p < len(o) && p < len(n) && o[p] == n[p] {
		p++
	}
	q := 0
	for q < len(o)-p && q < len(n)-p && o[len(o)-1-q] == n[len(n)-1-q] {
		q++
	}
	show := func(r []rune) string {
		from, to := p-diffContext, len(r)-q+diffContext
		var b strings.Builder
		if from > 0 {
			b.WriteString("…")
		} else {
			from = 0
		}
		if to > len(r) {
			to = len(r)
		}
		b.WriteString(string(r[from:to]))
		if to < len(r) {
			b.WriteString("…")
		}
		return b.String()
	}
	return show(o), show(n)
}

// onAddSource adds the source typed in the form; the form is cleared only on success.
func (in *inspector) onAddSource() {
	if in.claim == nil {
		return
	}
	rel := annotate.Supports
	if in.srcRelation.Selected == i18n.RelationLabel(annotate.Contradicts) {
		rel = annotate.Contradicts
	}
	s := annotate.Source{
		URL:       strings.TrimSpace(in.srcURL.Text),
		Title:     strings.TrimSpace(in.srcTitle.Text),
		Publisher: strings.TrimSpace(in.srcPublisher.Text),
		Quote:     strings.TrimSpace(in.srcQuote.Text),
	}
	if s.URL == "" && s.Title == "" {
		in.host.showError(lang.L("Adding the source"), errors.New(lang.L("give the source's URL, or a title for a printed source")))
		return
	}
	l, ok := in.host.addSource(in.claim.ID, s, rel)
	if !ok {
		return
	}
	if _, web := httpURL(s.URL); web && in.srcSnapshot.keep.Checked {
		in.host.snapshotSource(l.SourceID, in.srcSnapshot.archive.Checked)
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
	p := in.host.currentPane()
	ok := false
	if p != nil {
		start, end := p.view.Selection()
		ok = end > start && !in.host.readOnly() && !p.selectionIsClaim(start, end)
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
		in.host.say(lang.L("Select a claim first"))
		return
	}
	in.host.revealInspector()
	in.host.focus(in.note)
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

// pageLabel says on which page of a paged document (a PDF) the rune offset lies, and whether
// the text was read by OCR: "p. 12", "p. 3, OCR text"; "" for an article without pages.
func pageLabel(a corpus.Article, offset int) string {
	p := a.PageAt(offset)
	if p == 0 {
		return ""
	}
	if a.OCR {
		return lang.L("(p. {{.Page}}, OCR text)", fields{"Page": p})
	}
	return lang.L("(p. {{.Page}})", fields{"Page": p})

}
