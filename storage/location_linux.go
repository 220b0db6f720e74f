package storage

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Filesystem magic numbers (statfs f_type) of network and shared filesystems.
var networkMagic = map[uint32]string{
	0x6969:     "NFS",
	0x517b:     "SMB",
	0xff534d42: "SMB/CIFS",
	0xfe534d42: "SMB2",
	0x564c:     "NCP (NetWare)",
	0x5346414f: "AFS",
	0x6b414653: "AFS",
	0x73757245: "Coda",
	0x01021997: "9p (a folder shared with a virtual machine or WSL)",
	0x00c36400: "Ceph",
	0x01161970: "GFS2",
	0x7461636f: "OCFS2",
	0x0bd00bd0: "Lustre",
	0x786f4256: "VirtualBox shared folder",
	0x13661366: "OrangeFS",
}

const fuseMagic = 0x65735546

// networkFuse are the FUSE filesystems (mountinfo type fuse.NAME) that reach over a network.
var networkFuse = []string{"sshfs", "rclone", "s3fs", "gcsfuse", "goofys", "blobfuse", "blobfuse2", "gvfsd-fuse", "davfs",
	"keybase", "kbfsfuse", "juicefs", "glusterfs", "ceph-fuse", "mfs", "lizardfs", "onedriver", "google-drive-ocamlfuse",
	"seaf-fuse", "mountpoint-s3", "curlftpfs", "smbnetfs"}

// networkFS names the network filesystem dir is on, "" for a local one.
func networkFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	magic := uint32(st.Type)
	if name, ok := networkMagic[magic]; ok {
		return name
	}
	if magic == fuseMagic {
		if t := mountType(dir); strings.HasPrefix(t, "fuse.") {
			for _, n := range networkFuse {
				if strings.TrimPrefix(t, "fuse.") == n {
					return n + " (FUSE)"
				}
			}
		}
	}
	return ""
}

// mountType is the filesystem type of the mount holding dir, from /proc/self/mountinfo.
func mountType(dir string) string {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return mountTypeIn(f, dir)
}

// mountTypeIn finds the type of the longest mount point holding dir in a mountinfo listing.
func mountTypeIn(mountinfo io.Reader, dir string) string {
	best, bestType := -1, ""
	sc := bufio.NewScanner(mountinfo)
	for sc.Scan() {
		// id parent major:minor root mountpoint options [optional...] - type source superopts
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 {
			continue
		}
		mp := unescapeMount(fields[4])
		sep := -1
		for i := 6; i < len(fields); i++ {
			if fields[i] == "-" {
				sep = i
				break
			}
		}
		if sep < 0 || sep+1 >= len(fields) {
			continue
		}
		if (dir == mp || strings.HasPrefix(dir, strings.TrimSuffix(mp, "/")+"/")) && len(mp) > best {
			best, bestType = len(mp), fields[sep+1]
		}
	}
	return bestType
}

// unescapeMount undoes the octal escapes (\040 for a space) of mountinfo paths.
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			v := 0
			ok := true
			for _, c := range s[i+1 : i+4] {
				if c < '0' || c > '7' {
					ok = false
					break
				}
				v = v*8 + int(c-'0')
			}
			if ok {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
