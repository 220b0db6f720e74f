package main

// End-to-end tests of sharing through the factdesk binary: separate processes, real files.
// TestMain builds the binary once into a temporary folder.

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"factdesk/annotate"
)

// factdeskBin is the binary built by TestMain.
var factdeskBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "factdesk-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	factdeskBin = filepath.Join(dir, "factdesk")
	build := exec.Command("go", "build", "-o", factdeskBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building factdesk for the end-to-end tests:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// shCmd prepares the binary on db for reviewer.
func shCmd(db, reviewer string, args ...string) *exec.Cmd {
	cmd := exec.Command(factdeskBin, append(args, "--db", db, "--reviewer", reviewer)...)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Dir(db)) // no preferences of the person running the tests
	return cmd
}

// shRun runs the binary and returns stdout, stderr and the exit status.
func shRun(t *testing.T, db, reviewer string, args ...string) (string, string, int) {
	t.Helper()
	cmd := shCmd(db, reviewer, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

func shMust(t *testing.T, db, reviewer string, args ...string) string {
	t.Helper()
	out, errOut, code := shRun(t, db, reviewer, args...)
	if code != 0 {
		t.Fatalf("factdesk %v (%s): exit %d\n%s%s", args, reviewer, code, out, errOut)
	}
	return out
}

func shJSON(t *testing.T, db, reviewer string, v any, args ...string) {
	t.Helper()
	out := shMust(t, db, reviewer, append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("factdesk %v --json: %v\n%s", args, err, out)
	}
}

func shCopyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// shArticles returns the live articles' ids and texts.
func shArticles(t *testing.T, db string) map[string]string {
	t.Helper()
	var arts []articleJSON
	shJSON(t, db, "Reader", &arts, "articles")
	out := map[string]string{}
	for _, a := range arts {
		out[a.ID] = strings.TrimSuffix(shMust(t, db, "Reader", "show", a.ID), "\n")
	}
	return out
}

// shBaseProject imports the seed articles and makes a few claims, through the binary.
func shBaseProject(t *testing.T, dir string) string {
	t.Helper()
	base := filepath.Join(dir, "base.db")
	shMust(t, base, "Alice", "import", filepath.Join(seeds, seedEN), filepath.Join(seeds, seedFR))
	arts := shArticles(t, base)
	rng := rand.New(rand.NewPCG(1, 1))
	for id, text := range arts {
		for range 3 {
			shMust(t, base, "Alice", "claim", "add", "--article", id, "--quote", shQuote(rng, text))
		}
	}
	return base
}

// shQuote picks 2 to 5 consecutive words of text that occur once.
func shQuote(rng *rand.Rand, text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) })
	for {
		i := rng.IntN(len(words) - 6)
		q := strings.Join(words[i:i+2+rng.IntN(4)], " ")
		q = strings.TrimFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(q) > 8 && strings.Count(text, q) == 1 && !strings.ContainsAny(q, "\n") {
			return q
		}
	}
}

// shReviewer edits one database through the binary, as a reviewer would.
type shReviewer struct {
	t    *testing.T
	db   string
	name string
	rng  *rand.Rand
}

func (r *shReviewer) claims() []claimJSON {
	var cs []claimJSON
	shJSON(r.t, r.db, r.name, &cs, "claims")
	return cs
}

func (r *shReviewer) edit() {
	cs := r.claims()
	pick := func() string { return cs[r.rng.IntN(len(cs))].ID }
	switch n := r.rng.IntN(100); {
	case n < 20 || len(cs) < 2:
		arts := shArticles(r.t, r.db)
		ids := make([]string, 0, len(arts))
		for id := range arts {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		id := ids[r.rng.IntN(len(ids))]
		shMust(r.t, r.db, r.name, "claim", "add", "--article", id, "--quote", shQuote(r.rng, arts[id]),
			"--verdict", string(annotate.Verdicts[r.rng.IntN(3)]))
	case n < 50:
		shMust(r.t, r.db, r.name, "claim", "set", pick(), "--verdict", string(annotate.Verdicts[r.rng.IntN(3)]))
	case n < 65:
		shMust(r.t, r.db, r.name, "claim", "set", pick(), "--note", []string{"checked", "needs a source", "see the statement"}[r.rng.IntN(3)])
	case n < 75:
		shMust(r.t, r.db, r.name, "claim", "rm", pick())
	case n < 87:
		shMust(r.t, r.db, r.name, "source", "add", pick(), "--url", fmt.Sprintf("https://example.org/%s/%d", r.name, r.rng.IntN(100)))
	default:
		a, b := pick(), pick()
		if a != b {
			shMust(r.t, r.db, r.name, "link", "add", a, b, "--relation", []string{"same", "supports", "contradicts"}[r.rng.IntN(3)])
		}
	}
}

// shDump is a canonical dump of a database file read from outside: every row by id (articles by
// text hash), fields held by open conflicts shown as the conflict's values; plus the history ids.
func shDump(t *testing.T, path string) ([]string, map[string]bool) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var lines []string
	query := func(q string) [][]string {
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out [][]string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				row[i] = v.String
			}
			out = append(out, row)
		}
		return out
	}
	hash := map[string]string{}
	for _, r := range query(`SELECT id, sha256 FROM articles`) {
		hash[r[0]] = r[1]
	}
	key := func(tbl, id string) string {
		if h, ok := hash[id]; ok && tbl == "articles" {
			return h
		}
		return id
	}
	contested := map[string][]string{}
	for _, r := range query(`SELECT id, tbl, row_id, field, a_value, b_value, resolved_at IS NOT NULL, coalesce(resolved_value, '') FROM conflicts`) {
		k := r[1] + ":" + key(r[1], r[2]) + ":" + r[3]
		if r[6] == "0" {
			contested[k] = append(contested[k], r[4], r[5])
		}
		lines = append(lines, "X|"+r[0]+"|"+k+"|"+r[4]+"|"+r[5]+"|"+r[6]+"|"+r[7])
	}
	show := func(k, value string) string {
		if vs, ok := contested[k]; ok {
			vs = slices.Clone(vs)
			sort.Strings(vs)
			return fmt.Sprint("contested", slices.Compact(vs))
		}
		return value
	}
	for _, r := range query(`SELECT id, title, deleted_at IS NOT NULL FROM articles`) {
		lines = append(lines, "A|"+key("articles", r[0])+"|"+r[1]+"|"+show("articles:"+key("articles", r[0])+":delete", r[2]))
	}
	for _, r := range query(`SELECT c.id, a.sha256, c.rune_start, c.rune_end, c.exact, CASE WHEN c.contested THEN 'contested' ELSE c.verdict END,
		c.note, c.deleted_at IS NOT NULL FROM claims c JOIN articles a ON a.id = c.article_id`) {
		lines = append(lines, strings.Join([]string{"C", r[0], r[1], r[2], r[3], r[4], show("claims:"+r[0]+":verdict", r[5]),
			show("claims:"+r[0]+":note", r[6]), show("claims:"+r[0]+":delete", r[7])}, "|"))
	}
	for _, r := range query(`SELECT id, url, deleted_at IS NOT NULL FROM sources`) {
		lines = append(lines, "S|"+strings.Join(r, "|"))
	}
	for _, r := range query(`SELECT id, claim_id, relation, coalesce(source_id, ''), coalesce(target_claim_id, ''), deleted_at IS NOT NULL FROM links`) {
		lines = append(lines, "L|"+strings.Join(r, "|"))
	}
	hist := map[string]bool{}
	for _, r := range query(`SELECT id FROM history`) {
		hist[r[0]] = true
	}
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("%s: integrity_check %q %v", path, ok, err)
	}
	sort.Strings(lines)
	return lines, hist
}

// shVerdicts reads each claim's verdict and its verdict history entries.
func shVerdicts(t *testing.T, path string) (map[string]string, map[string][]string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	v, h := map[string]string{}, map[string][]string{}
	rows, _ := raw.Query(`SELECT id, CASE WHEN contested THEN 'contested' ELSE verdict END FROM claims WHERE deleted_at IS NULL`)
	for rows.Next() {
		var id, verdict string
		rows.Scan(&id, &verdict)
		v[id] = verdict
	}
	rows.Close()
	rows, _ = raw.Query(`SELECT row_id, id FROM history WHERE tbl = 'claims' AND field = 'verdict'`)
	for rows.Next() {
		var row, id string
		rows.Scan(&row, &id)
		h[row] = append(h[row], id)
	}
	rows.Close()
	return v, h
}

// TestTwoReviewersShareThroughTheBinary: two reviewers edit copies of one project in separate
// processes, exchange shared copies both ways twice with `share` and `merge --yes`: they
// converge, no history is lost, contested verdicts stay local with a conflict, merging again
// changes nothing; then Alice resolves the conflicts with `conflicts resolve` and one more
// exchange makes both databases equal.
func TestTwoReviewersShareThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	base := shBaseProject(t, dir)
	_, baseVerdictEntries := shVerdicts(t, base)
	for _, seed := range []uint64{7, 8} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			d := t.TempDir()
			pa, pb := filepath.Join(d, "alice.db"), filepath.Join(d, "bob.db")
			shCopyFile(t, base, pa)
			shCopyFile(t, base, pb)
			alice := &shReviewer{t: t, db: pa, name: "Alice", rng: rand.New(rand.NewPCG(seed, 1))}
			bob := &shReviewer{t: t, db: pb, name: "Bob", rng: rand.New(rand.NewPCG(seed, 2))}
			var wg sync.WaitGroup
			for _, r := range []*shReviewer{alice, bob} {
				wg.Add(1)
				go func() { // the two reviewers work at the same time, each on their laptop
					defer wg.Done()
					for range 10 {
						r.edit()
					}
				}()
			}
			wg.Wait()
			// Make sure at least one verdict is contested.
			var common []claimJSON
			shJSON(t, pa, "Alice", &common, "claims")
			shMust(t, pa, "Alice", "claim", "set", common[0].ID, "--verdict", "confirmed")
			shMust(t, pb, "Bob", "claim", "set", common[0].ID, "--verdict", "disputed")

			_, histA0 := shDump(t, pa)
			_, histB0 := shDump(t, pb)
			va0, ea0 := shVerdicts(t, pa)
			vb0, eb0 := shVerdicts(t, pb)

			exchange := func(from, into *shReviewer, name string) string {
				file := filepath.Join(d, name)
				shMust(t, from.db, from.name, "share", "--out", file)
				return shMust(t, into.db, into.name, "merge", file, "--yes")
			}
			exchange(bob, alice, "b1.db")
			exchange(alice, bob, "a1.db")
			exchange(bob, alice, "b2.db")
			exchange(alice, bob, "a2.db")

			dumpA, histA := shDump(t, pa)
			dumpB, histB := shDump(t, pb)
			if !slices.Equal(dumpA, dumpB) {
				t.Fatalf("the two databases differ after exchanging both ways twice:\nAlice: %v\nBob:   %v", dumpA, dumpB)
			}
			for _, h := range []map[string]bool{histA0, histB0} {
				for id := range h {
					if !histA[id] || !histB[id] {
						t.Fatalf("history entry %s lost", id)
					}
				}
			}
			va, _ := shVerdicts(t, pa)
			vb, _ := shVerdicts(t, pb)
			// A claim the two rated differently is contested on both sides: neither rating
			// replaced the other, and no verdict nobody settled is shown.
			contested := 0
			for id := range va0 {
				changedA := len(ea0[id]) > len(baseVerdictEntries[id])
				changedB := len(eb0[id]) > len(baseVerdictEntries[id])
				_, liveA := va[id]
				_, liveB := vb[id]
				if _, ok := vb0[id]; !ok || !liveA || !liveB || !changedA || !changedB || va0[id] == vb0[id] ||
					va0[id] == "unverified" || vb0[id] == "unverified" || va0[id] == "contested" || vb0[id] == "contested" {
					continue
				}
				contested++
				if va[id] != "contested" || vb[id] != "contested" {
					t.Fatalf("claim %s rated %s by Alice and %s by Bob became %s/%s, not contested", id, va0[id], vb0[id], va[id], vb[id])
				}
			}
			if contested == 0 {
				t.Fatal("no contested claim")
			}
			out := shMust(t, pa, "Alice", "merge", filepath.Join(d, "b2.db"), "--yes")
			if !strings.Contains(out, "Nothing new") {
				t.Fatalf("merging the same file again: %s", out)
			}

			// Alice settles the contested claims and resolves the conflicts (notes, deletes).
			var disputed []claimJSON
			shJSON(t, pa, "Alice", &disputed, "claims", "--verdict", "contested")
			if len(disputed) < contested {
				t.Fatalf("%d contested claims listed, want %d or more", len(disputed), contested)
			}
			for i, c := range disputed {
				if len(c.Ratings) < 2 {
					t.Fatalf("contested claim %s lists ratings %+v", c.ID, c.Ratings)
				}
				shMust(t, pa, "Alice", "claim", "settle", shortID(c.ID), []string{"confirmed", "disputed"}[i%2])
			}
			var open []conflictJSON
			shJSON(t, pa, "Alice", &open, "conflicts")
			if len(open) > 0 {
				listing := shMust(t, pa, "Alice", "conflicts")
				if !strings.Contains(listing, "mine:") || !strings.Contains(listing, "theirs:") {
					t.Fatalf("conflicts listing:\n%s", listing)
				}
			}
			for i, c := range open {
				args := []string{"conflicts", "resolve", shortID(c.ID)}
				switch {
				case c.Field == "verdict" && i%3 == 2:
					args = append(args, "--edit", "unverified")
				case c.Field == "note" && i%3 == 2:
					args = append(args, "--edit", "agreed")
				case i%2 == 0:
					args = append(args, "--keep", "mine")
				default:
					args = append(args, "--keep", "theirs")
				}
				shMust(t, pa, "Alice", args...)
			}
			exchange(alice, bob, "a3.db")
			exchange(bob, alice, "b3.db")
			dumpA, _ = shDump(t, pa)
			dumpB, _ = shDump(t, pb)
			if !slices.Equal(dumpA, dumpB) || strings.Contains(strings.Join(dumpA, "\n"), "contested") {
				t.Fatalf("after the resolutions:\nAlice: %v\nBob:   %v", dumpA, dumpB)
			}
			if out := shMust(t, pb, "Bob", "conflicts"); !strings.Contains(out, "No conflicts") {
				t.Fatalf("Bob's conflicts after Alice resolved them: %s", out)
			}
		})
	}
}

func TestMergePreviewsWithoutATerminal(t *testing.T) {
	dir := t.TempDir()
	base := shBaseProject(t, dir)
	pa, pb := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	shCopyFile(t, base, pa)
	shCopyFile(t, base, pb)
	var cs []claimJSON
	shJSON(t, pb, "Bob", &cs, "claims")
	shMust(t, pb, "Bob", "claim", "set", cs[0].ID, "--verdict", "disputed", "--note", "the figure is from 2019")
	file := filepath.Join(dir, "bob-share.db")
	out := shMust(t, pb, "Bob", "share", "--out", file)
	if !strings.Contains(out, "Saved a copy for sharing") {
		t.Fatalf("share: %s", out)
	}
	before, _ := shDump(t, pa)
	cmd := shCmd(pa, "Alice", "merge", file)
	cmd.Stdin = strings.NewReader("y\n") // not a terminal: no question, no merge
	outb, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("merge preview: %v\n%s", err, outb)
	}
	for _, want := range []string{"New ratings (they join the other reviewers' ratings) (1)", "→ disputed", "Other changes (1)", "the figure is from 2019", "Bob", "Nothing was changed", "--yes"} {
		if !strings.Contains(string(outb), want) {
			t.Fatalf("preview does not say %q:\n%s", want, outb)
		}
	}
	if after, _ := shDump(t, pa); !slices.Equal(before, after) {
		t.Fatal("the preview changed the database")
	}
	var rep mergeJSON
	shJSON(t, pa, "Alice", &rep, "merge", file, "--yes")
	if !rep.Committed || len(rep.ChangedVerdicts) != 1 || rep.ChangedVerdicts[0].New != "disputed" || len(rep.OtherChanges) != 1 {
		t.Fatalf("merge --yes --json = %+v", rep)
	}
	var ratings []ratedClaimJSON
	shJSON(t, pa, "Alice", &ratings, "ratings", "--by", "Bob")
	if len(ratings) != 1 || ratings[0].Ratings[0].Reviewer != "Bob" || ratings[0].Ratings[0].Verdict != "disputed" {
		t.Fatalf("ratings --by Bob = %+v", ratings)
	}
}

func TestMergeRefusesHostileFilesThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	base := shBaseProject(t, dir)
	file := filepath.Join(dir, "share.db")
	shMust(t, base, "Alice", "share", "--out", file)
	raw, err := sql.Open("sqlite3", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TRIGGER t AFTER INSERT ON claims BEGIN DELETE FROM claims; END`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, _ := os.ReadFile(file)
	work := filepath.Join(dir, "work.db")
	shMust(t, work, "Carol", "import", filepath.Join(seeds, seedEN))
	out, errOut, code := shRun(t, work, "Carol", "merge", file, "--yes")
	if code != exitFailure || !strings.Contains(errOut, `trigger named "t"`) || out != "" {
		t.Fatalf("merge of a file with a trigger: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Fatal("the hostile file was changed")
	}
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 100), 0o644)
	if _, errOut, code := shRun(t, work, "Carol", "merge", garbage); code != exitFailure || !strings.Contains(errOut, "not an SQLite file") {
		t.Fatalf("merge of garbage: exit %d, %s", code, errOut)
	}
}

func TestAgreementThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	base := shBaseProject(t, dir)
	pa, pb := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db")
	shCopyFile(t, base, pa)
	shCopyFile(t, base, pb)
	var cs []claimJSON
	shJSON(t, pa, "Alice", &cs, "claims")
	if len(cs) < 4 {
		t.Fatalf("%d claims", len(cs))
	}
	for i, v := range []string{"confirmed", "confirmed", "disputed", "disputed"} {
		shMust(t, pa, "Alice", "claim", "set", cs[i].ID, "--verdict", v)
	}
	// Setting the same verdict again is no rating; back to unverified is one (the latest counts).
	shMust(t, pa, "Alice", "claim", "set", cs[2].ID, "--verdict", "disputed")
	shMust(t, pa, "Alice", "claim", "set", cs[3].ID, "--verdict", "unverified")
	for i, v := range []string{"confirmed", "disputed", "disputed", "confirmed"} {
		shMust(t, pb, "Bob", "claim", "set", cs[i].ID, "--verdict", v)
	}
	file := filepath.Join(dir, "b.db")
	shMust(t, pb, "Bob", "share", "--out", file)
	shMust(t, pa, "Alice", "merge", file, "--yes")
	var ag agreementJSON
	shJSON(t, pa, "Alice", &ag, "agreement")
	want := annotate.Agreement([]annotate.Rating{
		{Item: "1", Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: "1", Reviewer: "Bob", Verdict: annotate.Confirmed},
		{Item: "2", Reviewer: "Alice", Verdict: annotate.Confirmed}, {Item: "2", Reviewer: "Bob", Verdict: annotate.Disputed},
		{Item: "3", Reviewer: "Alice", Verdict: annotate.Disputed}, {Item: "3", Reviewer: "Bob", Verdict: annotate.Disputed},
		{Item: "4", Reviewer: "Alice", Verdict: annotate.Unverified}, {Item: "4", Reviewer: "Bob", Verdict: annotate.Confirmed},
	})
	if ag.Items != 4 || ag.PercentAgreement != 50 || len(ag.Pairs) != 1 || ag.Pairs[0].Kappa != want.Pairs[0].Kappa ||
		ag.KrippendorffAlpha != want.KrippendorffAlpha || len(ag.Disagreements) != 2 || ag.Pairs[0].Confusion["confirmed"]["disputed"] != 1 {
		t.Fatalf("agreement --json = %+v\nwant %+v", ag, want)
	}
	out := shMust(t, pa, "Alice", "agreement")
	for _, w := range []string{"Percent agreement:", "50.0%", "Cohen's kappa:", "Krippendorff's alpha", "Disagreements to discuss (2)", "Alice and Bob: 4 claims"} {
		if !strings.Contains(out, w) {
			t.Fatalf("agreement does not say %q:\n%s", w, out)
		}
	}
}

// TestTwoProcessesWriteOneDatabase: a merge in one process and a stream of edits in another,
// on the same local database at the same time: no "database is locked", nothing lost.
func TestTwoProcessesWriteOneDatabase(t *testing.T) {
	dir := t.TempDir()
	base := shBaseProject(t, dir)
	// A file with many changes to merge, made by Bob.
	pb := filepath.Join(dir, "bob.db")
	shCopyFile(t, base, pb)
	arts := shArticles(t, pb)
	// One span is one claim: Bob's quotes that fall on a span claimed already (in the base, or
	// twice by him; map order decides which article each draw goes to) add no claim.
	var baseClaims []claimJSON
	shJSON(t, base, "Alice", &baseClaims, "claims")
	taken := map[string]bool{} // article and quote of every claimed span
	for _, c := range baseClaims {
		taken[c.ArticleID+"\x00"+c.Quote] = true
	}
	rng := rand.New(rand.NewPCG(3, 3))
	bobNew := 0
	for id, text := range arts {
		for range 10 {
			q := shQuote(rng, text)
			if !taken[id+"\x00"+q] {
				bobNew++
			}
			taken[id+"\x00"+q] = true
			shMust(t, pb, "Bob", "claim", "add", "--article", id, "--quote", q)
		}
	}
	file := filepath.Join(dir, "bob-share.db")
	shMust(t, pb, "Bob", "share", "--out", file)

	work := filepath.Join(dir, "work.db")
	shCopyFile(t, base, work)
	var cs []claimJSON
	shJSON(t, work, "Alice", &cs, "claims")
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	run := func(reviewer string, args ...string) string {
		out, errOut, code := shRun(t, work, reviewer, args...)
		if code != 0 || strings.Contains(errOut, "locked") || strings.Contains(errOut, "busy") {
			errs <- fmt.Sprintf("%v: exit %d %s%s", args, code, out, errOut)
		}
		return errOut
	}
	dups := 0 // Carol's quotes that fell on a span already claimed: one claim, as in the app
	wg.Add(3)
	go func() {
		defer wg.Done()
		run("Alice", "merge", file, "--yes")
	}()
	go func() { // Alice keeps rating claims meanwhile, in another process each time
		defer wg.Done()
		for i := range 12 {
			run("Alice", "claim", "set", cs[i%len(cs)].ID, "--note", fmt.Sprintf("note %d", i))
		}
	}()
	go func() { // and a second window adds claims
		defer wg.Done()
		crng := rand.New(rand.NewPCG(4, 4))
		for id, text := range arts {
			for range 4 {
				// Not on a span of Bob's or of the base: whether the merge or Carol came first,
				// such a claim would become one with the other (tested in storage).
				q := shQuote(crng, text)
				for taken[id+"\x00"+q] {
					q = shQuote(crng, text)
				}
				if strings.Contains(run("Carol", "claim", "add", "--article", id, "--quote", q, "--note", "carol"), "already claim") {
					dups++
				}
			}
		}
	}()
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	var after []claimJSON
	shJSON(t, work, "Alice", &after, "claims")
	carol := 0
	for _, c := range after {
		if c.Note == "carol" {
			carol++
		}
	}
	if want := len(cs) + bobNew + 4*len(arts) - dups; len(after) != want || carol != 4*len(arts)-dups {
		t.Fatalf("%d claims (%d by Carol) after the concurrent merge and edits, want %d", len(after), carol, want)
	}
	var hist []historyJSON
	shJSON(t, work, "Alice", &hist, "history")
	notes := 0
	for _, h := range hist {
		if h.Field == "note" && strings.HasPrefix(h.New, "note ") {
			notes++
		}
	}
	if notes != 12 {
		t.Fatalf("%d of Alice's 12 note changes are in the history", notes)
	}
}

func TestLocationWarningOnTheCommandLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Dropbox", "team")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "factdesk.db")
	shMust(t, db, "Alice", "import", filepath.Join(seeds, seedEN))
	_, errOut, code := shRun(t, db, "Alice", "share", "--out", filepath.Join(t.TempDir(), "copy.db"))
	if code != 0 || !strings.Contains(errOut, "warning:") || !strings.Contains(errOut, "Dropbox") || strings.Count(errOut, "warning:") != 1 {
		t.Fatalf("share from a Dropbox folder: exit %d, stderr %q", code, errOut)
	}
}
