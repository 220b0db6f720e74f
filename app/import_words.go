package app

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"factdesk/annotate/counterpart"
	"factdesk/app/i18n"
	"factdesk/corpus"
	"factdesk/storage/ingest"
)

// progressName is what the import dialog says of the item at hand: its short name, after the
// step a slow reader (a long PDF, OCR) is at, so that a long name is what the dialog shortens.
func progressName(p ingest.Progress) string {
	name := shortName(p.Name)
	if step := stepWords(p.Detail); step != "" {
		return lang.L("{{.Step}} — {{.Name}}", fields{"Step": step, "Name": name})
	}
	return name
}

// stepWords words a slow reader's step (a long PDF's pages, OCR, listing a folder) in the
// interface language from its kind and facts; a step of an unknown kind keeps its English.
func stepWords(s corpus.Step) string {
	switch s.Kind {
	case corpus.StepReadingPages:
		return lang.L("reading pages {{.First}}–{{.Last}} of {{.Total}}", fields{"First": i18n.Number(s.First), "Last": i18n.Number(s.Last), "Total": i18n.Number(s.Total)})
	case corpus.StepOCR:
		return lang.L("OCR of page {{.Page}} of {{.Total}}", fields{"Page": i18n.Number(s.First), "Total": i18n.Number(s.Total)})
	case corpus.StepListingFiles:
		return lang.L("listing the files")
	}
	return s.Text
}

// reasonWords words why a counterpart was suggested (a figure, a name, a word both sentences
// share, a possible contradiction) in the interface language from the reason's facts.
func reasonWords(r counterpart.Reason) string {
	f := fields{"Label": r.Label, "Other": r.Other}
	switch r.Kind {
	case counterpart.ReasonFigure:
		return lang.L("figure {{.Label}}", f)
	case counterpart.ReasonName:
		if r.Other != "" {
			return lang.L("name {{.Label}}/{{.Other}}", f)
		}
		return lang.L("name {{.Label}}", f)
	case counterpart.ReasonWord:
		if r.Other != "" {
			return lang.L("word {{.Label}}/{{.Other}}", f)
		}
		return lang.L("word {{.Label}}", f)
	case counterpart.ReasonFigureConflict:
		return lang.L("possible contradiction: {{.Label}} vs {{.Other}}", f)
	case counterpart.ReasonNegationConflict:
		none := lang.X("reason.negation.none", "none")
		f["Label"], f["Other"] = orWord(r.Label, none), orWord(r.Other, none)
		return lang.L("possible contradiction: negation {{.Label}} / {{.Other}}", f)
	}
	return r.Label
}

// reasonsWords is the reasons of a match, in the interface language, separated by " · ".
func reasonsWords(m counterpart.Match) string {
	if len(m.Why) != len(m.Reasons) { // a match made without facts: its English words
		return strings.Join(m.Reasons, " · ")
	}
	words := make([]string, len(m.Why))
	for i, r := range m.Why {
		words[i] = reasonWords(r)
	}
	return strings.Join(words, " · ")
}

// orWord is s, or none when s is empty.
func orWord(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
