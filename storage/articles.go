package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"factdesk/annotate"
	"factdesk/corpus"
)

// ImportResult tells what became of one imported article.
type ImportResult struct {
	Article  annotate.Article // without Text
	Existing bool             // the same text was already in the database
}

// ImportArticle stores one article; the same text twice is one article.
func (db *DB) ImportArticle(ctx context.Context, a corpus.Article) (ImportResult, error) {
	res, err := db.ImportArticles(ctx, []corpus.Article{a})
	if err != nil {
		return ImportResult{}, err
	}
	return res[0], nil
}

// ImportArticles stores articles in one transaction, indexing them for search and for
// counterparts. Articles whose text is already stored are reported as Existing and not stored
// again.
func (db *DB) ImportArticles(ctx context.Context, arts []corpus.Article) ([]ImportResult, error) {
	prep := make([]PreparedArticle, len(arts))
	for i, a := range arts {
		prep[i] = PreparedArticle{Article: a}
	}
	return db.ImportPrepared(ctx, prep)
}

// PreparedArticle is an article ready to store, with its counterpart index computed before
// the transaction (PrepareArticle).
type PreparedArticle struct {
	corpus.Article
	Counterparts *CounterpartKeys // nil: computed while storing
}

// PrepareArticle computes what storing a parsed article needs besides the article (its
// counterpart index): an import calls it on every core, in its parse stage.
func PrepareArticle(a corpus.Article) PreparedArticle {
	return PreparedArticle{Article: a, Counterparts: PrepareCounterparts(a.Text, a.Language)}
}

// ImportPrepared is ImportArticles for prepared articles.
func (db *DB) ImportPrepared(ctx context.Context, arts []PreparedArticle) ([]ImportResult, error) {
	if err := db.needReviewer(); err != nil {
		return nil, err
	}
	out := make([]ImportResult, 0, len(arts))
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		var by string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM reviewers WHERE id = ?`, db.reviewer).Scan(&by); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO articles(id, sha256, title, outlet, byline, url, language, published, origin, format, text, removed,
			imported_at, imported_by, created_at, created_by, updated_at, updated_by,
			pages, ocr, notes, source_sha256, fetched_at, raw, raw_type) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		fts, err := tx.PrepareContext(ctx, `INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)`)
		if err != nil {
			return err
		}
		defer fts.Close()
		exec, closeAll := txExec(ctx, tx)
		defer closeAll()
		cw := newPostingWriter(exec)
		for _, p := range arts {
			a := p.Article
			if err := ctx.Err(); err != nil {
				return err
			}
			if strings.TrimSpace(a.Text) == "" {
				return &Error{Kind: KindUsage, Msg: "article " + a.Origin + " has no text to import"}
			}
			hash := a.Hash()
			var id, deleted sql.NullString
			err := tx.QueryRowContext(ctx, `SELECT id, deleted_at FROM articles WHERE sha256 = ?`, hash).Scan(&id, &deleted)
			switch {
			case err == nil:
				if deleted.Valid { // imported again after a delete: bring it back
					at := db.stamp()
					if _, err := tx.ExecContext(ctx, `UPDATE articles SET deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`, at, db.reviewer, id.String); err != nil {
						return err
					}
					if err := db.logChange(ctx, tx, at, "articles", id.String, "deleted_at", ptr(deleted.String), nil); err != nil {
						return err
					}
				}
				art, err := articleRow(ctx, tx, id.String, false)
				if err != nil {
					return err
				}
				out = append(out, ImportResult{Article: art, Existing: true})
				continue
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			newid, at := newID(), db.stamp()
			removed := strings.Join(a.Removed, "\n")
			ev, err := evidenceOf(a)
			if err != nil {
				return err
			}
			r, err := ins.ExecContext(ctx, newid, hash, a.Title, a.Outlet, a.Byline, a.URL, a.Language, a.Published, a.Origin, a.Format, a.Text, removed,
				at, db.reviewer, at, db.reviewer, at, db.reviewer,
				ev.pages, a.OCR, strings.Join(a.Notes, "\n"), a.SourceSHA256, ev.fetchedAt, ev.raw, a.RawType)
			if err != nil {
				return err
			}
			seq, err := r.LastInsertId()
			if err != nil {
				return err
			}
			if _, err := fts.ExecContext(ctx, seq, a.Title, a.Text); err != nil {
				return err
			}
			if p.Counterparts == nil {
				p.Counterparts = PrepareCounterparts(a.Text, a.Language)
			}
			if err := cw.add(seq, p.Counterparts); err != nil {
				return err
			}
			if err := db.logCreate(ctx, tx, at, "articles", newid, map[string]any{
				"sha256": hash, "title": a.Title, "outlet": a.Outlet, "url": a.URL, "language": a.Language, "origin": a.Origin,
				"byline": a.Byline, "published": a.Published, "format": a.Format,
			}); err != nil {
				return err
			}
			out = append(out, ImportResult{Article: annotate.Article{ID: newid, Article: withoutText(a), SHA256: hash, ImportedAt: parseTime(at), ImportedBy: by}})
		}
		return cw.flush()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func withoutText(a corpus.Article) corpus.Article {
	a.Text = ""
	return a
}

const articleCols = `a.id, a.sha256, a.title, a.outlet, a.byline, a.url, a.language, a.published, a.origin, a.format, a.removed,
	a.imported_at, coalesce(r.name, ''), a.pages, a.ocr, a.notes, a.source_sha256, a.fetched_at, a.raw_type`

func scanArticle(sc interface{ Scan(...any) error }, extra ...any) (annotate.Article, error) {
	var a annotate.Article
	var removed, at, pages, notes, fetched string
	dest := append([]any{&a.ID, &a.SHA256, &a.Title, &a.Outlet, &a.Byline, &a.URL, &a.Language, &a.Published, &a.Origin, &a.Format, &removed, &at, &a.ImportedBy,
		&pages, &a.OCR, &notes, &a.SourceSHA256, &fetched, &a.RawType}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return a, err
	}
	if removed != "" {
		a.Removed = strings.Split(removed, "\n")
	}
	if notes != "" {
		a.Notes = strings.Split(notes, "\n")
	}
	if pages != "" {
		// Written by evidenceOf; a damaged value reads as no pages rather than failing the article.
		_ = json.Unmarshal([]byte(pages), &a.Pages)
	}
	if fetched != "" {
		a.FetchedAt = parseTime(fetched)
	}
	a.ImportedAt = parseTime(at)
	return a, nil
}

func articleRow(ctx context.Context, q queryer, id string, withText bool) (annotate.Article, error) {
	textCol := "''"
	if withText {
		textCol = "a.text"
	}
	var text string
	a, err := scanArticle(q.QueryRowContext(ctx, `SELECT `+articleCols+`, `+textCol+` FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by
		WHERE a.id = ? AND a.deleted_at IS NULL`, id), &text)
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound("article", id)
	}
	a.Text = text
	return a, err
}

// Article returns one article with its text and claim counts.
func (db *DB) Article(ctx context.Context, id string) (annotate.Article, error) {
	a, err := articleRow(ctx, db.read, id, true)
	if err != nil {
		return a, classify(err, db.path)
	}
	err = db.read.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE verdict = 'confirmed'), count(*) FILTER (WHERE verdict = 'disputed'),
		count(*) FILTER (WHERE verdict = 'unverified' AND contested = 0), count(*) FILTER (WHERE contested = 1)
		FROM claims WHERE article_id = ? AND deleted_at IS NULL`, id).
		Scan(&a.Counts.Confirmed, &a.Counts.Disputed, &a.Counts.Unverified, &a.Counts.Contested)
	return a, classify(err, db.path)
}

// Articles lists the live articles without their text, with claim counts by verdict, in
// import order.
func (db *DB) Articles(ctx context.Context) ([]annotate.Article, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+articleCols+`,
		coalesce(c.confirmed, 0), coalesce(c.disputed, 0), coalesce(c.unverified, 0), coalesce(c.contested, 0)
		FROM articles a LEFT JOIN reviewers r ON r.id = a.imported_by
		LEFT JOIN (SELECT article_id, count(*) FILTER (WHERE verdict = 'confirmed') AS confirmed,
			count(*) FILTER (WHERE verdict = 'disputed') AS disputed, count(*) FILTER (WHERE verdict = 'unverified' AND contested = 0) AS unverified,
			count(*) FILTER (WHERE contested = 1) AS contested
			FROM claims WHERE deleted_at IS NULL GROUP BY article_id) c ON c.article_id = a.id
		WHERE a.deleted_at IS NULL ORDER BY a.seq`)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	var out []annotate.Article
	for rows.Next() {
		var a annotate.Article
		var c annotate.VerdictCounts
		a, err := scanArticle(rows, &c.Confirmed, &c.Disputed, &c.Unverified, &c.Contested)
		if err != nil {
			return nil, err
		}
		a.Counts = c
		out = append(out, a)
	}
	return out, classify(rows.Err(), db.path)
}

// DeleteArticle tombstones an article and its claims.
func (db *DB) DeleteArticle(ctx context.Context, id string) error {
	if err := db.needReviewer(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		at := db.stamp()
		r, err := tx.ExecContext(ctx, `UPDATE articles SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NULL`,
			at, db.reviewer, at, db.reviewer, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return notFound("article", id)
		}
		if err := db.logChange(ctx, tx, at, "articles", id, "delete", nil, ptr(at)); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM claims WHERE article_id = ? AND deleted_at IS NULL`, id)
		if err != nil {
			return err
		}
		var claims []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			claims = append(claims, c)
		}
		rows.Close()
		for _, c := range claims {
			if err := db.deleteClaimTx(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	})
}
