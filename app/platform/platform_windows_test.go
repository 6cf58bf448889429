//go:build windows

package platform

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// These tests run the Windows code for real: `make windows-test` builds
// this package's test binary with mingw and runs it under Wine with Xvfb
// (build/windows/wine-test.sh). The environment says what the machine has:
// MENTORBOG_TEST_GL=ok|old (OpenGL 2.1 or an older driver) and
// MENTORBOG_TEST_DESKTOP=1 (programs can open windows, and .pdf files are
// associated with a viewer whose window title names the file; under Wine
// the script associates .pdf with Notepad).

func TestCheckGraphicsOnThisMachine(t *testing.T) {
	switch os.Getenv("MENTORBOG_TEST_GL") {
	case "ok":
		if err := CheckGraphics(); err != nil {
			t.Fatalf("OpenGL 2.1 is there, but: %v", err)
		}
	case "old":
		var ge *GraphicsError
		if err := CheckGraphics(); !errors.As(err, &ge) || ge.Found == "" {
			t.Fatalf("an old driver passed the check: %v", err)
		}
	default:
		t.Skip("MENTORBOG_TEST_GL is not set")
	}
}

func TestOpenFileThatIsMissingSaysSo(t *testing.T) {
	err := OpenFile(filepath.Join(tempDir(t), "findes ikke æøå.pdf"))
	if err == nil || !strings.Contains(err.Error(), "findes ikke") {
		t.Fatalf("got %v", err)
	}
}

func TestOpenFileWithDanishLettersAndSpacesOpensItsProgram(t *testing.T) {
	if os.Getenv("MENTORBOG_TEST_DESKTOP") == "" {
		t.Skip("MENTORBOG_TEST_DESKTOP is not set")
	}
	dir := filepath.Join(tempDir(t), "Søren Ø", "Mine dokumenter")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "statusrapport æøå.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\n%Åse Øberg\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := OpenFile(path); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if hwnd := findWindowTitled("statusrapport æøå"); hwnd != 0 {
			closeWindow(hwnd)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no window shows %s", filepath.Base(path))
}

// tempDir is t.TempDir with its own clean-up: Go 1.26's os.RemoveAll
// deletes with FileDispositionInformationEx, which Wine 8 does not
// implement (Windows 10 and 11 do), so t.TempDir's clean-up fails there.
// os.Remove (DeleteFileW), which Mentorbog itself uses, works on both.
func tempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "mentorbog-platform-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var paths []string
		filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
			paths = append(paths, path)
			return nil
		})
		for i := len(paths) - 1; i >= 0; i-- { // children before their folder
			if err := os.Remove(paths[i]); err != nil {
				t.Errorf("clean-up: %v", err)
			}
		}
	})
	return dir
}

var (
	procEnumWindows    = user32.NewProc("EnumWindows")
	procGetWindowTextW = user32.NewProc("GetWindowTextW")
	procPostMessageW   = user32.NewProc("PostMessageW")
)

// findWindowTitled returns a top-level window whose title contains part.
func findWindowTitled(part string) uintptr {
	var found uintptr
	cb := syscall.NewCallback(func(hwnd, _ uintptr) uintptr {
		buf := make([]uint16, 512)
		n, _, _ := procGetWindowTextW.Call(hwnd, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
		if strings.Contains(syscall.UTF16ToString(buf[:n]), part) {
			found = hwnd
			return 0 // stop
		}
		return 1
	})
	procEnumWindows.Call(cb, 0)
	return found
}

func closeWindow(hwnd uintptr) {
	const wmClose = 0x0010
	procPostMessageW.Call(hwnd, wmClose, 0, 0)
}
