package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"factdesk/annotate"
)

// The shared record: one span of one article is one claim, rated by every reviewer (see
// docs/shared-record.md). A claim's verdict and contested columns are the desk's verdict,
// computed from the rating events in the history by annotate.FoldRatings and DeskVerdict, so
// two files that hold the same history hold the same verdicts.

// ratingEventsQuery selects the rating events of claims, each with the claim it counts for
// (an alias's events count for its survivor).
const ratingEventsQuery = `SELECT coalesce(al.claim_id, h.row_id), h.id, h.at, h.reviewer_id, coalesce(rv.name, ''), h.field,
	CASE h.field WHEN 'create' THEN coalesce(json_extract(h.new, '$.verdict'), '') ELSE coalesce(h.new, '') END
	FROM history h LEFT JOIN reviewers rv ON rv.id = h.reviewer_id LEFT JOIN claim_aliases al ON al.alias_id = h.row_id
	WHERE h.tbl = 'claims' AND (h.field IN ('verdict', 'unrate', 'settle') OR (h.field = 'create' AND json_valid(h.new)
		AND coalesce(json_extract(h.new, '$.verdict'), 'unverified') <> 'unverified'))
	AND NOT (h.field = 'verdict' AND EXISTS (SELECT 1 FROM conflicts x WHERE x.row_id = h.row_id AND x.field = 'verdict'
		AND x.resolved_at = h.at AND x.resolved_by = h.reviewer_id))`

// rowsQueryer runs queries of many rows: a pool, a connection or a transaction.
type rowsQueryer interface {
	queryer
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// ratingEvents reads the rating events of one claim (and its aliases), or of every claim when
// claimID is "", by the claim they count for. Settling a verdict conflict of an older file
// wrote the chosen verdict as a 'verdict' entry: that is a decision, not a rating, and is left
// out.
func ratingEvents(ctx context.Context, q rowsQueryer, claimID string) (map[string][]annotate.RatingEvent, error) {
	query, args := ratingEventsQuery, []any{}
	if claimID != "" {
		return ratingEventsOf(ctx, q, []string{claimID})
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanRatingEvents(rows)
}

// scanRatingEvents reads the rows of ratingEventsQuery, by the claim they count for.
func scanRatingEvents(rows *sql.Rows) (map[string][]annotate.RatingEvent, error) {
	out := map[string][]annotate.RatingEvent{}
	for rows.Next() {
		var claim, field, value, at string
		var e annotate.RatingEvent
		if err := rows.Scan(&claim, &e.EntryID, &at, &e.ReviewerID, &e.Reviewer, &field, &value); err != nil {
			return nil, err
		}
		e.At, e.Verdict = parseTime(at), annotate.Verdict(value)
		switch field {
		case "unrate":
			e.Kind = annotate.Unrate
		case "settle":
			e.Kind = annotate.Settle
		}
		out[claim] = append(out[claim], e)
	}
	return out, rows.Err()
}

// ratingEventsOf reads the rating events of the claims ids (and their aliases): through the
// history's row index for a page of claims, by one scan of the history for many.
func ratingEventsOf(ctx context.Context, q rowsQueryer, ids []string) (map[string][]annotate.RatingEvent, error) {
	if len(ids) > 2000 {
		return ratingEvents(ctx, q, "")
	}
	aliases, err := queryStrings(ctx, q, `SELECT alias_id FROM claim_aliases WHERE claim_id IN (SELECT value FROM json_each(?))`, sqlList(ids))
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, ratingEventsQuery+` AND h.row_id IN (SELECT value FROM json_each(?))`, sqlList(append(aliases, ids...)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanRatingEvents(rows)
}

// withRatings fills the ratings and settlement of claims from events.
func withRatings(cs []annotate.Claim, events map[string][]annotate.RatingEvent) {
	for i := range cs {
		cs[i].Ratings, cs[i].Settled = annotate.FoldRatings(events[cs[i].ID])
	}
}

// recomputeTx writes a claim's desk verdict and contested state from its rating events. It
// changes neither updated_at nor the history: the verdict follows from entries already there.
func recomputeTx(ctx context.Context, q dbtx, id string) error {
	events, err := ratingEvents(ctx, q, id)
	if err != nil {
		return err
	}
	v, contested := annotate.DeskVerdict(annotate.FoldRatings(events[id]))
	_, err = q.ExecContext(ctx, `UPDATE main.claims SET verdict = ?, contested = ? WHERE id = ? AND (verdict <> ? OR contested <> ?)`,
		string(v), contested, id, string(v), contested)
	return err
}

// recomputeManyTx is recomputeTx for many claims: the rating events of a few are read through
// the history's row index, of many in one scan of the history.
func recomputeManyTx(ctx context.Context, q dbtx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	events, err := ratingEventsOf(ctx, q, ids)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS desk_verdicts(id TEXT PRIMARY KEY, verdict TEXT, contested INTEGER)`); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM temp.desk_verdicts`); err != nil {
		return err
	}
	type row struct {
		ID        string `json:"i"`
		Verdict   string `json:"v"`
		Contested bool   `json:"c"`
	}
	rows := make([]row, 0, len(ids))
	for _, id := range ids {
		v, contested := annotate.DeskVerdict(annotate.FoldRatings(events[id]))
		rows = append(rows, row{id, string(v), contested})
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `INSERT OR REPLACE INTO temp.desk_verdicts(id, verdict, contested)
		SELECT json_extract(value, '$.i'), json_extract(value, '$.v'), json_extract(value, '$.c') FROM json_each(?)`, string(b)); err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `UPDATE main.claims SET verdict = d.verdict, contested = d.contested FROM temp.desk_verdicts d
		WHERE d.id = claims.id AND (claims.verdict <> d.verdict OR claims.contested <> d.contested)`)
	return err
}

// resolveClaimID is the claim an id names: itself, or the survivor of an alias.
func resolveClaimID(ctx context.Context, q queryer, id string) (string, error) {
	var to string
	err := q.QueryRowContext(ctx, `SELECT claim_id FROM claim_aliases WHERE alias_id = ?`, id).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return id, nil
	}
	return to, err
}

// ResolveClaimID returns the id of the claim id names: id itself, or, for a claim that became
// another on the same span (an alias), the claim it became. Every call that takes a claim id
// resolves it this way.
func (db *DB) ResolveClaimID(ctx context.Context, id string) (string, error) {
	to, err := resolveClaimID(ctx, db.read, id)
	return to, classify(err, db.path)
}

// ClaimAliases returns every alias id with the claim it resolves to (for short-id lookups).
func (db *DB) ClaimAliases(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT alias_id, claim_id FROM claim_aliases`)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			return nil, classify(err, db.path)
		}
		out[a] = c
	}
	return out, classify(rows.Err(), db.path)
}

// MyRating returns the current reviewer's rating of a claim; ok is false when they have none.
// The GUI keeps it before a verdict change, so that undo gives it back (see UndoRating).
func (db *DB) MyRating(ctx context.Context, claimID string) (v annotate.Verdict, ok bool, err error) {
	c, err := db.Claim(ctx, claimID)
	if err != nil {
		return "", false, err
	}
	for _, r := range c.Ratings {
		if r.ReviewerID == db.Reviewer() {
			return r.Verdict, true, nil
		}
	}
	return "", false, nil
}

// UndoRating undoes the current reviewer's verdict change on a claim: prev is the rating they
// had before it (MyRating), nil when they had none. With nil their rating is withdrawn (an
// "unrate" entry), so the undo leaves no rating the reviewer did not give: no phantom
// "unverified" that agreement would count. It returns the claim as it is after.
func (db *DB) UndoRating(ctx context.Context, claimID string, prev *annotate.Verdict) (annotate.Claim, error) {
	if prev != nil {
		return db.SetVerdict(ctx, claimID, *prev)
	}
	return db.WithdrawRating(ctx, claimID)
}

// WithdrawRating takes back the current reviewer's rating of a claim; without one it changes
// nothing. The claim's verdict is computed again from the other ratings.
func (db *DB) WithdrawRating(ctx context.Context, claimID string) (annotate.Claim, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Claim{}, err
	}
	var c annotate.Claim
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := db.claimTx(ctx, tx, claimID)
		if err != nil {
			return err
		}
		var mine *annotate.ClaimRating
		for i, r := range old.Ratings {
			if r.ReviewerID == db.reviewer {
				mine = &old.Ratings[i]
			}
		}
		if mine == nil {
			c = old
			return nil
		}
		at := db.stamp()
		if err := db.logChange(ctx, tx, at, "claims", old.ID, "unrate", ptr(string(mine.Verdict)), nil); err != nil {
			return err
		}
		if err := db.afterRatingTx(ctx, tx, old, at); err != nil {
			return err
		}
		c, err = db.claimTx(ctx, tx, old.ID)
		return err
	})
	return c, err
}

// SettleClaim decides a claim's verdict for the desk, as the current reviewer: a contested
// claim is no longer contested. The decision is recorded (a "settle" entry, which travels with
// shared copies) and holds until a reviewer gives a different rating after it. It is not a
// rating: the ratings stay as the reviewers gave them.
func (db *DB) SettleClaim(ctx context.Context, claimID string, v annotate.Verdict) (annotate.Claim, error) {
	if err := db.needReviewer(); err != nil {
		return annotate.Claim{}, err
	}
	if !v.Valid() {
		return annotate.Claim{}, &Error{Kind: KindUsage, Msg: fmt.Sprintf("unknown verdict %q: use confirmed, disputed or unverified", v)}
	}
	var c annotate.Claim
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := db.claimTx(ctx, tx, claimID)
		if err != nil {
			return err
		}
		at := db.stamp()
		prev := string(old.Verdict)
		if old.Contested {
			prev = "contested"
		}
		if err := db.logChange(ctx, tx, at, "claims", old.ID, "settle", &prev, ptr(string(v))); err != nil {
			return err
		}
		if err := db.afterRatingTx(ctx, tx, old, at); err != nil {
			return err
		}
		c, err = db.claimTx(ctx, tx, old.ID)
		return err
	})
	return c, err
}

// afterRatingTx computes a claim's desk verdict again after a rating event and, when the
// verdict or the contested state changed, stamps the claim as changed now.
func (db *DB) afterRatingTx(ctx context.Context, tx *sql.Tx, old annotate.Claim, at string) error {
	if err := recomputeTx(ctx, tx, old.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE claims SET updated_at = ?, updated_by = ? WHERE id = ? AND (verdict <> ? OR contested <> ?)`,
		at, db.reviewer, old.ID, string(old.Verdict), old.Contested)
	return err
}

// RestoreClaim brings back a deleted claim: the same id and history, with a "restored" entry
// (field deleted_at, from the time of the delete to none) and the links deleted with it. A
// restore is an edit later than the delete: a merge with a file that holds the same delete
// keeps the claim, one with a delete the reviewer never saw is a delete-versus-edit conflict
// (see docs/shared-record.md). An alias id restores the claim it became. If another live claim
// now holds the same span, the two become one claim (the smaller id survives).
func (db *DB) RestoreClaim(ctx context.Context, id string) error {
	if err := db.needReviewer(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		rid, err := resolveClaimID(ctx, tx, id)
		if err != nil {
			return err
		}
		var deleted sql.NullString
		var articleDeleted sql.NullString
		var articleID string
		err = tx.QueryRowContext(ctx, `SELECT c.deleted_at, a.deleted_at, a.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?`, rid).
			Scan(&deleted, &articleDeleted, &articleID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("claim", id)
		}
		if err != nil {
			return err
		}
		if !deleted.Valid {
			return &Error{Kind: KindUsage, Msg: fmt.Sprintf("claim %s is not deleted: there is nothing to restore", shortRef(rid))}
		}
		if articleDeleted.Valid {
			return &Error{Kind: KindUsage, Code: CodeArticleRemoved, Facts: Facts{Object: "claim", ID: rid, Article: articleID},
				Msg: fmt.Sprintf("the article of claim %s is removed (its claims come back with it when it is restored)", shortRef(rid))}
		}
		at := db.stamp()
		if err := db.restoreClaimTx(ctx, tx, rid, deleted.String, at); err != nil {
			return err
		}
		_, err = db.unifySpansTx(ctx, tx, at)
		return err
	})
}

func shortRef(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// restoreClaimTx brings back a deleted claim and the links deleted with it (at the same time).
func (db *DB) restoreClaimTx(ctx context.Context, tx *sql.Tx, id, deletedAt, at string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
		at, db.reviewer, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) SELECT seq, exact, note FROM claims WHERE id = ?`, id); err != nil {
		return err
	}
	if err := db.logChange(ctx, tx, at, "claims", id, "deleted_at", ptr(deletedAt), nil); err != nil {
		return err
	}
	links, err := liveIDs(ctx, tx, `SELECT l.id FROM links l WHERE (l.claim_id = ?1 OR l.target_claim_id = ?1) AND l.deleted_at = ?2
		AND NOT EXISTS (SELECT 1 FROM claims o WHERE o.id IN (l.claim_id, l.target_claim_id) AND o.id <> ?1 AND o.deleted_at IS NOT NULL)`, id, deletedAt)
	if err != nil {
		return err
	}
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `UPDATE links SET deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`, at, db.reviewer, l); err != nil {
			return err
		}
		if err := db.logChange(ctx, tx, at, "links", l, "deleted_at", ptr(deletedAt), nil); err != nil {
			return err
		}
	}
	return recomputeTx(ctx, tx, id)
}

// Unified is a claim that became another claim on the same span.
type Unified struct {
	Alias, Claim string // the id that became an alias, the claim it became
	Quote        string
	ArticleID    string
}

// unifySpansTx makes every group of live claims on one span one claim: the smallest id
// survives; the others become its aliases (their rows tombstones, with an "alias" entry),
// their notes join the survivor's, their links point to it, and their ratings count for it.
// Live claims already known as aliases (from a file) are folded in the same way. It is
// idempotent and gives the same rows whichever side of a merge runs it.
func (db *DB) unifySpansTx(ctx context.Context, q dbtx, at string) ([]Unified, error) {
	// Canonical aliases: every alias names the final claim.
	for range 16 {
		r, err := q.ExecContext(ctx, `UPDATE main.claim_aliases SET claim_id = (SELECT a2.claim_id FROM main.claim_aliases a2 WHERE a2.alias_id = claim_aliases.claim_id)
			WHERE claim_id IN (SELECT alias_id FROM main.claim_aliases)`)
		if err != nil {
			return nil, err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			break
		}
	}
	type group struct {
		ids []string
	}
	var groups []group
	rows, err := q.QueryContext(ctx, `SELECT json_group_array(id) FROM (SELECT id, article_id, rune_start, rune_end FROM main.claims
		WHERE deleted_at IS NULL ORDER BY id) GROUP BY article_id, rune_start, rune_end HAVING count(*) > 1`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			rows.Close()
			return nil, err
		}
		groups = append(groups, group{ids: parseJSONList(js)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Live claims that are aliases in the table (the other side unified them).
	stray, err := q.QueryContext(ctx, `SELECT a.claim_id, a.alias_id FROM main.claim_aliases a JOIN main.claims c ON c.id = a.alias_id
		WHERE c.deleted_at IS NULL ORDER BY a.alias_id`)
	if err != nil {
		return nil, err
	}
	for stray.Next() {
		var to, alias string
		if err := stray.Scan(&to, &alias); err != nil {
			stray.Close()
			return nil, err
		}
		groups = append(groups, group{ids: []string{to, alias}})
	}
	stray.Close()
	if err := stray.Err(); err != nil {
		return nil, err
	}
	var out []Unified
	for _, g := range groups {
		sort.Strings(g.ids)
		survivor := g.ids[0]
		for _, alias := range g.ids[1:] {
			u, err := db.aliasTx(ctx, q, survivor, alias, at)
			if err != nil {
				return nil, err
			}
			out = append(out, u)
		}
		if err := recomputeTx(ctx, q, survivor); err != nil {
			return nil, err
		}
	}
	if err := repointLinksTx(ctx, q); err != nil {
		return nil, err
	}
	return out, nil
}

// aliasTx makes claim alias one with claim survivor.
func (db *DB) aliasTx(ctx context.Context, q dbtx, survivor, alias, at string) (Unified, error) {
	u := Unified{Alias: alias, Claim: survivor}
	var sNote, aNote, sExact string
	var aLive bool
	var sSeq int64
	// The entries of this decision are the same on every replica that makes it (id, time and
	// author from the two claims), so two reviewers who both make it hold one entry each, not
	// two: the later claim's author and creation time.
	var by, when string
	if err := q.QueryRowContext(ctx, `SELECT s.seq, s.note, s.exact, s.article_id, a.note, a.deleted_at IS NULL,
		CASE WHEN s.created_at > a.created_at THEN s.created_by ELSE a.created_by END, max(s.created_at, a.created_at)
		FROM main.claims s, main.claims a WHERE s.id = ? AND a.id = ?`,
		survivor, alias).Scan(&sSeq, &sNote, &sExact, &u.ArticleID, &aNote, &aLive, &by, &when); err != nil {
		return u, fmt.Errorf("making claim %s one with %s: %w", alias, survivor, err)
	}
	u.Quote = sExact
	// The notes join, once: the survivor's first.
	if aNote = strings.TrimSpace(aNote); aNote != "" && !strings.Contains(sNote, aNote) {
		joined := aNote
		if strings.TrimSpace(sNote) != "" {
			joined = sNote + "\n\n" + aNote
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) VALUES ('delete', ?, ?, ?)`, sSeq, sExact, sNote); err != nil {
			return u, err
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) VALUES (?, ?, ?)`, sSeq, sExact, joined); err != nil {
			return u, err
		}
		if _, err := q.ExecContext(ctx, `UPDATE main.claims SET note = ? WHERE id = ?`, joined, survivor); err != nil {
			return u, err
		}
		if err := logDecision(ctx, q, by, when, "claims", survivor, "note", sNote, joined); err != nil {
			return u, err
		}
	}
	if aLive {
		if _, err := q.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) SELECT 'delete', seq, exact, note FROM main.claims WHERE id = ?`, alias); err != nil {
			return u, err
		}
		if _, err := q.ExecContext(ctx, `UPDATE main.claims SET deleted_at = ?, deleted_by = ? WHERE id = ?`, at, db.reviewer, alias); err != nil {
			return u, err
		}
	}
	var known int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM main.claim_aliases WHERE alias_id = ? AND claim_id = ?`, alias, survivor).Scan(&known); err != nil {
		return u, err
	}
	if known == 0 {
		if _, err := q.ExecContext(ctx, `INSERT INTO main.claim_aliases(alias_id, claim_id) VALUES (?, ?)
			ON CONFLICT(alias_id) DO UPDATE SET claim_id = excluded.claim_id`, alias, survivor); err != nil {
			return u, err
		}
		if _, err := q.ExecContext(ctx, `UPDATE main.claim_aliases SET claim_id = ? WHERE claim_id = ?`, survivor, alias); err != nil {
			return u, err
		}
		if err := logDecision(ctx, q, by, when, "claims", alias, "alias", alias, survivor); err != nil {
			return u, err
		}
	}
	return u, nil
}

// repointLinksTx makes the links of aliases the links of the claims they became. A link
// between a claim and its own alias has no meaning left and is tombstoned.
func repointLinksTx(ctx context.Context, q dbtx) error {
	if _, err := q.ExecContext(ctx, `UPDATE main.links SET deleted_at = coalesce(deleted_at, updated_at), deleted_by = coalesce(deleted_by, updated_by)
		WHERE target_claim_id IS NOT NULL AND coalesce((SELECT claim_id FROM main.claim_aliases WHERE alias_id = links.claim_id), claim_id)
			= coalesce((SELECT claim_id FROM main.claim_aliases WHERE alias_id = links.target_claim_id), target_claim_id)`); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE main.links SET claim_id = (SELECT claim_id FROM main.claim_aliases WHERE alias_id = links.claim_id)
		WHERE claim_id IN (SELECT alias_id FROM main.claim_aliases)
		AND (target_claim_id IS NULL OR (SELECT claim_id FROM main.claim_aliases WHERE alias_id = links.claim_id) <> target_claim_id)`); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `UPDATE main.links SET target_claim_id = (SELECT claim_id FROM main.claim_aliases WHERE alias_id = links.target_claim_id)
		WHERE target_claim_id IN (SELECT alias_id FROM main.claim_aliases)
		AND (SELECT claim_id FROM main.claim_aliases WHERE alias_id = links.target_claim_id) <> claim_id`)
	return err
}

// decisionID is the id of a decision's history entry: a hash of what it says (a UUID of
// version 8), so that every replica that makes the decision gives it the same id.
func decisionID(table, rowID, field, old, new string) string {
	sum := sha256.Sum256([]byte("factdesk-decision\x00" + table + "\x00" + rowID + "\x00" + field + "\x00" + old + "\x00" + new))
	sum[6] = sum[6]&0x0f | 0x80 // UUID version 8: made from a hash
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// logDecision writes a history entry that every replica making the same decision writes the
// same: its id is a hash of what it says, so the union of two logs holds it once.
func logDecision(ctx context.Context, q dbtx, reviewer, at, table, rowID, field, old, new string) error {
	id := decisionID(table, rowID, field, old, new)
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO main.history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
		id, at, reviewer, table, rowID, field, old, new)
	return err
}

func parseJSONList(js string) []string {
	js = strings.TrimSpace(js)
	js = strings.TrimPrefix(js, "[")
	js = strings.TrimSuffix(js, "]")
	var out []string
	for _, p := range strings.Split(js, ",") {
		p = strings.Trim(strings.TrimSpace(p), `"`)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SpanOverlap is two live claims of one article on spans that overlap heavily but are not the
// same (annotate.HeavyOverlap): perhaps the same claim, which a person may link as such.
type SpanOverlap struct {
	A, B         annotate.Claim
	ArticleTitle string
	Overlap      float64 // annotate.SpanOverlap of the two spans
	NewInMerge   bool    // in a merge report: one of the two comes with the file
}

// Overlaps lists the pairs of live claims whose spans overlap heavily, not yet linked as the
// same claim, by article then position: the "link as same claim" offers of the conflicts list.
// Link one with LinkClaims(a, b, annotate.SameClaim).
func (db *DB) Overlaps(ctx context.Context) ([]SpanOverlap, error) {
	claims, err := db.Claims(ctx, ClaimFilter{})
	if err != nil {
		return nil, err
	}
	titles, err := db.articleTitles(ctx)
	if err != nil {
		return nil, err
	}
	same := map[[2]string]bool{}
	rows, err := db.read.QueryContext(ctx, `SELECT claim_id, target_claim_id FROM links WHERE relation = 'same' AND deleted_at IS NULL AND target_claim_id IS NOT NULL`)
	if err != nil {
		return nil, classify(err, db.path)
	}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return nil, classify(err, db.path)
		}
		same[[2]string{a, b}], same[[2]string{b, a}] = true, true
	}
	rows.Close()
	return overlapsOf(claims, titles, same, nil), nil
}

// overlapsOf pairs heavily overlapping claims (claims sorted by article then start); with
// only set (the claims a merge brings), each pair must hold exactly one of its ids: a claim
// the file brings and one here.
func overlapsOf(claims []annotate.Claim, titles map[string]string, same map[[2]string]bool, only map[string]bool) []SpanOverlap {
	var out []SpanOverlap
	for i, a := range claims {
		for _, b := range claims[i+1:] {
			if b.ArticleID != a.ArticleID || b.Start >= a.End {
				break
			}
			if a.Start == b.Start && a.End == b.End || same[[2]string{a.ID, b.ID}] {
				continue
			}
			if only != nil && only[a.ID] == only[b.ID] {
				continue
			}
			if o := annotate.SpanOverlap(a.Anchor, b.Anchor); o >= annotate.HeavyOverlap {
				out = append(out, SpanOverlap{A: a, B: b, ArticleTitle: titles[a.ArticleID], Overlap: o, NewInMerge: only != nil})
			}
		}
	}
	return out
}
