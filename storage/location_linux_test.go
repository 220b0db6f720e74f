package storage

import (
	"strings"
	"testing"
)

func TestMountTypeFindsTheMountHoldingAFolder(t *testing.T) {
	const mountinfo = `22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:40 / /home/ana/remote rw,nosuid - fuse.sshfs ana@server:/srv rw,user_id=1000
31 22 0:41 / /home/ana/My\040Shares rw - cifs //nas/share rw
32 22 0:42 / /media/usb rw - fuseblk /dev/sdb1 rw
`
	for dir, want := range map[string]string{
		"/home/ana/remote/projects": "fuse.sshfs",
		"/home/ana/remote":          "fuse.sshfs",
		"/home/ana/remoteX":         "ext4",
		"/home/ana/My Shares/team":  "cifs",
		"/media/usb/backup":         "fuseblk",
		"/":                         "ext4",
	} {
		if got := mountTypeIn(strings.NewReader(mountinfo), dir); got != want {
			t.Errorf("mountTypeIn(%s) = %q, want %q", dir, got, want)
		}
	}
	if got := networkFS("/proc"); got != "" {
		t.Errorf("networkFS(/proc) = %q: procfs is local", got)
	}
}
