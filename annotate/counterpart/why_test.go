package counterpart

import (
	"testing"
)

// Why gives every reason of Reasons, in the same order, as a kind and facts from which the
// same English can be made again: a front end words them in its own language.
func TestWhyIsReasonsAsFacts(t *testing.T) {
	lex := DefaultLexicon()
	q := Analyze("The official death toll is 300 to 400, including around fifty civilians.", "en", lex)
	pool := []*Sentence{
		Analyze("Le bilan officiel fait état de 300 à 400 morts, dont une cinquantaine de civils.", "fr", lex),
		Analyze("Le bilan officiel fait état de 200 morts.", "fr", lex),
	}
	neg := Analyze("It was clear that the two foreign ministers had accepted the invitation to Moscow.", "en", lex)
	pos := Analyze("Les deux ministres des Affaires étrangères n'ont pas accepté l'invitation à Moscou.", "fr", lex)
	english := func(r Reason) string {
		other := func() string {
			if r.Other == "" {
				return ""
			}
			return "/" + r.Other
		}
		switch r.Kind {
		case ReasonFigure:
			return "figure " + r.Label
		case ReasonName:
			return "name " + r.Label + other()
		case ReasonWord:
			return "word " + r.Label + other()
		case ReasonFigureConflict:
			return "possible contradiction: " + r.Label + " vs " + r.Other
		case ReasonNegationConflict:
			return "possible contradiction: negation: " + orNone(r.Label) + " / " + orNone(r.Other)
		}
		t.Errorf("reason of unknown kind %+v", r)
		return ""
	}
	kinds := map[ReasonKind]bool{}
	for _, m := range []Match{Compare(q, pool[0], nil), Compare(q, pool[1], nil), Compare(neg, pos, nil)} {
		if len(m.Why) != len(m.Reasons) || len(m.Why) == 0 {
			t.Fatalf("reasons %q, facts %+v", m.Reasons, m.Why)
		}
		for i, r := range m.Why {
			kinds[r.Kind] = true
			if got := english(r); got != m.Reasons[i] {
				t.Errorf("reason %d: facts %+v say %q, Reasons says %q", i, r, got, m.Reasons[i])
			}
		}
	}
	for _, k := range []ReasonKind{ReasonFigure, ReasonWord, ReasonFigureConflict, ReasonNegationConflict} {
		if !kinds[k] {
			t.Errorf("no reason of kind %s in the examples", k)
		}
	}
}
