package storage

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// heldElsewhere reports whether a connection (of another process, or of this one outside
// storage.Open) has the WAL database at path open: every connection that uses the
// shared-memory index (path-shm) holds a read lock on its "dead man switch" byte (offset 128,
// SQLite's UNIX_SHM_DMS) for as long as it is open. The locks are read from /proc/locks rather
// than asked with fcntl, because opening and closing the -shm file here would drop the POSIX
// locks this process's own connections hold on it.
func heldElsewhere(path string) bool {
	st, err := os.Stat(path + "-shm")
	if err != nil {
		return false
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	f, err := os.Open("/proc/locks")
	if err != nil {
		return true // cannot tell: do not second-guess a journal that may be live
	}
	defer f.Close()
	ino := strconv.FormatUint(sys.Ino, 10)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "1: POSIX  ADVISORY  READ 1234 08:01:5678 128 128" (a blocked request has "->").
		fields := strings.Fields(sc.Text())
		if len(fields) < 8 || fields[1] == "->" {
			continue
		}
		dev := strings.Split(fields[5], ":")
		if len(dev) != 3 || dev[2] != ino {
			continue
		}
		start, err1 := strconv.ParseInt(fields[6], 10, 64)
		end := int64(1 << 62)
		if fields[7] != "EOF" {
			end, _ = strconv.ParseInt(fields[7], 10, 64)
		}
		if err1 == nil && start <= 128 && 128 <= end {
			return true
		}
	}
	return false
}
