package app

import (
	"fyne.io/fyne/v2/lang"

	"factdesk/annotate"
	"factdesk/app/i18n"
)

// changeWords says in the interface language what a history entry changed, as
// annotate.Change.Describe says it in English for the command line (the English here is the
// same, word for word).
func changeWords(c annotate.Change) string {
	f := fields{"The": theThing(c.What), "From": historyValue(c.From), "To": historyValue(c.To), "Field": fieldName(c.Field)}
	switch c.Kind {
	case annotate.ChangeCreated:
		if what := createdWords(c.Entry); what != "" {
			return lang.L("created {{.The}} {{.To}}", fields{"The": theThing(c.What), "To": what})
		}
		return lang.L("created {{.The}}", f)
	case annotate.ChangeDeleted:
		return lang.L("deleted {{.The}}", f)
	case annotate.ChangeRestored:
		return lang.L("restored {{.The}}", f)
	case annotate.ChangeRated:
		if c.From != "" && c.From != c.To {
			return lang.L("rated {{.The}} {{.To}} (was {{.From}})", f)
		}
		return lang.L("rated {{.The}} {{.To}}", f)
	case annotate.ChangeUnrated:
		return lang.L("withdrew their rating of {{.The}} ({{.From}})", f)
	case annotate.ChangeSettled:
		return lang.L("settled {{.The}} as {{.To}} (was {{.From}})", f)
	case annotate.ChangeAliased, annotate.ChangeAnchored, annotate.ChangeMerged:
		// Rare in a claim's history, and about ids, offsets and file names: the command
		// line's words, which tell the facts in any language.
		return c.Describe()
	case annotate.ChangeResolved:
		return lang.L("resolved a merge conflict: {{.To}}", fields{"To": c.To})
	}
	return lang.L("changed {{.The}}'s {{.Field}} from “{{.From}}” to “{{.To}}”", fields{"The": theThing(c.What), "Field": fieldName(c.Field), "From": c.From, "To": c.To})
}

// theThing is "the claim", "the source"… in the interface language.
func theThing(what string) string {
	switch what {
	case "claim":
		return lang.X("history.the.claim", "the claim")
	case "article":
		return lang.X("history.the.article", "the article")
	case "link":
		return lang.X("history.the.link", "the link")
	case "source":
		return lang.X("history.the.source", "the source")
	case "conflict":
		return lang.X("history.the.conflict", "the conflict")
	case "reviewer":
		return lang.X("history.the.reviewer", "the reviewer")
	case "source snapshot":
		return lang.X("history.the.source-snapshot", "the source snapshot")
	case "source check":
		return lang.X("history.the.source-check", "the source check")
	}
	return "the " + what
}

// historyValue is a value of a history entry as the interface language reads it: the verdicts
// by their names; "–" for none, as the command line writes it.
func historyValue(s string) string {
	switch annotate.Verdict(s) {
	case annotate.Confirmed:
		return lang.X("history.verdict.confirmed", "confirmed")
	case annotate.Disputed:
		return lang.X("history.verdict.disputed", "disputed")
	case annotate.Unverified:
		return lang.X("history.verdict.unverified", "unverified")
	}
	if s == "" {
		return "–"
	}
	return s
}

// fieldName is a field of a record as the interface language names it.
func fieldName(f string) string {
	switch f {
	case "title":
		return lang.X("history.field.title", "title")
	case "outlet":
		return lang.X("history.field.outlet", "outlet")
	case "url":
		return lang.X("history.field.url", "url")
	case "published":
		return lang.X("history.field.published", "published")
	case "language":
		return lang.X("history.field.language", "language")
	case "note":
		return lang.X("history.field.note", "note")
	case "verdict":
		return lang.X("history.field.verdict", "verdict")
	}
	return f
}

// relationWord is a link's relation inside a sentence of the history ("linked a source
// (Supports)").
func relationWord(r string) string { return i18n.RelationLabel(annotate.Relation(r)) }

// createdWords is what a creation entry made, in the interface language (as
// annotate.createdSummary says it in English): a claim's quote and verdict, a link's relation,
// a snapshot's or a check's address (and what the check found), a title or a name.
func createdWords(h annotate.HistoryEntry) string {
	c := annotate.CreatedOf(h)
	switch {
	case c.Raw != "":
		return c.Raw
	case h.Table == "claims":
		if c.Verdict != "" && c.Verdict != annotate.Unverified {
			return lang.L("{{.Quote}} as {{.Verdict}}", fields{"Quote": quoted(c.Quote), "Verdict": historyValue(string(c.Verdict))})
		}
		return quoted(c.Quote)
	case h.Table == "links":
		return i18n.RelationLabel(c.Relation)
	case h.Table == "source_snapshots":
		return lang.L("of {{.URL}}", fields{"URL": c.URL})
	case h.Table == "source_checks":
		return lang.L("of {{.URL}}: {{.Outcome}}", fields{"URL": c.URL, "Outcome": checkOutcomeWords(c.Outcome)})
	case c.Title != "":
		return c.Title
	case c.URL != "":
		return c.URL
	}
	return c.Name
}

// checkOutcomeWords is what a check of a source's live page found, in the interface language.
func checkOutcomeWords(o annotate.CheckOutcome) string {
	switch o {
	case annotate.CheckUnchanged:
		return lang.L("unchanged since the snapshot")
	case annotate.CheckSameText:
		return lang.L("same text as the snapshot")
	case annotate.CheckChanged:
		return lang.L("changed since the snapshot")
	case annotate.CheckGone:
		return lang.L("page gone")
	}
	return lang.L("could not be fetched")
}
