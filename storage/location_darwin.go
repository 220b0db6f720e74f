package storage

import (
	"strings"
	"syscall"
)

// networkFS names the network filesystem dir is on, "" for a local one.
func networkFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	var b strings.Builder
	for _, c := range st.Fstypename {
		if c == 0 {
			break
		}
		b.WriteByte(byte(c))
	}
	switch t := b.String(); t {
	case "nfs", "smbfs", "afpfs", "webdav", "cifs", "ftp", "vboxsf":
		return t
	case "osxfuse", "macfuse", "fusefs":
		return t + " (FUSE, often sshfs or a cloud drive)"
	}
	return ""
}
