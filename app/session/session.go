// Package session is the editing session of the desktop app, without any widget: it owns
// the database handle, the reviewer every change is recorded for, and undo/redo. Each write
// returns what it changed (the claim before and after, its ratings, its article's counts)
// and hands the same change to every subscriber, so that the screens update from the change
// instead of querying the database again.
package session

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"factdesk/annotate"
	"factdesk/storage"
)

// Store is what the session asks of the database: *storage.DB implements it. Tests wrap it
// to count the round trips of an action.
type Store interface {
	Claim(ctx context.Context, id string) (annotate.Claim, error)
	AddClaim(ctx context.Context, articleID string, a annotate.Anchor, v annotate.Verdict, note string) (annotate.Claim, error)
	SetVerdict(ctx context.Context, id string, v annotate.Verdict) (annotate.Claim, error)
	SetNote(ctx context.Context, id, note string) (annotate.Claim, error)
	DeleteClaim(ctx context.Context, id string) error
	RestoreClaim(ctx context.Context, id string) error
	UndoRating(ctx context.Context, claimID string, prev *annotate.Verdict) (annotate.Claim, error)
	SettleClaim(ctx context.Context, claimID string, v annotate.Verdict) (annotate.Claim, error)
	Links(ctx context.Context, claimID string) ([]annotate.Link, error)
	AddSource(ctx context.Context, claimID string, s annotate.Source, rel annotate.Relation) (annotate.Link, error)
	LinkSource(ctx context.Context, claimID, sourceID string, rel annotate.Relation) (annotate.Link, error)
	LinkClaims(ctx context.Context, claimID, otherID string, rel annotate.Relation) (annotate.Link, error)
	DeleteLink(ctx context.Context, id string) error
	History(ctx context.Context, rowID string, limit int) ([]annotate.HistoryEntry, error)
	SetReviewer(ctx context.Context, name string) (annotate.Reviewer, error)
	LastChange(ctx context.Context) (int64, error)
	ReadOnly() bool

	Article(ctx context.Context, id string) (annotate.Article, error)
	EditArticle(ctx context.Context, id string, e storage.ArticleEdit) error
	ArticleClaimCount(ctx context.Context, id string) (int, error)
	RemoveArticle(ctx context.Context, id string) (claims int, err error)
	RestoreArticle(ctx context.Context, id string) error
}

// Kind says what a change did.
type Kind int

const (
	// ClaimAdded: a claim was made (or came back, by undo or redo). After is the claim.
	ClaimAdded Kind = iota
	// ClaimChanged: a claim's ratings, desk verdict or note changed. Before and After are the
	// claim, each with its ratings.
	ClaimChanged
	// ClaimRemoved: a claim was deleted. Before is the claim as it was.
	ClaimRemoved
	// LinksChanged: a link of Claim (to a source or another claim) was made or removed.
	LinksChanged
	// ArticleChanged: an article's record (title, outlet, URL, date, language) changed.
	// ArticleBefore and Article are the record before and after (without text).
	ArticleChanged
	// ArticleRemoved: an article was removed with its claims (Claims of them).
	ArticleRemoved
	// ArticleRestored: a removed article came back with the claims removed with it.
	ArticleRestored
)

// Change is what one write changed, as the screens need it to update without reading again.
type Change struct {
	Kind      Kind
	ArticleID string
	// Before is the claim before the change (zero for ClaimAdded); After is the claim after
	// it (zero for ClaimRemoved). Each carries its ratings and contested state.
	Before, After annotate.Claim
	// Link is the link made or removed (LinksChanged), with ClaimID the claim it belongs to.
	Link annotate.Link
	// Undo tells that the change is the undo or redo of an earlier edit.
	Undo bool
	// ArticleBefore and Article are an article's record before and after the change (article
	// changes), without its text.
	ArticleBefore, Article annotate.Article
	// Claims is how many claims went with a removed article.
	Claims int
}

// ClaimID is the id of the claim the change is about.
func (c Change) ClaimID() string {
	switch {
	case c.After.ID != "":
		return c.After.ID
	case c.Before.ID != "":
		return c.Before.ID
	}
	return c.Link.ClaimID
}

// Counts applies the change to the verdict counts of its article: one claim more, less, or
// moved from one verdict (or contested) to another.
func (c Change) Counts(in annotate.VerdictCounts) annotate.VerdictCounts {
	sub := func(cl annotate.Claim) {
		switch {
		case cl.Contested:
			in.Contested--
		case cl.Verdict == annotate.Confirmed:
			in.Confirmed--
		case cl.Verdict == annotate.Disputed:
			in.Disputed--
		default:
			in.Unverified--
		}
	}
	switch c.Kind {
	case ClaimAdded:
		in.AddClaim(c.After)
	case ClaimRemoved:
		sub(c.Before)
	case ClaimChanged:
		sub(c.Before)
		in.AddClaim(c.After)
	}
	return in
}

// myRating is the reviewer's rating of c, nil when they have none.
func myRating(c annotate.Claim, reviewer string) *annotate.Verdict {
	for _, r := range c.Ratings {
		if r.Reviewer == reviewer {
			v := r.Verdict
			return &v
		}
	}
	return nil
}

// Session is one person's editing of one database. Its methods are called from the UI
// goroutine; subscribers are called on the caller's goroutine, after the write.
type Session struct {
	db         Store
	reviewer   string
	undo       *undoStack
	subs       []subscriber
	nextSub    int
	lastChange atomic.Int64
	mu         sync.Mutex // guards subs
}

// New starts a session on db, with no reviewer yet.
func New(db Store) *Session {
	return &Session{db: db, undo: newUndoStack()}
}

// Store is the database the session writes to.
func (s *Session) Store() Store { return s.db }

// Reset moves the session to another database: the undo history is forgotten (its ids mean
// nothing there); the reviewer stays and must be set again with SetReviewer.
func (s *Session) Reset(db Store) {
	s.db = db
	s.undo.clear()
}

// subscriber is a function Subscribe was given, with the number that lets it stop.
type subscriber struct {
	id int
	fn func(Change)
}

// Subscribe calls fn with every change the session makes, in order, subscribers in the order
// they subscribed; the function it returns stops that (a screen built again, say).
func (s *Session) Subscribe(fn func(Change)) (stop func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextSub++
	id := s.nextSub
	s.subs = append(s.subs, subscriber{id: id, fn: fn})
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.subs = slices.DeleteFunc(s.subs, func(sub subscriber) bool { return sub.id == id })
	}
}

func (s *Session) notify(chs ...Change) {
	s.mu.Lock()
	subs := slices.Clone(s.subs)
	s.mu.Unlock()
	for _, ch := range chs {
		for _, sub := range subs {
			sub.fn(ch)
		}
	}
}

// Reviewer is the name every change is recorded for, "" until set.
func (s *Session) Reviewer() string { return s.reviewer }

// SetReviewer records name as the reviewer of every following change.
func (s *Session) SetReviewer(ctx context.Context, name string) error {
	r, err := s.db.SetReviewer(ctx, name)
	if err != nil {
		return err
	}
	s.reviewer = r.Name
	return nil
}

// LastChange is the database's change counter as it was after the session's last write:
// a poller that sees a larger one knows another process wrote.
func (s *Session) LastChange() int64 { return s.lastChange.Load() }

// SetLastChange records the change counter the screens have caught up with (after a reload).
func (s *Session) SetLastChange(n int64) { s.lastChange.Store(n) }

func (s *Session) afterWrite(ctx context.Context) {
	if n, err := s.db.LastChange(ctx); err == nil {
		s.lastChange.Store(n)
	}
}

// needReviewer refuses a change while no reviewer is set (storage refuses changes to a
// read-only database itself); the window words the remedy from the code.
func (s *Session) needReviewer() error {
	if s.reviewer == "" {
		return &storage.Error{Kind: storage.KindUsage, Code: storage.CodeNoReviewer, Msg: "no reviewer is set: every change records who made it"}
	}
	return nil
}

// Resolve follows re-creations of a row by undo or redo to its current id.
func (s *Session) Resolve(id string) string { return s.undo.resolve(id) }

// CanUndo names the edit Undo would revert ("verdict change"), false when there is none.
func (s *Session) CanUndo() (string, bool) {
	e, ok := s.undo.peekUndo()
	return e.label(), ok
}

// CanRedo names the edit Redo would apply again, false when there is none.
func (s *Session) CanRedo() (string, bool) {
	e, ok := s.undo.peekRedo()
	return e.label(), ok
}

// UndoSteps is how many edits Undo can revert.
func (s *Session) UndoSteps() int { return len(s.undo.done) }

// NewClaim makes runes of anchor a of article articleID a new, unverified claim.
func (s *Session) NewClaim(ctx context.Context, articleID string, a annotate.Anchor) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	c, err := s.db.AddClaim(ctx, articleID, a, annotate.Unverified, "")
	if err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editCreateClaim, claim: c})
	ch := Change{Kind: ClaimAdded, ArticleID: c.ArticleID, After: c}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// SetVerdict records v as the reviewer's rating of claim id, beside the other reviewers'
// ratings; the claim's verdict follows from all of them (or is contested). Giving the rating
// one already has changes nothing to undo. Undo gives back the rating the reviewer had before,
// or withdraws theirs when they had none: no rating is left that they did not give.
func (s *Session) SetVerdict(ctx context.Context, id string, v annotate.Verdict) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	old, err := s.db.Claim(ctx, id)
	if err != nil {
		return Change{}, err
	}
	c, err := s.db.SetVerdict(ctx, id, v)
	if err != nil {
		return Change{}, err
	}
	if prev := myRating(old, s.reviewer); prev == nil || *prev != v {
		s.undo.push(edit{kind: editVerdict, claim: c, prev: prev, new: string(v)})
	}
	ch := Change{Kind: ClaimChanged, ArticleID: c.ArticleID, Before: old, After: c}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// Settle decides the verdict of claim id for the desk (a contested claim is no longer
// contested); the ratings stay as the reviewers gave them. A later rating that differs
// opens it again. A settlement is a decision recorded in the history, not undone by Undo:
// settle again to change it.
func (s *Session) Settle(ctx context.Context, id string, v annotate.Verdict) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	old, err := s.db.Claim(ctx, id)
	if err != nil {
		return Change{}, err
	}
	c, err := s.db.SettleClaim(ctx, id, v)
	if err != nil {
		return Change{}, err
	}
	ch := Change{Kind: ClaimChanged, ArticleID: c.ArticleID, Before: old, After: c}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// SetNote stores note as claim id's note; old is the note as it was when the person started
// typing (successive saves close together are one undo step).
func (s *Session) SetNote(ctx context.Context, id, old, note string) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	c, err := s.db.SetNote(ctx, id, note)
	if err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editNote, claim: c, old: old, new: note})
	before := c
	before.Note = old
	ch := Change{Kind: ClaimChanged, ArticleID: c.ArticleID, Before: before, After: c}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// DeleteClaim deletes claim id with its links; undo brings both back.
func (s *Session) DeleteClaim(ctx context.Context, id string) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	c, err := s.db.Claim(ctx, id)
	if err != nil {
		return Change{}, err
	}
	links, err := s.db.Links(ctx, id)
	if err != nil {
		return Change{}, err
	}
	if err := s.db.DeleteClaim(ctx, id); err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editDeleteClaim, claim: c, links: links})
	ch := Change{Kind: ClaimRemoved, ArticleID: c.ArticleID, Before: c}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// AddSource stores source src for claim claimID with relation rel.
func (s *Session) AddSource(ctx context.Context, claimID string, src annotate.Source, rel annotate.Relation) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	l, err := s.db.AddSource(ctx, claimID, src, rel)
	if err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editLink, link: l})
	ch := Change{Kind: LinksChanged, Link: l}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// LinkClaims links claim a to claim b with rel. existed is true when they were already
// linked so: nothing changed and nothing is announced.
func (s *Session) LinkClaims(ctx context.Context, a, b string, rel annotate.Relation) (l annotate.Link, existed bool, err error) {
	if err := s.needReviewer(); err != nil {
		return annotate.Link{}, false, err
	}
	links, err := s.db.Links(ctx, a)
	if err != nil {
		return annotate.Link{}, false, err
	}
	l, err = s.db.LinkClaims(ctx, a, b, rel)
	if err != nil {
		return l, false, err
	}
	for _, e := range links {
		if e.ID == l.ID {
			return l, true, nil
		}
	}
	s.undo.push(edit{kind: editLink, link: l})
	s.afterWrite(ctx)
	s.notify(Change{Kind: LinksChanged, Link: l})
	return l, false, nil
}

// Unlink removes link l.
func (s *Session) Unlink(ctx context.Context, l annotate.Link) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	if err := s.db.DeleteLink(ctx, l.ID); err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editUnlink, link: l})
	ch := Change{Kind: LinksChanged, Link: l}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// Undo reverts the last edit, as new changes recorded in the history like any other. It
// returns the label of the edit and the changes made.
func (s *Session) Undo(ctx context.Context) (string, []Change, error) {
	e, ok := s.undo.peekUndo()
	if !ok {
		return "", nil, nil
	}
	chs, err := s.apply(ctx, e, true)
	if err == nil {
		s.undo.undid()
	}
	return e.label(), chs, err
}

// Redo applies again the last undone edit.
func (s *Session) Redo(ctx context.Context) (string, []Change, error) {
	e, ok := s.undo.peekRedo()
	if !ok {
		return "", nil, nil
	}
	chs, err := s.apply(ctx, e, false)
	if err == nil {
		s.undo.redid()
	}
	return e.label(), chs, err
}

// apply reverts (undo) or re-applies (redo) e, and announces what changed, also when it
// stopped half way (the part done is in the database).
func (s *Session) apply(ctx context.Context, e edit, undo bool) ([]Change, error) {
	if err := s.needReviewer(); err != nil {
		return nil, err
	}
	u := s.undo
	var chs []Change
	defer func() {
		s.afterWrite(ctx)
		s.notify(chs...)
	}()
	relink := func(l annotate.Link) error {
		var nl annotate.Link
		var err error
		if l.SourceID != "" {
			nl, err = s.db.LinkSource(ctx, u.resolve(l.ClaimID), l.SourceID, l.Relation)
		} else {
			nl, err = s.db.LinkClaims(ctx, u.resolve(l.ClaimID), u.resolve(l.TargetClaimID), l.Relation)
		}
		if err != nil {
			return err
		}
		u.remap(l.ID, nl.ID)
		chs = append(chs, Change{Kind: LinksChanged, Link: nl, Undo: true})
		return nil
	}
	switch {
	case e.kind == editCreateClaim && undo, e.kind == editDeleteClaim && !undo:
		id := e.claim.ID
		before, err := s.db.Claim(ctx, id)
		if err != nil {
			return chs, err
		}
		if err := s.db.DeleteClaim(ctx, id); err != nil {
			return chs, err
		}
		chs = append(chs, Change{Kind: ClaimRemoved, ArticleID: before.ArticleID, Before: before, Undo: true})
	case e.kind == editCreateClaim && !undo, e.kind == editDeleteClaim && undo:
		// The same claim comes back: same id, same history (with a "restored" entry), with
		// the links deleted with it.
		if err := s.db.RestoreClaim(ctx, e.claim.ID); err != nil {
			return chs, err
		}
		c, err := s.db.Claim(ctx, e.claim.ID)
		if err != nil {
			return chs, err
		}
		chs = append(chs, Change{Kind: ClaimAdded, ArticleID: c.ArticleID, After: c, Undo: true})
		if e.kind == editDeleteClaim && len(e.links) > 0 {
			chs = append(chs, Change{Kind: LinksChanged, Link: e.links[0], Undo: true})
		}
	case e.kind == editVerdict:
		id := e.claim.ID
		before, err := s.db.Claim(ctx, id)
		if err != nil {
			return chs, err
		}
		var c annotate.Claim
		if undo {
			c, err = s.db.UndoRating(ctx, id, e.prev)
		} else {
			c, err = s.db.SetVerdict(ctx, id, annotate.Verdict(e.new))
		}
		if err != nil {
			return chs, err
		}
		chs = append(chs, Change{Kind: ClaimChanged, ArticleID: c.ArticleID, Before: before, After: c, Undo: true})
	case e.kind == editNote:
		n := e.new
		if undo {
			n = e.old
		}
		c, err := s.db.SetNote(ctx, e.claim.ID, n)
		if err != nil {
			return chs, err
		}
		before := c
		before.Note = e.new
		if !undo {
			before.Note = e.old
		}
		chs = append(chs, Change{Kind: ClaimChanged, ArticleID: c.ArticleID, Before: before, After: c, Undo: true})
	case e.kind == editLink && undo, e.kind == editUnlink && !undo:
		l := e.link
		l.ID, l.ClaimID = u.resolve(l.ID), u.resolve(l.ClaimID)
		if err := s.db.DeleteLink(ctx, l.ID); err != nil {
			return chs, err
		}
		chs = append(chs, Change{Kind: LinksChanged, Link: l, Undo: true})
	case e.kind == editLink && !undo, e.kind == editUnlink && undo:
		if err := relink(e.link); err != nil {
			return chs, err
		}
	case e.kind == editArticle:
		from, to := e.articleAfter, e.article
		if !undo {
			from, to = e.article, e.articleAfter
		}
		ch, err := s.editArticle(ctx, from.ID, editOf(to, e.fields))
		if err != nil {
			return chs, err
		}
		ch.Undo = true
		chs = append(chs, ch)
	case e.kind == editRemoveArticle && undo:
		if err := s.db.RestoreArticle(ctx, e.article.ID); err != nil {
			return chs, err
		}
		a, err := s.db.Article(ctx, e.article.ID)
		if err != nil {
			return chs, err
		}
		a.Text = ""
		chs = append(chs, Change{Kind: ArticleRestored, ArticleID: a.ID, Article: a, Undo: true})
	case e.kind == editRemoveArticle && !undo:
		n, err := s.db.RemoveArticle(ctx, e.article.ID)
		if err != nil {
			return chs, err
		}
		chs = append(chs, Change{Kind: ArticleRemoved, ArticleID: e.article.ID, ArticleBefore: e.article, Claims: n, Undo: true})
	}
	return chs, nil
}
