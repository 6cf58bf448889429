package ui

import (
	"fmt"
	"os"
	"testing"

	"mentorbog/app/i18n"
)

// TestMain loads the Danish translations as the app does at start, so the
// tests see the texts users see (and Fyne's own buttons in Danish).
func TestMain(m *testing.M) {
	if _, err := i18n.Setup(i18n.Danish); err != nil {
		fmt.Fprintln(os.Stderr, "i18n:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
