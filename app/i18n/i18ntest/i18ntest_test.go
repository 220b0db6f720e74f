package i18ntest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestEnglishHoldsTheTextsFrenchChanges(t *testing.T) {
	english, err := English("fr")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Open database…", "Delete claim", "Confirmed"} {
		if !english[s] {
			t.Errorf("%q is translated into French but not in the set", s)
		}
	}
	for _, s := range []string{"Format", "Version", "{{.Count}} claim"} {
		if english[s] {
			t.Errorf("%q is in the set: it is the same in French, or a template", s)
		}
	}
}

// A screen with English left, a button squeezed below its minimum width and a label past the
// right edge shows all three problems; the same screen in order shows none.
func TestProblemsFindEnglishCutAndPastTheEdge(t *testing.T) {
	test.NewTempApp(t)
	english := map[string]bool{"Delete claim": true}
	squeezed := widget.NewButton("Supprimer l’affirmation", nil)
	far := widget.NewLabel("Affirmations liées")
	left := widget.NewLabel("Delete claim")
	root := container.NewWithoutLayout(left, squeezed, far)
	w := test.NewTempWindow(t, root)
	w.Resize(fyne.NewSize(400, 200))
	left.Resize(left.MinSize())
	squeezed.Move(fyne.NewPos(0, 50))
	squeezed.Resize(fyne.NewSize(40, squeezed.MinSize().Height))
	far.Move(fyne.NewPos(350, 100))
	far.Resize(far.MinSize())

	got := strings.Join(Problems(t, root, english, 400), "\n")
	for _, want := range []string{`English left: "Delete claim"`, `cut off: "Supprimer l’affirmation" is 40 wide`, `past the edge: "Affirmations liées"`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %s:\n%s", want, got)
		}
	}

	left.SetText("Supprimer l’affirmation")
	left.Resize(left.MinSize())
	squeezed.Resize(squeezed.MinSize())
	far.Move(fyne.NewPos(0, 100))
	if got := Problems(t, root, english, 400); len(got) != 0 {
		t.Errorf("a screen in order shows problems: %v", got)
	}
	if got := Problems(t, root, english, 400, left, squeezed, far); len(got) != 0 {
		t.Errorf("skipped parts still checked: %v", got)
	}
}
