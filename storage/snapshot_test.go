package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/storage"
)

// TestSaveCopyWhileWriting takes copies while a writer goroutine keeps changing the database:
// each copy passes integrity_check, is one self-contained file in rollback-journal mode, and
// holds a committed state (every claim with its creation entry, every verdict equal to its last
// history entry, the full-text index in step).
func TestSaveCopyWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := shOpen(t, filepath.Join(dir, "work.db"), "Alice")
	art := shImport(t, db, "Unemployment", shText1)
	words := strings.Fields(shText1)

	var stop atomic.Bool
	var wrote atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			a, err := annotate.FindQuote(shText1, words[i%len(words)], 1)
			if err != nil {
				t.Error(err)
				return
			}
			c, err := db.AddClaim(ctx, art.ID, a, annotate.Unverified, fmt.Sprintf("note %d", i))
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := db.SetVerdict(ctx, c.ID, annotate.Verdicts[i%3]); err != nil {
				t.Error(err)
				return
			}
			wrote.Add(1)
		}
	}()
	out := filepath.Join(dir, "share", "alice.db")
	os.MkdirAll(filepath.Dir(out), 0o755)
	var seen []int64
	for round := range 6 {
		for wrote.Load() < int64(5*(round+1)) {
			time.Sleep(2 * time.Millisecond)
		}
		var calls []float64
		if err := db.SaveCopy(ctx, out, func(f float64) { calls = append(calls, f) }); err != nil {
			t.Fatal(err)
		}
		if len(calls) < 2 || calls[0] != 0 || calls[len(calls)-1] != 1 {
			t.Fatalf("progress calls = %v", calls)
		}
		seen = append(seen, shCheckCopy(t, out))
	}
	stop.Store(true)
	wg.Wait()
	if seen[len(seen)-1] <= seen[0] {
		t.Fatalf("the copies did not follow the writes: claims per copy %v", seen)
	}
	t.Logf("claims in the successive copies: %v (written: %d)", seen, wrote.Load())
}

// shCheckCopy checks a shared copy and returns its number of claims.
func shCheckCopy(t *testing.T, path string) int64 {
	t.Helper()
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Fatalf("%s%s exists beside the copy", path, side)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp-*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
	head := make([]byte, 20)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Read(head)
	f.Close()
	if head[18] != 1 || head[19] != 1 {
		t.Fatalf("the copy is not in rollback-journal mode (header %d %d)", head[18], head[19])
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check of the copy: %q %v", ok, err)
	}
	var claims, creates, wrong, indexed int64
	raw.QueryRow(`SELECT count(*) FROM claims`).Scan(&claims)
	raw.QueryRow(`SELECT count(*) FROM history WHERE tbl = 'claims' AND field = 'create'`).Scan(&creates)
	raw.QueryRow(`SELECT count(*) FROM claims c WHERE c.verdict <> coalesce((SELECT new FROM history h WHERE h.row_id = c.id AND h.field = 'verdict' ORDER BY at DESC LIMIT 1), 'unverified')`).Scan(&wrong)
	raw.QueryRow(`SELECT count(*) FROM claims_fts_docsize`).Scan(&indexed)
	if claims != creates || indexed != claims {
		t.Fatalf("the copy is not a committed state: %d claims, %d creation entries, %d indexed", claims, creates, indexed)
	}
	// A claim added but not yet rated is a committed state too (two transactions): at most
	// the last claim may still be unverified with no verdict entry.
	if wrong > 1 {
		t.Fatalf("the copy is not a committed state: %d verdicts differ from their history", wrong)
	}
	return claims
}

func TestSaveCopyRefusesToOverwriteOtherFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := shOpen(t, filepath.Join(dir, "work.db"), "Alice")
	shImport(t, db, "Unemployment", shText1)
	doc := filepath.Join(dir, "thesis.db")
	os.WriteFile(doc, []byte("my thesis, not a database"), 0o644)
	cases := map[string]string{
		"the working database": db.Path(),
		"another file":         doc,
		"a folder":             dir,
		"a missing folder":     filepath.Join(dir, "nope", "x.db"),
	}
	for name, out := range cases {
		if err := db.SaveCopy(ctx, out, nil); err == nil {
			t.Fatalf("%s: saved over %s", name, out)
		}
	}
	if b, _ := os.ReadFile(doc); string(b) != "my thesis, not a database" {
		t.Fatal("the other file was overwritten")
	}
	// An earlier shared copy is replaced.
	out := filepath.Join(dir, "share.db")
	if err := db.SaveCopy(ctx, out, nil); err != nil {
		t.Fatal(err)
	}
	shImport(t, db, "Rainfall", shText2)
	if err := db.SaveCopy(ctx, out, nil); err != nil {
		t.Fatal(err)
	}
	in, err := storage.ReceiveFile(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	ro, err := in.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if arts, _ := ro.Articles(ctx); len(arts) != 2 {
		t.Fatalf("the second copy has %d articles", len(arts))
	}
}

func TestLocationWarning(t *testing.T) {
	dir := t.TempDir()
	synced := filepath.Join(dir, "home", "stfolder-root")
	os.MkdirAll(filepath.Join(synced, ".stfolder"), 0o755)
	os.MkdirAll(filepath.Join(synced, "projects"), 0o755)
	for path, want := range map[string]string{
		filepath.Join(dir, "Dropbox", "factdesk.db"):                                        "Dropbox",
		filepath.Join(dir, "Dropbox (Newsroom)", "team", "factdesk.db"):                     "Dropbox",
		filepath.Join(dir, "OneDrive - Newsroom", "factdesk.db"):                            "OneDrive",
		filepath.Join(dir, "Library", "Mobile Documents", "com~apple~CloudDocs", "fd.db"):   "iCloud Drive",
		filepath.Join(dir, "Library", "CloudStorage", "GoogleDrive-me@example.org", "f.db"): "cloud storage",
		filepath.Join(dir, "Google Drive", "My Drive", "f.db"):                              "Google Drive",
		filepath.Join(dir, "Nextcloud", "f.db"):                                             "Nextcloud",
		filepath.Join(synced, "projects", "factdesk.db"):                                    "Syncthing",
	} {
		w := storage.LocationWarning(path)
		if !strings.Contains(w, want) || !strings.Contains(w, "corrupts") {
			t.Errorf("LocationWarning(%s) = %q, want a %s warning that says why", path, w, want)
		}
		if err := storage.CheckLocation(path); err == nil || err.Code != storage.CodeInCloudFolder || !strings.HasPrefix(err.Facts.Service, want) {
			t.Errorf("CheckLocation(%s) = %+v, want the code %s and the service %s", path, err, storage.CodeInCloudFolder, want)
		}
	}
	for _, path := range []string{filepath.Join(dir, "projects", "factdesk.db"), filepath.Join(dir, "boxes", "f.db")} {
		if w := storage.LocationWarning(path); w != "" {
			t.Errorf("LocationWarning(%s) = %q, want none", path, w)
		}
	}
}
