//go:build !unix

// Package cputime reads the CPU time this process has used, so that
// benchmarks on a shared, loaded machine can report work per CPU second
// besides wall-clock rates.
package cputime

import "time"

// Process is not measured on this platform: it returns 0, and callers
// report wall-clock figures only.
func Process() time.Duration { return 0 }
