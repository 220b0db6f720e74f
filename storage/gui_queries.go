package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"factdesk/annotate"
)

// Queries the desktop app needs beyond the core API.

// ClaimCounts counts the live claims of one article by verdict, without reading its text:
// the corpus list updates one row after an edit instead of re-reading every article.
func (db *DB) ClaimCounts(ctx context.Context, articleID string) (annotate.VerdictCounts, error) {
	var c annotate.VerdictCounts
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE verdict = 'confirmed'), count(*) FILTER (WHERE verdict = 'disputed'),
		count(*) FILTER (WHERE verdict = 'unverified') FROM claims WHERE article_id = ? AND deleted_at IS NULL`, articleID).
		Scan(&c.Confirmed, &c.Disputed, &c.Unverified)
	return c, classify(err, db.path)
}

// LinkSource links a claim to a source already stored, with relation supports or
// contradicts: undoing the removal of a source link (or of a claim) brings back the same
// source instead of a copy.
func (db *DB) LinkSource(ctx context.Context, claimID, sourceID string, rel annotate.Relation) (annotate.Link, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Link{}, err
	}
	if rel != annotate.Supports && rel != annotate.Contradicts {
		return annotate.Link{}, &Error{Kind: KindUsage, Msg: fmt.Sprintf("a source supports or contradicts a claim, not %q", rel)}
	}
	var l annotate.Link
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := db.claimTx(ctx, tx, claimID); err != nil {
			return err
		}
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE id = ? AND deleted_at IS NULL`, sourceID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("source", sourceID)
		}
		if err != nil {
			return err
		}
		lid, err := db.insertLinkTx(ctx, tx, claimID, rel, sourceID, "")
		if err != nil {
			return err
		}
		l, err = db.linkTx(ctx, tx, lid)
		return err
	})
	return l, err
}

// Disagreements returns, for every live claim whose reviewers gave different verdicts, each
// reviewer's rating (by reviewer name): the claims list marks those claims. It reads the
// ratings once instead of once per claim.
func (db *DB) Disagreements(ctx context.Context) (map[string][]Rating, error) {
	rs, err := db.ratings(ctx, "")
	if err != nil {
		return nil, err
	}
	byClaim := map[string][]Rating{}
	for _, r := range rs {
		byClaim[r.ClaimID] = append(byClaim[r.ClaimID], r)
	}
	out := map[string][]Rating{}
	for id, claimRatings := range byClaim {
		if (RatedClaim{Ratings: claimRatings}).Agrees() {
			continue
		}
		sort.Slice(claimRatings, func(i, j int) bool { return claimRatings[i].Reviewer < claimRatings[j].Reviewer })
		out[id] = claimRatings
	}
	return out, nil
}
