package storage

import "testing"

func TestMakeSnippetMarksTheFirstMatchAndItsNeighbours(t *testing.T) {
	m := func(s string) string { return SnippetOpen + s + SnippetClose }
	cases := []struct{ text, q, want string }{
		{"The Ministre said so.", "ministre", "The " + m("Ministre") + " said so."},
		{"Le ministère a dit: l'Azerbaïdjan gagne.", "azerbaidjan", "Le ministère a dit: l'" + m("Azerbaïdjan") + " gagne."},
		{"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty target 21 22 23 24 25 26 27 28 29 30 31 32",
			"target", "…fifteen sixteen seventeen eighteen nineteen twenty " + m("target") + " 21 22 23 24 25 26 27 28 29…"},
		{"Line 55 and\nline 5.", "line 5", m("Line") + " " + m("55") + " and " + m("line") + " " + m("5") + "."},
		{"No match\nhere at all.", "zebra", "No match here at all."},
	}
	for _, tc := range cases {
		if got := makeSnippet(tc.text, newSnippetTerms(tc.q)); got != tc.want {
			t.Errorf("makeSnippet(%q, %q)\n got %q\nwant %q", tc.text, tc.q, got, tc.want)
		}
	}
}
