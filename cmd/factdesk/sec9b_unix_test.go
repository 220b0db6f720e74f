//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

// A full disk, for any user on any machine: the test binary, started again with
// fsizeEnv set, lowers its file size limit (RLIMIT_FSIZE, inherited across exec) and becomes
// the factdesk binary. Every write that would make a file larger than the limit then fails
// with EFBIG (Go ignores SIGXFSZ), as a write to a full disk fails with ENOSPC.
const (
	fsizeEnv = "FACTDESK_TEST_FSIZE" // the limit in bytes
	execEnv  = "FACTDESK_TEST_EXEC"  // the command to become, as a JSON array
)

func init() {
	limit := os.Getenv(fsizeEnv)
	if limit == "" {
		return
	}
	n, err := strconv.ParseUint(limit, 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad "+fsizeEnv+":", err)
		os.Exit(125)
	}
	var argv []string
	if err := json.Unmarshal([]byte(os.Getenv(execEnv)), &argv); err != nil || len(argv) == 0 {
		fmt.Fprintln(os.Stderr, "bad "+execEnv+":", err)
		os.Exit(125)
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &rl); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(125)
	}
	rl.Cur = n
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &rl); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(125)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, fsizeEnv+"=") && !strings.HasPrefix(kv, execEnv+"=") {
			env = append(env, kv)
		}
	}
	err = syscall.Exec(argv[0], argv, env)
	fmt.Fprintln(os.Stderr, "exec:", err)
	os.Exit(126)
}

// runFull runs the binary on db as if the disk had only limit bytes for any one file.
func runFull(t *testing.T, limit int64, env []string, db, reviewer string, args ...string) (string, string, int) {
	t.Helper()
	target := shCmd(db, reviewer, args...)
	argv, err := json.Marshal(target.Args)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(append(target.Env, env...), fsizeEnv+"="+strconv.FormatInt(limit, 10), execEnv+"="+string(argv))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code == 125 || code == 126 {
		t.Fatalf("the full-disk helper failed: %s", errOut.String())
	}
	return out.String(), errOut.String(), code
}

// fullDiskProject is a project bigger than the limits below: 30 articles, each with 4 rated
// claims with notes, so that every export format, a share copy and an incoming copy need more
// room than the disk gives.
func fullDiskProject(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	note := strings.Repeat("The figure comes from the port authority's weekly bulletin, checked against the customs register. ", 6)
	for i := range 30 {
		text := s9Text(i) + strings.Repeat(fmt.Sprintf("Dockers in berth %d unloaded grain, timber and steel through the night. ", i), 20)
		res, err := db.ImportArticle(ctx, corpus.Article{Title: fmt.Sprintf("Harbour report %d", i), Text: text, Language: "en", Origin: fmt.Sprintf("harbour-%d.txt", i)})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"The harbour master said", "a record for the season", "confirmed the figure", "promised new cranes"} {
			a, err := annotate.FindQuote(text, q, 1)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddClaim(ctx, res.Article.ID, a, annotate.Confirmed, note); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Item 4: on a full disk every command that writes says the disk is full and names where (the
// database's disk, the export's or the copy's folder, the temporary folder), never that the
// database is damaged; the database stays byte-identical and opens as before; no partial file
// is left.
func TestFullDiskSaysSoNamesWhereAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "work.db")
	fullDiskProject(t, db)
	incoming := filepath.Join(dir, "incoming.db")
	fullDiskProject(t, incoming) // another project's file to merge
	var arts []struct {
		ID string `json:"id"`
	}
	shJSON(t, db, "Alice", &arts, "articles", "--json")
	before := s9Hash(t, db)
	outDir := filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat(s9Text(99), 600)), 0o644); err != nil {
		t.Fatal(err)
	}
	longNote := strings.Repeat("Each word of this note is indexed for search, so a long note takes many pages. ", 300)[:storage.MaxNote]
	// The -wal index (-shm) takes 32 KiB as the database opens: the limits leave room for it.
	const limit = 48 << 10
	type step struct {
		name  string
		env   []string
		args  []string
		where string
	}
	var steps []step
	for _, f := range []string{"html", "pdf", "md", "csv", "json", "claimreview", "w3c"} {
		steps = append(steps, step{"export " + f, nil, []string{"export", "--format", f, "--site-url", "https://factcheck.example.org/", "--out", filepath.Join(outDir, "report."+f)}, outDir})
	}
	steps = append(steps,
		step{"share", nil, []string{"share", "--out", filepath.Join(outDir, "copy.db")}, filepath.Join(outDir, "copy.db")},
		step{"import", nil, []string{"import", big}, db},
		step{"claim add", nil, []string{"claim", "add", "--article", arts[0].ID, "--quote", "a record for the season", "--note", longNote}, db},
		step{"merge", []string{"TMPDIR=" + tmp}, []string{"merge", "--yes", incoming}, tmp},
	)
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			out, errOut, code := runFull(t, limit, s.env, db, "Alice", s.args...)
			if code == 0 {
				t.Fatalf("exit 0 on a full disk: %s", out)
			}
			if !strings.Contains(errOut, "disk is full") || !strings.Contains(errOut, s.where) || strings.Contains(errOut, "damaged") {
				t.Errorf("it says %q; want that the disk is full, naming %s", errOut, s.where)
			}
			if s9Hash(t, db) != before {
				t.Fatal("the database changed")
			}
			if left, _ := os.ReadDir(outDir); len(left) > 0 {
				t.Errorf("left behind: %s", left[0].Name())
			}
		})
	}
	// The database opens and reads as before.
	shJSON(t, db, "Alice", &arts, "articles", "--json")
	if len(arts) != 30 {
		t.Errorf("after the failed commands the database lists %d articles, want 30", len(arts))
	}
}
