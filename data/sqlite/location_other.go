//go:build !windows && !linux

package sqlite

// remoteReason has no reliable answer on this platform; UNC paths are
// still refused by CheckLocation.
func remoteReason(string) string { return "" }
