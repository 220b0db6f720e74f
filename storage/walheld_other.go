//go:build !unix

package storage

import "os"

// heldElsewhere reports whether another process may have the database at path open. Without
// POSIX locks to ask, a -shm file beside it is taken to mean so.
func heldElsewhere(path string) bool {
	_, err := os.Stat(path + "-shm")
	return err == nil
}
