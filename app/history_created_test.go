package app

import (
	"testing"

	"factdesk/annotate"
	"factdesk/app/i18n"
)

// A creation entry reads as the command line words it in English, and in French in a French
// window: the claim's quote and verdict, a check's outcome.
func TestCreationEntriesInTheInterfaceLanguage(t *testing.T) {
	claim := annotate.HistoryEntry{Table: "claims", Field: "create", New: `{"exact":"300 to 400","verdict":"confirmed"}`}
	check := annotate.HistoryEntry{Table: "source_checks", Field: "create", New: `{"url":"https://a.example/x","status":404,"error":"not found"}`}
	for _, h := range []annotate.HistoryEntry{claim, check} {
		c := annotate.DescribeChange(h)
		if got, want := changeWords(c), c.Describe(); got != want {
			t.Errorf("English: %q, the command line says %q", got, want)
		}
	}
	i18n.Use(i18n.French)
	t.Cleanup(func() { i18n.Use(i18n.English) })
	for h, want := range map[annotate.HistoryEntry]string{
		claim: "a créé l’affirmation «\u00a0300 to 400\u00a0», jugée confirmée",
		check: "a créé le contrôle de source de https://a.example/x\u00a0: page disparue",
	} {
		if got := changeWords(annotate.DescribeChange(h)); got != want {
			t.Errorf("French: %q, want %q", got, want)
		}
	}
}
