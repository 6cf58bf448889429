//go:build !windows

package platform

import (
	"fmt"
	"os"
)

// CheckGraphics finds nothing to check here: on Linux and macOS the system's
// OpenGL (Mesa at the least) always has 2.1, and GLFW explains a missing
// display itself.
func CheckGraphics() error { return nil }

// ShowError prints the message; a terminal or the desktop's log shows it.
func ShowError(title, message string) {
	fmt.Fprintf(os.Stderr, "%s: %s\n", title, message)
}

// AttachConsole does nothing: Unix programs always have their terminal.
func AttachConsole() (detach func()) { return func() {} }
