//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Item 8: a folder import does not follow links out of the folder (and says which it
// skipped), and never opens what is not a regular file: a link to a pipe does not hang it.
func TestFolderImportSkipsLinksOutOfTheFolderAndPipes(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "shadow.txt")
	if err := os.WriteFile(secret, []byte("root:$6$secret-hash:19000:0:99999:7:::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "unzipped")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "story.txt"), []byte(s9Text(1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(folder, "story.txt"), filepath.Join(folder, "same-story.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(folder, "notes.txt")); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(fifo, filepath.Join(folder, "pipe.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(folder, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	_, errOut, code := shRun(t, db, "Alice", "import", folder)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	for _, name := range []string{"notes.txt", "pipe.txt", "fifo.txt"} {
		if !strings.Contains(errOut, "skipped "+filepath.Join(folder, name)) {
			t.Errorf("%s not reported as skipped:\n%s", name, errOut)
		}
	}
	var arts []articleJSON
	shJSON(t, db, "Alice", &arts, "articles")
	if len(arts) != 1 {
		t.Fatalf("imported %d articles, want only story.txt: %+v", len(arts), arts)
	}
	if text := shMust(t, db, "Alice", "show", arts[0].ID); strings.Contains(text, "secret-hash") {
		t.Fatal("the file outside the folder was imported")
	}
	// A pipe named on the command line is refused at once, not read.
	_, errOut, code = shRun(t, db, "Alice", "import", filepath.Join(folder, "fifo.txt"))
	if code == 0 || !strings.Contains(errOut, "not a regular file") {
		t.Fatalf("import of a pipe: exit %d, %q", code, errOut)
	}
}
