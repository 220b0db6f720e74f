package main

// End-to-end tests of issue 9 (nothing lost, nothing forged, nothing leaked) through the
// binary, on articles written here.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"factdesk/storage"
)

// s9Text is an article of its own for each i.
func s9Text(i int) string {
	return fmt.Sprintf("Harbour report %d\n\nThe harbour master said on Monday that %d ships had docked in the week, "+
		"a record for the season. Officials in the port authority confirmed the figure.\n\n"+
		"The minister of transport visited the docks on Tuesday and promised new cranes.\n", i, 100+i)
}

// s9Project imports n articles written for the test into a new project at dir/name.
func s9Project(t *testing.T, dir, name string, n int) string {
	t.Helper()
	db := filepath.Join(dir, name)
	var files []string
	for i := range n {
		f := filepath.Join(dir, fmt.Sprintf("%s-%d.txt", strings.TrimSuffix(name, ".db"), i))
		if err := os.WriteFile(f, []byte(s9Text(i)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	shMust(t, db, "Alice", append([]string{"import"}, files...)...)
	return db
}

func s9Hash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// Item 1: share --out never replaces another project's database (closed, so no -wal beside
// it), and replaces an earlier copy of this project only with --force.
func TestShareRefusesToOverwriteAnotherProject(t *testing.T) {
	dir := t.TempDir()
	mine := s9Project(t, dir, "mine.db", 2)
	other := s9Project(t, dir, "other.db", 3)
	before := s9Hash(t, other)
	_, errOut, code := shRun(t, mine, "Alice", "share", "--out", other)
	if code == 0 {
		t.Fatal("share overwrote another project's database")
	}
	if s9Hash(t, other) != before {
		t.Fatal("the other project's database changed")
	}
	if !strings.Contains(errOut, "not overwritten") {
		t.Errorf("the refusal does not say the file was kept: %q", errOut)
	}
	// Another project's copy saved to share is not ours to replace either.
	otherCopy := filepath.Join(dir, "other-copy.db")
	shMust(t, other, "Bob", "share", "--out", otherCopy)
	before = s9Hash(t, otherCopy)
	if _, errOut, code := shRun(t, mine, "Alice", "share", "--out", otherCopy, "--force"); code == 0 || s9Hash(t, otherCopy) != before {
		t.Fatalf("share --force replaced another project's copy (exit %d): %s", code, errOut)
	}

	// An earlier copy of this project: refused without --force, replaced with it.
	out := filepath.Join(dir, "mine-copy.db")
	shMust(t, mine, "Alice", "share", "--out", out)
	before = s9Hash(t, out)
	_, errOut, code = shRun(t, mine, "Alice", "share", "--out", out)
	if code != exitUsage || s9Hash(t, out) != before || !strings.Contains(errOut, "--force") {
		t.Fatalf("replacing an earlier copy without --force: exit %d, %q", code, errOut)
	}
	shMust(t, mine, "Alice", "share", "--out", out, "--force")
}

// Item 2: a working database cut inside its last page is refused (exit 1, what to do) and left
// byte-identical, instead of being opened and written.
func TestCommandsRefuseADatabaseCutInsideItsLastPage(t *testing.T) {
	dir := t.TempDir()
	good := s9Project(t, dir, "good.db", 30)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.db")
	if err := os.WriteFile(cut, b[:len(b)-3996], 0o644); err != nil {
		t.Fatal(err)
	}
	before := s9Hash(t, cut)
	var arts []articleJSON
	shJSON(t, good, "Alice", &arts, "articles")
	_, errOut, code := shRun(t, cut, "Alice", "claim", "add", "--article", arts[0].ID, "--quote", "harbour master")
	if code != exitFailure || !strings.Contains(errOut, "restore") {
		t.Fatalf("claim add on a cut database: exit %d, %q", code, errOut)
	}
	if s9Hash(t, cut) != before {
		t.Fatal("the cut database was written")
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(cut + side); err == nil {
			t.Errorf("%s appeared beside the refused database", side)
		}
	}
}

// s9Pair makes Alice's project with one claim and Bob's from her copy; both then edit the
// claim's note differently and Alice merges Bob's copy: one conflict, in Alice's database.
func s9Pair(t *testing.T, dir string) (alice, claimID string) {
	t.Helper()
	alice = s9Project(t, dir, "alice.db", 1)
	var arts []articleJSON
	shJSON(t, alice, "Alice", &arts, "articles")
	claimID = strings.TrimSpace(shMust(t, alice, "Alice", "claim", "add", "--article", arts[0].ID, "--quote", "harbour master"))
	shMust(t, alice, "Alice", "share", "--out", filepath.Join(dir, "a0.db"))
	bob := filepath.Join(dir, "bob.db")
	shMust(t, bob, "Bob", "merge", filepath.Join(dir, "a0.db"), "--yes")
	shMust(t, alice, "Alice", "claim", "set", claimID, "--note", "Alice's note")
	shMust(t, bob, "Bob", "claim", "set", claimID, "--note", "Bob's note")
	shMust(t, bob, "Bob", "share", "--out", filepath.Join(dir, "b1.db"))
	shMust(t, alice, "Alice", "merge", filepath.Join(dir, "b1.db"), "--yes")
	return alice, claimID
}

// Item 7: after `resolve --keep theirs`, `conflicts --all` still shows mine as mine and theirs
// as theirs (text and --json), instead of swapping them because theirs is now the value.
func TestConflictsKeepTheirSidesAfterKeepTheirs(t *testing.T) {
	dir := t.TempDir()
	alice, _ := s9Pair(t, dir)
	var open []conflictJSON
	shJSON(t, alice, "Alice", &open, "conflicts")
	if len(open) != 1 || open[0].Mine.Value != "Alice's note" || open[0].Theirs.Value != "Bob's note" {
		t.Fatalf("open conflicts: %+v", open)
	}
	shMust(t, alice, "Alice", "conflicts", "resolve", open[0].ID, "--keep", "theirs")
	var all []conflictJSON
	shJSON(t, alice, "Alice", &all, "conflicts", "--all")
	if len(all) != 1 || !all[0].Resolved || all[0].Current != "Bob's note" {
		t.Fatalf("after keep theirs: %+v", all)
	}
	if all[0].Mine.Value != "Alice's note" || all[0].Mine.Reviewer != "Alice" || all[0].Theirs.Value != "Bob's note" || all[0].Theirs.Reviewer != "Bob" {
		t.Errorf("mine and theirs swapped after keep theirs: mine %+v, theirs %+v", all[0].Mine, all[0].Theirs)
	}
	text := shMust(t, alice, "Alice", "conflicts", "--all")
	if i, j := strings.Index(text, "Alice's note"), strings.Index(text, "Bob's note"); i < 0 || j < 0 || i > j {
		t.Errorf("text listing after keep theirs:\n%s", text)
	}
}

// Item 4: a command that fails creates nothing: no project file, no folder for it.
func TestFailedCommandsLeaveNoProjectBehind(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format": "not factdesk"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]string{
		"import-json refused":   {"import-json", bad},
		"import of a lost file": {"import", filepath.Join(dir, "missing.txt")},
		"claim add":             {"claim", "add", "--article", "0123456789", "--quote", "harbour master"},
	}
	for name, args := range cases {
		db := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"), "new", "project.db")
		_, errOut, code := shRun(t, db, "Alice", args...)
		if code == 0 {
			t.Errorf("%s: exit 0", name)
		}
		if _, err := os.Stat(filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))); err == nil {
			t.Errorf("%s left a project (or its folder) behind; stderr %q", name, errOut)
		}
	}
	// A partly failed import keeps what it saved.
	ok := filepath.Join(dir, "one.txt")
	if err := os.WriteFile(ok, []byte(s9Text(1)), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "partial.db")
	if _, _, code := shRun(t, db, "Alice", "import", ok, filepath.Join(dir, "missing.txt")); code == 0 {
		t.Error("an import with a missing file: exit 0")
	}
	var arts []articleJSON
	shJSON(t, db, "Alice", &arts, "articles")
	if len(arts) != 1 {
		t.Errorf("the partly failed import kept %d articles, want 1", len(arts))
	}
}

// failingWriter is a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/full", Err: syscall.ENOSPC}
}

// Item 4: an export that meets a full disk says the disk is full (not that the database is
// damaged).
func TestExportOnAFullDiskSaysSo(t *testing.T) {
	db := s9Project(t, t.TempDir(), "p.db", 3)
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"export", "--format", "json", "--out", "-", "--db", db}, strings.NewReader(""), failingWriter{}, &errOut)
	if code != exitFailure || !strings.Contains(errOut.String(), "disk is full") || strings.Contains(errOut.String(), "damaged") {
		t.Fatalf("exit %d: %q", code, errOut.String())
	}
}

// Item 9: the folders of an imported file's path (a user name, a source's name) stay on this
// machine: share copies and JSON exports carry only the file name, unless --keep-path.
func TestImportKeepsOnlyTheFileNameInSharedRecords(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "jdoe-leak-from-minister-aide")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	story := filepath.Join(folder, "story.txt")
	if err := os.WriteFile(story, []byte(s9Text(4)), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	shMust(t, db, "Alice", "import", story)
	copyFile, export := filepath.Join(dir, "copy.db"), filepath.Join(dir, "export.json")
	shMust(t, db, "Alice", "share", "--out", copyFile)
	shMust(t, db, "Alice", "export", "--format", "json", "--out", export)
	for _, f := range []string{copyFile, export} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "jdoe-leak-from-minister-aide") {
			t.Errorf("%s carries the local folder's name", filepath.Base(f))
		}
		if !strings.Contains(string(b), "story.txt") {
			t.Errorf("%s lost the file name", filepath.Base(f))
		}
	}
	kept := filepath.Join(dir, "kept.db")
	shMust(t, kept, "Alice", "import", story, "--keep-path")
	// The path stays on this machine until the person also opts in when it leaves.
	shMust(t, kept, "Alice", "export", "--format", "json", "--out", filepath.Join(dir, "stripped.json"))
	if b, _ := os.ReadFile(filepath.Join(dir, "stripped.json")); strings.Contains(string(b), folder) {
		t.Error("an export without --keep-path carries the path kept at import")
	}
	shMust(t, kept, "Alice", "export", "--keep-path", "--format", "json", "--out", filepath.Join(dir, "kept.json"))
	if b, _ := os.ReadFile(filepath.Join(dir, "kept.json")); !strings.Contains(string(b), folder) {
		t.Error("--keep-path did not keep the path")
	}
}

// Item 10: control characters from files never reach the terminal: import strips them from
// titles and text (keeping line breaks), and every listing shows the rest escaped; reviewer
// names are bounded and refuse line breaks and bidirectional overrides.
func TestTerminalEscapesAreStrippedAndShownEscaped(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "evil\x1b]0;pwned\x07.txt")
	if err := os.WriteFile(file, []byte("Harbour \x1b[2Jnews\x07\n\nThe harbour master\x1b[31m said 120 ships\u009b docked.\nA second line.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	outs := []string{shMust(t, db, "Alice", "import", file)}
	var arts []articleJSON
	shJSON(t, db, "Alice", &arts, "articles")
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	text := shMust(t, db, "Alice", "show", arts[0].ID)
	if !strings.Contains(text, "The harbour master[31m said 120 ships docked.") || !strings.Contains(text, "A second line.") {
		t.Errorf("the text lost more than its controls, or kept them: %q", text)
	}
	claim := strings.TrimSpace(shMust(t, db, "Alice", "claim", "add", "--article", arts[0].ID, "--quote", "harbour master", "--note", "see \x1b[2J here"))
	outs = append(outs, text, shMust(t, db, "Alice", "articles"), shMust(t, db, "Alice", "claims"), shMust(t, db, "Alice", "history", claim))
	for i, out := range outs {
		if strings.ContainsAny(out, "\x1b\x07\u009b") {
			t.Errorf("output %d has raw control characters: %q", i, out)
		}
	}
	if !strings.Contains(outs[3], `\x1b[2J`) {
		t.Errorf("the note's escape is not shown escaped: %q", outs[3])
	}
	for _, name := range []string{"\u202eecila", "Alice\nBob", strings.Repeat("a", 200)} {
		_, errOut, code := shRun(t, db, name, "claim", "set", claim, "--verdict", "confirmed")
		if code == 0 || !strings.Contains(errOut, "reviewer's name") {
			t.Errorf("reviewer %q: exit %d, %q", name, code, errOut)
		}
	}
}

// Item 11: bounds. A huge note is refused (by claim add and import-json), --accessed must be a
// date, and a quote may not cut a grapheme cluster (a lone skin-tone modifier, half a flag).
func TestBoundsOnNotesDatesAndQuotes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "emoji.txt")
	if err := os.WriteFile(file, []byte("Emoji report\n\nThe minister waved 👋🏽 at the crowd under the flags 🇫🇷🇩🇪 today.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	shMust(t, db, "Alice", "import", file)
	var arts []articleJSON
	shJSON(t, db, "Alice", &arts, "articles")
	art := arts[0].ID
	for _, quote := range []string{"🏽 at the crowd", "waved 👋", "🇷🇩🇪 today", "flags 🇫🇷🇩"} {
		if _, errOut, code := shRun(t, db, "Alice", "claim", "add", "--article", art, "--quote", quote); code == 0 || !strings.Contains(errOut, "cuts a character") {
			t.Errorf("quote %q: exit %d, %q", quote, code, errOut)
		}
	}
	claim := strings.TrimSpace(shMust(t, db, "Alice", "claim", "add", "--article", art, "--quote", "waved 👋🏽 at the crowd", "--note", "short note"))
	big := strings.Repeat("x", storage.MaxNote+1)
	if _, errOut, code := shRun(t, db, "Alice", "claim", "set", claim, "--note", big); code == 0 || !strings.Contains(errOut, "note") {
		t.Errorf("a huge note: exit %d, %q", code, errOut)
	}
	if _, errOut, code := shRun(t, db, "Alice", "source", "add", claim, "--url", "https://example.org", "--accessed", "yesterday"); code != exitUsage || !strings.Contains(errOut, "not a date") {
		t.Errorf("--accessed yesterday: exit %d, %q", code, errOut)
	}
	// import-json of a file with a huge note: refused, nothing imported.
	export := filepath.Join(dir, "e.json")
	shMust(t, db, "Alice", "export", "--format", "json", "--out", export)
	b, _ := os.ReadFile(export)
	forged := strings.Replace(string(b), `"short note"`, `"`+big+`"`, 1)
	if forged == string(b) {
		t.Fatal("no note to enlarge in the export")
	}
	if err := os.WriteFile(export, []byte(forged), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	if _, errOut, code := shRun(t, other, "Alice", "import-json", export); code == 0 || !strings.Contains(errOut, "note") {
		t.Errorf("import-json with a huge note: exit %d, %q", code, errOut)
	}
}
