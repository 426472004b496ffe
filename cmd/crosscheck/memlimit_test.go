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

func TestHeapFollower(t *testing.T) {
	f := heapFollower{base: 300 << 20, cur: 300 << 20}
	for _, step := range []struct {
		live    uint64
		limit   int64
		changed bool
	}{
		{100 << 20, 300 << 20, false}, // well under the base
		{220 << 20, 330 << 20, false}, // above it by less than an eighth
		{400 << 20, 600 << 20, true},  // a large claim live
		{420 << 20, 600 << 20, false}, // noise
		{1 << 30, 1536 << 20, true},
		{150 << 20, 300 << 20, true}, // garbage again: back to the base
	} {
		limit, changed := f.observe(step.live)
		if want := step.limit; changed != step.changed || (changed && limit != want) {
			t.Errorf("live %d MiB: limit %d MiB changed %v, want %d MiB changed %v", step.live>>20, limit>>20, changed, want>>20, step.changed)
		}
	}
}

// TestFollowLiveHeap: with more live than the limit, the limit rises above
// it. Other tests of the package share the heap, so it checks only what
// they cannot undo: a live heap they add to raises the limit further.
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
	deadline := time.Now().Add(5 * time.Second)
	got := debug.SetMemoryLimit(-1)
	for got < 160<<20 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
		got = debug.SetMemoryLimit(-1)
	}
	if got < 160<<20 {
		t.Fatalf("limit %d MiB with 128 MiB live, want at least 160", got>>20)
	}
	runtime.KeepAlive(live)
}
