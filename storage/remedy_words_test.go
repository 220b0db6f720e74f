package storage_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The words of a remedy belong to the front ends: storage, the domain and the corpus report
// what happened (a Code with its facts), the GUI words what to do with its menus, the CLI with
// its flags and commands. No string literal of their non-test sources names a menu ("File >",
// a menu item such as "Save a copy…"), a flag ("--reviewer") or a command ("factdesk share").
func TestNoMenuFlagOrCommandInTheLowerLayersMessages(t *testing.T) {
	items := menuItems(t)
	if len(items) < 10 {
		t.Fatalf("found only %d menu items in ../app/menu.go: %v", len(items), items)
	}
	menuPath := regexp.MustCompile(`\b(File|Edit|Claim|View|Help) >`)
	flagIn := regexp.MustCompile("(^|[\\s`(\"'=])--[a-z][a-z-]*")
	loneFlag := regexp.MustCompile(`^--[a-z][a-z-]*$`) // an argument passed to a program (tesseract --list-langs)
	command := regexp.MustCompile(`\bfactdesk [a-z]`)
	checked := 0
	for _, root := range []string{".", "../annotate", "../corpus"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			checked++
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				var found string
				switch {
				case menuPath.MatchString(s):
					found = "a menu path"
				case flagIn.MatchString(s) && !loneFlag.MatchString(s):
					found = "a flag"
				case command.MatchString(s):
					found = "a command"
				}
				for _, it := range items {
					if found == "" && strings.Contains(s, it) {
						found = "the menu item " + it
					}
				}
				if found != "" {
					t.Errorf("%s: %s names %s: return a Code with its facts and word the remedy in the front ends", fset.Position(lit.Pos()), lit.Value, found)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d files", checked)
	}
}

// menuLabel is a menu item's label that opens a dialog: "Save a copy…".
var menuLabel = regexp.MustCompile(`^[A-Z][a-z']*( [A-Za-z']+)*…$`)

// menuItems returns the labels of the GUI's menu items that end with "…" (the ones a message
// would send a person to), read from the source of the main menu.
func menuItems(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("..", "app", "menu.go"), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && menuLabel.MatchString(s) {
			items = append(items, s)
		}
		return true
	})
	return items
}
