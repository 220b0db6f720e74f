package annotate

import (
	"crypto/sha256"
	"fmt"
	"time"
)

// Merge decisions. Two reviewers' databases are merged field by field. Whether a side changed
// a field is read from the history: the edits of the field one side has and the other lacks.
// The decisions here are pure; storage gathers the edits and applies the outcome.

// Stakes says how concurrent edits of a field are settled.
type Stakes int

// The stakes of a field.
const (
	// HighStakes fields (a claim's verdict and note) are never settled by a machine: when both
	// sides changed them to different values, the local value stays and a person decides.
	HighStakes Stakes = iota
	// LowStakes fields (titles, publishers, URLs) take the value of the later change.
	LowStakes
)

// Edit is one history entry as merge decisions see it: its id and its time.
type Edit struct {
	ID string
	At time.Time
}

// After reports whether e comes after o: later time, then greater id (ids are unique, so two
// replicas order any two edits the same way).
func (e Edit) After(o Edit) bool {
	if !e.At.Equal(o.At) {
		return e.At.After(o.At)
	}
	return e.ID > o.ID
}

// Latest is the last of edits by After; the zero Edit when there are none.
func Latest(edits ...[]Edit) Edit {
	var best Edit
	found := false
	for _, es := range edits {
		for _, e := range es {
			if !found || e.After(best) {
				best, found = e, true
			}
		}
	}
	return best
}

// Outcome is what a merge does with a field or a row.
type Outcome int

// The outcomes.
const (
	// Keep leaves the local value.
	Keep Outcome = iota
	// Take replaces the local value with the other side's.
	Take
	// Conflict leaves the local value and records a conflict for a person to resolve.
	Conflict
)

func (o Outcome) String() string {
	switch o {
	case Take:
		return "take"
	case Conflict:
		return "conflict"
	}
	return "keep"
}

// Decision is the outcome of one field or row, with why (for the merge report) and, for a
// Conflict, the two edits that disagree.
type Decision struct {
	Outcome Outcome
	Reason  string
	// Mine and Theirs are the latest disagreeing edit of each side (set for Conflict, and for
	// the later-change rule).
	Mine, Theirs Edit
}

// FieldSide is one side's view of a field: its current value and the edits of the field it
// has that the other side lacks.
type FieldSide struct {
	Value string
	Edits []Edit
}

// DecideField settles one field. contested is true when an open conflict already holds the
// field: then the local value stays until a person resolves it.
//
//   - the other side has no edit we lack: keep ours;
//   - both values are the same: nothing to do;
//   - contested: keep ours;
//   - only the other side changed the field: take theirs;
//   - both changed it to different values: a conflict for high-stakes fields, the later change
//     for low-stakes ones.
func DecideField(s Stakes, mine, theirs FieldSide, contested bool) Decision {
	switch {
	case len(theirs.Edits) == 0:
		return Decision{Outcome: Keep, Reason: "no change in the file"}
	case mine.Value == theirs.Value:
		return Decision{Outcome: Keep, Reason: "same value on both sides"}
	case contested:
		return Decision{Outcome: Keep, Reason: "an open conflict holds this field"}
	case len(mine.Edits) == 0:
		return Decision{Outcome: Take, Reason: "changed in the file only", Theirs: Latest(theirs.Edits)}
	}
	d := Decision{Mine: Latest(mine.Edits), Theirs: Latest(theirs.Edits)}
	if s == HighStakes {
		d.Outcome, d.Reason = Conflict, "changed differently on both sides"
		return d
	}
	if d.Theirs.After(d.Mine) {
		d.Outcome, d.Reason = Take, "changed on both sides; the file's change is later"
	} else {
		d.Outcome, d.Reason = Keep, "changed on both sides; the local change is later"
	}
	return d
}

// RowSide is one side's view of a row's life for a merge: whether it is deleted, the deletes
// and restores (and the creation, for a row both sides made) it has that the other lacks, and
// its other edits the other side lacks (changes of the row's fields, and rows made on it: links
// of a claim, claims of an article).
type RowSide struct {
	Deleted    bool
	StateEdits []Edit
	Edits      []Edit
}

// DecideDeletion settles whether a row is deleted. A delete wins over no change, never over an
// edit: a row deleted on one side and edited on the other is a conflict, and the local state
// stays until a person resolves it. contested is true when such a conflict is already open.
func DecideDeletion(mine, theirs RowSide, contested bool) Decision {
	if mine.Deleted == theirs.Deleted {
		return Decision{Outcome: Keep, Reason: "same state on both sides"}
	}
	if contested {
		return Decision{Outcome: Keep, Reason: "an open conflict holds this row"}
	}
	if theirs.Deleted { // mine is alive
		if len(theirs.StateEdits) == 0 {
			return Decision{Outcome: Keep, Reason: "kept here after its delete"}
		}
		if len(mine.Edits)+len(mine.StateEdits) > 0 {
			return Decision{Outcome: Conflict, Reason: "deleted in the file, edited here",
				Theirs: Latest(theirs.StateEdits), Mine: Latest(mine.Edits, mine.StateEdits)}
		}
		return Decision{Outcome: Take, Reason: "deleted in the file, unchanged here", Theirs: Latest(theirs.StateEdits)}
	}
	// Mine is deleted, theirs alive.
	if len(theirs.StateEdits) == 0 && len(theirs.Edits) == 0 {
		return Decision{Outcome: Keep, Reason: "deleted here"}
	}
	if len(mine.StateEdits) > 0 {
		return Decision{Outcome: Conflict, Reason: "deleted here, edited in the file",
			Mine: Latest(mine.StateEdits), Theirs: Latest(theirs.Edits, theirs.StateEdits)}
	}
	if len(theirs.StateEdits) > 0 {
		return Decision{Outcome: Take, Reason: "restored in the file", Theirs: Latest(theirs.StateEdits)}
	}
	return Decision{Outcome: Keep, Reason: "deleted here; the file kept it in a conflict"}
}

// ConflictID is the identity of the conflict between edits a and b of a field of a row. It
// depends only on its arguments (not on which side is local), so two reviewers who merge each
// other's files record the same conflict once. rowKey names the row the same way on both sides.
func ConflictID(table, rowKey, field string, a, b Edit) string {
	x, y := a.ID, b.ID
	if y < x {
		x, y = y, x
	}
	sum := sha256.Sum256([]byte("factdesk-conflict\x00" + table + "\x00" + rowKey + "\x00" + field + "\x00" + x + "\x00" + y))
	sum[6] = sum[6]&0x0f | 0x80 // UUID version 8: made from a hash
	sum[8] = sum[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}
