package app

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/app/session"
	"factdesk/app/uikit"
	"factdesk/storage"
)

// Every change to the work goes through these methods: each writes to the database at once
// (with its history entry), records an undo step, and updates panes, lists and inspector.
// On a storage error the dialog says what happened and the screen keeps the edit.

// onNewClaim makes a claim of the current pane's selection.
func (mw *mainWindow) onNewClaim() {
	if mw.refuseReadOnly(lang.L("Making a claim")) {
		return
	}
	p := mw.panes.current
	if p == nil {
		mw.say(lang.L("Open an article and select a span of its text first"))
		return
	}
	start, end := p.view.Selection()
	if end <= start {
		mw.say(lang.L("Select a span of the article first (drag with the mouse, or Shift+arrows)"))
		return
	}
	mw.createClaim(p, start, end)
}

// trimSpan shrinks [start, end) of text so the claim does not begin or end with spaces.
func trimSpan(text string, start, end int) (int, int) {
	r := []rune(annotate.Slice(text, start, end))
	i, j := 0, len(r)
	for i < j && unicode.IsSpace(r[i]) {
		i++
	}
	for j > i && unicode.IsSpace(r[j-1]) {
		j--
	}
	return start + i, start + j
}

// createClaim makes runes [start, end) of pane p's article a new, unverified claim.
func (mw *mainWindow) createClaim(p *articlePane, start, end int) (annotate.Claim, bool) {
	if !mw.ensureReviewer(func() { mw.createClaim(p, start, end) }) {
		return annotate.Claim{}, false
	}
	start, end = trimSpan(p.article.Text, start, end)
	for id, c := range p.claims {
		if c.Start == start && c.End == end {
			mw.selectClaim(p, id)
			mw.say(lang.L("This span is already a claim: it is shown in the inspector"))
			return c, false
		}
	}
	anchor, err := annotate.NewAnchor(p.article.Text, start, end)
	if err != nil {
		mw.showError(lang.L("Making a claim"), err)
		return annotate.Claim{}, false
	}
	ch, err := mw.sess.NewClaim(mw.ctx, p.article.ID, anchor)
	if err != nil {
		mw.showError(lang.L("Making a claim"), err)
		return annotate.Claim{}, false
	}
	c := ch.After
	mw.selectClaim(p, c.ID)
	p.view.SetSelection(c.End, c.End) // the span is now the claim: a second Enter makes no copy
	mw.say(lang.L("New claim: {{.Quote}}. Set its verdict with Ctrl+1, Ctrl+2 or Ctrl+3", fields{"Quote": clip(c.Exact, 60)}))
	return c, true
}

// selectClaim shows claim id of pane p in the inspector and its linked claims in the other
// panes. It returns false when the inspector could not let go of an unsaved note.
func (mw *mainWindow) selectClaim(p *articlePane, id string) bool {
	c, ok := p.claims[id]
	if !ok {
		return false
	}
	if mw.inspector.claim != nil && mw.inspector.claim.ID != id && !mw.inspector.flushNote() {
		return false
	}
	p.setActive(id)
	p.touched = time.Now()
	mw.panes.setCurrent(p)
	mw.inspector.show(c, p)
	mw.claims.selectRow(id)
	if msg := mw.panes.showLinked(p, c); msg != "" {
		mw.setStatus("%s", msg)
	}
	return true
}

// showClaim opens the article of claim id (or finds its pane), reveals and selects the claim.
func (mw *mainWindow) showClaim(id string) bool {
	id = mw.sess.Resolve(id)
	c, err := mw.db.Claim(mw.ctx, id)
	if err != nil {
		mw.showError(lang.L("Showing the claim"), err)
		return false
	}
	p := mw.panes.find(c.ArticleID)
	if p == nil {
		p, err = mw.panes.open(c.ArticleID, nil)
		if err != nil {
			mw.showError(lang.L("Opening the claim's article"), err)
			return false
		}
	}
	if _, ok := p.claims[id]; !ok {
		p.upsertClaim(c)
	}
	if !mw.selectClaim(p, id) {
		return false
	}
	p.view.SetSelection(c.Start, c.End)
	p.view.RevealClaim(id)
	return true
}

// isOpenClaim reports whether claim id is in an open pane.
func (mw *mainWindow) isOpenClaim(id string) bool { return mw.panes.hasClaim(id) }

// currentClaim is the claim in the inspector, if any.
func (mw *mainWindow) currentClaim() (annotate.Claim, bool) {
	if mw.inspector.claim == nil {
		return annotate.Claim{}, false
	}
	return *mw.inspector.claim, true
}

// onSetVerdict sets the verdict of the current claim (Claim menu, Ctrl+1/2/3).
func (mw *mainWindow) onSetVerdict(v annotate.Verdict) {
	c, ok := mw.currentClaim()
	if !ok {
		mw.say(lang.L("Select a claim first: click a highlight, or pick one in the Claims list"))
		return
	}
	mw.setVerdict(c.ID, v)
}

// setVerdict changes claim id's verdict.
func (mw *mainWindow) setVerdict(id string, v annotate.Verdict) bool {
	if !mw.ensureReviewer(func() { mw.setVerdict(id, v) }) {
		return false
	}
	ch, err := mw.sess.SetVerdict(mw.ctx, id, v)
	if err != nil {
		mw.showError(lang.L("Setting the verdict"), err)
		return false
	}
	if ch.After.Contested {
		mw.say(lang.L("Your rating: {{.Verdict}}. The reviewers disagree: the claim is contested until someone settles it (in the inspector)", fields{"Verdict": verdictText(v)}))
		return true
	}
	mw.say(lang.L("Your rating: {{.Verdict}}; the claim's verdict: {{.Desk}}", fields{"Verdict": verdictText(v), "Desk": claimVerdictText(ch.After)}))
	return true
}

// settle decides claim id's verdict for the desk (Settle buttons of a contested claim).
func (mw *mainWindow) settle(id string, v annotate.Verdict) bool {
	if !mw.ensureReviewer(func() { mw.settle(id, v) }) {
		return false
	}
	if _, err := mw.sess.Settle(mw.ctx, id, v); err != nil {
		mw.showError(lang.L("Settling the claim"), err)
		return false
	}
	mw.say(lang.L("Settled as {{.Verdict}} for the desk; a later rating that differs opens it again", fields{"Verdict": verdictText(v)}))
	return true
}

// reviewerName is the name every change is recorded for ("" until set).
func (mw *mainWindow) reviewerName() string { return mw.sess.Reviewer() }

// saveNote stores the note of claim id (called by the inspector's autosave).
func (mw *mainWindow) saveNote(id, old, note string) (annotate.Claim, error) {
	if mw.sess.Reviewer() == "" {
		return annotate.Claim{}, &storage.Error{Kind: storage.KindUsage, Msg: "no reviewer is set: File > Reviewer name… sets who you are, then the note is saved"}
	}
	ch, err := mw.sess.SetNote(mw.ctx, id, old, note)
	return ch.After, err
}

// onDeleteClaim asks, then deletes the current claim.
func (mw *mainWindow) onDeleteClaim() {
	if mw.refuseReadOnly(lang.L("Deleting a claim")) {
		return
	}
	c, ok := mw.currentClaim()
	if !ok {
		mw.say(lang.L("Select a claim first"))
		return
	}
	mw.showConfirm(lang.L("Delete the claim?"),
		lang.L("Delete the claim {{.Quote}} with its note and links?\nEdit > Undo brings it back.", fields{"Quote": strconv.Quote(clip(c.Exact, 80))}),
		func(yes bool) {
			if yes {
				mw.deleteClaim(c.ID)
			}
		})
}

// deleteClaim deletes claim id and its links.
func (mw *mainWindow) deleteClaim(id string) bool {
	if !mw.ensureReviewer(nil) {
		return false
	}
	if mw.inspector.claim != nil && mw.inspector.claim.ID == id {
		mw.inspector.discardNote()
	}
	if _, err := mw.sess.DeleteClaim(mw.ctx, id); err != nil {
		mw.showError(lang.L("Deleting the claim"), err)
		return false
	}
	mw.say(lang.L("Claim deleted (Edit > Undo brings it back)"))
	return true
}

// addSource stores a source for claim id.
func (mw *mainWindow) addSource(claimID string, s annotate.Source, rel annotate.Relation) (annotate.Link, bool) {
	if !mw.ensureReviewer(nil) {
		return annotate.Link{}, false
	}
	if s.URL != "" {
		if _, ok := httpURL(s.URL); !ok {
			mw.showError(lang.L("Adding the source"), errors.New(lang.L("the URL must be a web address starting with http:// or https:// (or leave it empty and give a title for a printed source)")))
			return annotate.Link{}, false
		}
	}
	if s.Accessed == "" {
		s.Accessed = time.Now().Format("2006-01-02")
	}
	ch, err := mw.sess.AddSource(mw.ctx, claimID, s, rel)
	if err != nil {
		mw.showError(lang.L("Adding the source"), err)
		return annotate.Link{}, false
	}
	l := ch.Link
	mw.say(lang.L("Source added ({{.Relation}})", fields{"Relation": i18n.RelationLabel(rel)}))
	return l, true
}

// linkCandidate is the claim to link the current claim with: the selected claim of the
// other pane the person worked in most recently.
func (mw *mainWindow) linkCandidate() (annotate.Claim, *articlePane, bool) {
	cur, ok := mw.currentClaim()
	if !ok {
		return annotate.Claim{}, nil, false
	}
	return mw.panes.linkCandidate(cur.ID, mw.inspector.pane)
}

// onLink links the current claim with the selected claim of another pane.
func (mw *mainWindow) onLink(rel annotate.Relation) {
	cur, ok := mw.currentClaim()
	if !ok {
		mw.say(lang.L("Select a claim first, then a claim in another pane, then link them"))
		return
	}
	other, _, ok := mw.linkCandidate()
	if !ok {
		mw.say(lang.L("Select a claim in another pane too (click its highlight), then link them"))
		return
	}
	mw.linkClaims(cur.ID, other.ID, rel)
}

// linkClaims links claim a to claim b with rel.
func (mw *mainWindow) linkClaims(a, b string, rel annotate.Relation) (annotate.Link, bool) {
	if !mw.ensureReviewer(nil) {
		return annotate.Link{}, false
	}
	l, existed, err := mw.sess.LinkClaims(mw.ctx, a, b, rel)
	if err != nil {
		mw.showError(lang.L("Linking the claims"), err)
		return annotate.Link{}, false
	}
	if existed {
		mw.say(lang.L("These claims were already linked ({{.Relation}})", fields{"Relation": i18n.RelationLabel(rel)}))
		return l, true
	}
	msg := lang.L("Linked: {{.Relation}}", fields{"Relation": i18n.RelationLabel(rel)})
	if linked := mw.panes.linkedSummary; linked != "" {
		msg += "; " + linked
	}
	mw.say(msg)
	return l, true
}

// unlink removes link l.
func (mw *mainWindow) unlink(l annotate.Link) bool {
	if !mw.ensureReviewer(nil) {
		return false
	}
	if _, err := mw.sess.Unlink(mw.ctx, l); err != nil {
		mw.showError(lang.L("Removing the link"), err)
		return false
	}
	mw.say(lang.L("Link removed (Edit > Undo brings it back)"))
	return true
}

// onChange shows a change the session made where the panes and the corpus list (which
// follow the session themselves, and hear of a change first) do not: the inspector and the
// claims list; an undone deletion selects the claim again.
func (mw *mainWindow) onChange(ch session.Change) {
	switch ch.Kind {
	case session.ClaimAdded, session.ClaimChanged:
		c := ch.After
		if ch.Kind == session.ClaimChanged {
			mw.inspector.applyChange(ch)
		}
		if ch.Kind == session.ClaimAdded {
			mw.claims.reload()
		} else {
			mw.claims.applyChange(ch)
		}
		if ch.Undo && ch.Kind == session.ClaimAdded {
			if p := mw.panes.find(c.ArticleID); p != nil {
				mw.selectClaim(p, c.ID)
				p.view.RevealClaim(c.ID)
			}
		}
	case session.ClaimRemoved:
		if mw.inspector.claim != nil && mw.inspector.claim.ID == ch.Before.ID {
			mw.inspector.clear()
		}
		mw.claims.reload()
	case session.LinksChanged:
		if mw.inspector.claim != nil {
			mw.inspector.reload()
		}
	case session.ArticleChanged:
		mw.claims.refreshArticleOptions()
	case session.ArticleRemoved:
		mw.claims.reload()
	case session.ArticleRestored:
		mw.reloadArticles(func() { mw.openArticle(ch.ArticleID) })
		mw.claims.reload()
	}
	mw.refreshUndoMenu()
}

// afterWrite notes the database's change counter after a write of the window's own that the
// session did not make (an import, a merge), so the poller does not reload for it.
func (mw *mainWindow) afterWrite() {
	if n, err := mw.db.LastChange(mw.ctx); err == nil {
		mw.sess.SetLastChange(n)
	}
	mw.refreshUndoMenu()
}

// onUndo reverts the last claim edit. In a text entry it is the entry's own undo.
func (mw *mainWindow) onUndo() {
	if mw.forwardToEntry(&fyne.ShortcutUndo{}) {
		return
	}
	if !mw.inspector.flushNote() {
		return
	}
	label, chs, err := mw.sess.Undo(mw.ctx)
	switch {
	case err != nil:
		mw.showError(lang.L("Undoing the {{.Edit}}", fields{"Edit": editName(label)}), err)
	case chs == nil && label == "":
		mw.say(lang.L("Nothing to undo"))
	default:
		mw.say(lang.L("Undone: {{.Edit}}", fields{"Edit": editName(label)}))
	}
	mw.refreshUndoMenu()
}

// onRedo applies again the last undone edit.
func (mw *mainWindow) onRedo() {
	if mw.forwardToEntry(&fyne.ShortcutRedo{}) {
		return
	}
	if !mw.inspector.flushNote() {
		return
	}
	label, chs, err := mw.sess.Redo(mw.ctx)
	switch {
	case err != nil:
		mw.showError(lang.L("Redoing the {{.Edit}}", fields{"Edit": editName(label)}), err)
	case chs == nil && label == "":
		mw.say(lang.L("Nothing to redo"))
	default:
		mw.say(lang.L("Redone: {{.Edit}}", fields{"Edit": editName(label)}))
	}
	mw.refreshUndoMenu()
}

// forwardToEntry gives an undo or redo shortcut to the focused text entry, if any: there it
// means the entry's own text undo.
func (mw *mainWindow) forwardToEntry(s fyne.Shortcut) bool {
	switch f := mw.win.Canvas().Focused().(type) {
	case *widget.Entry:
		f.TypedShortcut(s)
		return true
	case *noteEntry:
		f.TypedShortcut(s)
		return true
	case *fieldEntry:
		f.TypedShortcut(s)
		return true
	case *escEntry:
		f.TypedShortcut(s)
		return true
	}
	return false
}

// refreshUndoMenu names the edits that Undo and Redo would apply.
func (mw *mainWindow) refreshUndoMenu() {
	if mw.undoItem == nil {
		return
	}
	if label, ok := mw.sess.CanUndo(); ok {
		mw.undoItem.Label = lang.L("Undo {{.Edit}}", fields{"Edit": editName(label)})
		mw.undoItem.Disabled = false
	} else {
		mw.undoItem.Label = lang.L("Undo")
		mw.undoItem.Disabled = true
	}
	if label, ok := mw.sess.CanRedo(); ok {
		mw.redoItem.Label = lang.L("Redo {{.Edit}}", fields{"Edit": editName(label)})
		mw.redoItem.Disabled = false
	} else {
		mw.redoItem.Label = lang.L("Redo")

		mw.redoItem.Disabled = true
	}
	if mw.mainMenu != nil {
		mw.mainMenu.Refresh()
	}
}

// clip shortens s to n runes on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// plural is the count with its noun, singular for one: "1 claim", "2 claims", "0 claims".
// Every count shown in this package goes through it (nouns with a regular plural).
func plural(n int, noun string) string { return uikit.Plural(n, noun) }

// pluralVerb is the count with the verb agreeing: "1 was", "3 were".
func pluralVerb(n int, one, many string) string { return uikit.Count(n, one, many) }
