package storage_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"factdesk/annotate"
	"factdesk/storage"
)

var mergeIterations = flag.Int("merge.iterations", 24, "iterations of the property-based merge test")

// Texts of the property test: three in the base, the others imported by either reviewer (the
// same text imported by both is one article after a merge).
var shTexts = []string{
	"The mayor said the new bridge cost 12 million euros and opened two months early. Residents said traffic was worse than before.",
	"Police counted 8,000 marchers on Saturday while organisers claimed 40,000. Both figures were disputed by a private count.",
	"The company reported a profit of 3 billion dollars, up 15 percent, and announced 1,200 job cuts in Europe.",
	"Scientists found that the glacier lost a fifth of its mass since 1990, faster than any model had predicted.",
	"The health ministry said vaccination rates rose to 78 percent among adults over sixty in the last quarter.",
	"A new survey shows that one in three students works part time, most of them more than fifteen hours a week.",
	"The central bank kept its rate at 4 percent and warned that inflation would stay above target until next year.",
}

var shNotes = []string{"", "checked with the source", "figure from the press release", "needs a second source", "see the official report"}

// shReplica is one reviewer's database in the property test.
type shReplica struct {
	db      *storage.DB
	name    string
	rng     *rand.Rand
	deleted []string // claims this replica deleted, to restore
	spans   []shSpan // spans claimed in the base: both replicas claim them again
}

// shSpan is a claimed span of an article text.
type shSpan struct {
	text       string
	start, end int
}

func (r *shReplica) liveClaims(t *testing.T) []annotate.Claim {
	cs, err := r.db.Claims(context.Background(), storage.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// randomEdit makes one random change, as a reviewer would.
func (r *shReplica) randomEdit(t *testing.T) {
	ctx := context.Background()
	claims := r.liveClaims(t)
	pickClaim := func() (annotate.Claim, bool) {
		if len(claims) == 0 {
			return annotate.Claim{}, false
		}
		return claims[r.rng.IntN(len(claims))], true
	}
	switch n := r.rng.IntN(100); {
	case n < 20: // a new claim on a random span of words, or on (or over) a base claim's span
		arts, err := r.db.Articles(ctx)
		if err != nil || len(arts) == 0 {
			return
		}
		art, err := r.db.Article(ctx, arts[r.rng.IntN(len(arts))].ID)
		if err != nil {
			t.Fatal(err)
		}
		start, end := shRandomSpan(r.rng, art.Text)
		if k := r.rng.IntN(10); k < 5 && len(r.spans) > 0 {
			sp := r.spans[r.rng.IntN(len(r.spans))]
			found := false
			for _, a := range arts { // the article of that span, if it is here
				if full, err := r.db.Article(ctx, a.ID); err == nil && full.Text == sp.text {
					art, found = full, true
					break
				}
			}
			if !found {
				return
			}
			start, end = sp.start, sp.end // the same span as another reviewer may claim
			if k == 0 && end+2 < len([]rune(art.Text)) {
				end += 2 // a heavily overlapping span
			}
		}
		a, err := annotate.NewAnchor(art.Text, start, end)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.db.AddClaim(ctx, art.ID, a, annotate.Verdicts[r.rng.IntN(3)], shNotes[r.rng.IntN(len(shNotes))]); err != nil {
			t.Fatal(err)
		}
	case n < 45:
		if c, ok := pickClaim(); ok {
			if _, err := r.db.SetVerdict(ctx, c.ID, annotate.Verdicts[r.rng.IntN(3)]); err != nil {
				t.Fatal(err)
			}
		}
	case n < 60:
		if c, ok := pickClaim(); ok {
			if _, err := r.db.SetNote(ctx, c.ID, shNotes[r.rng.IntN(len(shNotes))]); err != nil {
				t.Fatal(err)
			}
		}
	case n < 68:
		if c, ok := pickClaim(); ok {
			if err := r.db.DeleteClaim(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
			r.deleted = append(r.deleted, c.ID)
		}
	case n < 72: // undo of a delete: the same claim comes back
		if len(r.deleted) > 0 {
			i := r.rng.IntN(len(r.deleted))
			id := r.deleted[i]
			r.deleted = append(r.deleted[:i], r.deleted[i+1:]...)
			if err := r.db.RestoreClaim(ctx, id); err != nil && !storage.IsKind(err, storage.KindUsage) {
				t.Fatalf("restore %s: %v", id, err)
			}
		}
	case n < 78:
		if c, ok := pickClaim(); ok {
			rel := []annotate.Relation{annotate.Supports, annotate.Contradicts}[r.rng.IntN(2)]
			if _, err := r.db.AddSource(ctx, c.ID, annotate.Source{URL: fmt.Sprintf("https://example.org/%d", r.rng.IntN(1000)), Title: "Source " + r.name}, rel); err != nil {
				t.Fatal(err)
			}
		}
	case n < 88:
		a, ok1 := pickClaim()
		b, ok2 := pickClaim()
		if ok1 && ok2 && a.ID != b.ID {
			if _, err := r.db.LinkClaims(ctx, a.ID, b.ID, annotate.Relations[r.rng.IntN(3)]); err != nil {
				t.Fatal(err)
			}
		}
	case n < 92:
		if c, ok := pickClaim(); ok {
			ls, err := r.db.Links(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ls) > 0 {
				if err := r.db.DeleteLink(ctx, ls[r.rng.IntN(len(ls))].ID); err != nil {
					t.Fatal(err)
				}
			}
		}
	case n < 98: // import one of the other texts (maybe the one the other reviewer imports too)
		shImport(t, r.db, "Imported by "+r.name, shTexts[3+r.rng.IntN(len(shTexts)-3)])
	default:
		arts, err := r.db.Articles(ctx)
		if err == nil && len(arts) > 1 {
			if err := r.db.DeleteArticle(ctx, arts[r.rng.IntN(len(arts))].ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// shRandomSpan picks 1 to 5 whole words of text, in runes.
func shRandomSpan(rng *rand.Rand, text string) (int, int) {
	var words [][2]int
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) && !unicode.IsDigit(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == ',') {
			j++
		}
		words = append(words, [2]int{i, j})
		i = j
	}
	w := rng.IntN(len(words))
	last := min(len(words)-1, w+rng.IntN(5))
	return words[w][0], words[last][1]
}

// shState is what the property test knows of one replica at one moment, read from its file.
type shState struct {
	dump      []string
	history   map[string]bool
	deleted   map[string]bool // "table:key" of deleted rows
	verdict   map[string]string
	verdictBy map[string][]string // claim id -> its verdict history entries
	open      map[string]bool     // "table:key:field" of open conflicts
	contested []string            // live claims whose reviewers disagree
	aliases   int                 // claims that became another on the same span
	restores  map[string][]string // "table:key" -> its restore entries
}

// shRestoredSince reports whether row k (deleted in before) was restored by an entry made
// since: a restore is an edit later than the delete, and a merge takes it.
func shRestoredSince(before, after shState, k string) bool {
	for _, id := range after.restores[k] {
		if !before.history[id] {
			return true
		}
	}
	return false
}

// shRead dumps a database canonically: every row keyed by id (articles by text hash) with its
// fields and state; a field or state held by an open conflict is shown as the conflict's values,
// since until it is resolved each side keeps its own.
func shRead(t *testing.T, path string) shState {
	t.Helper()
	raw := shRaw(t, path)
	defer raw.Close()
	s := shState{history: map[string]bool{}, deleted: map[string]bool{}, verdict: map[string]string{},
		verdictBy: map[string][]string{}, open: map[string]bool{}, restores: map[string][]string{}}
	q := func(query string, fn func(rows *sql.Rows) error) {
		rows, err := raw.Query(query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	hash := map[string]string{}
	q(`SELECT id, sha256 FROM articles`, func(rows *sql.Rows) error {
		var id, h string
		err := rows.Scan(&id, &h)
		hash[id] = h
		return err
	})
	key := func(tbl, id string) string {
		if tbl == "articles" {
			if h, ok := hash[id]; ok {
				return "sha:" + h
			}
		}
		return id
	}
	contested := map[string][]string{}
	q(`SELECT id, tbl, row_id, field, a_value, a_entry, b_value, b_entry, resolved_at IS NOT NULL, coalesce(resolution, ''), coalesce(resolved_value, '') FROM conflicts`,
		func(rows *sql.Rows) error {
			var id, tbl, row, field, av, ae, bv, be, res, rv string
			var resolved bool
			if err := rows.Scan(&id, &tbl, &row, &field, &av, &ae, &bv, &be, &resolved, &res, &rv); err != nil {
				return err
			}
			k := tbl + ":" + key(tbl, row) + ":" + field
			if !resolved {
				s.open[k] = true
				contested[k] = append(contested[k], av, bv)
			}
			s.dump = append(s.dump, strings.Join([]string{"X", id, tbl, key(tbl, row), field, av, ae, bv, be, fmt.Sprint(resolved), res, rv}, "|"))
			return nil
		})
	show := func(tbl, k, field, value string) string {
		if vs, ok := contested[tbl+":"+k+":"+field]; ok {
			vs = slices.Clone(vs)
			sort.Strings(vs)
			return "contested" + fmt.Sprint(slices.Compact(vs))
		}
		return value
	}
	state := func(tbl, k string, deleted bool) string {
		if deleted {
			s.deleted[tbl+":"+k] = true
		}
		return show(tbl, k, "delete", map[bool]string{true: "deleted", false: "kept"}[deleted])
	}
	q(`SELECT id, name, deleted_at IS NOT NULL FROM reviewers`, func(rows *sql.Rows) error {
		var id, name string
		var del bool
		err := rows.Scan(&id, &name, &del)
		s.dump = append(s.dump, "R|"+id+"|"+name+"|"+state("reviewers", id, del))
		return err
	})
	q(`SELECT id, title, outlet, byline, url, language, published, origin, format, removed, deleted_at IS NOT NULL FROM articles`, func(rows *sql.Rows) error {
		var f [10]string
		var del bool
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9], &del); err != nil {
			return err
		}
		k := key("articles", f[0])
		s.dump = append(s.dump, "A|"+k+"|"+strings.Join(f[1:], "|")+"|"+state("articles", k, del))
		return nil
	})
	q(`SELECT c.id, a.sha256, c.rune_start, c.rune_end, c.exact, c.prefix, c.suffix, c.verdict, c.contested, c.note, c.deleted_at IS NOT NULL
		FROM claims c JOIN articles a ON a.id = c.article_id`, func(rows *sql.Rows) error {
		var id, h, exact, prefix, suffix, verdict, note string
		var start, end int
		var del, contested bool
		if err := rows.Scan(&id, &h, &start, &end, &exact, &prefix, &suffix, &verdict, &contested, &note, &del); err != nil {
			return err
		}
		s.verdict[id] = verdict
		if contested {
			s.contested = append(s.contested, id)
			verdict = "contested"
		}
		s.dump = append(s.dump, fmt.Sprintf("C|%s|%s|%d|%d|%s|%s|%s|%s|%s|%s", id, h, start, end, exact, prefix, suffix,
			show("claims", id, "verdict", verdict), show("claims", id, "note", note), state("claims", id, del)))
		return nil
	})
	q(`SELECT alias_id, claim_id FROM claim_aliases`, func(rows *sql.Rows) error {
		var a, c string
		err := rows.Scan(&a, &c)
		s.dump = append(s.dump, "AL|"+a+"|"+c)
		s.aliases++
		return err
	})
	q(`SELECT id, url, title, publisher, accessed, quote, deleted_at IS NOT NULL FROM sources`, func(rows *sql.Rows) error {
		var f [6]string
		var del bool
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &del); err != nil {
			return err
		}
		s.dump = append(s.dump, "S|"+strings.Join(f[:], "|")+"|"+state("sources", f[0], del))
		return nil
	})
	q(`SELECT id, claim_id, relation, coalesce(source_id, ''), coalesce(target_claim_id, ''), deleted_at IS NOT NULL FROM links`, func(rows *sql.Rows) error {
		var f [5]string
		var del bool
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &del); err != nil {
			return err
		}
		s.dump = append(s.dump, "L|"+strings.Join(f[:], "|")+"|"+state("links", f[0], del))
		return nil
	})
	q(`SELECT id, tbl, row_id, field FROM history`, func(rows *sql.Rows) error {
		var id, tbl, row, field string
		if err := rows.Scan(&id, &tbl, &row, &field); err != nil {
			return err
		}
		s.history[id] = true
		if field == "deleted_at" {
			s.restores[tbl+":"+key(tbl, row)] = append(s.restores[tbl+":"+key(tbl, row)], id)
		}
		if tbl == "claims" && field == "verdict" {
			s.verdictBy[row] = append(s.verdictBy[row], id)
		}
		return nil
	})
	sort.Strings(s.dump)
	sort.Strings(s.contested) // the rows come in no set order
	return s
}

func shDiff(a, b []string) string {
	var out []string
	ia, ib := 0, 0
	for ia < len(a) || ib < len(b) {
		switch {
		case ib >= len(b) || (ia < len(a) && a[ia] < b[ib]):
			out = append(out, "- "+a[ia])
			ia++
		case ia >= len(a) || b[ib] < a[ia]:
			out = append(out, "+ "+b[ib])
			ib++
		default:
			ia++
			ib++
		}
	}
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("... %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}

// shRatings reads every live claim's ratings: claim id -> reviewer name -> verdict.
func shRatings(t *testing.T, db *storage.DB) map[string]map[string]annotate.Verdict {
	t.Helper()
	cs, err := db.Claims(context.Background(), storage.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]annotate.Verdict{}
	for _, c := range cs {
		out[c.ID] = map[string]annotate.Verdict{}
		for _, r := range c.Ratings {
			out[c.ID][r.Reviewer] = r.Verdict
		}
	}
	return out
}

// shMerged reports whether a claim has aliases (claims of its span that became it).
func shMerged(t *testing.T, db *storage.DB, id string) bool {
	t.Helper()
	as, err := db.ClaimAliases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range as {
		if to == id {
			return true
		}
	}
	return false
}

// TestMergeProperties: random edits on two replicas of one base, exchanged both ways twice.
// Properties: convergence (the same canonical content, contested fields being the same open
// conflicts), idempotence, no history entry lost, no deleted row resurrected, no contested
// verdict overwritten; then, once one side resolves every conflict and the files are exchanged
// again, full agreement with no conflict left.
func TestMergeProperties(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	basePath := filepath.Join(dir, "base.db")
	base := shOpen(t, basePath, "Alice")
	var spans []shSpan // spans nobody claimed in the base, which both reviewers may claim
	for i, text := range shTexts[:3] {
		art := shImport(t, base, fmt.Sprintf("Base article %d", i), text)
		rng := rand.New(rand.NewPCG(uint64(i), 7))
		claimed := map[[2]int]bool{}
		for range 3 {
			s, e := shRandomSpan(rng, text)
			claimed[[2]int{s, e}] = true
			a, _ := annotate.NewAnchor(text, s, e)
			if _, err := base.AddClaim(ctx, art.ID, a, annotate.Unverified, ""); err != nil {
				t.Fatal(err)
			}
		}
		for range 4 {
			if s, e := shRandomSpan(rng, text); !claimed[[2]int{s, e}] {
				spans = append(spans, shSpan{text: text, start: s, end: e})
			}
		}
	}
	base.Close()
	shRead(t, basePath) // the base reads as a database

	ratingsSeen, contestedSeen, aliasesSeen, deletesSeen := 0, 0, 0, 0
	aliasEditsSeen, aliasNotesChecked := 0, 0
	byField := map[string]int{}
	matched := 0
	for it := range *mergeIterations {
		seed := uint64(1000 + it)
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			d := t.TempDir()
			pa, pb := filepath.Join(d, "alice.db"), filepath.Join(d, "bob.db")
			shCopy(t, basePath, pa)
			shCopy(t, basePath, pb)
			alice := &shReplica{db: shOpen(t, pa, "Alice"), name: "Alice", rng: rand.New(rand.NewPCG(seed, 1)), spans: spans}
			bob := &shReplica{db: shOpen(t, pb, "Bob"), name: "Bob", rng: rand.New(rand.NewPCG(seed, 2)), spans: spans}
			edits := 6 + int(seed%3)*6
			for range edits {
				alice.randomEdit(t)
				bob.randomEdit(t)
			}
			exchange := func(into, from *shReplica, name string) storage.MergeReport {
				rep := shMerge(t, into.db, shShare(t, from.db, name))
				for _, c := range rep.Conflicts {
					byField[c.Field]++
				}
				matched += rep.MatchedArticles
				return rep
			}
			first, second := alice, bob // who merges first: both orders, by seed
			if seed%2 == 1 {
				first, second = bob, alice
			}
			// Both claim one span nobody claimed in the base: the first merge makes the two one.
			sp := spans[int(seed)%len(spans)]
			shClaimSpan(t, alice, sp)
			shClaimSpan(t, bob, sp)
			exchange(first, second, "x0.db")
			// Edits on aliased ids: the first merge may have made claims of one span one on the
			// first side; the second, who has not merged yet, goes on working on the claims it
			// made, now aliases there (a note, a rating, a source), and both go on editing.
			for range 3 {
				alice.randomEdit(t)
				bob.randomEdit(t)
			}
			aliasNotes := shEditAliases(t, first, second)
			aliasEditsSeen += len(aliasNotes)
			a0, b0 := shRead(t, pa), shRead(t, pb)
			ra0, rb0 := shRatings(t, alice.db), shRatings(t, bob.db)

			exchange(second, first, "y0.db")
			exchange(first, second, "x1.db")
			exchange(second, first, "y1.db")
			exchange(first, second, "x2.db")
			exchange(second, first, "y2.db")
			a, b := shRead(t, pa), shRead(t, pb)

			if !slices.Equal(a.dump, b.dump) {
				t.Fatalf("the replicas differ after exchanging both ways twice:\n%s", shDiff(a.dump, b.dump))
			}
			for id := range a0.history {
				if !a.history[id] || !b.history[id] {
					t.Fatalf("history entry %s of Alice lost", id)
				}
			}
			for id := range b0.history {
				if !a.history[id] || !b.history[id] {
					t.Fatalf("history entry %s of Bob lost", id)
				}
			}
			if len(a.history) != len(b.history) {
				t.Errorf("history sizes differ: %d and %d", len(a.history), len(b.history))
			}
			// No deleted row resurrected: a side's tombstones stay; a tombstone the other side did
			// not contest (no delete conflict) is on both sides.
			for _, x := range []struct {
				before, after shState
				who           string
			}{{a0, a, "Alice"}, {b0, b, "Bob"}} {
				for k := range x.before.deleted {
					if !x.after.deleted[k] && shRestoredSince(x.before, x.after, k) {
						continue // a restore made after: an edit later than the delete
					}
					if !x.after.deleted[k] {
						var hist []string
						if id, ok := strings.CutPrefix(k, "claims:"); ok {
							hs, _ := alice.db.History(ctx, id, 0)
							for _, h := range hs {
								hist = append(hist, fmt.Sprintf("%s %s %s %s: %q -> %q", h.At.Format("15:04:05.000000"), h.Reviewer, h.RowID, h.Field, h.Old, h.New))
							}
						}
						t.Fatalf("%s's deleted row %s came back; history:\n%s", x.who, k, strings.Join(hist, "\n"))
					}
					if !a.open[k+":delete"] && !(a.deleted[k] && b.deleted[k]) {
						t.Fatalf("row %s deleted by %s, not contested, is alive on one side", k, x.who)
					}
					deletesSeen++
				}
			}
			// No rating lost or replaced: each reviewer's rating of a claim is, on both sides, on
			// the claim it became (unless the claim or its article was deleted, or it became one
			// with a claim the same reviewer rated too: then their latest rating counts).
			for _, x := range []struct {
				before map[string]map[string]annotate.Verdict
				who    string
			}{{ra0, "Alice"}, {rb0, "Bob"}} {
				for id, byName := range x.before {
					v, ok := byName[x.who]
					if !ok {
						continue
					}
					for _, r := range []*shReplica{alice, bob} {
						to, err := r.db.ResolveClaimID(ctx, id)
						if err != nil {
							t.Fatal(err)
						}
						c, err := r.db.Claim(ctx, to)
						if storage.IsKind(err, storage.KindNotFound) {
							continue
						}
						if err != nil {
							t.Fatal(err)
						}
						var got annotate.Verdict
						for _, rt := range c.Ratings {
							if rt.Reviewer == x.who {
								got = rt.Verdict
							}
						}
						if got == "" || (to == id && got != v && !shMerged(t, r.db, to)) {
							t.Fatalf("%s's rating %s of claim %s became %q on %s's side (claim %s)", x.who, v, id, got, r.name, to)
						}
						ratingsSeen++
					}
				}
			}
			// A note written on an alias is on the claim the alias became, on both sides (unless a
			// person has to choose between it and another note, or the claim is gone).
			for _, alias := range slices.Sorted(maps.Keys(aliasNotes)) {
				for _, r := range []*shReplica{alice, bob} {
					to, err := r.db.ResolveClaimID(ctx, alias)
					if err != nil {
						t.Fatal(err)
					}
					if to == alias {
						t.Fatalf("%s: %s is not an alias after the exchanges", r.name, alias)
					}
					c, err := r.db.Claim(ctx, to)
					if storage.IsKind(err, storage.KindNotFound) || a.open["claims:"+to+":note"] {
						continue
					}
					if err != nil {
						t.Fatal(err)
					}
					if !strings.Contains(c.Note, aliasNotes[alias]) {
						t.Fatalf("%s: the note %q written on alias %s is not on claim %s: %q", r.name, aliasNotes[alias], alias, to, c.Note)
					}
					aliasNotesChecked++
				}
			}
			contestedSeen += len(a.contested)
			aliasesSeen += a.aliases
			if !slices.Equal(a.contested, b.contested) {
				t.Fatalf("contested claims differ: %v and %v", a.contested, b.contested)
			}
			// Idempotence: the same file again changes nothing.
			again := shMerge(t, first.db, filepath.Join(d, "x2.db"))
			if !again.Empty() {
				t.Fatalf("merging the same file again: %s", again.Summary())
			}
			if a2, b2 := shRead(t, pa), shRead(t, pb); !slices.Equal(a2.dump, a.dump) || len(a2.history) != len(a.history) ||
				!slices.Equal(b2.dump, b.dump) || len(b2.history) != len(b.history) {
				t.Fatalf("merging the same file again changed the database:\n%s%s", shDiff(a.dump, a2.dump), shDiff(b.dump, b2.dump))
			}
			shCheckIndexes(t, pa)
			shCheckIndexes(t, pb)

			// Both settle every conflict, each their own way, at the same time: after two
			// exchanges they agree (conflicts between two resolutions may remain, the same on both
			// sides); once Alice settles those too and they exchange, nothing is left open.
			resolveAll := func(r *shReplica) {
				open, err := r.db.Conflicts(ctx, storage.ConflictFilter{})
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range open {
					choice := []storage.Resolution{storage.KeepMine, storage.KeepTheirs, storage.KeepEdited}[r.rng.IntN(3)]
					value := ""
					if choice == storage.KeepEdited {
						switch c.Field {
						case "verdict":
							value = string(annotate.Verdicts[r.rng.IntN(3)])
						case "note":
							value = "settled by " + r.name
						default:
							value = []string{"deleted", "kept"}[r.rng.IntN(2)]
						}
					}
					if _, err := r.db.ResolveConflict(ctx, c.ID, choice, value); err != nil && !strings.Contains(err.Error(), "already resolved") {
						t.Fatalf("%s resolves %+v: %v", r.name, c, err)
					}
				}
			}
			resolveAll(alice)
			resolveAll(bob)
			exchange(first, second, "x3.db")
			exchange(second, first, "y3.db")
			exchange(first, second, "x4.db")
			exchange(second, first, "y4.db")
			a, b = shRead(t, pa), shRead(t, pb)
			if !slices.Equal(a.dump, b.dump) {
				t.Fatalf("the replicas differ after both resolved their conflicts:\n%s", shDiff(a.dump, b.dump))
			}
			resolveAll(alice)
			exchange(bob, alice, "a3.db")
			exchange(alice, bob, "b3.db")
			a, b = shRead(t, pa), shRead(t, pb)
			if len(a.open) != 0 || len(b.open) != 0 {
				t.Fatalf("open conflicts after Alice resolved them all: %v / %v", a.open, b.open)
			}
			if !slices.Equal(a.dump, b.dump) {
				t.Fatalf("the replicas differ after the resolutions:\n%s", shDiff(a.dump, b.dump))
			}
			shCheckIndexes(t, pa)
			shCheckIndexes(t, pb)
		})
		if t.Failed() {
			return
		}
	}
	if ratingsSeen == 0 || contestedSeen == 0 || aliasesSeen == 0 || deletesSeen == 0 || byField["delete"] == 0 || byField["note"] == 0 || matched == 0 ||
		aliasEditsSeen == 0 || aliasNotesChecked == 0 {
		t.Fatalf("the random edits made %d ratings checked, %d contested claims, %d claims made one, %d deletes, conflicts %v, %d articles imported on both sides, %d edits on aliases (%d notes checked): the test did not exercise the rules",
			ratingsSeen, contestedSeen, aliasesSeen, deletesSeen, byField, matched, aliasEditsSeen, aliasNotesChecked)
	}
	t.Logf("%d iterations: %d ratings checked, %d contested claims, %d claims made one on a span, %d deleted rows checked, conflicts recorded by field %v, %d articles imported on both sides, %d edits on aliased ids (%d landed notes checked)",
		*mergeIterations, ratingsSeen, contestedSeen, aliasesSeen, deletesSeen, byField, matched, aliasEditsSeen, aliasNotesChecked)
}

// shEditAliases has the reviewer who has not merged yet (unaware) work on the claims it made
// that are aliases on the other side (knows) since its merge: a note, a rating, a source on
// each; the one who knows edits through the alias id too (it resolves). It returns the notes
// written on aliases by the unaware side, by alias id.
func shEditAliases(t *testing.T, knows, unaware *shReplica) map[string]string {
	t.Helper()
	ctx := context.Background()
	as, err := knows.db.ClaimAliases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, alias := range slices.Sorted(maps.Keys(as)) {
		c, err := unaware.db.Claim(ctx, alias)
		if err != nil || c.ID != alias {
			continue // not the unaware side's claim, or deleted there
		}
		note := "written on " + alias + " by " + unaware.name + " after it became another claim"
		if _, err := unaware.db.SetNote(ctx, alias, note); err != nil {
			t.Fatal(err)
		}
		if _, err := unaware.db.SetVerdict(ctx, alias, annotate.Verdicts[unaware.rng.IntN(3)]); err != nil {
			t.Fatal(err)
		}
		if _, err := unaware.db.AddSource(ctx, alias, annotate.Source{URL: "https://example.org/alias/" + alias, Title: "On the alias"}, annotate.Supports); err != nil {
			t.Fatal(err)
		}
		notes[alias] = note
		if unaware.rng.IntN(2) == 0 {
			if _, err := knows.db.SetVerdict(ctx, alias, annotate.Verdicts[knows.rng.IntN(3)]); err != nil && !storage.IsKind(err, storage.KindNotFound) {
				t.Fatal(err)
			}
		}
	}
	return notes
}

// shClaimSpan makes span sp a claim on r's side with a note of r's, when its article is there
// and the span is not claimed yet.
func shClaimSpan(t *testing.T, r *shReplica, sp shSpan) {
	t.Helper()
	ctx := context.Background()
	arts, err := r.db.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		full, err := r.db.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Text != sp.text {
			continue
		}
		anchor, err := annotate.NewAnchor(full.Text, sp.start, sp.end)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.db.AddClaim(ctx, full.ID, anchor, annotate.Verdicts[r.rng.IntN(3)], "first note of "+r.name); err != nil {
			t.Fatal(err)
		}
		return
	}
}
