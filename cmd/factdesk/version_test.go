package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/storage"
)

// withBuild sets the build's version facts as the Makefile's -ldflags -X would, for one test.
func withBuild(t *testing.T, v, c, d string) {
	t.Helper()
	old := [3]string{version, commit, buildDate}
	version, commit, buildDate = v, c, d
	t.Cleanup(func() { version, commit, buildDate = old[0], old[1], old[2] })
}

func TestVersionFlagAndCommand(t *testing.T) {
	withBuild(t, "1.2.3", "0123456789ab", "2026-12-06T05:00:00Z")
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}, {"--db", "x.db", "--version"}} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
		if code != exitOK {
			t.Errorf("factdesk %v: exit %d, %s", args, code, errOut.String())
		}
		for _, want := range []string{"factdesk 1.2.3\n", "commit 0123456789ab\n", "built 2026-12-06T05:00:00Z\n"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("factdesk %v printed %q, missing %q", args, out.String(), want)
			}
		}
		if isGUI(args) {
			t.Errorf("isGUI(%v) = true: --version must not open the window", args)
		}
	}

	var out bytes.Buffer
	if code := run(context.Background(), []string{"version", "--json"}, strings.NewReader(""), &out, &out); code != exitOK {
		t.Fatalf("version --json: exit %d: %s", code, out.String())
	}
	var got map[string]string
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("version --json printed %q: %v", out.String(), err)
	}
	if got["version"] != "1.2.3" || got["commit"] != "0123456789ab" || got["built"] != "2026-12-06T05:00:00Z" {
		t.Errorf("version --json = %v", got)
	}
}

func TestAsksVersion(t *testing.T) {
	for args, want := range map[string]bool{
		"--version":                      true,
		"-version":                       true,
		"--reviewer A --version":         true,
		"--db=x.db --version":            true,
		"":                               false,
		"import a.txt --version":         false, // the command's flags: refused by the command
		"--db x.db claims":               false,
		"--":                             false,
		"--db --version import a.txt":    false, // --version is the database's name here
		"--reviewer --version claims":    false,
		"--db x.db --reviewer A version": false, // the command, not the flag
	} {
		if got := asksVersion(strings.Fields(args)); got != want {
			t.Errorf("asksVersion(%q) = %v, want %v", args, got, want)
		}
	}
}

// A change made through the command line records the version in the database.
func TestCommandsRecordTheVersionInTheDatabase(t *testing.T) {
	withBuild(t, "2.0.1", "c0ffee", "today")
	db := filepath.Join(t.TempDir(), "p.db")
	_, errOut, code := factdesk(t, db, "City council\n\nThe city council approved the budget of the year on Monday night.\n", "import", "-")
	if code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	sdb, err := storage.Open(context.Background(), db, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if v, err := sdb.WrittenBy(context.Background()); err != nil || v != "2.0.1" {
		t.Errorf("written by %q, %v; want 2.0.1", v, err)
	}
}
