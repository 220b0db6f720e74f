package uihost

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver, to write a newer schema version by hand

	"factdesk/corpus"
	"factdesk/storage"
)

// useLanguage makes code ("en", "fr") the interface language for the test, with the app's
// catalog for it, the way a French desktop gets it (the LANGUAGE variable), and goes back to
// English at the end.
func useLanguage(t *testing.T, code string) {
	t.Helper()
	load := func(code string) {
		data, err := os.ReadFile(filepath.Join("..", "i18n", "translations", code+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(code)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("LANGUAGE", code)
	load(code)
	t.Cleanup(func() {
		os.Setenv("LANGUAGE", "en")
		load("en")
	})
}

// noReviewerError is what storage says when a change is asked for without a reviewer.
func noReviewerError(t *testing.T) error {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.ImportArticle(context.Background(), corpus.Article{Title: "T", Text: "Some text.", Language: "en", Origin: "test"})
	if storage.CodeOf(err) != storage.CodeNoReviewer {
		t.Fatalf("import without a reviewer: %v, want the code %s", err, storage.CodeNoReviewer)
	}
	return err
}

// newerFileError is what storage says when opening path, made by Factdesk 9.1.0 with a schema
// newer than this version's.
func newerFileError(t *testing.T) (path string, err error) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "newer.db")
	db, err := storage.Open(ctx, path, storage.Options{AppVersion: "9.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetReviewer(ctx, "Alice"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", storage.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = storage.Open(ctx, path, storage.Options{})
	if storage.CodeOf(err) != storage.CodeNewerFile {
		t.Fatalf("open a newer file: %v, want the code %s", err, storage.CodeNewerFile)
	}
	return path, err
}

// dialogText is the text of the labels of the dialog on top of w.
func dialogText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

// The error dialog says what failed, what happened and what to do with the GUI's menus (never
// the CLI's flags), through the window's dialog stack, in English and in French.
func TestShowErrorWordsTheRemedyWithTheMenusInTheInterfaceLanguage(t *testing.T) {
	noReviewer := noReviewerError(t)
	path, newer := newerFileError(t)
	for _, tc := range []struct {
		lang, what string
		err        error
		want       []string
	}{
		{"en", "Adding a claim", noReviewer, []string{"Adding a claim failed.", "No reviewer is set: every change records who made it.",
			"Set your name in File > Settings…, then try again."}},
		{"en", "Opening newer.db", newer, []string{"Opening newer.db failed.",
			path + " was made by Factdesk 9.1.0, a newer version (schema " + fmt.Sprint(storage.SchemaVersion+1) + "; this version reads up to " + fmt.Sprint(storage.SchemaVersion) + ").",
			"Update Factdesk (Help > About Factdesk shows this version), then open the file again."}},
		{"fr", "Ajout d’une affirmation", noReviewer, []string{"Ajout d’une affirmation\u00a0: échec.", "Aucun nom n’est indiqué\u00a0: chaque modification enregistre qui l’a faite.",
			"Indiquez votre nom dans Fichier > Préférences…, puis réessayez."}},
		{"fr", "Ouverture de newer.db", newer, []string{
			path + " a été créé par Factdesk 9.1.0, une version plus récente (schéma " + fmt.Sprint(storage.SchemaVersion+1) + "\u00a0; cette version lit jusqu’au schéma " + fmt.Sprint(storage.SchemaVersion) + ").",
			"Mettez Factdesk à jour (Aide > À propos de Factdesk indique la version installée), puis rouvrez le fichier."}},
	} {
		t.Run(tc.lang+" "+string(storage.CodeOf(tc.err)), func(t *testing.T) {
			useLanguage(t, tc.lang)
			w := test.NewTempWindow(t, widget.NewLabel("window"))
			w.Resize(fyne.NewSize(1000, 700))
			var stack []dialog.Dialog
			h := New(w)
			h.Present = func(d dialog.Dialog) { stack = append(stack, d); d.Show() }
			h.ShowError(tc.what, tc.err)
			if len(stack) != 1 {
				t.Fatalf("%d dialogs went through the window's stack, want 1", len(stack))
			}
			shown := dialogText(w)
			for _, want := range tc.want {
				if !strings.Contains(shown, want) || !strings.Contains(h.LastError(), want) {
					t.Errorf("the dialog says:\n%s\nwant %q in it", shown, want)
				}
			}
			if strings.Contains(shown, "--") {
				t.Errorf("the dialog names a flag:\n%s", shown)
			}
		})
	}
}

// Every code storage gives is worded, with a remedy where the GUI has one; an error without a
// code keeps its own words.
func TestEveryCodeIsWorded(t *testing.T) {
	codes := []storage.Code{storage.CodeNoReviewer, storage.CodeReviewerNameEmpty, storage.CodeNotFound, storage.CodeNoSnapshot,
		storage.CodeQuoteNotInArticle, storage.CodeArticleRemoved, storage.CodeNewerFile, storage.CodeWorkingFileDamaged,
		storage.CodeDamaged, storage.CodeStrayJournal, storage.CodeWALNotDatabase, storage.CodeNotSQLite, storage.CodeNotFactdesk,
		storage.CodeInCloudFolder, storage.CodeOnNetworkDrive, storage.CodeOpenReadOnly, storage.CodeBusy, storage.CodeDiskFull}
	const storageWords = "storage's own words"
	for _, c := range codes {
		err := &storage.Error{Code: c, Path: "/p.db", Facts: storage.Facts{Object: "claim", ID: "abcd", Journal: "/p.db-wal"}, Msg: storageWords}
		if d := Describe(err); d == storageWords || d == "" {
			t.Errorf("%s: described as %q, want the GUI's words", c, d)
		}
		if r := Remedy(err); r == "" && c != storage.CodeNoSnapshot {
			t.Errorf("%s: no remedy", c)
		} else if strings.Contains(r, "….") {
			t.Errorf("%s: %q ends on a menu item and a full stop", c, r)
		}
	}
	if d := Describe(&storage.Error{Msg: storageWords}); d != storageWords {
		t.Errorf("an error without a code: %q", d)
	}
	if d := Describe(errors.New("plain")); d != "plain" || Remedy(errors.New("plain")) != "" {
		t.Errorf("a plain error: %q, %q", d, Remedy(errors.New("plain")))
	}
	wrapped := fmt.Errorf("the database of your last session could not be opened.\n\n%w", &storage.Error{Code: storage.CodeBusy, Path: "/p.db", Msg: storageWords})
	if d := Describe(wrapped); !strings.HasPrefix(d, "the database of your last session could not be opened.\n\nAnother program is holding the database /p.db") {
		t.Errorf("a wrapped error: %q, want the wrapper's words, then the GUI's", d)
	}
	if got := Message("", errors.New("plain")); got != "Plain" {
		t.Errorf("Message without what: %q", got)
	}
}

// Go runs the work off the UI goroutine and hands what it returns to Do; Wait waits for it.
func TestGoHandsTheResultToTheUIGoroutine(t *testing.T) {
	h := New(test.NewTempWindow(t, widget.NewLabel("")))
	var mu sync.Mutex
	var queued []func()
	h.Do = func(fn func()) { mu.Lock(); queued = append(queued, fn); mu.Unlock() }
	ran := 0
	for i := 0; i < 3; i++ {
		h.Go(func() func() { return func() { ran++ } })
	}
	h.Go(func() func() { return nil }) // nothing to hand back
	h.Wait()
	if ran != 0 || len(queued) != 3 {
		t.Fatalf("ran %d on the worker, queued %d; want 0 and 3", ran, len(queued))
	}
	for _, fn := range queued {
		fn()
	}
	if ran != 3 {
		t.Fatalf("ran %d, want 3", ran)
	}
}
