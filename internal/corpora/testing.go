package corpora

import (
	"os"
	"testing"
)

// For returns the path of elem inside the shared folder, failing the test
// when it is missing. CI always has the shared folder, so a missing corpus
// is an error there; set CROSSCHECK_SKIP_CORPORA=1 to skip instead.
func For(tb testing.TB, elem ...string) string {
	tb.Helper()
	p, err := Path(elem...)
	if err == nil {
		_, err = os.Stat(p)
	}
	if err != nil {
		if os.Getenv("CROSSCHECK_SKIP_CORPORA") != "" {
			tb.Skipf("corpus missing: %v", err)
		}
		tb.Fatalf("corpus missing: %v", err)
	}
	return p
}
