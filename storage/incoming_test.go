package storage_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/storage"
)

func shHash(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// shSharedFile makes a small shared copy of a real project: two articles, claims, a source,
// a link, history.
func shSharedFile(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	a := shImport(t, db, "Unemployment", shText1)
	b := shImport(t, db, "Rainfall", shText2)
	c1 := shClaim(t, db, a.ID, shText1, "unemployment fell to 4.2 percent in March", annotate.Confirmed)
	c2 := shClaim(t, db, b.ID, shText2, "30 percent below average", annotate.Disputed)
	if _, err := db.AddSource(ctx, c1.ID, annotate.Source{URL: "https://stats.example/march"}, annotate.Supports); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LinkClaims(ctx, c1.ID, c2.ID, annotate.Contradicts); err != nil {
		t.Fatal(err)
	}
	return shShare(t, db, "bob-share.db")
}

// shTamper copies the shared file and lets another program change the copy.
func shTamper(t *testing.T, src string, fn func(raw *sql.DB)) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "tampered.db")
	shCopy(t, src, dst)
	raw, err := sql.Open("sqlite3", "file:"+dst+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	fn(raw)
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestReceiveRefusesBadFilesWithTheirReasonAndLeavesThemUntouched(t *testing.T) {
	ctx := context.Background()
	good := shSharedFile(t)
	goodBytes, _ := os.ReadFile(good)
	write := func(name string, b []byte) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(4, 2))
	garbage := make([]byte, 8192)
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	flipped := append([]byte(nil), goodBytes...)
	for p := 4096; p+16 < len(flipped); p += 4096 { // every page's b-tree header
		for i := range 12 {
			flipped[p+i] ^= 0xA5
		}
	}
	otherApp := filepath.Join(t.TempDir(), "other.sqlite")
	raw, _ := sql.Open("sqlite3", otherApp)
	if _, err := raw.Exec(`CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('hello'); PRAGMA application_id = 1234`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	emptyDB := filepath.Join(t.TempDir(), "empty.sqlite")
	raw, _ = sql.Open("sqlite3", emptyDB)
	raw.Exec(`PRAGMA user_version = 0; VACUUM`)
	raw.Close()
	walFile := write("x.db-wal", append([]byte{0x37, 0x7f, 0x06, 0x82}, garbage[:4092]...))

	cases := []struct {
		name string
		path string
		want storage.Refusal
		kind storage.Kind
		msg  string
	}{
		{"missing", filepath.Join(t.TempDir(), "nope.db"), storage.RefusedUnreadable, storage.KindNotFound, "does not exist"},
		{"folder", t.TempDir(), storage.RefusedUnreadable, storage.KindNotOurs, "not a file"},
		{"empty file", write("empty.db", nil), storage.RefusedNotSQLite, storage.KindNotOurs, "it is empty"},
		{"text", write("notes.db", []byte(strings.Repeat("These are my notes, not a database.\n", 50))), storage.RefusedNotSQLite, storage.KindNotOurs, "not an SQLite file"},
		{"garbage", write("garbage.db", garbage), storage.RefusedNotSQLite, storage.KindNotOurs, "not an SQLite file"},
		{"a -wal journal", walFile, storage.RefusedNotSQLite, storage.KindNotOurs, "-wal journal"},
		{"truncated", write("cut.db", goodBytes[:len(goodBytes)/2]), storage.RefusedTruncated, storage.KindCorrupt, "cut short"},
		{"bit-flipped pages", write("flipped.db", flipped), storage.RefusedDamaged, storage.KindCorrupt, "damaged"},
		{"another app's database", otherApp, storage.RefusedNotOurs, storage.KindNotOurs, "another application"},
		{"an empty SQLite database", emptyDB, storage.RefusedNotOurs, storage.KindNotOurs, "another application"},
		{"newer schema", shTamper(t, good, func(raw *sql.DB) {
			raw.Exec(`PRAGMA user_version = 99`)
		}), storage.RefusedNewer, storage.KindNewerSchema, "made by a newer version of Factdesk"},
		{"a view added", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `CREATE VIEW confirmed AS SELECT * FROM claims WHERE verdict = 'confirmed'`)
		}), storage.RefusedSchema, storage.KindNotOurs, `view named "confirmed"`},
		{"a trigger added", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `CREATE TRIGGER steal AFTER INSERT ON claims BEGIN UPDATE claims SET note = 'pwned'; END`)
		}), storage.RefusedSchema, storage.KindNotOurs, `trigger named "steal"`},
		{"a trigger replaced", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `DROP TRIGGER history_no_delete; CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT 1; END`)
		}), storage.RefusedSchema, storage.KindNotOurs, "defined differently"},
		{"a table replaced by a view", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `DROP TABLE links; CREATE VIEW links AS SELECT * FROM claims`)
		}), storage.RefusedSchema, storage.KindNotOurs, `"links" is a view`},
		{"an altered table", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `ALTER TABLE claims ADD COLUMN payload TEXT`)
		}), storage.RefusedSchema, storage.KindNotOurs, `table "claims" is defined differently`},
		{"an extra table", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `CREATE TABLE extra(x)`)
		}), storage.RefusedSchema, storage.KindNotOurs, `table named "extra"`},
		{"a missing table", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `DROP TABLE conflicts`)
		}), storage.RefusedSchema, storage.KindNotOurs, `"conflicts" is missing`},
		{"search settings changed", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `INSERT INTO claims_fts(claims_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`)
		}), storage.RefusedSchema, storage.KindNotOurs, "search index settings"},
		{"broken references", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `UPDATE claims SET article_id = 'no-such-article'`)
		}), storage.RefusedBrokenRefs, storage.KindCorrupt, "point at rows that do not exist"},
		{"an article text that does not match its hash", shTamper(t, good, func(raw *sql.DB) {
			shExec(t, raw, `CREATE TEMP TABLE a AS SELECT * FROM articles WHERE title = 'Rainfall';
				DELETE FROM articles WHERE title = 'Rainfall';
				UPDATE temp.a SET text = replace(text, '30 percent', '50 percent');
				INSERT INTO articles SELECT * FROM temp.a`)
		}), storage.RefusedContent, storage.KindCorrupt, "does not match its fingerprint"},
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var before string
			if st, err := os.Stat(tc.path); err == nil && st.Mode().IsRegular() {
				before = shHash(t, tc.path)
			}
			in, err := storage.ReceiveFile(ctx, tc.path)
			if err == nil {
				in.Close()
				t.Fatalf("accepted")
			}
			if got := storage.RefusalOf(err); got != tc.want || !storage.IsKind(err, tc.kind) {
				t.Fatalf("refusal %q (kind %v), want %q (kind %v): %v", got, err, tc.want, tc.kind, err)
			}
			if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), filepath.Base(tc.path)) {
				t.Fatalf("message %q does not say %q and name the file", err, tc.msg)
			}
			if before != "" && shHash(t, tc.path) != before {
				t.Fatal("the incoming file was changed")
			}
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(tc.path + side); err == nil && !strings.HasSuffix(tc.path, "-wal") {
					t.Fatalf("a %s file appeared beside the incoming file", side)
				}
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Fatalf("private copies left behind: %v", left)
			}
		})
	}

	// Merging a refused file leaves the working database as it was.
	alice := shOpen(t, filepath.Join(t.TempDir(), "alice.db"), "Alice")
	before := shRead(t, alice.Path())
	if _, err := alice.Merge(ctx, cases[len(cases)-5].path); storage.RefusalOf(err) != storage.RefusedSchema {
		t.Fatalf("merge of a hostile file: %v", err)
	}
	if after := shRead(t, alice.Path()); strings.Join(after.dump, "\n") != strings.Join(before.dump, "\n") || len(after.history) != len(before.history) {
		t.Fatal("a refused merge changed the working database")
	}
}

func TestReceiveRandomBitFlipsNeverCrash(t *testing.T) {
	ctx := context.Background()
	good := shSharedFile(t)
	goodBytes, _ := os.ReadFile(good)
	rng := rand.New(rand.NewPCG(9, 9))
	refused := 0
	for i := range 40 {
		b := append([]byte(nil), goodBytes...)
		for range 1 + rng.IntN(4) {
			pos := rng.IntN(len(b))
			b[pos] ^= 1 << rng.IntN(8)
		}
		p := filepath.Join(t.TempDir(), "flip.db")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		before := shHash(t, p)
		in, err := storage.ReceiveFile(ctx, p)
		if err != nil {
			if storage.RefusalOf(err) == "" {
				t.Fatalf("flip %d: an error that is not a refusal: %v", i, err)
			}
			refused++
		} else {
			// Accepted: the flips hit unused space or data (a character of a quote); the copy is sound.
			db, err := in.Open(ctx)
			if err != nil {
				t.Fatalf("flip %d: accepted but cannot be opened: %v", i, err)
			}
			if _, err := db.Articles(ctx); err != nil {
				t.Fatalf("flip %d: accepted but cannot be read: %v", i, err)
			}
			db.Close()
			in.Close()
		}
		if shHash(t, p) != before {
			t.Fatalf("flip %d: the incoming file was changed", i)
		}
	}
	t.Logf("40 files with random bit flips: %d refused, %d accepted (flips in unused space or in data: the copy is sound)", refused, 40-refused)
}

func TestReceiveOpenReadOnlyKeepsTheOriginalByteIdentical(t *testing.T) {
	ctx := context.Background()
	good := shSharedFile(t)
	before := shHash(t, good)
	in, err := storage.ReceiveFile(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if in.Version != storage.SchemaVersion || in.Migrated || in.Path() == good {
		t.Fatalf("incoming = %+v", in)
	}
	db, err := in.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := db.Articles(ctx)
	if err != nil || len(arts) != 2 {
		t.Fatalf("articles of the other reviewer's file = %d, %v", len(arts), err)
	}
	if hits, err := db.Search(ctx, "rainfall", 10); err != nil || len(hits) == 0 {
		t.Fatalf("search in the other reviewer's file = %+v, %v", hits, err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetVerdict(ctx, "x", annotate.Confirmed); !storage.IsKind(err, storage.KindReadOnly) && !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("a change to a file opened to look at: %v", err)
	}
	// Switch to it as a working database: a new file, the original untouched.
	work := filepath.Join(t.TempDir(), "from-bob.db")
	if err := in.SaveAs(ctx, work); err != nil {
		t.Fatal(err)
	}
	if err := in.SaveAs(ctx, work); !storage.IsKind(err, storage.KindUsage) {
		t.Fatalf("SaveAs over an existing file: %v", err)
	}
	db.Close()
	copyPath := in.Path()
	in.Close()
	if _, err := os.Stat(copyPath); !os.IsNotExist(err) {
		t.Fatalf("the private copy is still there: %v", err)
	}
	w := shOpen(t, work, "Alice")
	claims, err := w.Claims(ctx, storage.ClaimFilter{})
	if err != nil || len(claims) != 2 {
		t.Fatalf("claims of the new working database = %d, %v", len(claims), err)
	}
	if _, err := w.SetVerdict(ctx, claims[0].ID, annotate.Unverified); err != nil {
		t.Fatal(err)
	}
	if shHash(t, good) != before {
		t.Fatal("the file another reviewer sent was changed")
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(good + side); err == nil {
			t.Fatalf("a %s file appeared beside the incoming file", side)
		}
	}
}

func TestReceiveMigratesAnOlderFileOnThePrivateCopy(t *testing.T) {
	ctx := context.Background()
	good := shSharedFile(t)
	// Version 1 is the current schema without the conflicts, claim_aliases, project,
	// source_snapshots, source_checks and meta tables, the counterpart index,, the claims' contested column and the evidence columns of articles.
	old := shTamper(t, good, func(raw *sql.DB) {
		shExec(t, raw, `DROP TABLE conflicts; DROP TABLE claim_aliases; DROP TABLE project; DROP TABLE source_checks; DROP TABLE source_snapshots; DROP TABLE meta; DROP TABLE counterpart_postings; DROP TABLE counterpart_articles; ALTER TABLE claims DROP COLUMN contested; PRAGMA user_version = 1`)
		for _, c := range []string{"pages", "ocr", "notes", "source_sha256", "fetched_at", "raw", "raw_type"} {
			shExec(t, raw, `ALTER TABLE articles DROP COLUMN `+c)
		}
	})
	before := shHash(t, old)
	in, err := storage.ReceiveFile(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if in.Version != 1 || !in.Migrated {
		t.Fatalf("incoming = %+v", in)
	}
	alice := shOpen(t, filepath.Join(t.TempDir(), "alice.db"), "Alice")
	rep, err := alice.MergeIncoming(ctx, in)
	if err != nil || len(rep.NewClaims) != 2 {
		t.Fatalf("merge of a migrated file = %+v, %v", rep, err)
	}
	if shHash(t, old) != before {
		t.Fatal("the older file was changed (it must be migrated on a private copy)")
	}
}

func TestReceiveTakesTheWALOfALiveDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := shOpen(t, filepath.Join(dir, "live.db"), "Bob")
	a := shImport(t, db, "Unemployment", shText1)
	shClaim(t, db, a.ID, shText1, "the lowest level in a decade", annotate.Confirmed)
	// The database is open: its last transactions are in live.db-wal.
	if _, err := os.Stat(db.Path() + "-wal"); err != nil {
		t.Fatalf("the open database has no -wal beside it: %v", err)
	}
	before, beforeWAL := shHash(t, db.Path()), shHash(t, db.Path()+"-wal")
	in, err := storage.ReceiveFile(ctx, db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	ro, err := in.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if cs, err := ro.Claims(ctx, storage.ClaimFilter{}); err != nil || len(cs) != 1 {
		t.Fatalf("claims seen through the -wal = %d, %v", len(cs), err)
	}
	if shHash(t, db.Path()) != before || shHash(t, db.Path()+"-wal") != beforeWAL {
		t.Fatal("the live database or its -wal was changed")
	}
}
