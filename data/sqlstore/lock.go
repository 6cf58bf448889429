package sqlstore

import (
	"errors"
	"fmt"
	"os"
)

// instanceLock keeps a second Mentorbog away from a database that is open.
// It is an OS lock (flock on Unix, LockFileEx on Windows) on the file
// <database>.lock, not a PID file: the operating system drops the lock when
// the process ends, also when it is killed or crashes, so a lock is never
// left behind. The lock file itself stays; it is empty and harmless.
type instanceLock struct{ f *os.File }

// errLocked is what lockFile returns when another handle holds the lock.
var errLocked = errors.New("lock held elsewhere")

// lockPath is the lock file of the database at dbPath.
func lockPath(dbPath string) string { return dbPath + ".lock" }

// acquireLock takes the exclusive, non-blocking lock of the database at
// dbPath. It fails with ErrInUse when another Store (in this or another
// process) holds it.
func acquireLock(dbPath string) (*instanceLock, error) {
	f, err := os.OpenFile(lockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open database: lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, ErrInUse
		}
		return nil, fmt.Errorf("open database: lock file: %w", err)
	}
	return &instanceLock{f: f}, nil
}

// release unlocks and closes the lock file. It is safe to call twice.
func (l *instanceLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("release database lock: %w", err)
	}
	return nil
}
