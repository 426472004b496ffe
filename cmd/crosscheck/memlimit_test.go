package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestLimitMemory: the ingest commands set their soft heap limit unless
// GOMEMLIMIT chose one.
func TestLimitMemory(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })

	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	limitMemory(t.Context())
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}

	os.Unsetenv("GOMEMLIMIT") // restored by t.Setenv's cleanup
	limitMemory(t.Context())
	if got := debug.SetMemoryLimit(-1); got != ingestMemoryLimit {
		t.Errorf("without GOMEMLIMIT, the limit is %d, want %d", got, ingestMemoryLimit)
	}
}

func TestHeadroomLimit(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int64
	}{
		{0, ingestMemoryLimit},
		{150 << 20, ingestMemoryLimit},
		{200 << 20, ingestMemoryLimit},
		{400 << 20, 600 << 20},
		{2 << 30, 3 << 30},
	} {
		if got := headroomLimit(tc.live, ingestMemoryLimit); got != tc.want {
			t.Errorf("headroomLimit(%d MiB) = %d MiB, want %d MiB", tc.live>>20, got>>20, tc.want>>20)
		}
	}
}

// TestFollowLiveHeap: with more live than the limit, the limit rises above
// it; once that is garbage, it comes back down.
func TestFollowLiveHeap(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	const base = 64 << 20
	debug.SetMemoryLimit(base)
	go followLiveHeap(t.Context(), base)

	live := make([][]byte, 0, 128)
	for range 128 {
		b := make([]byte, 1<<20)
		b[0] = 1
		live = append(live, b) // 128 MiB live, twice the base
	}
	waitLimit := func(ok func(int64) bool) int64 {
		deadline := time.Now().Add(5 * time.Second)
		for {
			runtime.GC()
			got := debug.SetMemoryLimit(-1)
			if ok(got) || time.Now().After(deadline) {
				return got
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if got := waitLimit(func(l int64) bool { return l >= 160<<20 }); got < 160<<20 {
		t.Fatalf("limit %d MiB with 128 MiB live, want at least 160", got>>20)
	}
	runtime.KeepAlive(live)
	live = nil
	if got := waitLimit(func(l int64) bool { return l == base }); got != base {
		t.Errorf("limit %d MiB once the heap was garbage, want the base %d", got>>20, base>>20)
	}
}
