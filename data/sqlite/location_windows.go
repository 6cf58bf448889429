//go:build windows

package sqlite

import (
	"syscall"
	"unsafe"
)

var getDriveTypeW = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

// remoteReason asks Windows whether the drive of path is a mapped network drive.
func remoteReason(path string) string {
	return classifyWindowsDrive(path, func(root string) uint32 {
		p, err := syscall.UTF16PtrFromString(root)
		if err != nil {
			return driveUnknown
		}
		r, _, _ := getDriveTypeW.Call(uintptr(unsafe.Pointer(p)))
		return uint32(r)
	})
}
