package session

import (
	"time"

	"factdesk/annotate"
)

// editKind is a kind of claim edit that can be undone.
type editKind int

const (
	editCreateClaim   editKind = iota // a claim was made
	editDeleteClaim                   // a claim was deleted (with its links)
	editVerdict                       // a verdict changed
	editNote                          // a note changed
	editLink                          // a link (to a source or another claim) was added
	editUnlink                        // a link was removed
	editArticle                       // an article's record changed
	editRemoveArticle                 // an article was removed with its claims
)

// edit is one undoable change. Undoing or redoing it is itself a new change, recorded in the
// history like any other: nothing is rewritten.
type edit struct {
	kind     editKind
	claim    annotate.Claim    // the claim as it was (create, delete), or whose field changed
	links    []annotate.Link   // delete: the links the claim had, restored by undo
	old, new string            // note; new: the verdict given
	prev     *annotate.Verdict // verdict: the reviewer's rating before, nil when they had none
	link     annotate.Link     // link, unlink
	at       time.Time         // when it was made (note edits close together merge)

	article      annotate.Article // article edits: the record before (removal: the article)
	articleAfter annotate.Article // article edits: the record after
	fields       map[string]bool  // article edits: the fields changed
}

// label names the edit in the Edit menu ("Undo verdict change").
func (e edit) label() string {
	switch e.kind {
	case editCreateClaim:
		return "new claim"
	case editDeleteClaim:
		return "delete claim"
	case editVerdict:
		return "verdict change"
	case editNote:
		return "note change"
	case editLink:
		if e.link.SourceID != "" {
			return "add source"
		}
		return "link claims"
	case editUnlink:
		return "remove link"
	case editArticle:
		return "article details"
	case editRemoveArticle:
		return "remove article"
	}
	return "edit"
}

// noteMergeWindow: successive saves of the same note within this time are one undo step, so
// undo brings back the note as it was before the person started typing.
const noteMergeWindow = 10 * time.Second

// undoStack holds done and undone edits. A claim keeps its id through delete, undo and redo
// (it is restored, not made again); a link removed and made again by undo or redo gets a new
// id, which ids maps from the old one so that later entries still find it.
type undoStack struct {
	done   []edit
	undone []edit
	ids    map[string]string
}

func newUndoStack() *undoStack { return &undoStack{ids: map[string]string{}} }

// push records a new edit and forgets what was undone.
func (s *undoStack) push(e edit) {
	if e.at.IsZero() {
		e.at = time.Now()
	}
	if e.kind == editNote && len(s.done) > 0 {
		top := &s.done[len(s.done)-1]
		if top.kind == editNote && s.resolve(top.claim.ID) == s.resolve(e.claim.ID) && e.at.Sub(top.at) < noteMergeWindow {
			top.new, top.at = e.new, e.at
			s.undone = nil
			return
		}
	}
	s.done = append(s.done, e)
	s.undone = nil
}

// peekUndo returns the edit that Undo would revert.
func (s *undoStack) peekUndo() (edit, bool) {
	if len(s.done) == 0 {
		return edit{}, false
	}
	return s.done[len(s.done)-1], true
}

// peekRedo returns the edit that Redo would apply again.
func (s *undoStack) peekRedo() (edit, bool) {
	if len(s.undone) == 0 {
		return edit{}, false
	}
	return s.undone[len(s.undone)-1], true
}

// undid moves the top edit to the undone list (after it was reverted).
func (s *undoStack) undid() {
	e := s.done[len(s.done)-1]
	s.done = s.done[:len(s.done)-1]
	s.undone = append(s.undone, e)
}

// redid moves the top undone edit back to the done list (after it was applied again).
func (s *undoStack) redid() {
	e := s.undone[len(s.undone)-1]
	s.undone = s.undone[:len(s.undone)-1]
	s.done = append(s.done, e)
}

// remap records that the row now known as resolve(old) was re-created as new.
func (s *undoStack) remap(old, new string) {
	cur := s.resolve(old)
	if cur != new {
		s.ids[cur] = new
	}
}

// resolve follows re-creations to the current id of a row.
func (s *undoStack) resolve(id string) string {
	for range 1000 { // bounded: remaps never form cycles, but be safe
		next, ok := s.ids[id]
		if !ok {
			return id
		}
		id = next
	}
	return id
}

func (s *undoStack) clear() {
	s.done, s.undone = nil, nil
	s.ids = map[string]string{}
}
