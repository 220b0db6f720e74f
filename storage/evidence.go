package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The history in another reviewer's file is evidence to check, not to trust: a merge copies
// it into the permanent, append-only history, so a forged entry could never be taken back.
// checkEvidence runs on the received copy (attached as schema r), against the receiving
// database, before a merge plans anything; any finding refuses the whole file (reason
// RefusedForged) with what was found.

// RefusedForged is the refusal of a file whose history or rows cannot be what Factdesk made:
// entries about unknown tables or fields, unparsable or future times, entries signed by the
// receiving reviewer that the receiver lacks, rows without their creation entry or disagreeing
// with their own history, a claim with a local claim's id but another article, span or quote.
const RefusedForged Refusal = "forged"

// clockSkew is how far in the future an incoming entry's time may be (clocks of laptops differ).
const clockSkew = 10 * time.Minute

// historyTables are the tables history entries are about.
var historyTables = map[string]bool{"reviewers": true, "articles": true, "sources": true, "source_snapshots": true, "source_checks": true,
	"claims": true, "links": true, "conflicts": true, "imports": true, "merges": true}

// historyFields are the fields entries record, besides the merged fields of each table;
// "merge:" and "import:" prefix the entries of merges and JSON imports.
var historyFields = map[string]bool{"create": true, "delete": true, "deleted_at": true, "anchor": true, "resolution": true, "name": true}

// claimFields are the entries about claims that are not merged fields: ratings (verdict), a
// withdrawn rating (unrate), a person's settlement of a contested claim (settle) and a claim
// made one with another on the same span (alias).
var claimFields = map[string]bool{"verdict": true, "unrate": true, "settle": true, "alias": true}

func knownHistoryField(table, field string) bool {
	f := strings.TrimPrefix(strings.TrimPrefix(field, "merge:"), "import:")
	if historyFields[f] || (table == "claims" && claimFields[f]) {
		return true
	}
	for _, t := range mergeTables {
		if t.name == table {
			for _, mf := range t.fields {
				if mf == f {
					return true
				}
			}
		}
	}
	return false
}

// checkEvidence checks the incoming file's history and rows against themselves and against
// the receiving database; q has the file attached as r.
func (db *DB) checkEvidence(ctx context.Context, q dbtx, in *Incoming) error {
	src := in.Source
	forged := func(format string, a ...any) error {
		return refuse(RefusedForged, KindCorrupt, src, nil,
			"%s was refused: %s. Factdesk does not make such a file, so it was altered or damaged; nothing was merged: ask the reviewer to save a new copy to share",
			src, fmt.Sprintf(format, a...))
	}
	damaged := func(err error) error {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s cannot be read (%v): ask the reviewer to save a new copy to share", src, err)
	}
	me := db.Reviewer()
	latest := db.now().UTC().Add(clockSkew)

	// The entries the receiver does not hold yet: what a merge would add for good.
	rows, err := q.QueryContext(ctx, `SELECT h.id, h.at, h.reviewer_id, h.tbl, h.row_id, h.field, coalesce(h.old, ''), coalesce(h.new, '') FROM r.history h
		WHERE NOT EXISTS (SELECT 1 FROM main.history m WHERE m.id = h.id)`)
	if err != nil {
		return damaged(err)
	}
	var problem error
	for rows.Next() && problem == nil {
		var id, at, by, tbl, rowID, field, old, new string
		if err := rows.Scan(&id, &at, &by, &tbl, &rowID, &field, &old, &new); err != nil {
			rows.Close()
			return damaged(err)
		}
		t, perr := time.Parse(timeLayout, at)
		if perr != nil {
			t, perr = time.Parse(time.RFC3339Nano, at)
		}
		switch {
		case !historyTables[tbl]:
			problem = forged("its history has an entry (%s) about a table Factdesk does not have, %q", id, clip(tbl))
		case !knownHistoryField(tbl, field):
			problem = forged("its history has an entry (%s) about a field Factdesk does not record, %s.%s", id, clip(tbl), clip(field))
		case perr != nil:
			problem = forged("its history has an entry (%s) whose time cannot be read, %q", id, clip(at))
		case t.After(latest):
			problem = forged("its history has an entry (%s) dated in the future, %s", id, t.UTC().Format("2006-01-02 15:04"))
		case me != "" && by == me && id != decisionID(tbl, rowID, field, old, new):
			// A decision entry (claims of one span made one) is what every replica writes the
			// same, with the same id: the receiver's own merge would write it too.
			problem = forged("its history has an entry (%s, %s of %s) signed by you that your database does not hold: you never made that change here", id, clip(field), clip(tbl))
		}
	}
	if err := rows.Err(); err != nil && problem == nil {
		problem = damaged(err)
	}
	rows.Close()
	if problem != nil {
		return problem
	}

	// The same claim id is the same claim: same article text, span and quote.
	var id string
	err = q.QueryRowContext(ctx, `SELECT rc.id FROM r.claims rc JOIN main.claims c ON c.id = rc.id
		JOIN r.articles ra ON ra.id = rc.article_id JOIN main.articles a ON a.id = c.article_id
		WHERE ra.sha256 <> a.sha256 OR rc.exact <> c.exact OR rc.rune_start <> c.rune_start OR rc.rune_end <> c.rune_end LIMIT 1`).Scan(&id)
	if err == nil {
		return forged("its claim %s has the id of one of your claims but another article, span or quote", id)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return damaged(err)
	}
	// Rows agree with their own history (evidence_rows.go), and hold what a person could
	// give (the bounds of local input).
	if err := checkRowsAgree(ctx, q, forged, damaged); err != nil {
		return err
	}
	if err := db.checkIncomingBounds(ctx, q, src); err != nil {
		return err
	}
	return nil
}

// clip shortens a value quoted from a hostile file.
func clip(s string) string {
	if len([]rune(s)) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}
