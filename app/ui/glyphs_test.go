package ui

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// TestOurTextsHaveTheirLettersInTheBundledFonts: every character of
// Mentorbog's own texts, the string literals of app/ui and every
// translation, is in the fonts Fyne bundles (Noto Sans, regular and bold,
// or its symbol font). Fyne would draw a missing one with whatever system
// font has it, or as an empty box: our texts look the same on every PC,
// and in the PDFs, whose font is the same Noto Sans. (The calendar's
// holidays lost their "★", which only a system font had; they are red.)
func TestOurTextsHaveTheirLettersInTheBundledFonts(t *testing.T) {
	var faces []*font.Face
	for _, res := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont(), theme.DefaultSymbolFont()} {
		face, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("parse %s: %v", res.Name(), err)
		}
		faces = append(faces, face)
	}
	missing := func(r rune) bool {
		for _, f := range faces[:2] {
			if _, ok := f.NominalGlyph(r); !ok {
				_, inSymbols := faces[2].NominalGlyph(r)
				return !inSymbols
			}
		}
		return false
	}
	texts := append(stringLiterals(t, "."), translations(t, filepath.Join("..", "..", "assets", "translations"))...)
	if len(texts) < 500 {
		t.Fatalf("only %d texts found: the test reads the wrong files", len(texts))
	}
	reported := map[rune]bool{}
	for _, text := range texts {
		for _, r := range text.value {
			if r >= 0x80 && !reported[r] && missing(r) {
				reported[r] = true
				t.Errorf("%s: %q has %q (U+%04X), which the bundled fonts lack", text.where, text.value, r, r)
			}
		}
	}
}

type sourceText struct{ where, value string }

// stringLiterals are the string literals of the package's Go files (not
// its tests).
func stringLiterals(t *testing.T, dir string) []sourceText {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []sourceText
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					out = append(out, sourceText{fset.Position(lit.Pos()).String(), s})
				}
			}
			return true
		})
	}
	return out
}

// translations are the values of every translation file under dir.
func translations(t *testing.T, dir string) []sourceText {
	t.Helper()
	var out []sourceText
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var values map[string]string
		if err := json.Unmarshal(body, &values); err != nil {
			return err
		}
		for key, v := range values {
			out = append(out, sourceText{path + ": " + key, v})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
