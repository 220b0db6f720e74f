//go:build !unix

package corpus

// cpuSeconds is not measured on this platform.
func cpuSeconds() float64 { return 0 }

// childCPUSeconds is not measured on this platform.
func childCPUSeconds() float64 { return 0 }
