package uikit

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestCountAndPlural(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Plural(0, "claim"), "0 claims"},
		{Plural(1, "claim"), "1 claim"},
		{Plural(3, "article"), "3 articles"},
		{Count(1, "was", "were"), "1 was"},
		{Count(2, "reply", "replies"), "2 replies"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestProgressCancelsOnce(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	calls := 0
	p := NewProgress("Importing", "Preparing…", w, func() { calls++ })
	p.Dialog.Show()
	if p.Cancelling() || p.Label.Text != "Preparing…" {
		t.Fatalf("new dialog: cancelling %v, label %q", p.Cancelling(), p.Label.Text)
	}
	test.Tap(p.CancelButton)
	test.Tap(p.CancelButton) // disabled: no second call
	if calls != 1 || !p.Cancelling() || p.Label.Text != "Cancelling…" {
		t.Fatalf("after Cancel: %d calls, cancelling %v, label %q", calls, p.Cancelling(), p.Label.Text)
	}
}
