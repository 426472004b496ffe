package cputime_test

import (
	"runtime"
	"testing"

	"github.com/crosscheck/crosscheck/internal/cputime"
)

func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("not measured on " + runtime.GOOS)
	}
	before := cputime.Process()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	runtime.KeepAlive(x)
	if after := cputime.Process(); after <= before {
		t.Errorf("CPU time did not grow over a busy loop: %v then %v", before, after)
	}
}
