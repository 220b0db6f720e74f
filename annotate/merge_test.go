package annotate

import (
	"regexp"
	"testing"
	"time"
)

func edit(id string, minute int) Edit {
	return Edit{ID: id, At: time.Date(2030, 1, 1, 10, minute, 0, 0, time.UTC)}
}

func TestDecideField(t *testing.T) {
	a1, a2, b1 := edit("a1", 1), edit("a2", 5), edit("b1", 3)
	cases := []struct {
		name         string
		stakes       Stakes
		mine, theirs FieldSide
		contested    bool
		want         Outcome
		wantMine     string
		wantTheirs   string
	}{
		{"nothing new in the file", HighStakes, FieldSide{"confirmed", []Edit{a1}}, FieldSide{"disputed", nil}, false, Keep, "", ""},
		{"changed in the file only", HighStakes, FieldSide{"unverified", nil}, FieldSide{"disputed", []Edit{b1}}, false, Take, "", "b1"},
		{"both to the same value", HighStakes, FieldSide{"disputed", []Edit{a1}}, FieldSide{"disputed", []Edit{b1}}, false, Keep, "", ""},
		{"both differently: a verdict conflicts", HighStakes, FieldSide{"confirmed", []Edit{a1, a2}}, FieldSide{"disputed", []Edit{b1}}, false, Conflict, "a2", "b1"},
		{"both differently: the later title wins (theirs)", LowStakes, FieldSide{"T1", []Edit{a1}}, FieldSide{"T2", []Edit{b1}}, false, Take, "a1", "b1"},
		{"both differently: the later title wins (mine)", LowStakes, FieldSide{"T1", []Edit{a2}}, FieldSide{"T2", []Edit{b1}}, false, Keep, "a2", "b1"},
		{"an open conflict holds the field", HighStakes, FieldSide{"confirmed", nil}, FieldSide{"disputed", []Edit{b1}}, true, Keep, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := DecideField(tc.stakes, tc.mine, tc.theirs, tc.contested)
			if d.Outcome != tc.want || d.Mine.ID != tc.wantMine || d.Theirs.ID != tc.wantTheirs || d.Reason == "" {
				t.Fatalf("DecideField = %+v, want %v (mine %q, theirs %q)", d, tc.want, tc.wantMine, tc.wantTheirs)
			}
		})
	}
}

// The later-change rule gives the same winner whichever side is local.
func TestDecideFieldLowStakesIsSymmetric(t *testing.T) {
	same := Edit{ID: "b", At: edit("x", 2).At}
	for _, pair := range [][2]Edit{{edit("a", 1), edit("b", 2)}, {edit("a", 2), same}, {edit("z", 2), same}} {
		x := FieldSide{"X", []Edit{pair[0]}}
		y := FieldSide{"Y", []Edit{pair[1]}}
		d1 := DecideField(LowStakes, x, y, false)
		d2 := DecideField(LowStakes, y, x, false)
		v1 := map[Outcome]string{Keep: "X", Take: "Y"}[d1.Outcome]
		v2 := map[Outcome]string{Keep: "Y", Take: "X"}[d2.Outcome]
		if v1 != v2 {
			t.Fatalf("%v: X side ends with %s, Y side with %s", pair, v1, v2)
		}
	}
}

func TestDecideDeletion(t *testing.T) {
	del, ed, res := edit("del", 4), edit("ed", 3), edit("res", 6)
	cases := []struct {
		name         string
		mine, theirs RowSide
		contested    bool
		want         Outcome
	}{
		{"same state", RowSide{Deleted: true, StateEdits: []Edit{del}}, RowSide{Deleted: true}, false, Keep},
		{"a delete wins over no change", RowSide{}, RowSide{Deleted: true, StateEdits: []Edit{del}}, false, Take},
		{"never over an edit", RowSide{Edits: []Edit{ed}}, RowSide{Deleted: true, StateEdits: []Edit{del}}, false, Conflict},
		{"a delete we saw and kept", RowSide{}, RowSide{Deleted: true}, false, Keep},
		{"deleted here, edited there", RowSide{Deleted: true, StateEdits: []Edit{del}}, RowSide{Edits: []Edit{ed}}, false, Conflict},
		{"deleted here, they kept it in a conflict", RowSide{Deleted: true}, RowSide{Edits: []Edit{ed}}, false, Keep},
		{"restored there after seeing our delete", RowSide{Deleted: true}, RowSide{StateEdits: []Edit{res}}, false, Take},
		{"restored there, deleted again here", RowSide{Deleted: true, StateEdits: []Edit{del}}, RowSide{StateEdits: []Edit{res}}, false, Conflict},
		{"contested", RowSide{Edits: []Edit{ed}}, RowSide{Deleted: true, StateEdits: []Edit{del}}, true, Keep},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if d := DecideDeletion(tc.mine, tc.theirs, tc.contested); d.Outcome != tc.want || d.Reason == "" {
				t.Fatalf("DecideDeletion = %+v, want %v", d, tc.want)
			}
		})
	}
	// The conflict found from either side names the same two edits.
	d1 := DecideDeletion(RowSide{Edits: []Edit{ed}}, RowSide{Deleted: true, StateEdits: []Edit{del}}, false)
	d2 := DecideDeletion(RowSide{Deleted: true, StateEdits: []Edit{del}}, RowSide{Edits: []Edit{ed}}, false)
	if d1.Mine != d2.Theirs || d1.Theirs != d2.Mine {
		t.Fatalf("the two sides see different edits: %+v / %+v", d1, d2)
	}
}

func TestConflictIDIsSymmetricAndAUUID(t *testing.T) {
	a, b := edit("0190-a", 1), edit("0190-b", 2)
	id := ConflictID("claims", "c1", "verdict", a, b)
	if id != ConflictID("claims", "c1", "verdict", b, a) {
		t.Fatal("the id depends on which side is local")
	}
	if id == ConflictID("claims", "c1", "note", a, b) || id == ConflictID("claims", "c2", "verdict", a, b) {
		t.Fatal("different conflicts share an id")
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Fatalf("%q is not a version-8 UUID", id)
	}
	if l := Latest([]Edit{a}, []Edit{b, edit("0190-0", 2)}); l.ID != "0190-b" {
		t.Fatalf("Latest = %+v", l)
	}
	if (Latest() != Edit{}) {
		t.Fatal("Latest of nothing")
	}
}
