package report

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkModel is the fixture with two snapshots of its first source and two checks of the
// first snapshot: one that found the text changed, one that could not fetch the page.
func checkModel(t *testing.T) Model {
	m := snapshotModel(t)
	src, snap := m.Snapshots[0].SourceID, m.Snapshots[0].ID
	m.Checks = []SourceCheck{
		{ID: "70000000-0000-4000-8000-000000000001", SourceID: src, SnapshotID: snap, URL: "https://nordpress.example/a",
			FinalURL: "https://nordpress.example/c", CheckedAt: at(11, 9, 0), Status: 200, SHA256: strings.Repeat("3a", 32),
			PageChanged: true, TextChanged: true, CreatedAt: at(11, 9, 1), CreatedBy: "Alice Martin"},
		{ID: "70000000-0000-4000-8000-000000000002", SourceID: src, SnapshotID: snap, URL: "https://nordpress.example/a",
			CheckedAt: at(12, 7, 0), Status: 410, Error: "the site answered 410 Gone", CreatedAt: at(12, 7, 1)},
	}
	return m
}

// Source checks are written in "checks" with every column and read back as they were; a file
// without checks has no such member (and reads as having none).
func TestJSONCarriesSourceChecks(t *testing.T) {
	m := checkModel(t)
	out := render(t, JSON, m)
	for _, member := range []string{`"checks"`, `"snapshotId"`, `"finalUrl":"https://nordpress.example/c"`, `"checkedAt"`, `"status":410`,
		`"pageChanged":true`, `"textChanged":true`, `"error":"the site answered 410 Gone"`, `"createdBy":"Alice Martin"`} {
		if !bytes.Contains(out, []byte(member)) {
			t.Errorf("the export has no %s", member)
		}
	}
	got, err := ReadJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Checks, m.Checks) {
		t.Errorf("checks read back as\n%+v\nwant\n%+v", got.Checks, m.Checks)
	}
	if again := render(t, JSON, got); !bytes.Equal(again, out) {
		t.Errorf("the file read back writes another file:\n%s\n---\n%s", out, again)
	}
	plain := render(t, JSON, snapshotModel(t))
	if bytes.Contains(plain, []byte(`"checks"`)) {
		t.Error("a file with no checks has a checks member")
	}
	if got, err := ReadJSON(bytes.NewReader(plain)); err != nil || got.Checks != nil {
		t.Errorf("a file without checks: %v, %+v", err, got.Checks)
	}
}

// A file written before checks existed (the golden file has none) still reads, with none.
func TestJSONWithoutChecksStillReads(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(`"checks"`)) {
		t.Fatal("the golden file has checks: it no longer stands for an older file")
	}
	m, err := ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if m.Checks != nil || len(m.Claims) == 0 {
		t.Errorf("an older file read with checks %+v, %d claims", m.Checks, len(m.Claims))
	}
}

// A check that names no snapshot of the file, or a snapshot of another source, whose time does
// not parse, or whose hash is not a SHA-256 (or is missing while nothing failed) is refused with
// what is wrong.
func TestJSONRefusesBadChecks(t *testing.T) {
	m := checkModel(t)
	if len(m.Sources) < 2 {
		t.Fatal("the fixture has one source: no other source for a check to name")
	}
	other := m.Sources[1].ID
	out := string(render(t, JSON, m))
	first := `"id":"70000000-0000-4000-8000-000000000001","sourceId":"` + m.Checks[0].SourceID + `","snapshotId":"`
	if !strings.Contains(out, first) {
		t.Fatalf("the fixture has no %s: %s", first, out)
	}
	for name, tc := range map[string]struct{ from, to, want string }{
		"unknown snapshot": {first, first + "x", "is not in the file"},
		"snapshot of another source": {first, `"id":"70000000-0000-4000-8000-000000000001","sourceId":"` + other + `","snapshotId":"`,
			"is of source"},
		"bad hash":       {`"sha256":"3a3a`, `"sha256":"3a3`, "is not a hex SHA-256"},
		"no hash":        {`"sha256":"` + strings.Repeat("3a", 32) + `",`, ``, "has neither the page's sha256 nor the error"},
		"hash and error": {`"status":410,`, `"status":410,"sha256":"` + strings.Repeat("4b", 32) + `",`, "has both a sha256 and an error"},
		"bad check time": {`"checkedAt":"2020-10-12T07:00:00Z"`, `"checkedAt":"12/10/2020"`, `time "12/10/2020" is not RFC 3339`},
		"no check time":  {`"checkedAt":"2020-10-12T07:00:00Z",`, ``, "has no checkedAt"},
		"bad created":    {`"createdAt":"2020-10-11T09:01:00Z"`, `"createdAt":"yesterday"`, `time "yesterday" is not RFC 3339`},
		"no url":         {`"url":"https://nordpress.example/a","checkedAt":"2020-10-12`, `"checkedAt":"2020-10-12`, "has no url"},
		"duplicate id":   {`"id":"70000000-0000-4000-8000-000000000002"`, `"id":"70000000-0000-4000-8000-000000000001"`, "id already used"},
	} {
		broken := strings.Replace(out, tc.from, tc.to, 1)
		if broken == out {
			t.Fatalf("%s: the fixture has no %s", name, tc.from)
		}
		if _, err := ReadJSON(strings.NewReader(broken)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}
