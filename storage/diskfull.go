package storage

import (
	"errors"
	"path/filepath"
	"syscall"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// IsDiskFull reports whether err is a write that found no room: the disk is full (ENOSPC,
// SQLITE_FULL), or the file reached the size the system lets this process write (EFBIG, a
// quota or RLIMIT_FSIZE), which a person remedies the same way: make room, or write elsewhere.
func IsDiskFull(err error) bool {
	if err == nil {
		return false
	}
	if IsKind(err, KindDiskFull) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	var sq sqlite3.Error
	if errors.As(err, &sq) {
		return sq.Code == sqlite3.ErrFull || sq.SystemErrno == syscall.ENOSPC || sq.SystemErrno == syscall.EFBIG
	}
	return false
}

// diskFullMsg says that the disk holding path is full, and what to do.
func diskFullMsg(path string) string {
	where := "the disk is full"
	if path != "" {
		where += " (the disk holding " + path + ")"
	}
	return where + ": nothing already saved is lost (a change being made, if any, was not saved); free some space there, then try again"
}

// noRoomAt reports whether the file system holding path has (almost) no room left for this
// process: what an I/O error that carries no errno means then.
func noRoomAt(path string) bool {
	if path == "" {
		return false
	}
	free, ok := freeBytes(filepath.Dir(path))
	return ok && free < minFreeBytes
}

// minFreeBytes is the room below which a failed write is taken for a full disk: a few pages
// of SQLite's journal.
const minFreeBytes = 64 << 10
