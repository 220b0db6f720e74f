package annotate

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ChangeKind is what a history entry did.
type ChangeKind string

// The kinds of change.
const (
	ChangeCreated  ChangeKind = "created"  // a row was made
	ChangeDeleted  ChangeKind = "deleted"  // a row was deleted (a tombstone)
	ChangeRestored ChangeKind = "restored" // a deleted row came back, same id and history
	ChangeRated    ChangeKind = "rated"    // a reviewer's verdict on a claim
	ChangeUnrated  ChangeKind = "unrated"  // a reviewer withdrew their rating (undo)
	ChangeSettled  ChangeKind = "settled"  // a person decided a claim's verdict for the desk
	ChangeEdited   ChangeKind = "edited"   // a field changed from one value to another
	ChangeAliased  ChangeKind = "aliased"  // a claim became another claim on the same span
	ChangeAnchored ChangeKind = "anchored" // a claim's quote was found again in the text
	ChangeResolved ChangeKind = "resolved" // a merge conflict was resolved
	ChangeMerged   ChangeKind = "merged"   // another reviewer's file was merged
)

// Change is a history entry read for people: what changed (Kind, of What and its Field), from
// what, to what. Describe words it the same way for the GUI and the command line.
type Change struct {
	Kind  ChangeKind
	What  string // "claim", "article", "link", "source", "source snapshot", "source check", "conflict", "reviewer", "merge"
	Field string // the field edited (title, note...), for ChangeEdited
	From  string // the value before ("" when none)
	To    string // the value after ("" when none)
	Entry HistoryEntry
}

// DescribeChange reads a history entry as a typed change.
func DescribeChange(h HistoryEntry) Change {
	c := Change{What: strings.ReplaceAll(strings.TrimSuffix(h.Table, "s"), "_", " "), Field: h.Field, From: h.Old, To: h.New, Entry: h}
	if h.Table == "merges" {
		c.What = "merge"
	}
	switch {
	case h.Table == "merges":
		c.Kind, c.Field = ChangeMerged, ""
		var m struct {
			File    string `json:"file"`
			Summary string `json:"summary"`
		}
		if json.Unmarshal([]byte(h.New), &m) == nil {
			c.From, c.To = m.File, m.Summary
		}
	case h.Field == "create":
		c.Kind, c.Field, c.From = ChangeCreated, "", ""
		c.To = createdSummary(h)
	case h.Field == "delete":
		c.Kind, c.Field, c.From, c.To = ChangeDeleted, "", "", ""
	case h.Field == "deleted_at":
		c.Kind, c.Field, c.From, c.To = ChangeRestored, "", "", ""
	case h.Table == "claims" && h.Field == "verdict":
		c.Kind, c.Field = ChangeRated, "verdict"
	case h.Table == "claims" && h.Field == "unrate":
		c.Kind, c.Field, c.To = ChangeUnrated, "verdict", ""
	case h.Table == "claims" && h.Field == "settle":
		c.Kind, c.Field = ChangeSettled, "verdict"
	case h.Table == "claims" && h.Field == "alias":
		c.Kind, c.Field = ChangeAliased, ""
	case h.Field == "anchor" || h.Field == "merge:anchor":
		c.Kind, c.Field = ChangeAnchored, "anchor"
	case h.Table == "conflicts" && h.Field == "resolution":
		c.Kind, c.Field = ChangeResolved, ""
	default:
		c.Kind, c.Field = ChangeEdited, strings.TrimPrefix(h.Field, "merge:")
	}
	return c
}

// Created is what a creation entry made, as facts a front end can word: a claim's quote and
// verdict, an article's or a source's title (or a source's URL), a link's relation, a
// snapshot's or a check's URL (and the check's outcome), a reviewer's name.
type Created struct {
	Quote    string // a claim's quote, clipped to 60 characters
	Verdict  Verdict
	Title    string // an article's or a source's title, clipped
	URL      string // a source's (when it has no title), a snapshot's or a check's
	Relation Relation
	Outcome  CheckOutcome // a source check's
	Name     string       // a reviewer's
	Raw      string       // the entry's value when it is not JSON
}

// CreatedOf reads the facts of a creation entry.
func CreatedOf(h HistoryEntry) Created {
	var f map[string]any
	if json.Unmarshal([]byte(h.New), &f) != nil {
		return Created{Raw: h.New}
	}
	str := func(k string) string { s, _ := f[k].(string); return s }
	var c Created
	switch h.Table {
	case "claims":
		c.Quote, c.Verdict = clipText(str("exact"), 60), Verdict(str("verdict"))
	case "articles":
		c.Title = clipText(str("title"), 60)
	case "sources":
		if c.Title = clipText(str("title"), 60); c.Title == "" {
			c.URL = str("url")
		}
	case "links":
		c.Relation = Relation(str("relation"))
	case "source_snapshots":
		c.URL = str("url")
	case "source_checks":
		status, _ := f["status"].(float64)
		page, _ := f["page_changed"].(bool)
		text, _ := f["text_changed"].(bool)
		c.URL, c.Outcome = str("url"), CheckOutcomeOf(int(status), str("error") != "", page, text)
	case "reviewers":
		c.Name = str("name")
	}
	return c
}

// createdSummary is what a creation entry made, in a few words: a claim's quote and verdict,
// an article's title, a link's relation…
func createdSummary(h HistoryEntry) string {
	c := CreatedOf(h)
	switch {
	case c.Raw != "":
		return c.Raw
	case h.Table == "claims":
		s := "“" + c.Quote + "”"
		if c.Verdict != "" && c.Verdict != Unverified {
			s += " as " + strings.ToLower(c.Verdict.Label())
		}
		return s
	case h.Table == "links":
		return c.Relation.Label()
	case h.Table == "source_snapshots":
		return "of " + c.URL
	case h.Table == "source_checks":
		return "of " + c.URL + ": " + c.Outcome.Words()
	case c.Title != "":
		return c.Title
	case c.URL != "":
		return c.URL
	}
	return c.Name
}

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func orNone(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// Describe words the change for people, in one line without who and when, for example
// `rated the claim disputed (was confirmed)`, `restored the claim`, `changed the article's
// title from “A” to “B”`. Long values are given whole: a note reads in full.
func (c Change) Describe() string {
	the := "the " + c.What
	switch c.Kind {
	case ChangeCreated:
		if c.To != "" {
			return fmt.Sprintf("created %s %s", the, c.To)
		}
		return "created " + the
	case ChangeDeleted:
		return "deleted " + the
	case ChangeRestored:
		return "restored " + the
	case ChangeRated:
		if c.From != "" && c.From != c.To {
			return fmt.Sprintf("rated %s %s (was %s)", the, c.To, c.From)
		}
		return fmt.Sprintf("rated %s %s", the, c.To)
	case ChangeUnrated:
		return fmt.Sprintf("withdrew their rating of %s (%s)", the, orNone(c.From))
	case ChangeSettled:
		return fmt.Sprintf("settled %s as %s (was %s)", the, c.To, orNone(c.From))
	case ChangeAliased:
		return fmt.Sprintf("made %s %s one with claim %s on the same span", the, shortID(c.From), shortID(c.To))
	case ChangeAnchored:
		return fmt.Sprintf("anchored %s again: from %s to %s", the, orNone(c.From), orNone(c.To))
	case ChangeResolved:
		return "resolved a merge conflict: " + c.To
	case ChangeMerged:
		if c.From != "" {
			return fmt.Sprintf("merged %s: %s", c.From, c.To)
		}
		return "merged a file"
	}
	return fmt.Sprintf("changed %s's %s from “%s” to “%s”", the, c.Field, c.From, c.To)
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[len(id)-8:]
	}
	return id
}
