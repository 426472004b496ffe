//go:build unix

package entity

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) this process has used,
// so that benchmarks on a shared, loaded machine can report throughput per
// CPU second besides wall-clock throughput.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
