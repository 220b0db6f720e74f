package session

import (
	"context"

	"factdesk/annotate"
	"factdesk/storage"
)

// editOf is the edit that sets the record fields named in fields to a's values.
func editOf(a annotate.Article, fields map[string]bool) storage.ArticleEdit {
	var e storage.ArticleEdit
	val := func(s string) *string { return &s }
	if fields["title"] {
		e.Title = val(a.Title)
	}
	if fields["outlet"] {
		e.Outlet = val(a.Outlet)
	}
	if fields["url"] {
		e.URL = val(a.URL)
	}
	if fields["published"] {
		e.Published = val(a.Published)
	}
	if fields["language"] {
		e.Language = val(a.Language)
	}
	return e
}

// fieldsOf names the fields an edit sets.
func fieldsOf(e storage.ArticleEdit) map[string]bool {
	return map[string]bool{"title": e.Title != nil, "outlet": e.Outlet != nil, "url": e.URL != nil,
		"published": e.Published != nil, "language": e.Language != nil}
}

// record is article id's record, without its text.
func (s *Session) record(ctx context.Context, id string) (annotate.Article, error) {
	a, err := s.db.Article(ctx, id)
	a.Text = ""
	return a, err
}

// editArticle applies e to article id and returns the change, without an undo step.
func (s *Session) editArticle(ctx context.Context, id string, e storage.ArticleEdit) (Change, error) {
	before, err := s.record(ctx, id)
	if err != nil {
		return Change{}, err
	}
	if err := s.db.EditArticle(ctx, id, e); err != nil {
		return Change{}, err
	}
	after, err := s.record(ctx, id)
	if err != nil {
		return Change{}, err
	}
	return Change{Kind: ArticleChanged, ArticleID: id, ArticleBefore: before, Article: after}, nil
}

// EditArticle changes the record of article id (title, outlet, URL, published date,
// language; never its text), each changed field with its history entry. Undo sets back the
// fields it changed.
func (s *Session) EditArticle(ctx context.Context, id string, e storage.ArticleEdit) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	ch, err := s.editArticle(ctx, id, e)
	if err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editArticle, article: ch.ArticleBefore, articleAfter: ch.Article, fields: fieldsOf(e)})
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}

// ClaimsOfArticle is how many live claims would go with article id if it were removed.
func (s *Session) ClaimsOfArticle(ctx context.Context, id string) (int, error) {
	return s.db.ArticleClaimCount(ctx, id)
}

// RemoveArticle removes article id with its claims and their links (tombstones: a merge
// never brings them back); undo restores them all.
func (s *Session) RemoveArticle(ctx context.Context, id string) (Change, error) {
	if err := s.needReviewer(); err != nil {
		return Change{}, err
	}
	a, err := s.record(ctx, id)
	if err != nil {
		return Change{}, err
	}
	n, err := s.db.RemoveArticle(ctx, id)
	if err != nil {
		return Change{}, err
	}
	s.undo.push(edit{kind: editRemoveArticle, article: a})
	ch := Change{Kind: ArticleRemoved, ArticleID: id, ArticleBefore: a, Claims: n}
	s.afterWrite(ctx)
	s.notify(ch)
	return ch, nil
}
