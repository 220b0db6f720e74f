package storage_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"factdesk/annotate"
	"factdesk/storage"
)

// TestMergeRefusesForgedHistory: a file's history is evidence, checked before anything of it
// is kept. Each tampering of a real shared file is refused as forged, with the reason, and
// the receiving database does not change; the untampered file merges.
func TestMergeRefusesForgedHistory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	art := shImport(t, alice, "Unemployment", shText1)
	c1 := shClaim(t, alice, art.ID, shText1, "unemployment fell to 4.2 percent in March", annotate.Unverified)
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	shMerge(t, bob, shShare(t, alice, "a.db"))
	if _, err := bob.SetNote(ctx, c1.ID, "Bob's note"); err != nil {
		t.Fatal(err)
	}
	good := shShare(t, bob, "b.db")
	me := alice.Reviewer()

	var bobID string
	{
		raw := shRaw(t, good)
		if err := raw.QueryRow(`SELECT id FROM reviewers WHERE name = 'Bob'`).Scan(&bobID); err != nil {
			t.Fatal(err)
		}
		raw.Close()
	}
	insert := func(at, by, tbl, field string) func(raw *sql.DB) {
		return func(raw *sql.DB) {
			shExec(t, raw, `INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`,
				uuid.NewString(), at, by, tbl, c1.ID, field, "", "forged")
		}
	}
	withoutCreate := func(raw *sql.DB) {
		var trig string
		if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'`).Scan(&trig); err != nil {
			t.Fatal(err)
		}
		shExec(t, raw, `DROP TRIGGER history_no_delete`)
		shExec(t, raw, `DELETE FROM history WHERE row_id = ? AND field = 'create'`, c1.ID)
		shExec(t, raw, trig)
	}
	const now = "2026-01-02T03:04:05.000000Z"
	cases := []struct {
		name   string
		tamper func(raw *sql.DB)
		says   string
	}{
		{"an edit dated 2099 signed by the receiver", insert("2099-01-01T00:00:00.000000Z", me, "claims", "note"), "future"},
		{"an edit signed by the receiver, who never made it", insert(now, me, "claims", "note"), "signed by you"},
		{"an unreadable time", insert("garbage-time", bobID, "claims", "note"), "time cannot be read"},
		{"an entry about sqlite_master", insert(now, bobID, "sqlite_master", "sql"), "table Factdesk does not have"},
		{"an entry about an unknown field", insert(now, bobID, "claims", "evil"), "field Factdesk does not record"},
		{"a claim without its creation entry", withoutCreate, "no creation entry"},
		{"a verdict no entry set", func(raw *sql.DB) { shExec(t, raw, `UPDATE claims SET verdict = 'confirmed' WHERE id = ?`, c1.ID) }, "verdict of claim"},
		{"my claim's id on another quote", func(raw *sql.DB) {
			shExec(t, raw, `UPDATE claims SET rune_start = 0, rune_end = 12, exact = substr((SELECT text FROM articles LIMIT 1), 1, 12) WHERE id = ?`, c1.ID)
		}, "id of one of your claims"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := shTamper(t, good, tc.tamper)
			for _, preview := range []bool{true, false} {
				var err error
				if preview {
					_, err = alice.PreviewMerge(ctx, file)
				} else {
					_, err = alice.Merge(ctx, file)
				}
				if storage.RefusalOf(err) != storage.RefusedForged || !strings.Contains(err.Error(), tc.says) {
					t.Fatalf("preview %v: err %v (refusal %q), want forged, saying %q", preview, err, storage.RefusalOf(err), tc.says)
				}
			}
			if h, _ := alice.History(ctx, c1.ID, 0); len(h) != 1 {
				t.Errorf("the claim's history has %d entries after a refused merge", len(h))
			}
		})
	}
	if rep := shMerge(t, alice, good); !rep.Committed {
		t.Fatal("the untampered file was not merged")
	}
	if c, _ := alice.Claim(ctx, c1.ID); c.Note != "Bob's note" {
		t.Errorf("after the good merge the note is %q", c.Note)
	}
}
