package storage

import (
	"path/filepath"
	"strings"
	"syscall"
	"unsafe"
)

var procGetDriveType = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

const driveRemote = 4 // DRIVE_REMOTE

// networkFS names the network filesystem dir is on, "" for a local one: a UNC path
// (\\server\share) or a mapped network drive.
func networkFS(dir string) string {
	if strings.HasPrefix(dir, `\\`) && !strings.HasPrefix(dir, `\\?\`) && !strings.HasPrefix(dir, `\\.\`) {
		return "a Windows network share"
	}
	vol := filepath.VolumeName(dir)
	if vol == "" {
		return ""
	}
	root, err := syscall.UTF16PtrFromString(vol + `\`)
	if err != nil {
		return ""
	}
	if t, _, _ := procGetDriveType.Call(uintptr(unsafe.Pointer(root))); t == driveRemote {
		return "a mapped network drive"
	}
	return ""
}
