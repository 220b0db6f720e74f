package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// A source's checks go through export --format json and import-json: import-json --json counts
// them, the export of the restored database is the first, and importing again finds them here.
func TestJSONRoundTripKeepsSourceChecks(t *testing.T) {
	var version atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if version.Load() == 2 {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><title>Toll</title></head><body><article><p>The prefecture counts %d injured after the fire at the port on Friday night.</p></article></body></html>`, 12+version.Load())
	}))
	defer srv.Close()
	db, claim := sourceTestDesk(t)
	mustRun(t, db, "source", "add", claim, "--url", srv.URL+"/toll")
	src := sourceLinks(t, db, claim)[0].Source.ID
	mustRun(t, db, "source", "check", src) // unchanged
	version.Store(1)
	mustRun(t, db, "source", "check", src) // changed
	version.Store(2)
	if _, _, code := factdesk(t, db, "", "source", "check", src); code != exitFailure { // gone
		t.Fatalf("a gone page's check exits %d", code)
	}

	dir := t.TempDir()
	first := filepath.Join(dir, "first.json")
	mustRun(t, db, "export", "--format", "json", "--out", first)
	var doc struct {
		Checks []map[string]any `json:"checks"`
	}
	a := readWithoutGenerated(t, first)
	if err := json.Unmarshal([]byte(a), &doc); err != nil || len(doc.Checks) != 3 {
		t.Fatalf("%v: the export's checks %v", err, doc.Checks)
	}
	if c := doc.Checks[2]; c["status"] != float64(404) || c["sha256"] != nil || c["error"] == nil || c["snapshotId"] == nil {
		t.Errorf("the gone page's check: %v", c)
	}

	restored := filepath.Join(dir, "restored.db")
	var rep importDataJSON
	if err := json.Unmarshal([]byte(mustRun(t, restored, "import-json", "--json", first)), &rep); err != nil || rep.NewChecks != 3 || rep.PresentChecks != 0 {
		t.Errorf("import-json --json: %+v %v", rep, err)
	}
	second := filepath.Join(dir, "second.json")
	mustRun(t, restored, "export", "--format", "json", "--out", second)
	if b := readWithoutGenerated(t, second); a != b {
		t.Errorf("the JSON export of the restored database differs from the first:\n%s", firstDifference(a, b))
	}
	if links := sourceLinks(t, restored, claim); links[0].LastCheck == nil || links[0].LastCheck.Outcome != "gone" {
		t.Errorf("the restored source's last check: %+v", links[0].LastCheck)
	}

	var again importDataJSON
	if err := json.Unmarshal([]byte(mustRun(t, restored, "import-json", "--json", first)), &again); err != nil || again.NewChecks != 0 || again.PresentChecks != 3 {
		t.Errorf("second import-json --json: %+v %v", again, err)
	}
}
