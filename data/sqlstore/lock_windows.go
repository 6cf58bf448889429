//go:build windows

package sqlstore

import (
	"os"
	"syscall"
	"unsafe"
)

var (
	kernel32         = syscall.NewLazyDLL("kernel32.dll")
	procLockFileEx   = kernel32.NewProc("LockFileEx")
	procUnlockFileEx = kernel32.NewProc("UnlockFileEx")
)

const (
	lockfileFailImmediately = 0x00000001
	lockfileExclusiveLock   = 0x00000002

	errorLockViolation syscall.Errno = 33
	errorIOPending     syscall.Errno = 997
)

// lockFile locks the first byte of f with LockFileEx (exclusive, fail
// immediately). The lock belongs to the handle, so a second open in the
// same process is refused too; Windows drops it when the process ends.
func lockFile(f *os.File) error {
	var ol syscall.Overlapped
	r, _, err := procLockFileEx.Call(f.Fd(), lockfileExclusiveLock|lockfileFailImmediately,
		0, 1, 0, uintptr(unsafe.Pointer(&ol)))
	if r != 0 {
		return nil
	}
	if err == errorLockViolation || err == errorIOPending {
		return errLocked
	}
	return err
}

// unlockFile releases the lock before the handle is closed: Windows frees
// the locks of a closed handle only "eventually".
func unlockFile(f *os.File) error {
	var ol syscall.Overlapped
	r, _, err := procUnlockFileEx.Call(f.Fd(), 0, 1, 0, uintptr(unsafe.Pointer(&ol)))
	if r == 0 {
		return err
	}
	return nil
}
