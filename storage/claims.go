package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"factdesk/annotate"
	"factdesk/corpus"
)

// ClaimFilter selects claims; zero fields do not filter.
type ClaimFilter struct {
	ArticleID  string
	Verdict    annotate.Verdict // the desk verdict (a contested claim has none)
	Contested  bool             // only the contested claims
	ReviewerID string           // claims created or last changed by this reviewer
	Text       string           // case-insensitive substring of the quote or the note
}

const claimCols = `c.id, c.article_id, c.rune_start, c.rune_end, c.exact, c.prefix, c.suffix, c.verdict, c.note,
	c.created_at, c.updated_at, coalesce(rc.name, ''), coalesce(ru.name, ''), c.contested`

const claimFrom = ` FROM claims c LEFT JOIN reviewers rc ON rc.id = c.created_by LEFT JOIN reviewers ru ON ru.id = c.updated_by`

func scanClaim(sc interface{ Scan(...any) error }) (annotate.Claim, error) {
	var c annotate.Claim
	var created, updated, verdict string
	err := sc.Scan(&c.ID, &c.ArticleID, &c.Start, &c.End, &c.Exact, &c.Prefix, &c.Suffix, &verdict, &c.Note,
		&created, &updated, &c.CreatedBy, &c.UpdatedBy, &c.Contested)
	c.Verdict = annotate.Verdict(verdict)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, err
}

// Claims lists live claims matching f, by article then position.
func (db *DB) Claims(ctx context.Context, f ClaimFilter) ([]annotate.Claim, error) {
	q := `SELECT ` + claimCols + claimFrom + ` WHERE c.deleted_at IS NULL`
	var args []any
	if f.ArticleID != "" {
		q += ` AND c.article_id = ?`
		args = append(args, f.ArticleID)
	} else {
		q += ` AND c.article_id IN (SELECT id FROM articles WHERE deleted_at IS NULL)`
	}
	if f.Verdict != "" {
		q += ` AND c.verdict = ? AND c.contested = 0`
		args = append(args, string(f.Verdict))
	}
	if f.Contested {
		q += ` AND c.contested = 1`
	}
	if f.ReviewerID != "" {
		q += ` AND (c.created_by = ? OR c.updated_by = ? OR EXISTS (SELECT 1 FROM history h WHERE h.row_id = c.id AND h.reviewer_id = ?))`
		args = append(args, f.ReviewerID, f.ReviewerID, f.ReviewerID)
	}
	if t := corpus.Fold(strings.TrimSpace(f.Text)); t != "" {
		// Accents and case do not matter, as in search: "evacues" finds "évacués".
		q += ` AND (instr(fd_fold(c.exact), ?) > 0 OR instr(fd_fold(c.note), ?) > 0)`
		args = append(args, t, t)
	}
	if f.ArticleID != "" {
		q += ` ORDER BY c.rune_start, c.rune_end`
	} else {
		q += ` ORDER BY c.article_id, c.rune_start, c.rune_end`
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	var out []annotate.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, classify(err, db.path)
	}
	ids := make([]string, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	events, err := ratingEventsOf(ctx, db.read, ids)
	if err != nil {
		return nil, classify(err, db.path)
	}
	withRatings(out, events)
	return out, nil
}

// Claim returns one live claim, with its ratings. An alias id (a claim that became another on
// the same span) returns the claim it became.
func (db *DB) Claim(ctx context.Context, id string) (annotate.Claim, error) {
	return db.claimTx(ctx, db.read, id)
}

func (db *DB) claimTx(ctx context.Context, q rowsQueryer, id string) (annotate.Claim, error) {
	c, err := scanClaim(q.QueryRowContext(ctx, `SELECT `+claimCols+claimFrom+` WHERE c.id = coalesce((SELECT claim_id FROM claim_aliases WHERE alias_id = ?1), ?1)
		AND c.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("claim", id)
	}
	if err != nil {
		return c, classify(err, db.path)
	}
	events, err := ratingEvents(ctx, q, c.ID)
	if err != nil {
		return c, classify(err, db.path)
	}
	c.Ratings, c.Settled = annotate.FoldRatings(events[c.ID])
	return c, nil
}

// AddClaim stores a new claim on an article. The anchor must match the article text: the
// runes at [Start, End) must equal Exact.
func (db *DB) AddClaim(ctx context.Context, articleID string, a annotate.Anchor, v annotate.Verdict, note string) (annotate.Claim, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Claim{}, err
	}
	if v == "" {
		v = annotate.Unverified
	}
	if !v.Valid() {
		return annotate.Claim{}, &Error{Kind: KindUsage, Msg: fmt.Sprintf("unknown verdict %q: use confirmed, disputed or unverified", v)}
	}
	if a.Start < 0 || a.End <= a.Start || a.Exact == "" {
		return annotate.Claim{}, &Error{Kind: KindUsage, Msg: "a claim needs a non-empty span of the article"}
	}
	if err := checkNote(note); err != nil {
		return annotate.Claim{}, err
	}
	var c annotate.Claim
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var span string
		err := tx.QueryRowContext(ctx, `SELECT substr(text, ?, ?) FROM articles WHERE id = ? AND deleted_at IS NULL`,
			a.Start+1, a.End-a.Start, articleID).Scan(&span)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("article", articleID)
		}
		if err != nil {
			return err
		}
		if span != a.Exact {
			return &Error{Kind: KindUsage, Msg: fmt.Sprintf("the claim's quote %q does not match the article text at %d-%d (%q)", a.Exact, a.Start, a.End, span)}
		}
		if err := checkGraphemeEnds(ctx, tx, articleID, a.Start, a.End); err != nil {
			return err
		}
		// One span is one claim: on a span that has one, the verdict is this reviewer's rating
		// of it and the note joins its note.
		var existing string
		err = tx.QueryRowContext(ctx, `SELECT id FROM claims WHERE article_id = ? AND rune_start = ? AND rune_end = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`,
			articleID, a.Start, a.End).Scan(&existing)
		if err == nil {
			c, err = db.rateExistingTx(ctx, tx, existing, v, note)
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		id, at := newID(), db.stamp()
		r, err := tx.ExecContext(ctx, `INSERT INTO claims(id, article_id, rune_start, rune_end, exact, prefix, suffix, verdict, note,
			created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, articleID, a.Start, a.End, a.Exact, a.Prefix, a.Suffix, string(v), note, at, db.reviewer, at, db.reviewer)
		if err != nil {
			return err
		}
		seq, _ := r.LastInsertId()
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) VALUES (?,?,?)`, seq, a.Exact, note); err != nil {
			return err
		}
		if err := db.logCreate(ctx, tx, at, "claims", id, map[string]any{
			"article_id": articleID, "rune_start": a.Start, "rune_end": a.End, "exact": a.Exact, "prefix": a.Prefix, "suffix": a.Suffix,
			"verdict": string(v), "note": note,
		}); err != nil {
			return err
		}
		if err := recomputeTx(ctx, tx, id); err != nil {
			return err
		}
		c, err = db.claimTx(ctx, tx, id)
		return err
	})
	return c, err
}

// SetVerdict records the current reviewer's rating of a claim: their verdict on it, which
// never replaces another reviewer's rating. The claim's verdict is then the desk verdict of
// every rating (annotate.DeskVerdict): the one they agree on, or contested. Giving the rating
// one already has records nothing.
func (db *DB) SetVerdict(ctx context.Context, id string, v annotate.Verdict) (annotate.Claim, error) {
	if !v.Valid() {
		return annotate.Claim{}, &Error{Kind: KindUsage, Msg: fmt.Sprintf("unknown verdict %q: use confirmed, disputed or unverified", v)}
	}
	if err := db.needReviewer(); err != nil {
		return annotate.Claim{}, err
	}
	var c annotate.Claim
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = db.rateExistingTx(ctx, tx, id, v, "")
		return err
	})
	return c, err
}

// rateExistingTx records the current reviewer's rating v of a claim (nothing when it is their
// rating already) and joins note to its note.
func (db *DB) rateExistingTx(ctx context.Context, tx *sql.Tx, id string, v annotate.Verdict, note string) (annotate.Claim, error) {
	old, err := db.claimTx(ctx, tx, id)
	if err != nil {
		return old, err
	}
	var mine *annotate.ClaimRating
	for i, r := range old.Ratings {
		if r.ReviewerID == db.reviewer {
			mine = &old.Ratings[i]
		}
	}
	at := db.stamp()
	changed := false
	if mine == nil || mine.Verdict != v {
		prev := string(old.Verdict) // the claim's verdict before this rating
		// A first rating "unverified" on a claim nobody rated says nothing: not recorded.
		if mine != nil || v != annotate.Unverified || len(old.Ratings) > 0 {
			if err := db.logChange(ctx, tx, at, "claims", old.ID, "verdict", &prev, ptr(string(v))); err != nil {
				return old, err
			}
			if err := db.afterRatingTx(ctx, tx, old, at); err != nil {
				return old, err
			}
			changed = true
		}
	}
	if n := strings.TrimSpace(note); n != "" && !strings.Contains(old.Note, n) {
		joined := n
		if strings.TrimSpace(old.Note) != "" {
			joined = old.Note + "\n\n" + n
		}
		if err := db.updateClaimFieldTx(ctx, tx, old.ID, "note", old.Note, joined, at); err != nil {
			return old, err
		}
		changed = true
	}
	if !changed {
		return old, nil
	}
	return db.claimTx(ctx, tx, old.ID)
}

// SetNote changes a claim's note; the same note again records nothing.
func (db *DB) SetNote(ctx context.Context, id, note string) (annotate.Claim, error) {
	return db.setClaimField(ctx, id, "note", note)
}

func (db *DB) setClaimField(ctx context.Context, id, field, value string) (annotate.Claim, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Claim{}, err
	}
	if field == "note" {
		if err := checkNote(value); err != nil {
			return annotate.Claim{}, err
		}
	}
	var c annotate.Claim
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := db.claimTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Note == value {
			c = old
			return nil
		}
		if err := db.updateClaimFieldTx(ctx, tx, old.ID, field, old.Note, value, db.stamp()); err != nil {
			return err
		}
		c, err = db.claimTx(ctx, tx, old.ID)
		return err
	})
	return c, err
}

// updateClaimFieldTx writes one field of a claim with its history entry and keeps the
// full-text index in step.
func (db *DB) updateClaimFieldTx(ctx context.Context, tx *sql.Tx, id, field, old, value, at string) error {
	if field != "note" {
		return fmt.Errorf("claims.%s cannot be changed", field)
	}
	if field == "note" {
		var seq int64
		var exact string
		if err := tx.QueryRowContext(ctx, `SELECT seq, exact FROM claims WHERE id = ?`, id).Scan(&seq, &exact); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) VALUES ('delete', ?, ?, ?)`, seq, exact, old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) VALUES (?,?,?)`, seq, exact, value); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET `+field+` = ?, updated_at = ?, updated_by = ? WHERE id = ?`, value, at, db.reviewer, id); err != nil {
		return err
	}
	return db.logChange(ctx, tx, at, "claims", id, field, &old, &value)
}

// DeleteClaim tombstones a claim and its links.
func (db *DB) DeleteClaim(ctx context.Context, id string) error {
	if err := db.needReviewer(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		c, err := db.claimTx(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.deleteClaimTx(ctx, tx, c.ID)
	})
}

func (db *DB) deleteClaimTx(ctx context.Context, tx *sql.Tx, id string) error {
	return db.deleteClaimAtTx(ctx, tx, id, db.stamp())
}

// deleteClaimAtTx tombstones a claim and its links at the time at.
func (db *DB) deleteClaimAtTx(ctx context.Context, tx *sql.Tx, id, at string) error {
	var seq int64
	var exact, note string
	if err := tx.QueryRowContext(ctx, `SELECT seq, exact, note FROM claims WHERE id = ?`, id).Scan(&seq, &exact, &note); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
		at, db.reviewer, at, db.reviewer, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) VALUES ('delete', ?, ?, ?)`, seq, exact, note); err != nil {
		return err
	}
	if err := db.logChange(ctx, tx, at, "claims", id, "delete", nil, ptr(at)); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM links WHERE (claim_id = ?1 OR target_claim_id = ?1) AND deleted_at IS NULL`, id)
	if err != nil {
		return err
	}
	var links []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			rows.Close()
			return err
		}
		links = append(links, l)
	}
	rows.Close()
	for _, l := range links {
		if err := db.deleteLinkTx(ctx, tx, l, at); err != nil {
			return err
		}
	}
	return nil
}
