package ledger

import (
	"math"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// TestLinkKey: a link key is its hash's low 32 bits, sign-extended, so
// that SQLite stores it in 4 bytes (migration 45 converts stored keys by
// this rule; storetest.MigrateLinkKeys restates it).
func TestLinkKey(t *testing.T) {
	for _, k := range []string{"f:attack", "w:convoy", "n:1000", "", "w:\u0434\u0440\u043e\u043d"} {
		got := int64(LinkKey(k))
		if got < math.MinInt32 || got > math.MaxInt32 {
			t.Errorf("LinkKey(%q) = %d: outside 32 bits", k, got)
		}
		if h := xxhash.Sum64String(k); uint32(got) != uint32(h) {
			t.Errorf("LinkKey(%q) = %#x: low bits of %#x expected", k, uint64(got), h)
		}
	}
}
