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

// createdSummary is what a creation entry made, in a few words: a claim's quote and verdict,
// an article's title, a source's title or URL, a link's relation.
func createdSummary(h HistoryEntry) string {
	var f map[string]any
	if json.Unmarshal([]byte(h.New), &f) != nil {
		return h.New
	}
	str := func(k string) string { s, _ := f[k].(string); return s }
	switch h.Table {
	case "claims":
		s := "“" + clipText(str("exact"), 60) + "”"
		if v := Verdict(str("verdict")); v != "" && v != Unverified {
			s += " as " + strings.ToLower(v.Label())
		}
		return s
	case "articles":
		return clipText(str("title"), 60)
	case "sources":
		if t := str("title"); t != "" {
			return clipText(t, 60)
		}
		return str("url")
	case "links":
		return Relation(str("relation")).Label()
	case "source_snapshots":
		return "of " + str("url")
	case "source_checks":
		status, _ := f["status"].(float64)
		page, _ := f["page_changed"].(bool)
		text, _ := f["text_changed"].(bool)
		return "of " + str("url") + ": " + string(CheckOutcomeOf(int(status), str("error") != "", page, text))
	case "reviewers":
		return str("name")
	}
	return ""
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
