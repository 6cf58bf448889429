package sqlstore

import "strings"

// CheckLocation refuses a database path on a network share: SQLite's file
// locking is unreliable over SMB and NFS, and a shared file gets corrupted.
// Backups may go to such places; the live database may not.
func CheckLocation(path string) error {
	if isUNC(path) {
		return &NetworkPathError{Path: path, Reason: "en netværkssti (\\\\server\\share)"}
	}
	if reason := remoteReason(path); reason != "" {
		return &NetworkPathError{Path: path, Reason: reason}
	}
	return nil
}

// isUNC recognises \\server\share\... and //server/share/... paths, but not
// the local device namespaces \\?\C:\ and \\.\ which Windows also accepts.
func isUNC(path string) bool {
	p := strings.ReplaceAll(path, "/", `\`)
	if !strings.HasPrefix(p, `\\`) {
		return false
	}
	if strings.HasPrefix(p, `\\?\UNC\`) {
		return true
	}
	return !strings.HasPrefix(p, `\\?\`) && !strings.HasPrefix(p, `\\.\`)
}

// Windows drive types from GetDriveTypeW.
const (
	driveUnknown = 0
	driveRemote  = 4
)

// classifyWindowsDrive says why a drive-letter path is remote ("" when it is
// not). driveType is GetDriveTypeW on Windows and a stand-in in tests, so
// this logic is tested on every platform.
func classifyWindowsDrive(path string, driveType func(root string) uint32) string {
	letter, ok := driveLetter(path)
	if !ok {
		return ""
	}
	if driveType(letter+`:\`) == driveRemote {
		return "et tilknyttet netværksdrev (" + letter + ":)"
	}
	return ""
}

// driveLetter reads "C" from `C:\...` or `c:/...`. It does not use
// filepath.VolumeName, which knows drive letters only when built for Windows.
func driveLetter(path string) (string, bool) {
	if len(path) < 2 || path[1] != ':' {
		return "", false
	}
	c := path[0] | 0x20 // lower case
	if c < 'a' || c > 'z' {
		return "", false
	}
	return strings.ToUpper(path[:1]), true
}
