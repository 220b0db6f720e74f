package sharing

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"factdesk/annotate"
	"factdesk/app/i18n"
	"factdesk/storage"
)

// mergeSummary is what a merge brings, in the interface language: storage.MergeReport.Summary
// in English, word for word.
func mergeSummary(r storage.MergeReport) string {
	if r.Empty() {
		return lang.L("nothing new: everything in the file is already here")
	}
	var parts []string
	add := func(s string, n int) {
		if n > 0 {
			parts = append(parts, s)
		}
	}
	verdicts := len(r.ChangedVerdicts())
	add(i18n.Count("{{.Count}} new article", len(r.NewArticles)), len(r.NewArticles))
	add(i18n.Count("{{.Count}} article already here", r.MatchedArticles), r.MatchedArticles)
	add(i18n.Count("{{.Count}} new claim", len(r.NewClaims)), len(r.NewClaims))
	add(i18n.Count("{{.Count}} claim on a span already claimed (now one claim, rated by both)", len(r.Unified)), len(r.Unified))
	add(i18n.Count("{{.Count}} new source", r.NewSources), r.NewSources)
	add(i18n.Count("{{.Count}} new link", r.NewLinks), r.NewLinks)
	add(i18n.Count("{{.Count}} new rating", verdicts), verdicts)
	add(i18n.Count("{{.Count}} other change", len(r.Changes)-verdicts), len(r.Changes)-verdicts)
	add(i18n.Count("{{.Count}} deletion", len(r.Deleted)), len(r.Deleted))
	add(i18n.Count("{{.Count}} restored row", len(r.Restored)), len(r.Restored))
	add(i18n.Count("{{.Count}} re-anchored claim", len(r.Reanchored)), len(r.Reanchored))
	add(i18n.Count("{{.Count}} conflict", len(r.Conflicts)), len(r.Conflicts))
	add(i18n.Count("{{.Count}} conflict resolved in the file", r.ResolvedConflicts), r.ResolvedConflicts)
	if len(parts) == 0 {
		add(i18n.Count("{{.Count}} history entry", r.NewHistory), r.NewHistory)
	}
	return strings.Join(parts, ", ")
}

// conflictWhat says what a conflict is about, in the interface language:
// storage.Conflict.Describe in English, word for word.
func conflictWhat(c storage.Conflict) string {
	what := recordName(c.Table)
	switch c.Field {
	case "delete":
		return lang.L("deleted on one side, edited on the other ({{.What}})", map[string]any{"What": what})
	case "anchor":
		return lang.L("the claim's quote is not in its article's text")
	}
	return lang.L("{{.What}} {{.Field}} changed differently", map[string]any{"What": what, "Field": fieldName(c.Field)})
}

// recordName is a table's record as the interface language names it ("claim", "affirmation").
func recordName(table string) string {
	switch table {
	case "claims":
		return lang.X("record.claim", "claim")
	case "articles":
		return lang.X("record.article", "article")
	case "sources":
		return lang.X("record.source", "source")
	case "links":
		return lang.X("record.link", "link")
	}
	return strings.TrimSuffix(table, "s")
}

// fieldName is a field of a record as the interface language names it.
func fieldName(f string) string {
	switch f {
	case "verdict":
		return lang.X("record.field.verdict", "verdict")
	case "note":
		return lang.X("record.field.note", "note")
	case "title":
		return lang.X("record.field.title", "title")
	case "outlet":
		return lang.X("record.field.outlet", "outlet")
	case "published":
		return lang.X("record.field.published", "published")
	case "language":
		return lang.X("record.field.language", "language")
	case "url":
		return lang.X("record.field.url", "url")
	}
	return f
}

// verdictOption is a verdict as the conflicts panel's list of values offers it ("confirmed",
// "confirmée"); verdictOfOption reads it back.
func verdictOption(v string) string {
	switch annotate.Verdict(v) {
	case annotate.Confirmed:
		return lang.X("record.verdict.confirmed", "confirmed")
	case annotate.Disputed:
		return lang.X("record.verdict.disputed", "disputed")
	case annotate.Unverified:
		return lang.X("record.verdict.unverified", "unverified")
	}
	return v
}

func verdictOfOption(s string) string {
	for _, v := range annotate.Verdicts {
		if verdictOption(string(v)) == s {
			return string(v)
		}
	}
	return s
}
