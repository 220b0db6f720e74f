package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// use is one lookup of a catalog key in the code.
type use struct {
	key      string
	fallback string // lang.X's English; "" for the others
	plural   bool
	at       string
}

// usesInApp finds every lang.L, lang.N, lang.X and i18n.Count call in the app's Go sources
// (tests left out) with the key it looks up. A key must be a string literal, a sum of them,
// or a constant made of them, so that this test can read it.
func usesInApp(t *testing.T) []use {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						consts[n.Name] = vs.Values[i]
					}
				}
			}
		}
	}
	var str func(e ast.Expr) (string, bool)
	str = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.BinaryExpr:
			a, ok1 := str(e.X)
			b, ok2 := str(e.Y)
			return a + b, ok1 && ok2 && e.Op == token.ADD
		case *ast.ParenExpr:
			return str(e.X)
		case *ast.Ident:
			if c, ok := consts[e.Name]; ok {
				return str(c)
			}
		case *ast.SelectorExpr:
			if c, ok := consts[e.Sel.Name]; ok {
				return str(c)
			}
		}
		return "", false
	}
	var uses []use
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			name := pkg.Name + "." + sel.Sel.Name
			switch name {
			case "lang.L", "lang.N", "lang.X", "lang.XN", "i18n.Count":
			default:
				return true
			}
			at := fset.Position(call.Pos()).String()
			key, ok := str(call.Args[0])
			if id, isIdent := call.Args[0].(*ast.Ident); !ok && isIdent && id.Name == "key" && strings.HasSuffix(filepath.Dir(at), "i18n") {
				return true // Count passes its caller's key on
			}
			if !ok {
				t.Errorf("%s: %s with a key that is not a string literal: the catalog test cannot check it", at, name)
				return true
			}
			u := use{key: key, at: at, plural: name == "lang.N" || name == "lang.XN" || name == "i18n.Count"}
			if name == "lang.X" || name == "lang.XN" {
				if u.fallback, ok = str(call.Args[1]); !ok {
					t.Errorf("%s: %s with an English fallback that is not a string literal", at, name)
				}
			}
			uses = append(uses, u)
			return true
		})
	}
	return uses
}

// readCatalog reads translations/NAME.json as key -> string or plural forms.
func readCatalog(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("translations", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return c
}

// catalogNames are the languages of the catalogs beside this file.
func catalogNames(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			names = append(names, name)
		}
	}
	return names
}

var (
	templateField = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)
	printfVerb    = regexp.MustCompile(`%[-+# 0-9.\[\]]*[a-zA-Z%]`)
)

// placeholders are the template fields and % verbs of s, sorted.
func placeholders(s string) string {
	var ps []string
	for _, m := range templateField.FindAllStringSubmatch(s, -1) {
		ps = append(ps, "{{."+m[1]+"}}")
	}
	ps = append(ps, printfVerb.FindAllString(s, -1)...)
	sort.Strings(ps)
	return strings.Join(ps, " ")
}

// forms are the texts of a catalog entry: the string, or each plural form.
func forms(v any) map[string]string {
	switch v := v.(type) {
	case string:
		return map[string]string{"": v}
	case map[string]any:
		out := map[string]string{}
		for k, f := range v {
			if s, ok := f.(string); ok {
				out[k] = s
			}
		}
		return out
	}
	return nil
}

func TestEveryKeyUsedIsInEveryCatalogAndEveryCatalogKeyIsUsed(t *testing.T) {
	uses := usesInApp(t)
	if len(uses) < 100 {
		t.Fatalf("found only %d lookups in app/: the scan is broken", len(uses))
	}
	used := map[string]use{}
	for _, u := range uses {
		used[u.key] = u
	}
	for _, name := range catalogNames(t) {
		cat := readCatalog(t, name)
		for _, u := range uses {
			v, ok := cat[u.key]
			if !ok {
				t.Errorf("%s: key %q is missing from %s.json", u.at, u.key, name)
				continue
			}
			fs := forms(v)
			if u.plural {
				if _, isPlural := v.(map[string]any); !isPlural || fs["one"] == "" || fs["other"] == "" {
					t.Errorf("%s.json: %q is counted (lang.N) but has no one and other forms", name, u.key)
				}
			} else if _, isPlain := v.(string); !isPlain {
				t.Errorf("%s.json: %q is a plain string in the code but not in the catalog", name, u.key)
			}
		}
		if name, _ := cat[NameKey].(string); name == "" {
			t.Errorf("%s.json: no %q: the language list names each language by it, in its own words", name, NameKey)
		}
		for k := range cat {
			if _, ok := used[k]; !ok && k != NameKey { // NameKey is read from each file, not looked up
				t.Errorf("%s.json: key %q is used nowhere in app/ (remove it, or look it up with lang.L/N/X)", name, k)
			}
		}
	}
}

func TestEnglishIsTheKeyOrTheFallback(t *testing.T) {
	en := readCatalog(t, "en")
	for _, u := range usesInApp(t) {
		want := u.key
		if u.fallback != "" {
			want = u.fallback
		}
		switch v := en[u.key].(type) {
		case string:
			if v != want {
				t.Errorf("%s: en.json says %q for %q, the code says %q", u.at, v, u.key, want)
			}
		case map[string]any:
			if v["other"] != want && v["one"] != want {
				t.Errorf("%s: en.json's forms of %q say neither %q", u.at, u.key, want)
			}
		}
	}
}

func TestEveryLanguageKeepsTheFieldsAndVerbs(t *testing.T) {
	en := readCatalog(t, "en")
	for _, name := range catalogNames(t) {
		cat := readCatalog(t, name)
		for k, v := range cat {
			want := placeholders(k)
			if ev, ok := en[k].(string); ok {
				want = placeholders(ev)
			}
			if strings.HasPrefix(k, "format.") {
				continue // a date format uses the fields its language needs of those dateFields gives
			}
			for form, s := range forms(v) {
				got, want := placeholders(s), want
				if form == "one" {
					// The singular may spell the count out ("one claim" rather than "1 claim").
					got, want = strings.ReplaceAll(got, "{{.Count}}", ""), strings.ReplaceAll(want, "{{.Count}}", "")
				}
				if got != want {
					t.Errorf("%s.json %q (%s): fields and verbs %q, want %q as in English", name, k, nonEmptyForm(form), got, want)
				}
			}
		}
	}
}

func nonEmptyForm(f string) string {
	if f == "" {
		return "text"
	}
	return f
}

// frenchTypography finds what French typography writes otherwise: a straight apostrophe
// (’), a plain space before a high punctuation mark or inside « » (no-break), quotes "…".
var frenchTypography = []struct {
	re   *regexp.Regexp
	says string
}{
	{regexp.MustCompile(`'`), "a straight apostrophe: write ’"},
	{regexp.MustCompile(` [:;!?»]`), "a plain space before : ; ! ? or »: write a no-break space (U+00A0)"},
	{regexp.MustCompile(`« `), "a plain space after «: write a no-break space (U+00A0)"},
	{regexp.MustCompile(`[^\s\x{00a0}\x{202f}][;!?»]`), "no space before ; ! ? or »: French puts a no-break space there"},
	{regexp.MustCompile(`"`), "straight double quotes: write « » (or “ ” for a quote)"},
}

func TestFrenchCatalogFollowsFrenchTypography(t *testing.T) {
	fr := readCatalog(t, "fr")
	for k, v := range fr {
		for _, s := range forms(v) {
			clean := templateField.ReplaceAllString(s, "X")
			clean = regexp.MustCompile(`https?://\S*|\(\?\)|[?] Non vérifiée|^\?$|\? [A-Z]`).ReplaceAllString(clean, "")
			for _, rule := range frenchTypography {
				if rule.re.MatchString(clean) {
					t.Errorf("fr.json %q: %s: %q", k, rule.says, s)
				}
			}
		}
	}
}
