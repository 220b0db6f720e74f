package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Edits made on an alias. A reviewer who has not yet merged the file in which two claims of one
// span became one still works on the claim they knew: its id is now an alias. Ratings, links
// and sources made on it already count for the survivor (the rating events of an alias are the
// survivor's, links are re-pointed). A note written on the alias lands on the survivor here:
// where the survivor's note holds the alias's note as it was (the two joined when they became
// one), that part is replaced by the new note; otherwise the new note joins the survivor's.
// The change is a decision entry on the survivor (attributed to the edit's author and time,
// its id a hash of what it says), so both sides of a merge make the same one.

// reportAliasNotes lists, for the report, the file's notes written on aliases: each lands on
// the claim its alias became (landAliasNotesTx).
func (m *merger) reportAliasNotes(ctx context.Context) error {
	var ids []string
	for _, es := range m.rnew {
		for _, e := range es {
			if e.tbl == "claims" && e.field == "note" && m.aliases[e.rowID] {
				ids = append(ids, e.id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	rows, err := m.q.QueryContext(ctx, `SELECT h.id, h.row_id, h.reviewer_id, h.at, coalesce(h.new, ''),
		coalesce((SELECT claim_id FROM main.claim_aliases WHERE alias_id = h.row_id), (SELECT claim_id FROM r.claim_aliases WHERE alias_id = h.row_id), h.row_id),
		coalesce((SELECT exact FROM r.claims WHERE id = h.row_id), (SELECT exact FROM main.claims WHERE id = h.row_id), '')
		FROM r.history h WHERE h.id IN (SELECT value FROM json_each(?)) ORDER BY h.at, h.id`, sqlList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, alias, by, at, note, survivor, quote string
		if err := rows.Scan(&id, &alias, &by, &at, &note, &survivor, &quote); err != nil {
			return err
		}
		m.rep.Changes = append(m.rep.Changes, MergeChange{Table: "claims", RowID: survivor, Field: "note", Label: quote, New: note,
			By: m.name(by), At: parseTime(at),
			Why: fmt.Sprintf("written on claim %s, which became this claim on the same span: the note lands on this claim", shortRef(alias))})
	}
	return rows.Err()
}

// landAliasNotesTx applies the note entries the merge brings on alias ids (new on either side)
// to the claims the aliases resolve to, in the order they were made. It runs once the aliases
// of both files are united and before claims still live on one span become one, so that an
// alias's live note (the edited one) is not joined a second time.
func (m *merger) landAliasNotesTx(ctx context.Context) error {
	aliases := map[string]string{}
	rows, err := m.q.QueryContext(ctx, `SELECT alias_id, claim_id FROM main.claim_aliases`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			rows.Close()
			return err
		}
		aliases[a] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var edits []*entry
	for _, e := range m.entries {
		if e.tbl == "claims" && e.field == "note" && aliases[e.rowID] != "" {
			edits = append(edits, e)
		}
	}
	if len(edits) == 0 {
		return nil
	}
	sort.Slice(edits, func(i, j int) bool {
		if edits[i].at != edits[j].at {
			return edits[i].at < edits[j].at
		}
		return edits[i].id < edits[j].id
	})
	for _, e := range edits {
		survivor := finalClaim(aliases, e.rowID)
		if err := m.landNoteTx(ctx, e, survivor); err != nil {
			return err
		}
	}
	return nil
}

// finalClaim follows aliases from id to the claim it resolves to (a chain of aliases is made
// canonical later, by unifySpansTx).
func finalClaim(aliases map[string]string, id string) string {
	for range 16 {
		to, ok := aliases[id]
		if !ok || to == id {
			return id
		}
		id = to
	}
	return id
}

// landNoteTx applies note entry e, made on an alias, to claim survivor.
func (m *merger) landNoteTx(ctx context.Context, e *entry, survivor string) error {
	var old, new sql.NullString
	if err := m.q.QueryRowContext(ctx, `SELECT old, new FROM main.history WHERE id = ?`, e.id).Scan(&old, &new); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	}
	var note, exact string
	var seq int64
	var live bool
	err := m.q.QueryRowContext(ctx, `SELECT seq, note, exact, deleted_at IS NULL FROM main.claims WHERE id = ?`, survivor).Scan(&seq, &note, &exact, &live)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the survivor is not in this file (a third reviewer's alias of a claim not here)
	}
	if err != nil {
		return err
	}
	landed := landNote(note, old.String, new.String)
	if landed != note {
		if err := setNoteTx(ctx, m.q, survivor, seq, exact, note, landed, live); err != nil {
			return err
		}
		if err := logDecision(ctx, m.q, e.reviewer, e.at, "claims", survivor, "note", note, landed); err != nil {
			return err
		}
	}
	// The alias's own row (a tombstone, or a claim about to become one) shows its latest note.
	var aSeq int64
	var aNote, aExact string
	var aLive bool
	if err := m.q.QueryRowContext(ctx, `SELECT seq, note, exact, deleted_at IS NULL FROM main.claims WHERE id = ?`, e.rowID).
		Scan(&aSeq, &aNote, &aExact, &aLive); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	}
	if aNote != new.String {
		return setNoteTx(ctx, m.q, e.rowID, aSeq, aExact, aNote, new.String, aLive)
	}
	return nil
}

// setNoteTx writes a claim's note, keeping the full-text index of a live claim in step.
func setNoteTx(ctx context.Context, q dbtx, id string, seq int64, exact, old, note string, live bool) error {
	if live {
		if _, err := q.ExecContext(ctx, `INSERT INTO claims_fts(claims_fts, rowid, exact, note) VALUES ('delete', ?, ?, ?)`, seq, exact, old); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO claims_fts(rowid, exact, note) VALUES (?, ?, ?)`, seq, exact, note); err != nil {
			return err
		}
	}
	_, err := q.ExecContext(ctx, `UPDATE main.claims SET note = ? WHERE id = ?`, note, id)
	return err
}

// landNote is the survivor's note once an edit of its alias's note from old to new lands on
// it: the alias's old note replaced where the survivor's note holds it, else the new note
// joined (once); a cleared note removes the old one.
func landNote(note, old, new string) string {
	old, new = strings.TrimSpace(old), strings.TrimSpace(new)
	switch {
	case old != "" && strings.Contains(note, old):
		note = strings.Replace(note, old, new, 1)
	case new == "" || strings.Contains(note, new):
		return note
	case strings.TrimSpace(note) == "":
		return new
	default:
		return note + "\n\n" + new
	}
	// A removed part leaves no run of blank lines behind.
	for strings.Contains(note, "\n\n\n") {
		note = strings.ReplaceAll(note, "\n\n\n", "\n\n")
	}
	return strings.TrimSpace(note)
}

// clearAliasVerdictsTx leaves no verdict on the row of an alias (a tombstone): its ratings
// count for the claim it resolves to, which holds the desk verdict. A rating given on the alias
// by a reviewer who had not merged yet would otherwise leave the two files with different
// tombstones.
func clearAliasVerdictsTx(ctx context.Context, q dbtx) error {
	_, err := q.ExecContext(ctx, `UPDATE main.claims SET verdict = 'unverified', contested = 0
		WHERE id IN (SELECT alias_id FROM main.claim_aliases) AND (verdict <> 'unverified' OR contested <> 0)`)
	return err
}
