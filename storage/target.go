package storage

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// sqliteHeader starts every SQLite database file; walMagic (either byte order flag) starts
// every write-ahead log.
var (
	sqliteHeader = []byte("SQLite format 3\x00")
	walMagic     = [][]byte{{0x37, 0x7f, 0x06, 0x82}, {0x37, 0x7f, 0x06, 0x83}}
)

// CheckWritableTarget refuses a file an export (or any other file that is not a database)
// is about to replace: the database db has open (the same file, by os.SameFile, however it is
// named, or its -wal, -shm or -journal file), or any existing file that is a SQLite database
// or write-ahead log, which an export would destroy. The error (KindConflict, nothing was
// written) says what to do. A path that does not exist yet, or an ordinary file, is fine. db
// may be nil.
func CheckWritableTarget(db *DB, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return &Error{Kind: KindUsage, Path: path, Err: err, Msg: "cannot use " + path + " as a file name: " + err.Error()}
	}
	if db != nil && db.isOwnFile(abs) {
		return &Error{Kind: KindConflict, Path: abs, Msg: abs + " is the database Factdesk has open: choose another file name (nothing was written)"}
	}
	st, err := os.Stat(abs)
	if err != nil || !st.Mode().IsRegular() {
		return nil // a new file, or a folder (which the caller refuses in its own words)
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil // cannot be read: writing will say why, if it fails too
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil
	}
	head = head[:n]
	if bytes.Equal(head, sqliteHeader) {
		return &Error{Kind: KindConflict, Path: abs, Msg: abs + " is a database: choose another file name (nothing was written)"}
	}
	for _, magic := range walMagic {
		if bytes.HasPrefix(head, magic) {
			return &Error{Kind: KindConflict, Path: abs, Msg: abs + " is a database's write-ahead log: choose another file name (nothing was written)"}
		}
	}
	return nil
}

// isOwnFile reports whether abs (an absolute path) is the database file itself, under this
// or another name (a link to it), or one of its -wal, -shm and -journal files.
func (db *DB) isOwnFile(abs string) bool {
	target, statErr := os.Stat(abs)
	for _, side := range []string{"", "-wal", "-shm", "-journal"} {
		own := db.path + side
		if abs == own {
			return true
		}
		if statErr == nil {
			if st, err := os.Stat(own); err == nil && os.SameFile(st, target) {
				return true
			}
		}
	}
	return false
}
