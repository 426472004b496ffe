package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: the ingest commands set their soft heap limit unless
// GOMEMLIMIT chose one.
func TestLimitMemory(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })

	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}

	os.Unsetenv("GOMEMLIMIT") // restored by t.Setenv's cleanup
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != ingestMemoryLimit {
		t.Errorf("without GOMEMLIMIT, the limit is %d, want %d", got, ingestMemoryLimit)
	}
}
