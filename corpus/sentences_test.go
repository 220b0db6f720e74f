package corpus

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"en simple", "en", "The talks begin on Friday. Both sides were invited! Will they come?",
			[]string{"The talks begin on Friday.", "Both sides were invited!", "Will they come?"}},
		{"en titles", "en", "Mr. Lavrov met Dr. Aliev in St. Petersburg. Mrs. Smith and Ms. Jones were there too.",
			[]string{"Mr. Lavrov met Dr. Aliev in St. Petersburg.", "Mrs. Smith and Ms. Jones were there too."}},
		{"en U.S. inside a sentence", "en", "The U.S. State Department called for restraint. Nobody answered.",
			[]string{"The U.S. State Department called for restraint.", "Nobody answered."}},
		{"en U.S. ending a sentence", "en", "The ministers will fly to the U.S. The talks start on Monday.",
			[]string{"The ministers will fly to the U.S.", "The talks start on Monday."}},
		{"en e.g. and i.e.", "en", "Some groups, e.g. the OSCE, mediate. Others, i.e. Turkey, take sides.",
			[]string{"Some groups, e.g. the OSCE, mediate.", "Others, i.e. Turkey, take sides."}},
		{"en numbers", "en", "Half of the 140,000 inhabitants fled. Prices rose 3.5 percent. The budget is $1.2 billion.",
			[]string{"Half of the 140,000 inhabitants fled.", "Prices rose 3.5 percent.", "The budget is $1.2 billion."}},
		{"en initials", "en", "J. R. R. Tolkien wrote it. J. Biden said so.",
			[]string{"J. R. R. Tolkien wrote it.", "J. Biden said so."}},
		{"en quote ends the sentence", "en", "He said: “We will come.” Then he left.",
			[]string{"He said: “We will come.”", "Then he left."}},
		{"en question inside quotes goes on", "en", "“Is it over?” he asked. Nobody knew.",
			[]string{"“Is it over?” he asked.", "Nobody knew."}},
		{"en straight quotes", "en", `"We are ready." The minister smiled.`,
			[]string{`"We are ready."`, "The minister smiled."}},
		{"en ellipsis", "en", "He hesitated... Then he signed. It was late… and cold.",
			[]string{"He hesitated...", "Then he signed.", "It was late… and cold."}},
		{"en No. before a number", "en", "Resolution No. 822 was adopted in 1993. It demanded a withdrawal.",
			[]string{"Resolution No. 822 was adopted in 1993.", "It demanded a withdrawal."}},
		{"en a.m. and p.m.", "en", "The strike hit at 5 a.m. on Sunday. Sirens sounded.",
			[]string{"The strike hit at 5 a.m. on Sunday.", "Sirens sounded."}},
		{"en line breaks end sentences", "en", "At least 300 dead\nThe official toll is 300 to 400.",
			[]string{"At least 300 dead", "The official toll is 300 to 400."}},
		{"en month abbreviation", "en", "The talks began on Oct. 9 in Moscow. They lasted ten hours.",
			[]string{"The talks began on Oct. 9 in Moscow.", "They lasted ten hours."}},

		{"fr M. and Mme", "fr", "M. Lavrov a reçu Mme Zakharova. MM. Aliev et Pachinian n’ont pas répondu.",
			[]string{"M. Lavrov a reçu Mme Zakharova.", "MM. Aliev et Pachinian n’ont pas répondu."}},
		{"fr guillemets ending the sentence", "fr", "Il a déclaré : « Nous viendrons. » Puis il est parti.",
			[]string{"Il a déclaré : « Nous viendrons. »", "Puis il est parti."}},
		{"fr question inside guillemets goes on", "fr", "« Vraiment ? » a demandé le ministre. Personne n’a répondu.",
			[]string{"« Vraiment ? » a demandé le ministre.", "Personne n’a répondu."}},
		{"fr guillemets with no-break spaces", "fr", "«\u00a0C’est fini\u00a0!\u00a0» La foule applaudit.",
			[]string{"«\u00a0C’est fini\u00a0!\u00a0»", "La foule applaudit."}},
		{"fr guillemets mid-sentence", "fr", "« Le 9 octobre, les ministres sont invités à Moscou » a indiqué le Kremlin. Rien n’a filtré.",
			[]string{"« Le 9 octobre, les ministres sont invités à Moscou » a indiqué le Kremlin.", "Rien n’a filtré."}},
		{"fr numbers with spaces", "fr", "La moitié des 140 000 habitants a fui. Le déficit atteint 3,5 milliards.",
			[]string{"La moitié des 140 000 habitants a fui.", "Le déficit atteint 3,5 milliards."}},
		{"fr numbers with no-break spaces", "fr", "La moitié des 140\u00a0000 habitants a fui. Puis 12\u202f500 autres.",
			[]string{"La moitié des 140\u00a0000 habitants a fui.", "Puis 12\u202f500 autres."}},
		{"fr Etats-Unis", "fr", "Le Groupe de Minsk (Russie, France, Etats-Unis) se réunit. Les États-Unis appellent au calme.",
			[]string{"Le Groupe de Minsk (Russie, France, Etats-Unis) se réunit.", "Les États-Unis appellent au calme."}},
		{"fr J.-C. and janv.", "fr", "La ville fut fondée vers 95 av. J.-C. selon la légende. Le sommet aura lieu le 9 janv. 2021 à Paris.",
			[]string{"La ville fut fondée vers 95 av. J.-C. selon la légende.", "Le sommet aura lieu le 9 janv. 2021 à Paris."}},
		{"fr points de suspension", "fr", "Il hésite… Puis il signe. C’était tard (...) et froid.",
			[]string{"Il hésite…", "Puis il signe.", "C’était tard (...) et froid."}},
		{"fr exclamation and question with spaces", "fr", "Quelle surprise ! Qui l’eût cru ? Personne.",
			[]string{"Quelle surprise !", "Qui l’eût cru ?", "Personne."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans := Sentences(tc.text, tc.lang)
			var got []string
			runes := []rune(tc.text)
			for _, s := range spans {
				got = append(got, s.Text)
				if s.Start < 0 || s.End > len(runes) || s.Start >= s.End || string(runes[s.Start:s.End]) != s.Text {
					t.Errorf("span [%d,%d) does not match its text %q", s.Start, s.End, s.Text)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Sentences =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestSentencesRuneOffsets(t *testing.T) {
	// Offsets count code points, not bytes: claims anchor by rune offsets.
	text := "Азербайджан и Армения. L’Arménie a répondu. 🇦🇲 Done."
	spans := Sentences(text, "")
	if len(spans) != 3 {
		t.Fatalf("got %d spans: %+v", len(spans), spans)
	}
	if spans[1].Start != utf8.RuneCountInString("Азербайджан и Армения. ") {
		t.Errorf("second sentence starts at %d", spans[1].Start)
	}
	if spans[2].Text != "🇦🇲 Done." || spans[2].End != utf8.RuneCountInString(text) {
		t.Errorf("third sentence = %+v", spans[2])
	}
	if got := Sentences("", "en"); got != nil {
		t.Errorf("Sentences(\"\") = %v", got)
	}
	if got := Sentences("  \n\n ", "fr"); got != nil {
		t.Errorf("Sentences(blank) = %v", got)
	}
}
