package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ArticleEdit is a change of an article's record: each non-nil field is set (an empty string
// clears it). The article's text never changes.
type ArticleEdit struct {
	Title, Outlet, URL *string
	// Published is a date, YYYY-MM-DD (or "" to clear it).
	Published *string
	// Language is a language code such as "fr" or "en" (or "" to clear it).
	Language *string
}

// Empty reports whether the edit changes no field.
func (e ArticleEdit) Empty() bool {
	return e.Title == nil && e.Outlet == nil && e.URL == nil && e.Published == nil && e.Language == nil
}

// check cleans the edit's values and refuses bad ones with what to give instead.
func (e ArticleEdit) check() (map[string]string, error) {
	out := map[string]string{}
	set := func(field string, v *string, fix func(string) (string, error)) error {
		if v == nil {
			return nil
		}
		s := strings.TrimSpace(*v)
		if s != "" && fix != nil {
			var err error
			if s, err = fix(s); err != nil {
				return &Error{Kind: KindUsage, Msg: err.Error(), Err: err}
			}
		}
		out[field] = s
		return nil
	}
	for _, err := range []error{
		set("title", e.Title, nil),
		set("outlet", e.Outlet, nil),
		set("url", e.URL, func(s string) (string, error) {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return "", fmt.Errorf("the URL %q is not a web address: give one like https://example.org/article", s)
			}
			return s, nil
		}),
		set("published", e.Published, func(s string) (string, error) {
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				return "", fmt.Errorf("the published date %q is not a date: give it as YYYY-MM-DD, for example 2024-03-15", s)
			}
			return t.Format("2006-01-02"), nil
		}),
		set("language", e.Language, func(s string) (string, error) {
			s = strings.ToLower(s)
			if len(s) < 2 || len(s) > 8 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz-") != "" {
				return "", fmt.Errorf("the language %q is not a language code: give one like fr, en or pt-br", s)
			}
			return s, nil
		}),
	} {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EditArticle changes an article's title, outlet, URL, published date or language, each
// changed field with its own history entry. A field set to its current value records nothing.
// These are low-stakes fields: a merge takes the later change when both reviewers changed one
// (logged). The text never changes.
func (db *DB) EditArticle(ctx context.Context, id string, e ArticleEdit) error {
	if err := db.needReviewer(); err != nil {
		return err
	}
	vals, err := e.check()
	if err != nil {
		return err
	}
	if len(vals) == 0 {
		return &Error{Kind: KindUsage, Msg: "nothing to change: give a title, outlet, URL, published date or language"}
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		a, err := articleRow(ctx, tx, id, false)
		if err != nil {
			return err
		}
		cur := map[string]string{"title": a.Title, "outlet": a.Outlet, "url": a.URL, "published": a.Published, "language": a.Language}
		at := db.stamp()
		for _, f := range []string{"title", "outlet", "url", "published", "language"} {
			v, ok := vals[f]
			if !ok || v == cur[f] {
				continue
			}
			if f == "title" {
				if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rowid, title, text) SELECT 'delete', seq, title, text FROM articles WHERE id = ?`, id); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET `+f+` = ?, updated_at = ?, updated_by = ? WHERE id = ?`, v, at, db.reviewer, id); err != nil {
				return err
			}
			if f == "title" {
				if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(rowid, title, text) SELECT seq, title, text FROM articles WHERE id = ?`, id); err != nil {
					return err
				}
			}
			old := cur[f]
			if err := db.logChange(ctx, tx, at, "articles", id, f, &old, &v); err != nil {
				return err
			}
		}
		return nil
	})
}

// ArticleClaimCount is the number of live claims of an article: what goes with it when it is
// removed (ask before RemoveArticle).
func (db *DB) ArticleClaimCount(ctx context.Context, id string) (int, error) {
	if _, err := articleRow(ctx, db.read, id, false); err != nil {
		return 0, classify(err, db.path)
	}
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE article_id = ? AND deleted_at IS NULL`, id).Scan(&n)
	return n, classify(err, db.path)
}

// RemoveArticle removes an article with its claims and their links: tombstones (one moment
// for all), so a merge never brings them back and RestoreArticle can. It returns how many
// claims went with it.
func (db *DB) RemoveArticle(ctx context.Context, id string) (claims int, err error) {
	if err := db.needReviewer(); err != nil {
		return 0, err
	}
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := articleRow(ctx, tx, id, false); err != nil {
			return err
		}
		at := db.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			at, db.reviewer, at, db.reviewer, id); err != nil {
			return err
		}
		if err := db.logChange(ctx, tx, at, "articles", id, "delete", nil, ptr(at)); err != nil {
			return err
		}
		ids, err := liveIDs(ctx, tx, `SELECT id FROM claims WHERE article_id = ? AND deleted_at IS NULL`, id)
		if err != nil {
			return err
		}
		for _, c := range ids {
			if err := db.deleteClaimAtTx(ctx, tx, c, at); err != nil {
				return err
			}
		}
		claims = len(ids)
		return nil
	})
	return claims, err
}

// RestoreArticle brings back a removed article with the claims (and links) removed with it,
// each with a "restored" entry; claims deleted before the article stay deleted. It is an edit
// later than the removal (see RestoreClaim for how it meets the other side in a merge).
func (db *DB) RestoreArticle(ctx context.Context, id string) error {
	if err := db.needReviewer(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		var deleted sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT deleted_at FROM articles WHERE id = ?`, id).Scan(&deleted)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("article", id)
		}
		if err != nil {
			return err
		}
		if !deleted.Valid {
			return &Error{Kind: KindUsage, Msg: fmt.Sprintf("article %s is not removed: there is nothing to restore", shortRef(id))}
		}
		at := db.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`, at, db.reviewer, id); err != nil {
			return err
		}
		if err := db.logChange(ctx, tx, at, "articles", id, "deleted_at", ptr(deleted.String), nil); err != nil {
			return err
		}
		ids, err := liveIDs(ctx, tx, `SELECT id FROM claims WHERE article_id = ? AND deleted_at = ?`, id, deleted.String)
		if err != nil {
			return err
		}
		for _, c := range ids {
			if err := db.restoreClaimTx(ctx, tx, c, deleted.String, at); err != nil {
				return err
			}
		}
		_, err = db.unifySpansTx(ctx, tx, at)
		return err
	})
}
