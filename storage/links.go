package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"factdesk/annotate"
)

// AddSource stores a source and links it to a claim with relation supports or contradicts.
func (db *DB) AddSource(ctx context.Context, claimID string, s annotate.Source, rel annotate.Relation) (annotate.Link, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Link{}, err
	}
	if rel != annotate.Supports && rel != annotate.Contradicts {
		return annotate.Link{}, &Error{Kind: KindUsage, Msg: fmt.Sprintf("a source supports or contradicts a claim, not %q", rel)}
	}
	s.URL, s.Title = strings.TrimSpace(s.URL), strings.TrimSpace(s.Title)
	if s.URL == "" && s.Title == "" {
		return annotate.Link{}, &Error{Kind: KindUsage, Msg: "a source needs a URL or a title (a citation)"}
	}
	if s.URL != "" {
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return annotate.Link{}, &Error{Kind: KindUsage, Msg: fmt.Sprintf("%q is not a web address: give the source's http(s) URL, or leave the URL empty and give a citation as its title", s.URL)}
		}
	}
	var l annotate.Link
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := db.claimTx(ctx, tx, claimID); err != nil {
			return err
		}
		sid, at := newID(), db.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources(id, url, title, publisher, accessed, quote, created_at, created_by, updated_at, updated_by)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, sid, s.URL, s.Title, s.Publisher, s.Accessed, s.Quote, at, db.reviewer, at, db.reviewer); err != nil {
			return err
		}
		if err := db.logCreate(ctx, tx, at, "sources", sid, map[string]any{
			"url": s.URL, "title": s.Title, "publisher": s.Publisher, "accessed": s.Accessed, "quote": s.Quote}); err != nil {
			return err
		}
		lid, err := db.insertLinkTx(ctx, tx, claimID, rel, sid, "")
		if err != nil {
			return err
		}
		l, err = db.linkTx(ctx, tx, lid)
		return err
	})
	return l, err
}

// LinkClaims links two claims (usually in different articles). Linking the same pair with
// the same relation again returns the existing link.
func (db *DB) LinkClaims(ctx context.Context, claimID, otherID string, rel annotate.Relation) (annotate.Link, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Link{}, err
	}
	if _, err := annotate.ParseRelation(string(rel)); err != nil {
		return annotate.Link{}, &Error{Kind: KindUsage, Msg: err.Error(), Err: err}
	}
	if claimID == otherID {
		return annotate.Link{}, &Error{Kind: KindUsage, Msg: "a claim cannot be linked to itself: choose a claim in another article"}
	}
	var l annotate.Link
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		for _, id := range []string{claimID, otherID} {
			if _, err := db.claimTx(ctx, tx, id); err != nil {
				return err
			}
		}
		var existing string
		err := tx.QueryRowContext(ctx, `SELECT id FROM links WHERE deleted_at IS NULL AND relation = ?3 AND
			((claim_id = ?1 AND target_claim_id = ?2) OR (relation <> 'supports' AND claim_id = ?2 AND target_claim_id = ?1))`,
			claimID, otherID, string(rel)).Scan(&existing)
		if err == nil {
			l, err = db.linkTx(ctx, tx, existing)
			return err
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		lid, err := db.insertLinkTx(ctx, tx, claimID, rel, "", otherID)
		if err != nil {
			return err
		}
		l, err = db.linkTx(ctx, tx, lid)
		return err
	})
	return l, err
}

func (db *DB) insertLinkTx(ctx context.Context, tx *sql.Tx, claimID string, rel annotate.Relation, sourceID, targetID string) (string, error) {
	id, at := newID(), db.stamp()
	if _, err := tx.ExecContext(ctx, `INSERT INTO links(id, claim_id, relation, source_id, target_claim_id, created_at, created_by, updated_at, updated_by)
		VALUES (?,?,?,?,?,?,?,?,?)`, id, claimID, string(rel), nullIfEmpty(sourceID), nullIfEmpty(targetID), at, db.reviewer, at, db.reviewer); err != nil {
		return "", err
	}
	return id, db.logCreate(ctx, tx, at, "links", id, map[string]any{
		"claim_id": claimID, "relation": string(rel), "source_id": sourceID, "target_claim_id": targetID})
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// DeleteLink tombstones a link.
func (db *DB) DeleteLink(ctx context.Context, id string) error {
	if err := db.needReviewer(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := db.linkTx(ctx, tx, id); err != nil {
			return err
		}
		return db.deleteLinkTx(ctx, tx, id, db.stamp())
	})
}

func (db *DB) deleteLinkTx(ctx context.Context, tx *sql.Tx, id, at string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE links SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
		at, db.reviewer, at, db.reviewer, id); err != nil {
		return err
	}
	return db.logChange(ctx, tx, at, "links", id, "delete", nil, ptr(at))
}

const linkCols = `l.id, l.claim_id, l.relation, coalesce(l.source_id, ''), coalesce(l.target_claim_id, ''), l.created_at, coalesce(rl.name, ''),
	coalesce(s.id, ''), coalesce(s.url, ''), coalesce(s.title, ''), coalesce(s.publisher, ''), coalesce(s.accessed, ''), coalesce(s.quote, ''),
	coalesce(s.created_at, ''), coalesce(rs.name, ''),
	coalesce((SELECT ss.archive_url FROM source_snapshots ss WHERE ss.source_id = s.id AND ss.archive_url <> '' AND ss.deleted_at IS NULL
		ORDER BY ss.fetched_at DESC LIMIT 1), ''), ` + lastCheckCol

const linkFrom = ` FROM links l LEFT JOIN reviewers rl ON rl.id = l.created_by LEFT JOIN sources s ON s.id = l.source_id
	LEFT JOIN reviewers rs ON rs.id = s.created_by`

func scanLink(sc interface{ Scan(...any) error }) (annotate.Link, error) {
	var l annotate.Link
	var rel, at, sat string
	var s annotate.Source
	err := sc.Scan(&l.ID, &l.ClaimID, &rel, &l.SourceID, &l.TargetClaimID, &at, &l.CreatedBy,
		&s.ID, &s.URL, &s.Title, &s.Publisher, &s.Accessed, &s.Quote, &sat, &s.CreatedBy, &s.ArchiveURL, lastCheckOf(&s))
	l.Relation = annotate.Relation(rel)
	l.CreatedAt = parseTime(at)
	if s.ID != "" {
		s.CreatedAt = parseTime(sat)
		l.Source = &s
	}
	return l, err
}

func (db *DB) linkTx(ctx context.Context, q queryer, id string) (annotate.Link, error) {
	l, err := scanLink(q.QueryRowContext(ctx, `SELECT `+linkCols+linkFrom+` WHERE l.id = ? AND l.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, notFound("link", id)
	}
	return l, err
}

// Links returns the live links of a claim, in both directions, with their sources, oldest
// first. Links to deleted claims are left out.
func (db *DB) Links(ctx context.Context, claimID string) ([]annotate.Link, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+linkCols+linkFrom+`
		WHERE l.deleted_at IS NULL AND (l.claim_id = ?1 OR l.target_claim_id = ?1)
		AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id IN (l.claim_id, l.target_claim_id) AND c.deleted_at IS NOT NULL)
		ORDER BY l.created_at, l.seq`, claimID)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	var out []annotate.Link
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, classify(rows.Err(), db.path)
}
