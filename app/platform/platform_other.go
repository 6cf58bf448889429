//go:build !windows

package platform

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
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

// OpenFile opens path in the desktop's program for its type (xdg-open on
// Linux, open on macOS) and returns once that program was started.
func OpenFile(path string) error {
	opener := "xdg-open"
	if runtime.GOOS == "darwin" {
		opener = "open"
	}
	cmd := exec.Command(opener, path)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	go cmd.Wait() // reap it; the viewer may live long
	return nil
}
