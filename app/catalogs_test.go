package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The strings of the panes and the corpus panel go through lang with keys both catalogs hold:
// every lang.L and lang.N of those files has an English and a French entry, a count has its
// singular and plural in both, and the French keeps its typography (no straight apostrophe,
// a no-break space before a colon or inside « »).
func TestPaneAndCorpusStringsAreInBothCatalogs(t *testing.T) {
	catalog := func(name string) map[string]any {
		b, err := os.ReadFile(filepath.Join("i18n", "translations", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", name, err)
		}
		return m
	}
	en, fr := catalog("en"), catalog("fr")
	var keys []string
	for _, file := range []string{"pane.go", "panes.go", "corpus_panel.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, isID := sel.X.(*ast.Ident); !isID || id.Name != "lang" {
				return true
			}
			key, err := constantString(call.Args[0])
			if err != nil {
				t.Errorf("%s: lang.%s with a key that is not a constant string", file, sel.Sel.Name)
				return true
			}
			keys = append(keys, key)
			for name, cat := range map[string]map[string]any{"en": en, "fr": fr} {
				v, ok := cat[key]
				switch {
				case !ok:
					t.Errorf("%s: %q is not in %s.json", file, key, name)
				case sel.Sel.Name == "N":
					forms, isMap := v.(map[string]any)
					if !isMap || forms["one"] == nil || forms["other"] == nil {
						t.Errorf("%s.json: the count %q has no one and other forms", name, key)
					}
				}
			}
			return true
		})
	}
	if len(keys) < 30 {
		t.Fatalf("found %d strings: the files were not read", len(keys))
	}
	sort.Strings(keys)
	for _, k := range keys {
		words, _ := json.Marshal(fr[k])
		s := string(words)
		if strings.Contains(s, "'") {
			t.Errorf("fr.json %q: a straight apostrophe: %s", k, s)
		}
		if strings.Contains(s, " :") || strings.Contains(s, "« ") || strings.Contains(s, " »") {
			t.Errorf("fr.json %q: a plain space where a no-break space belongs: %s", k, s)
		}
	}
}

// constantString is the value of a string literal, or of literals joined with +.
func constantString(e ast.Expr) (string, error) {
	switch x := e.(type) {
	case *ast.BasicLit:
		return strconv.Unquote(x.Value)
	case *ast.BinaryExpr:
		a, err := constantString(x.X)
		if err != nil {
			return "", err
		}
		b, err := constantString(x.Y)
		return a + b, err
	}
	return "", strconv.ErrSyntax
}
