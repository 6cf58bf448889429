//go:build windows

package sqlstore

import (
	"path/filepath"
	"syscall"
	"unsafe"
)

var getDriveTypeW = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

// remoteReason asks Windows whether the drive of path is a mapped network
// drive. A relative path is made absolute first, so `--db m.db` typed in a
// console whose current folder is N:\ or \\server\share is caught too.
func remoteReason(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if isUNC(path) {
		return "en netværkssti (\\\\server\\share)"
	}
	return classifyWindowsDrive(path, func(root string) uint32 {
		p, err := syscall.UTF16PtrFromString(root)
		if err != nil {
			return driveUnknown
		}
		r, _, _ := getDriveTypeW.Call(uintptr(unsafe.Pointer(p)))
		return uint32(r)
	})
}
