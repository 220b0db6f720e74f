package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/app/i18n/i18ntest"
	"factdesk/corpus"
	"factdesk/storage/ingest"
)

// wantFrench fails the test when text lacks one of want.
func wantFrench(t *testing.T, name, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s says:\n%s\nwant %q in it", name, text, w)
		}
	}
}

// A French window words its error dialogs in French: what failed (a noun phrase, with the
// file's name in it), errors made in the window, and the errors of reading and fetching
// articles (a damaged PDF, a missing file, a page not found), which keep their English for the
// command line.
func TestFrenchErrorDialogs(t *testing.T) {
	inFrench(t)
	h := newHarness(t, nil)
	h.keepWindowOpen()

	// An error made in the window, and what failed.
	h.mw.importPasted("", "   ")
	h.checkDialog("empty paste")
	wantFrench(t, "empty paste", h.overlayText(), "Importation du texte collé\u00a0: échec.", "Il n’y a aucun texte à importer\u00a0: collez d’abord le texte de l’article")
	h.closeDialogs()

	// Errors of reading files: a damaged PDF and a file that is not there, among files that
	// import.
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("Premier article\n\nLe maire a dit que 12 personnes ont été blessées vendredi soir."), 0o600); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "notes.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 binary"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.mw.importPaths([]string{good, pdf, filepath.Join(dir, "absent.txt")})
	h.wait()
	h.checkDialog("import with failures")
	wantFrench(t, "import with failures", h.overlayText(),
		"notes.pdf\u00a0: le PDF est endommagé ou incomplet",
		"absent.txt\u00a0: le fichier n’existe pas\u00a0: vérifiez le chemin")
	if strings.Contains(h.overlayText(), "damaged") || strings.Contains(h.overlayText(), "check the path") {
		t.Errorf("English left in the import report:\n%s", h.overlayText())
	}
	h.closeDialogs()

	// Errors of fetching: a page not found, an address that is not a web address.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }))
	defer srv.Close()
	h.mw.importURLs([]string{srv.URL + "/disparue"})
	h.wait()
	h.checkDialog("page not found")
	wantFrench(t, "page not found", h.overlayText(), "page introuvable (HTTP\u00a0404)\u00a0: elle a peut-être été déplacée")
	h.closeDialogs()
	h.mw.importURLs([]string{"ftp://example.org/fichier"})
	h.wait()
	h.checkDialog("not a web address")
	wantFrench(t, "not a web address", h.overlayText(), "Importation depuis le web\u00a0: échec.", "example.org/fichier\u00a0: ce n’est pas une adresse web")
	h.closeDialogs()

}

// The import dialog, mid-way through a long PDF, says in French which pages are being read,
// and how far the import is.
func TestFrenchImportProgress(t *testing.T) {
	inFrench(t)
	h := newHarness(t, nil)
	h.keepWindowOpen()
	reached, release := make(chan struct{}), make(chan struct{})
	h.mw.runJob("Importation", func(ctx context.Context, progress func(i, n int, part float64, name string)) importSummary {
		step := corpus.Step{Text: "reading pages 26–50 of 500", Done: 25, Total: 500, Kind: corpus.StepReadingPages, First: 26, Last: 50}
		p := ingest.Progress{Done: 1, Total: 3, Name: "/archives/rapport-annuel.pdf", Step: step.Text, Detail: step, Part: 0.05}
		progress(p.Done, p.Total, p.Part, progressName(p))
		close(reached)
		<-release
		return importSummary{}
	}, nil)
	<-reached
	h.mu.Lock()
	q := h.queue
	h.queue = nil
	h.mu.Unlock()
	for _, fn := range q {
		fn()
	}
	// The job is still running: the dialog is checked without waiting for it.
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no progress dialog while the import runs")
	}
	i18ntest.Check(t, "import progress", top, "fr", h.win.Canvas().Size().Width)
	wantFrench(t, "import progress", h.overlayText(), "2 sur 3\u00a0: lecture des pages 26 à 50 sur 500 — rapport-annuel.pdf")
	close(release)
	h.wait()
	h.closeDialogs()

	for _, tc := range []struct {
		step corpus.Step
		want string
	}{
		{corpus.Step{Kind: corpus.StepOCR, First: 3, Total: 1200}, "reconnaissance du texte de la page 3 sur 1\u00a0200"},
		{corpus.ListingFiles, "liste des fichiers en cours"},
		{corpus.Step{Text: "a step of a new kind"}, "a step of a new kind"},
	} {
		if got := stepWords(tc.step); got != tc.want {
			t.Errorf("step %+v: %q, want %q", tc.step, got, tc.want)
		}
	}
}

// The inspector's counterparts give their reasons in French, contradictions too, and the
// claim's history reads in French.
func TestFrenchCounterpartsAndHistory(t *testing.T) {
	inFrench(t)
	h := newHarness(t, nil)
	h.keepWindowOpen()
	ids := h.importTexts(
		corpus.Article{Title: "Floods", Text: cpTextEN, Language: "en", Origin: "en.txt"},
		corpus.Article{Title: "Inondations", Text: cpTextFR, Language: "fr", Origin: "fr.txt"},
		corpus.Article{Title: "Bilan contesté", Text: cpTextFR2, Language: "fr", Origin: "fr2.txt"},
	)
	en := h.mw.openArticle(ids[0])
	h.mw.openArticle(ids[1])
	h.wait()
	claim := h.makeClaim(en, "The flood killed at least 23 people in the valley on Tuesday, local officials said.")
	h.wait()
	rows := h.mw.inspector.counterparts.rows
	if len(rows) < 2 {
		t.Fatalf("counterparts shown: %d", len(rows))
	}
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(r.heading.Text + "\n" + r.reasons.Text + "\n")
		if strings.Contains(r.reasons.Text, "figure ") || strings.Contains(r.reasons.Text, "word ") || strings.Contains(r.reasons.Text, "possible contradiction") {
			t.Errorf("English reasons: %q", r.reasons.Text)
		}
	}
	wantFrench(t, "counterparts", all.String(), "chiffre 23", "contradiction possible\u00a0: 23 contre 32", "Inondations · ")
	h.checkScreen("inspector with counterparts")

	h.mw.setVerdict(claim.ID, annotate.Confirmed)
	h.mw.setVerdict(claim.ID, annotate.Disputed)
	h.mw.inspector.note.SetText("Bilan vérifié auprès de la préfecture")
	h.mw.inspector.flushNote()
	h.wait()
	var hist strings.Builder
	for _, o := range h.mw.inspector.historyBox.Objects {
		if l, ok := o.(*widget.Label); ok {
			hist.WriteString(l.Text + "\n")
		}
	}
	wantFrench(t, "history", hist.String(), "a jugé l’affirmation", "a créé l’affirmation")
	for _, english := range []string{"rated", "created", "changed", "the claim", "verdict"} {
		if strings.Contains(hist.String(), english) {
			t.Errorf("English %q in the history:\n%s", english, hist.String())
		}
	}
	h.checkScreen("inspector with history")
}
