//go:build !windows && !linux

package sqlstore

// remoteReason has no reliable answer on this platform; UNC paths are
// still refused by CheckLocation.
func remoteReason(string) string { return "" }
