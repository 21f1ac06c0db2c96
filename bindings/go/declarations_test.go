package airops_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// notCovered are the header's functions this binding deliberately does not call, with the
// reason (also in README.md): deprecated aliases only, whose replacement the binding calls.
var notCovered = map[string]string{
	"airops_result_status": "deprecated alias of airops_result_status_text",
}

var (
	comments   = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	directives = regexp.MustCompile(`(?m)^[ \t]*#(?:[^\n]*\\\n)*[^\n]*$`)
	deprecated = regexp.MustCompile(`\bAIROPS_DEPRECATED\("[^"]*"\)`)
	prototype  = regexp.MustCompile(`^[\w\s\*]*?\b(airops_\w+)\s*\((.*)\)$`)
	typedef    = regexp.MustCompile(`\b(airops_\w+)\s*(\)\s*\(.*\))?$`)
)

// headerDeclarations parses the header's function prototypes (name: arity) and its type
// names.
func headerDeclarations(t *testing.T, path string) (functions map[string]int, types map[string]bool) {
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the header: %v", err)
	}
	source := directives.ReplaceAllString(comments.ReplaceAllString(string(text), ""), "")
	source = deprecated.ReplaceAllString(source, "")
	source = strings.NewReplacer(`extern "C" {`, "", "{", "{;", "}", ";}").Replace(source)
	functions, types = map[string]int{}, map[string]bool{}
	for _, statement := range strings.Split(source, ";") {
		statement = strings.Join(strings.Fields(statement), " ")
		if strings.HasPrefix(statement, "typedef") || strings.HasPrefix(statement, "}") {
			if match := typedef.FindStringSubmatch(strings.TrimPrefix(statement, "} ")); match != nil {
				types[match[1]] = true
			}
			continue
		}
		match := prototype.FindStringSubmatch(statement)
		if match == nil {
			continue
		}
		arity := 0
		if parameters := strings.TrimSpace(match[2]); parameters != "void" && parameters != "" {
			arity = strings.Count(parameters, ",") + 1
		}
		functions[match[1]] = arity
	}
	return functions, types
}

// bindingCalls collects the C.airops_* calls of the binding's Go sources: name -> the
// argument counts it is called with.
func bindingCalls(t *testing.T) map[string]map[int]bool {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]map[int]bool{}
	fileSet := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		tree, err := parser.ParseFile(fileSet, file, nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", file, err)
		}
		ast.Inspect(tree, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			selector, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := selector.X.(*ast.Ident); ok && pkg.Name == "C" && strings.HasPrefix(selector.Sel.Name, "airops_") {
				if calls[selector.Sel.Name] == nil {
					calls[selector.Sel.Name] = map[int]bool{}
				}
				calls[selector.Sel.Name][len(call.Args)] = true
			}
			return true
		})
	}
	return calls
}

// The binding calls every function of include/airops.h (AIROPS_HEADER overrides the path)
// with its arity, calls none that the header lacks, and leaves out only notCovered.
func TestS19Declarations(t *testing.T) {
	header := os.Getenv("AIROPS_HEADER")
	if header == "" {
		header = filepath.Join("..", "..", "include", "airops.h")
	}
	functions, types := headerDeclarations(t, header)
	if len(functions) < 40 {
		t.Fatalf("found only %d prototypes in %s: the parser is broken", len(functions), header)
	}
	calls := bindingCalls(t)
	for name := range calls {
		if types[name] {
			delete(calls, name) // a conversion to a C type, e.g. C.airops_code(c)
		}
	}
	for name, arities := range calls {
		arity, declared := functions[name]
		if !declared {
			t.Errorf("the binding calls %s, which %s does not declare", name, header)
			continue
		}
		for count := range arities {
			if count != arity {
				t.Errorf("the binding calls %s with %d arguments; %s declares %d", name, count, header, arity)
			}
		}
		if _, ok := notCovered[name]; ok {
			t.Errorf("%s is called but listed as not covered", name)
		}
	}
	var missing []string
	for name := range functions {
		if _, called := calls[name]; called {
			continue
		}
		if _, ok := notCovered[name]; !ok {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the binding does not call %v of %s, and they are not documented as not covered", missing, header)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatalf("read README.md: %v", err)
	}
	for name := range notCovered {
		if !strings.Contains(string(readme), name) {
			t.Errorf("README.md does not document %s as not covered", name)
		}
		if _, ok := functions[name]; !ok {
			t.Logf("%s (not covered) is not in %s yet", name, header)
		}
	}
	t.Logf("%d header functions, %d called by the binding, %d documented as not covered", len(functions), len(calls), len(notCovered))
}
