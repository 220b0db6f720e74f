//go:build unix

package ingest_test

import "syscall"

// cpuSeconds is the CPU time (user and system) of the process and of its finished children
// (pdftotext) so far.
func cpuSeconds() float64 {
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return 0
	}
	return float64(self.Utime.Nano()+self.Stime.Nano()+children.Utime.Nano()+children.Stime.Nano()) / 1e9
}
