package storage_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/storage"
)

// sec9bFile is a shared file of Bob's holding one of every row with history: an article
// edited (article set), a source, a claim-to-source and a claim-to-claim link, a snapshot, a
// claim rated by two reviewers and settled, a claim deleted, a claim deleted and restored, an
// article removed and restored. Alice receives it; she knows Bob's reviewer row.
type sec9bFile struct {
	alice                          *storage.DB
	good                           string
	art                            annotate.Article
	settled, deleted, restored, c3 annotate.Claim
	source, link, claimLink, snap  string
}

func newSec9bFile(t *testing.T) sec9bFile {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	var f sec9bFile
	f.alice = shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	f.art = shImport(t, bob, "Unemployment", shText1)
	f.settled = shClaim(t, bob, f.art.ID, shText1, "unemployment fell to 4.2 percent in March", annotate.Confirmed)
	f.deleted = shClaim(t, bob, f.art.ID, shText1, "the lowest level in a decade", annotate.Disputed)
	f.restored = shClaim(t, bob, f.art.ID, shText1, "Critics noted", annotate.Unverified)
	f.c3 = shClaim(t, bob, f.art.ID, shText1, "stopped looking for work", annotate.Unverified)
	if err := bob.EditArticle(ctx, f.art.ID, storage.ArticleEdit{Title: ptrTo("Jobless rate"), Published: ptrTo("2026-03-31")}); err != nil {
		t.Fatal(err)
	}
	l, err := bob.AddSource(ctx, f.settled.ID, annotate.Source{URL: "https://stats.example.org/march", Title: "March figures", Publisher: "Statistics office"}, annotate.Supports)
	if err != nil {
		t.Fatal(err)
	}
	f.link, f.source = l.ID, l.SourceID
	cl, err := bob.LinkClaims(ctx, f.settled.ID, f.c3.ID, annotate.Contradicts)
	if err != nil {
		t.Fatal(err)
	}
	f.claimLink = cl.ID
	snap, err := bob.AddSourceSnapshot(ctx, f.source, storage.NewSourceSnapshot{URL: "https://stats.example.org/march", SHA256: strings.Repeat("ab", 32),
		Text: "March: 4.2 percent", RawType: "text/html", FetchedAt: time.Now().Add(-time.Hour), Raw: []byte("<p>March: 4.2 percent</p>")})
	if err != nil {
		t.Fatal(err)
	}
	f.snap = snap.ID
	if err := bob.DeleteClaim(ctx, f.deleted.ID); err != nil {
		t.Fatal(err)
	}
	if err := bob.DeleteClaim(ctx, f.restored.ID); err != nil {
		t.Fatal(err)
	}
	if err := bob.RestoreClaim(ctx, f.restored.ID); err != nil {
		t.Fatal(err)
	}
	// A second reviewer's rating makes the claim contested; Bob settles it.
	carol := shOpen(t, filepath.Join(dir, "carol.db"), "Carol")
	shMerge(t, carol, shShare(t, bob, "b0.db"))
	if _, err := carol.SetVerdict(ctx, f.settled.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	shMerge(t, bob, shShare(t, carol, "c0.db"))
	if _, err := bob.SettleClaim(ctx, f.settled.ID, annotate.Confirmed); err != nil {
		t.Fatal(err)
	}
	f.good = shShare(t, bob, "b.db")
	return f
}

// TestMergeRefusesRowsThatDisagreeWithTheirHistory: every table whose rows have history is
// checked, not only claims' verdict and note. A value no entry gave, a deletion no entry made,
// a restore no entry made, a verdict or contested state the ratings do not give, a row without
// its creation entry: each refuses the file as forged, naming the table, the id and the field,
// and the receiving database does not change. The untampered file merges.
func TestMergeRefusesRowsThatDisagreeWithTheirHistory(t *testing.T) {
	ctx := context.Background()
	f := newSec9bFile(t)
	withoutEntries := func(where string, args ...any) func(raw *sql.DB) {
		return func(raw *sql.DB) {
			var trig string
			if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'`).Scan(&trig); err != nil {
				t.Fatal(err)
			}
			shExec(t, raw, `DROP TRIGGER history_no_delete`)
			shExec(t, raw, `DELETE FROM history WHERE `+where, args...)
			shExec(t, raw, trig)
		}
	}
	set := func(q string, args ...any) func(raw *sql.DB) {
		return func(raw *sql.DB) { shExec(t, raw, q, args...) }
	}
	cases := []struct {
		name   string
		tamper func(raw *sql.DB)
		says   []string
	}{
		{"an article's title no entry gave", set(`UPDATE articles SET title = 'Forged title'`), []string{"title of article " + f.art.ID, "table articles", "field title"}},
		{"an article's publication date no entry gave", set(`UPDATE articles SET published = '1999-01-01'`), []string{"published of article " + f.art.ID}},
		{"an article's outlet no entry gave", set(`UPDATE articles SET outlet = 'Forged Daily'`), []string{"outlet of article " + f.art.ID}},
		{"an article's language no entry gave", set(`UPDATE articles SET language = 'fr'`), []string{"language of article " + f.art.ID}},
		{"an article's address no entry gave", set(`UPDATE articles SET url = 'https://evil.example'`), []string{"url of article " + f.art.ID}},
		{"a source's address no entry gave", set(`UPDATE sources SET url = 'https://evil.example'`), []string{"url of source " + f.source, "table sources"}},
		{"a source's quote no entry gave", set(`UPDATE sources SET quote = 'never said'`), []string{"quote of source " + f.source}},
		{"a link's relation changed", set(`UPDATE links SET relation = 'contradicts' WHERE id = ?`, f.link), []string{"relation of link " + f.link, "table links"}},
		{"a link moved to another claim", set(`UPDATE links SET target_claim_id = ? WHERE id = ?`, f.restored.ID, f.claimLink), []string{"target_claim_id of link " + f.claimLink}},
		{"a snapshot's fingerprint changed", set(`UPDATE source_snapshots SET sha256 = ?`, strings.Repeat("cd", 32)), []string{"sha256 of source snapshot " + f.snap, "table source_snapshots"}},
		{"a reviewer renamed", set(`UPDATE reviewers SET name = 'Alicia' WHERE name = 'Carol'`), []string{"name of reviewer", "table reviewers"}},
		{"a claim deleted with no entry", set(`UPDATE claims SET deleted_at = updated_at, deleted_by = updated_by WHERE id = ?`, f.c3.ID), []string{"claim " + f.c3.ID, "is deleted", "no entry deleting it"}},
		{"a source deleted with no entry", set(`UPDATE sources SET deleted_at = updated_at, deleted_by = updated_by`), []string{"source " + f.source, "table sources", "no entry deleting it"}},
		{"an article deleted with no entry", set(`UPDATE articles SET deleted_at = updated_at, deleted_by = updated_by`), []string{"article " + f.art.ID, "no entry deleting it"}},
		{"a deleted claim brought back with no entry", set(`UPDATE claims SET deleted_at = NULL, deleted_by = NULL WHERE id = ?`, f.deleted.ID), []string{"claim " + f.deleted.ID, "is live", "no entry restores it"}},
		{"a restore whose entry was removed", withoutEntries(`row_id = ? AND field = 'deleted_at'`, f.restored.ID), []string{"claim " + f.restored.ID, "no entry restores it"}},
		{"a settled verdict changed", set(`UPDATE claims SET verdict = 'disputed' WHERE id = ?`, f.settled.ID), []string{"verdict of claim " + f.settled.ID}},
		{"a settled claim marked contested", set(`UPDATE claims SET verdict = 'unverified', contested = 1 WHERE id = ?`, f.settled.ID), []string{"contested state of claim " + f.settled.ID}},
		{"a rated claim made unverified", set(`UPDATE claims SET verdict = 'unverified' WHERE id = ?`, f.settled.ID), []string{"verdict of claim " + f.settled.ID}},
		{"a source without its creation entry", withoutEntries(`row_id = ? AND field = 'create'`, f.source), []string{"a row of sources (" + f.source + ") has no creation entry"}},
		{"a link without its creation entry", withoutEntries(`row_id = ? AND field = 'create'`, f.link), []string{"a row of links (" + f.link + ") has no creation entry"}},
		{"a snapshot without its creation entry", withoutEntries(`row_id = ? AND field = 'create'`, f.snap), []string{"a row of source_snapshots (" + f.snap + ") has no creation entry"}},
		{"an article without its creation entry", withoutEntries(`row_id = ? AND field = 'create'`, f.art.ID), []string{"a row of articles (" + f.art.ID + ") has no creation entry"}},
	}
	before := shHash(t, f.alice.Path())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := shTamper(t, f.good, tc.tamper)
			for _, preview := range []bool{true, false} {
				var err error
				if preview {
					_, err = f.alice.PreviewMerge(ctx, file)
				} else {
					_, err = f.alice.Merge(ctx, file)
				}
				if storage.RefusalOf(err) != storage.RefusedForged {
					t.Fatalf("preview %v: err %v (refusal %q), want forged", preview, err, storage.RefusalOf(err))
				}
				for _, s := range tc.says {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("preview %v: %q does not say %q", preview, err, s)
					}
				}
			}
			if got := shHash(t, f.alice.Path()); got != before {
				t.Error("a refused merge changed the receiving database")
			}
		})
	}
	rep := shMerge(t, f.alice, f.good)
	if !rep.Committed {
		t.Fatal("the untampered file was not merged")
	}
	a, err := f.alice.Article(ctx, f.art.ID)
	if err != nil || a.Title != "Jobless rate" || a.Published != "2026-03-31" {
		t.Fatalf("after the good merge the article is %+v, %v", a, err)
	}
	// What Alice holds now agrees with its history too: her own copy goes to Carol.
	dave := shOpen(t, filepath.Join(t.TempDir(), "dave.db"), "Dave")
	shMerge(t, dave, shShare(t, f.alice, "a.db"))
}

func ptrTo(s string) *string { return &s }

// TestMergeHoldsIncomingFilesToTheBoundsOfLocalInput: a reviewer name too long, with a line
// break, a control character or a bidirectional override, a note over MaxNote (on the claim or
// in an entry of its history), a claim whose span cuts a character in two: what Factdesk
// refuses from a person it refuses from a file, with the reason, and nothing is merged.
func TestMergeHoldsIncomingFilesToTheBoundsOfLocalInput(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	text := "The flag 🇫🇷🇩🇪 was raised by 👍🏽 crowds. " + shText1
	art := shImport(t, bob, "Flags", text)
	c := shClaim(t, bob, art.ID, text, "was raised", annotate.Unverified)
	if _, err := bob.SetNote(ctx, c.ID, "short"); err != nil {
		t.Fatal(err)
	}
	good := shShare(t, bob, "b.db")
	long := strings.Repeat("n", storage.MaxNote+1)
	// A value forged consistently in the row, its creation entry and its edits: only the
	// bounds can refuse it.
	rename := func(name string) func(raw *sql.DB) {
		return func(raw *sql.DB) {
			var trig string
			if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'`).Scan(&trig); err != nil {
				t.Fatal(err)
			}
			shExec(t, raw, `DROP TRIGGER history_no_update`)
			shExec(t, raw, `UPDATE history SET new = json_set(new, '$.name', ?) WHERE tbl = 'reviewers' AND field = 'create' AND json_extract(new, '$.name') = 'Bob'`, name)
			shExec(t, raw, `UPDATE reviewers SET name = ? WHERE name = 'Bob'`, name)
			shExec(t, raw, trig)
		}
	}
	noteEntry := func(raw *sql.DB) {
		var trig string
		if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'`).Scan(&trig); err != nil {
			t.Fatal(err)
		}
		shExec(t, raw, `DROP TRIGGER history_no_update`)
		shExec(t, raw, `UPDATE history SET new = ? WHERE row_id = ? AND field = 'note'`, long, c.ID)
		shExec(t, raw, `UPDATE claims SET note = ? WHERE id = ?`, long, c.ID)
		shExec(t, raw, trig)
	}
	// A claim whose span starts between the two letters of a flag (runes 9-10 are 🇫🇷, 28-29 👍🏽).
	cut := func(start, end int) func(raw *sql.DB) {
		return func(raw *sql.DB) {
			var trig string
			if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'history_no_update'`).Scan(&trig); err != nil {
				t.Fatal(err)
			}
			exact := string([]rune(text)[start:end])
			shExec(t, raw, `DROP TRIGGER history_no_update`)
			shExec(t, raw, `UPDATE history SET new = json_set(new, '$.rune_start', ?, '$.rune_end', ?, '$.exact', ?) WHERE row_id = ? AND field = 'create'`, start, end, exact, c.ID)
			shExec(t, raw, `UPDATE claims SET rune_start = ?, rune_end = ?, exact = ? WHERE id = ?`, start, end, exact, c.ID)
			shExec(t, raw, trig)
		}
	}
	cases := []struct {
		name   string
		tamper func(raw *sql.DB)
		says   string
	}{
		{"a reviewer name of 200 characters", rename(strings.Repeat("B", 200)), "200 characters long"},
		{"a reviewer name with a line break", rename("Bob\nAlice"), "line break"},
		{"a reviewer name with an escape", rename("Bob\x1b]0;pwned\x07"), "control character"},
		{"a reviewer name with a bidi override", rename("\u202eecila"), "bidirectional"},
		{"a note of 20,001 characters", noteEntry, "20001 characters"},
		{"a quote cutting a flag in two", cut(10, 14), "cuts a character in two"},
		{"a quote cutting a skin-tone modifier off", cut(0, 29), "cuts a character in two"},
	}
	before := shHash(t, alice.Path())
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
				if storage.RefusalOf(err) != storage.RefusedBounds || !strings.Contains(err.Error(), tc.says) {
					t.Fatalf("preview %v: err %v (refusal %q), want %q saying %q", preview, err, storage.RefusalOf(err), storage.RefusedBounds, tc.says)
				}
			}
			if got := shHash(t, alice.Path()); got != before {
				t.Error("a refused merge changed the receiving database")
			}
		})
	}
	if rep := shMerge(t, alice, good); !rep.Committed {
		t.Fatal("the untampered file was not merged")
	}

	// Two notes near the bound joined by a merge (two claims of one span became one) are
	// longer than MaxNote: Factdesk made that, and it travels.
	n1, n2 := strings.Repeat("a", storage.MaxNote-10), strings.Repeat("b", storage.MaxNote-10)
	erin := shOpen(t, filepath.Join(dir, "erin.db"), "Erin")
	shMerge(t, erin, good)
	mine := shClaim(t, alice, art.ID, text, "unemployment fell", annotate.Unverified)
	theirs := shClaim(t, erin, art.ID, text, "unemployment fell", annotate.Unverified)
	if _, err := alice.SetNote(ctx, mine.ID, n1); err != nil {
		t.Fatal(err)
	}
	if _, err := erin.SetNote(ctx, theirs.ID, n2); err != nil {
		t.Fatal(err)
	}
	shMerge(t, alice, shShare(t, erin, "e.db"))
	frank := shOpen(t, filepath.Join(dir, "frank.db"), "Frank")
	shMerge(t, frank, shShare(t, alice, "a.db"))
	joined, err := frank.Claim(ctx, min(mine.ID, theirs.ID))
	if err != nil || len(joined.Note) <= storage.MaxNote {
		t.Fatalf("the joined note has %d characters (%v), want more than %d", len(joined.Note), err, storage.MaxNote)
	}
}

// An article two reviewers imported (two ids for one text), removed by one and restored by
// the other: the restore entry is on the other id, and the file that holds it merges.
func TestRestoreOnAnotherIdOfTheSameArticleIsEvidence(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	a := shImport(t, alice, "Alice's title", shText1)
	b := shImport(t, bob, "Bob's title", shText1)
	if a.ID == b.ID {
		t.Fatal("one id for two imports")
	}
	shMerge(t, bob, shShare(t, alice, "a0.db"))
	shMerge(t, alice, shShare(t, bob, "b0.db"))
	if _, err := alice.RemoveArticle(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	shMerge(t, bob, shShare(t, alice, "a1.db"))
	if got, _ := bob.Articles(ctx); len(got) != 0 {
		t.Fatalf("Bob still lists %d articles after Alice's removal", len(got))
	}
	if err := bob.RestoreArticle(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	shMerge(t, alice, shShare(t, bob, "b1.db"))
	if got, _ := alice.Articles(ctx); len(got) != 1 {
		t.Fatalf("Alice lists %d articles after Bob's restore, want 1", len(got))
	}
	carol := shOpen(t, filepath.Join(dir, "carol.db"), "Carol")
	shMerge(t, carol, shShare(t, alice, "a2.db"))
	shMerge(t, carol, shShare(t, bob, "b2.db"))
}
