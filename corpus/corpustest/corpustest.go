// Package corpustest finds the articles the tests of every package read: the real seed
// articles of the acceptance suite (outside the repository) and the project's own test
// articles (inside it).
package corpustest

import (
	"os"
	"path/filepath"
	"testing"
)

// SeedsEnv names the environment variable that points the acceptance suite at the folder of
// the real seed articles (`make acceptance SEEDS=DIR` sets it).
const SeedsEnv = "FACTDESK_SEEDS"

// RepoRoot returns the repository's root folder: the nearest folder above the working
// directory that holds go.mod.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("corpustest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// SeedDir returns the folder of the real seed articles for the acceptance suite:
// $FACTDESK_SEEDS, else ../shared/seeds beside the repository. A missing folder fails the
// test with what to do: the acceptance suite never skips.
func SeedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv(SeedsEnv)
	if dir == "" {
		dir = filepath.Join(RepoRoot(tb), "..", "shared", "seeds")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		tb.Fatalf("acceptance suite: no seed articles at %s: run `make acceptance SEEDS=DIR` with the folder of the seed articles", abs)
	}
	return abs
}

// Seed returns the path of one seed article by its file name, failing the test when it is missing.
func Seed(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(SeedDir(tb), name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("acceptance suite: seed article %s is missing: %v", p, err)
	}
	return p
}
