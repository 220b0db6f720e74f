package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"factdesk/annotate"
)

// Rows agree with their own history: every value of an incoming row that a person can change
// must be one its history gave (its creation entry, or an entry about that field), every
// value that never changes must be the one its creation entry holds, a deleted row needs the
// entry that deleted it and a live row that was deleted needs the entry that restored it, and
// a claim's verdict is the one its ratings give. checkRowsAgree reads the incoming file's
// rows and history (schema r) once, table by table.

// hEntry is one history entry of the incoming file, as the row checks read it.
type hEntry struct {
	id, at, rowID, field string
	old, new             sql.NullString
}

// rowTable is what the checks know of one table whose rows have history.
type rowTable struct {
	name, one string   // table, and a row of it for people ("article")
	fields    []string // values people change, each given by the creation entry or a field entry
	fixed     []string // values that never change after creation: as the creation entry says
}

// agreeTables are the tables checked, references first.
var agreeTables = []rowTable{
	{name: "reviewers", one: "reviewer", fields: []string{"name"}},
	{name: "articles", one: "article", fields: []string{"title", "outlet", "byline", "url", "language", "published", "origin", "format", "removed"}},
	{name: "sources", one: "source", fields: []string{"url", "title", "publisher", "accessed", "quote"}},
	{name: "source_snapshots", one: "source snapshot", fixed: []string{"source_id", "url", "fetched_at", "sha256", "archive_url"}},
	{name: "source_checks", one: "source check", fixed: []string{"source_id", "snapshot_id", "url", "checked_at", "status", "sha256", "error"}},
	{name: "claims", one: "claim", fields: []string{"note"}},
	{name: "links", one: "link", fixed: []string{"claim_id", "relation", "source_id", "target_claim_id"}},
}

// agreeRow is one incoming row: its id, values by column, and its deletion time.
type agreeRow struct {
	id      string
	vals    map[string]string
	deleted sql.NullString
}

// rowChecker holds what the checks of one incoming file need.
type rowChecker struct {
	ctx     context.Context
	q       dbtx
	forged  func(format string, a ...any) error
	damaged func(err error) error

	aliasOf   map[string]string   // alias claim id -> the claim it became
	aliases   map[string][]string // claim id -> its aliases
	deleteFor map[string]bool     // rows with a 'delete' conflict (the local state stayed)
}

// checkRowsAgree checks every incoming row against its own history (see above).
func checkRowsAgree(ctx context.Context, q dbtx, forged func(string, ...any) error, damaged func(error) error) error {
	c := &rowChecker{ctx: ctx, q: q, forged: forged, damaged: damaged,
		aliasOf: map[string]string{}, aliases: map[string][]string{}, deleteFor: map[string]bool{}}
	pairs, err := q.QueryContext(ctx, `SELECT alias_id, claim_id FROM r.claim_aliases`)
	if err != nil {
		return damaged(err)
	}
	for pairs.Next() {
		var a, to string
		if err := pairs.Scan(&a, &to); err != nil {
			pairs.Close()
			return damaged(err)
		}
		c.aliasOf[a] = to
		c.aliases[to] = append(c.aliases[to], a)
	}
	pairs.Close()
	if err := pairs.Err(); err != nil {
		return damaged(err)
	}
	kept, err := queryStrings(ctx, q, `SELECT row_id FROM r.conflicts WHERE field = 'delete'`)
	if err != nil {
		return damaged(err)
	}
	for _, id := range kept {
		c.deleteFor[id] = true
	}
	hist, err := c.history()
	if err != nil {
		return err
	}
	for _, t := range agreeTables {
		if err := c.table(t, hist[t.name]); err != nil {
			return err
		}
	}
	return c.verdicts(hist["claims"])
}

// claimOf is the claim an id names: itself, or the claim its alias became.
func (c *rowChecker) claimOf(id string) string {
	if to, ok := c.aliasOf[id]; ok {
		return to
	}
	return id
}

// history reads the incoming file's entries about the tables checked, in one pass: by table,
// then by row, each row's entries oldest first.
func (c *rowChecker) history() (map[string]map[string][]*hEntry, error) {
	names := make([]string, len(agreeTables))
	for i, t := range agreeTables {
		names[i] = t.name
	}
	rows, err := c.q.QueryContext(c.ctx, `SELECT tbl, id, at, row_id, field, old, new FROM r.history
		WHERE tbl IN (SELECT value FROM json_each(?))`, sqlList(names))
	if err != nil {
		return nil, c.damaged(err)
	}
	defer rows.Close()
	out := map[string]map[string][]*hEntry{}
	for _, n := range names {
		out[n] = map[string][]*hEntry{}
	}
	for rows.Next() {
		e := &hEntry{}
		var tbl string
		if err := rows.Scan(&tbl, &e.id, &e.at, &e.rowID, &e.field, &e.old, &e.new); err != nil {
			return nil, c.damaged(err)
		}
		out[tbl][e.rowID] = append(out[tbl][e.rowID], e)
	}
	if err := rows.Err(); err != nil {
		return nil, c.damaged(err)
	}
	for _, byRow := range out {
		for _, es := range byRow {
			if len(es) > 1 {
				sort.Slice(es, func(i, j int) bool {
					if es[i].at != es[j].at {
						return es[i].at < es[j].at
					}
					return es[i].id < es[j].id
				})
			}
		}
	}
	return out, nil
}

// rows reads the incoming rows of t with the columns cols.
func (c *rowChecker) rows(t string, cols []string) ([]agreeRow, error) {
	sel := make([]string, len(cols))
	for i, col := range cols {
		sel[i] = "coalesce(x." + col + ", '')"
	}
	q := `SELECT id, deleted_at`
	if len(sel) > 0 {
		q += ", " + strings.Join(sel, ", ")
	}
	// A row the receiver holds as it is (same values, same deletion) brings nothing: the
	// merge changes nothing with it, so its agreement with the file's history is not needed.
	same := []string{"l.deleted_at IS x.deleted_at"}
	for _, col := range cols {
		same = append(same, "l."+col+" IS x."+col)
	}
	rows, err := c.q.QueryContext(c.ctx, strings.Replace(q, "SELECT id, deleted_at", "SELECT x.id, x.deleted_at", 1)+` FROM r.`+t+` x
		WHERE NOT EXISTS (SELECT 1 FROM main.`+t+` l WHERE l.id = x.id AND `+strings.Join(same, " AND ")+`) ORDER BY x.seq`)
	if err != nil {
		return nil, c.damaged(err)
	}
	defer rows.Close()
	var out []agreeRow
	for rows.Next() {
		r := agreeRow{vals: map[string]string{}}
		vals := make([]string, len(cols))
		dest := []any{&r.id, &r.deleted}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, c.damaged(err)
		}
		for i, col := range cols {
			r.vals[col] = vals[i]
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, c.damaged(err)
	}
	return out, nil
}

// table checks every row of t against its history.
func (c *rowChecker) table(t rowTable, hist map[string][]*hEntry) error {
	cols := append(append([]string{}, t.fields...), t.fixed...)
	if t.name == "articles" {
		cols = append(cols, "sha256")
	}
	rows, err := c.rows(t.name, cols)
	if err != nil {
		return err
	}
	// An article's family: the ids reviewers gave the same text (each its creation entry), whose
	// entries are about the same article.
	family := func(r agreeRow) []string { return []string{r.id} }
	switch t.name {
	case "articles":
		byHash := map[string][]string{}
		for id, es := range hist {
			for _, e := range es {
				if e.field != "create" {
					continue
				}
				var v struct {
					SHA256 string `json:"sha256"`
				}
				if json.Unmarshal([]byte(e.new.String), &v) == nil && v.SHA256 != "" {
					byHash[v.SHA256] = append(byHash[v.SHA256], id)
					break
				}
			}
		}
		family = func(r agreeRow) []string {
			out := []string{r.id}
			for _, id := range byHash[r.vals["sha256"]] {
				if id != r.id {
					out = append(out, id)
				}
			}
			return out
		}
	case "claims":
		family = func(r agreeRow) []string { return append([]string{r.id}, c.aliases[r.id]...) }
	}
	for _, r := range rows {
		if err := c.ctx.Err(); err != nil {
			return err
		}
		var es []*hEntry
		for _, id := range family(r) {
			es = append(es, hist[id]...)
		}
		var creates []map[string]any
		for _, e := range hist[r.id] {
			if e.field != "create" {
				continue
			}
			var v map[string]any
			if !e.new.Valid || json.Unmarshal([]byte(e.new.String), &v) != nil {
				return c.forged("the creation entry of %s %s (table %s) cannot be read", t.one, r.id, t.name)
			}
			creates = append(creates, v)
		}
		if len(creates) == 0 {
			return c.forged("a row of %s (%s) has no creation entry in its history", t.name, r.id)
		}
		// A merge takes the later of two creations of one article (two reviewers imported
		// its text): the values of every creation entry of the row's family count.
		given := creates
		for _, e := range es {
			if e.field == "create" && e.rowID != r.id {
				var v map[string]any
				if e.new.Valid && json.Unmarshal([]byte(e.new.String), &v) == nil {
					given = append(given, v)
				}
			}
		}
		for _, f := range t.fields {
			if !givenByHistory(r.vals[f], f, given, es) {
				return c.forged("the %s of %s %s (table %s, field %s) is not what its own history says", f, t.one, r.id, t.name, f)
			}
		}
		for _, f := range t.fixed {
			if !c.asCreated(t.name, f, r.vals[f], creates) {
				return c.forged("the %s of %s %s (table %s, field %s) is not the one it was created with", f, t.one, r.id, t.name, f)
			}
		}
		if err := c.deletion(t, r, es); err != nil {
			return err
		}
	}
	return nil
}

// createValue is the value of field in a creation entry, and whether the entry records it.
func createValue(create map[string]any, field string) (string, bool) {
	v, ok := create[field]
	if !ok {
		return "", false
	}
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	default:
		b, _ := json.Marshal(x)
		return string(b), true
	}
}

// givenByHistory reports whether value is one the history gave the field: the creation entry's
// value, or the new value of an entry about the field (a person's edit, a merge's or an
// import's). An older creation entry that does not record the field (the field was not
// recorded at creation then) leaves the value it had: the old value of its first entry, or
// any value when no entry changed it.
func givenByHistory(value, field string, creates []map[string]any, es []*hEntry) bool {
	recorded := false
	for _, cr := range creates {
		if v, ok := createValue(cr, field); ok {
			recorded = true
			if v == value {
				return true
			}
		}
	}
	edited := false
	for _, e := range es {
		f := strings.TrimPrefix(strings.TrimPrefix(e.field, "merge:"), "import:")
		if f != field {
			continue
		}
		if e.new.String == value {
			return true
		}
		if !recorded && !edited && e.old.String == value {
			return true
		}
		edited = true
	}
	return !recorded && !edited
}

// asCreated reports whether a value that never changes is the one the creation entry holds.
// A link's ends may name claims that became one with another claim (aliases): they are the
// same claim.
func (c *rowChecker) asCreated(table, field, value string, creates []map[string]any) bool {
	for _, cr := range creates {
		v, ok := createValue(cr, field)
		if !ok {
			return true // an older creation entry that does not record it
		}
		if v == value {
			return true
		}
		if table == "links" && (field == "claim_id" || field == "target_claim_id") && v != "" && value != "" &&
			c.claimOf(v) == c.claimOf(value) {
			return true
		}
	}
	return false
}

// deletion checks a row's deletion state against its history: a deleted row was deleted by an
// entry (or, for a claim, made one with another claim or not found in its article by a merge;
// for a link, left between a claim and its own alias); a live row that an entry deleted was
// restored by a later entry, or the deletion met an edit and waits for a person (a conflict).
func (c *rowChecker) deletion(t rowTable, r agreeRow, es []*hEntry) error {
	if r.deleted.Valid {
		for _, e := range es {
			if e.field == "delete" || (t.name == "claims" && e.field == "merge:anchor") {
				return nil
			}
		}
		switch t.name {
		case "claims":
			if _, ok := c.aliasOf[r.id]; ok {
				return nil
			}
		case "links":
			if r.vals["target_claim_id"] != "" && c.claimOf(r.vals["claim_id"]) == c.claimOf(r.vals["target_claim_id"]) {
				return nil
			}
		}
		return c.forged("%s %s (table %s) is deleted, but its history has no entry deleting it", t.one, r.id, t.name)
	}
	var last *hEntry
	for _, e := range es {
		if e.rowID == r.id && e.field == "delete" {
			last = e
		}
	}
	if last == nil {
		return nil
	}
	// The restore may be on another id of the same article (a merge took the other side's
	// restore), and a conflict about the deletion keeps the row as it was.
	for _, e := range es {
		if c.deleteFor[e.rowID] || (e.field == "deleted_at" && !e.new.Valid && (e.at >= last.at || e.old.String == last.new.String)) {
			return nil
		}
	}
	return c.forged("%s %s (table %s) is live, but its history deletes it (entry %s) and no entry restores it", t.one, r.id, t.name, last.id)
}

// verdicts checks that every claim's verdict and contested state are what its ratings give
// (annotate.DeskVerdict of the rating events of the claim and its aliases). A file made before
// ratings were kept apart holds the latest verdict given instead: that is accepted too.
func (c *rowChecker) verdicts(hist map[string][]*hEntry) error {
	q := strings.NewReplacer("FROM history h", "FROM r.history h", "JOIN reviewers rv", "JOIN r.reviewers rv",
		"JOIN claim_aliases al", "JOIN r.claim_aliases al", "FROM conflicts x", "FROM r.conflicts x").Replace(ratingEventsQuery)
	rows, err := c.q.QueryContext(c.ctx, q)
	if err != nil {
		return c.damaged(err)
	}
	events, err := scanRatingEvents(rows)
	rows.Close()
	if err != nil {
		return c.damaged(err)
	}
	claims, err := c.q.QueryContext(c.ctx, `SELECT x.id, x.verdict, x.contested FROM r.claims x
		WHERE NOT EXISTS (SELECT 1 FROM main.claims l WHERE l.id = x.id AND l.verdict = x.verdict AND l.contested = x.contested) ORDER BY x.seq`)
	if err != nil {
		return c.damaged(err)
	}
	type odd struct {
		id, verdict string
		contested   bool
	}
	var check []odd
	for claims.Next() {
		var o odd
		if err := claims.Scan(&o.id, &o.verdict, &o.contested); err != nil {
			claims.Close()
			return c.damaged(err)
		}
		if _, alias := c.aliasOf[o.id]; alias {
			continue // its ratings count for the claim it became
		}
		v, contested := annotate.DeskVerdict(annotate.FoldRatings(events[o.id]))
		if string(v) != o.verdict || contested != o.contested {
			check = append(check, o)
		}
	}
	claims.Close()
	if err := claims.Err(); err != nil {
		return c.damaged(err)
	}
	for _, o := range check {
		// The latest verdict given to the claim or its aliases, by any entry.
		var latest *hEntry
		var value string
		for _, id := range append([]string{o.id}, c.aliases[o.id]...) {
			for _, e := range hist[id] {
				v, ok := "", false
				switch e.field {
				case "verdict", "settle", "merge:verdict", "import:verdict":
					v, ok = e.new.String, e.new.Valid
				case "create":
					var cr struct {
						Verdict *string `json:"verdict"`
					}
					if json.Unmarshal([]byte(e.new.String), &cr) == nil && cr.Verdict != nil {
						v, ok = *cr.Verdict, true
					}
				}
				if ok && (latest == nil || e.at > latest.at || (e.at == latest.at && e.id > latest.id)) {
					latest, value = e, v
				}
			}
		}
		if !o.contested && latest != nil && value == o.verdict {
			continue
		}
		what := "verdict"
		if o.contested {
			what = "contested state"
		}
		return c.forged("the %s of claim %s is not what its own history says (table claims, field %s: its ratings do not give it)", what, o.id, what)
	}
	return nil
}

// checkIncomingBounds holds an incoming file to the bounds of local input: reviewer names
// (checkReviewerName), notes (MaxNote, except notes joined by a merge), and the spans of the
// claims new here, which may not cut a grapheme cluster.
func (db *DB) checkIncomingBounds(ctx context.Context, q dbtx, src string) error {
	bad := func(format string, a ...any) error {
		return refuse(RefusedBounds, KindCorrupt, src, nil,
			"%s was refused: %s. Factdesk does not accept that from a person either; nothing was merged: ask the reviewer to correct it and save a new copy with Share",
			src, fmt.Sprintf(format, a...))
	}
	damaged := func(err error) error {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s cannot be read (%v): ask the reviewer to save a new copy with Share", src, err)
	}
	// What the receiver already holds was accepted before (perhaps by an older version): only
	// what is new is held to the bounds.
	rows, err := q.QueryContext(ctx, `SELECT x.id, x.name FROM r.reviewers x
		WHERE NOT EXISTS (SELECT 1 FROM main.reviewers l WHERE l.id = x.id AND l.name = x.name) ORDER BY x.seq`)
	if err != nil {
		return damaged(err)
	}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return damaged(err)
		}
		if strings.TrimSpace(name) == "" {
			rows.Close()
			return bad("its reviewer %s has an empty name", id)
		}
		if e := checkReviewerName(name); e != nil {
			rows.Close()
			return bad("its reviewer %s (%q): %s", id, clip(name), e.Error())
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	// Notes: the claims' and those their history entries give. A merge joins the notes of two
	// claims on one span (a decision entry, the same on every replica): that may be longer.
	long, err := q.QueryContext(ctx, `SELECT 'claim', x.id, x.id, '', x.note FROM r.claims x WHERE length(x.note) > ?1
			AND NOT EXISTS (SELECT 1 FROM main.claims l WHERE l.id = x.id AND l.note = x.note)
		UNION ALL SELECT 'entry', id, row_id, coalesce(old, ''), new FROM r.history h
			WHERE tbl = 'claims' AND field IN ('note', 'merge:note', 'import:note') AND length(new) > ?1
			AND NOT EXISTS (SELECT 1 FROM main.history m WHERE m.id = h.id)
		UNION ALL SELECT 'entry', id, row_id, '', json_extract(new, '$.note') FROM r.history h
			WHERE tbl = 'claims' AND field = 'create' AND json_valid(new) AND length(json_extract(new, '$.note')) > ?1
			AND NOT EXISTS (SELECT 1 FROM main.history m WHERE m.id = h.id)`, MaxNote)
	if err != nil {
		return damaged(err)
	}
	type longNote struct{ kind, id, rowID, old, note string }
	var notes []longNote
	for long.Next() {
		var n longNote
		if err := long.Scan(&n.kind, &n.id, &n.rowID, &n.old, &n.note); err != nil {
			long.Close()
			return damaged(err)
		}
		notes = append(notes, n)
	}
	long.Close()
	if err := long.Err(); err != nil {
		return damaged(err)
	}
	for _, n := range notes {
		if n.kind == "entry" && n.id == decisionID("claims", n.rowID, "note", n.old, n.note) {
			continue
		}
		if n.kind == "claim" {
			var joined int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM r.history WHERE row_id = ? AND field = 'note' AND new = ?`, n.id, n.note).Scan(&joined); err != nil {
				return damaged(err)
			}
			ok := false
			if joined > 0 {
				ids, err := queryStrings(ctx, q, `SELECT id || char(0) || coalesce(old, '') FROM r.history WHERE row_id = ? AND field = 'note' AND new = ?`, n.id, n.note)
				if err != nil {
					return damaged(err)
				}
				for _, s := range ids {
					id, old, _ := strings.Cut(s, "\x00")
					if id == decisionID("claims", n.id, "note", old, n.note) {
						ok = true
					}
				}
			}
			if ok {
				continue
			}
			return bad("the note of claim %s is %d characters long, more than the %d a note may have", n.id, utf8.RuneCountInString(n.note), MaxNote)
		}
		return bad("its history gives claim %s a note of %d characters (entry %s), more than the %d a note may have", n.rowID, utf8.RuneCountInString(n.note), n.id, MaxNote)
	}
	return checkIncomingSpans(ctx, q, bad, damaged)
}

// checkIncomingSpans refuses a claim new here whose span cuts a grapheme cluster of its
// article's text, each article read once.
func checkIncomingSpans(ctx context.Context, q dbtx, bad func(string, ...any) error, damaged func(error) error) error {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.article_id, c.rune_start, c.rune_end FROM r.claims c
		WHERE NOT EXISTS (SELECT 1 FROM main.claims l WHERE l.id = c.id) ORDER BY c.article_id, c.rune_start`)
	if err != nil {
		return damaged(err)
	}
	type span struct {
		id, article string
		start, end  int
	}
	var spans []span
	for rows.Next() {
		var s span
		if err := rows.Scan(&s.id, &s.article, &s.start, &s.end); err != nil {
			rows.Close()
			return damaged(err)
		}
		spans = append(spans, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	for i := 0; i < len(spans); {
		j := i
		for j < len(spans) && spans[j].article == spans[i].article {
			j++
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var text string
		if err := q.QueryRowContext(ctx, `SELECT text FROM r.articles WHERE id = ?`, spans[i].article).Scan(&text); err != nil {
			return damaged(err)
		}
		// The byte offset of every rune offset needed (each end, and a window before it), in
		// one pass over the text.
		need := map[int]int{}
		for _, s := range spans[i:j] {
			for _, pos := range []int{s.start, s.end} {
				need[pos], need[max(0, pos-graphemeWindow)], need[pos+graphemeWindow] = -1, -1, -1
			}
		}
		runes := 0
		for b := range text {
			if _, ok := need[runes]; ok {
				need[runes] = b
			}
			runes++
		}
		for pos, b := range need {
			if b < 0 && pos >= runes {
				need[pos] = len(text)
			}
		}
		for _, s := range spans[i:j] {
			for _, pos := range []int{s.start, s.end} {
				if pos >= runes {
					continue // past the text: the merge holds such a claim in a conflict
				}
				from, to := need[max(0, pos-graphemeWindow)], need[pos+graphemeWindow]
				if !graphemeBoundary(text[from:to], need[pos]-from) {
					return bad("the span %d-%d of its claim %s cuts a character in two (a letter from its accent, an emoji from its modifier, half of a flag)", s.start, s.end, s.id)
				}
			}
		}
		i = j
	}
	return nil
}

// graphemeBoundary reports whether the byte offset at of w falls between two grapheme
// clusters (the start and the end of w count as boundaries).
func graphemeBoundary(w string, at int) bool {
	if at <= 0 || at >= len(w) {
		return true
	}
	for it := graphemes.FromString(w); it.Next(); {
		if it.Start() == at {
			return true
		}
		if it.Start() > at {
			return false
		}
	}
	return false
}

// RefusedBounds is the refusal of a file holding what Factdesk refuses from a person: a
// reviewer name too long or with control or bidirectional characters, a note too long, a
// quote cutting a character in two.
const RefusedBounds Refusal = "bounds"
