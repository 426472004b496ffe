//go:build !unix

package entity

import "time"

// processCPU is not measured on this platform; benchmarks then report
// wall-clock throughput only.
func processCPU() time.Duration { return 0 }
