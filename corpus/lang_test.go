package corpus

import (
	"strings"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	paragraphs := map[string]string{
		"en": "Russian President Vladimir Putin invited the foreign ministers of Armenia and Azerbaijan to Moscow for talks on Friday, the Kremlin said.",
		"fr": "Le président russe a invité vendredi à Moscou les ministres des Affaires étrangères de l’Arménie et de l’Azerbaïdjan, a indiqué le Kremlin.",
		"es": "El presidente ruso invitó el viernes a Moscú a los ministros de Asuntos Exteriores de Armenia y Azerbaiyán para negociar, informó el Kremlin.",
		"de": "Der russische Präsident hat die Außenminister Armeniens und Aserbaidschans am Freitag zu Gesprächen nach Moskau eingeladen, teilte der Kreml mit.",
		"ru": "Президент России пригласил министров иностранных дел Армении и Азербайджана в пятницу в Москву для консультаций, сообщили в Кремле.",
		"uk": "Президент Росії запросив міністрів закордонних справ Вірменії та Азербайджану в п’ятницю до Москви на консультації, повідомили в Кремлі.",
		"ar": "دعا الرئيس الروسي وزيري خارجية أرمينيا وأذربيجان إلى موسكو يوم الجمعة لإجراء مشاورات، حسبما أعلن الكرملين مساء الخميس.",
		"it": "Il presidente russo ha invitato venerdì a Mosca i ministri degli Esteri di Armenia e Azerbaigian per dei colloqui, ha reso noto il Cremlino.",
		"pt": "O presidente russo convidou os ministros das Relações Exteriores da Armênia e do Azerbaijão para conversações em Moscou nesta sexta-feira, informou o Kremlin.",
		"nl": "De Russische president heeft de ministers van Buitenlandse Zaken van Armenië en Azerbeidzjan vrijdag uitgenodigd voor overleg in Moskou, meldde het Kremlin.",
		"pl": "Prezydent Rosji zaprosił ministrów spraw zagranicznych Armenii i Azerbejdżanu na piątkowe rozmowy w Moskwie, poinformował Kreml w czwartek wieczorem.",
	}
	for want, text := range paragraphs {
		t.Run(want, func(t *testing.T) {
			if got := DetectLanguage(text); got != want {
				t.Errorf("DetectLanguage = %q, want %q for %q", got, want, text)
			}
		})
	}
}

func TestDetectLanguageSamplesProse(t *testing.T) {
	// A headline full of names and a long article: the language comes from the prose, and a
	// long text costs no more than its sample.
	text := "Nagorno-Karabakh: Poutine, Aliev, Pachinian\n\n" +
		strings.Repeat("Les deux chefs de la diplomatie n’ont pas confirmé leur participation à cette rencontre à Moscou. ", 200)
	if got := DetectLanguage(text); got != "fr" {
		t.Errorf("DetectLanguage = %q, want fr", got)
	}
	for _, text := range []string{"", "  \n ", "12 345 — 2020"} {
		if got := DetectLanguage(text); got != "" {
			t.Errorf("DetectLanguage(%q) = %q, want \"\"", text, got)
		}
	}
}

func TestLanguageSample(t *testing.T) {
	text := "Short Headline Here\n\n" + strings.Repeat("word ", 100)
	sample, all := languageSample(text, 120)
	if strings.Contains(sample, "Headline") {
		t.Errorf("sample took the headline: %q", sample)
	}
	if all || len([]rune(sample)) > 120 || strings.HasSuffix(sample, " ") {
		t.Errorf("sample = %q (%d runes), all = %v", sample, len([]rune(sample)), all)
	}
	sample, all = languageSample("Only a headline", 120)
	if sample != "Only a headline" || !all {
		t.Errorf("sample of a headline alone = %q, %v", sample, all)
	}
}
