//go:build linux

package sqlstore

import (
	"path/filepath"
	"syscall"
)

// Filesystem magic numbers (statfs f_type) of network filesystems.
var networkFilesystems = map[int64]string{
	0x6969:     "NFS",
	0xFF534D42: "CIFS/SMB",
	0xFE534D42: "SMB2",
	0x517B:     "SMB",
	0x564C:     "NCP",
	0x5346414F: "AFS",
	0x65735546: "FUSE", // sshfs and friends; also local FUSE mounts, see below
}

// remoteReason reports a network filesystem under path's nearest existing
// folder. FUSE is left alone: it is also used by local encrypted folders.
func remoteReason(path string) string {
	dir := filepath.Dir(path)
	for {
		var st syscall.Statfs_t
		if err := syscall.Statfs(dir, &st); err == nil {
			name := networkFilesystems[int64(st.Type)]
			if name == "" || name == "FUSE" {
				return ""
			}
			return "et netværksfilsystem (" + name + ")"
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
