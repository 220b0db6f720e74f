package uihost

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Every string this package shows through lang.L (and every menu label it names) is in the
// English and the French catalogs, with the same template fields in both.
func TestEveryKeyIsInBothCatalogs(t *testing.T) {
	keys := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var args []ast.Expr
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if id, ok := fn.X.(*ast.Ident); ok && id.Name == "lang" && fn.Sel.Name == "L" && len(call.Args) > 0 {
					args = call.Args[:1]
				}
			case *ast.Ident:
				if fn.Name == "menu" {
					args = call.Args
				}
			}
			for _, a := range args {
				if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						keys[s] = true
					}
				}
			}
			return true
		})
	}
	if len(keys) < 40 {
		t.Fatalf("found only %d keys", len(keys))
	}
	fields := regexp.MustCompile(`\{\{\.\w+\}\}`)
	for _, code := range []string{"en", "fr"} {
		data, err := os.ReadFile(filepath.Join("..", "i18n", "translations", code+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var catalog map[string]string
		if err := json.Unmarshal(data, &catalog); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		for k := range keys {
			v, ok := catalog[k]
			switch {
			case !ok:
				t.Errorf("%s.json has no %q", code, k)
			case code == "en" && v != k:
				t.Errorf("en.json: %q is %q", k, v)
			default:
				want, got := fields.FindAllString(k, -1), fields.FindAllString(v, -1)
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(want, got) {
					t.Errorf("%s.json: %q has the fields %v, want %v", code, v, got, want)
				}
			}
		}
	}
}
