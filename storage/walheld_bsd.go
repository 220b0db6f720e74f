//go:build unix && !linux

package storage

import (
	"os"
	"syscall"
)

// heldElsewhere reports whether another process has the WAL database at path open (callers
// first rule out this process, whose own locks F_GETLK does not show, and whose locks on the
// file closing the descriptor would drop): every
// connection that uses the shared-memory index (path-shm) holds a read lock on its
// "dead man switch" byte (offset 128, SQLite's UNIX_SHM_DMS) for as long as it is open.
func heldElsewhere(path string) bool {
	f, err := os.Open(path + "-shm")
	if err != nil {
		return false
	}
	defer f.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 128, Len: 1}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return true // cannot tell: do not second-guess a journal that may be live
	}
	return lk.Type != syscall.F_UNLCK
}
