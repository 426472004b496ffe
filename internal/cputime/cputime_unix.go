//go:build unix

// Package cputime reads the CPU time this process has used, so that
// benchmarks on a shared, loaded machine can report work per CPU second
// besides wall-clock rates.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the user and system CPU time this process has used.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
