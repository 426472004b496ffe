package ledger

import (
	"math"
	"testing"

	"github.com/cespare/xxhash/v2"

	"github.com/crosscheck/crosscheck/internal/claims"
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

// TestJoinKeepsBest: a statement keeps only the best of its joins, and
// that is the link the fold over all of them in the order found gives
// (better over each in turn, a tie keeping the earlier): a join to an
// earlier statement before one to a later, then the higher score, then
// the earlier statement, and of two joins to one statement with one
// score, the first with its reasons.
func TestJoinKeepsBest(t *testing.T) {
	st := func(article, published string, seq int) *unit {
		return &unit{d: &unitData{P: claims.Prepared{Article: article, Statement: "s1", Published: published, Seq: seq}}}
	}
	self := st("self", "2024-03-10", 0)
	later := st("later", "2024-03-12", 0)
	earlier := st("earlier", "2024-03-08", 0)
	earliest := st("earliest", "2024-03-01", 0)
	joins := []edge{
		{to: later, score: 1, reasons: []string{"the article relates them: contradicts"}},
		{to: earlier, score: 0.6, reasons: []string{"same frame"}},
		{to: earliest, score: 0.6, reasons: []string{"same frame, earliest"}},
		{to: earlier, score: 0.9, reasons: []string{"same words"}},
		{to: earlier, score: 0.9, reasons: []string{"same words, found again"}},
		{to: later, score: 1, reasons: []string{"an echo copy"}},
	}
	// The fold the running best stands for.
	var want *link
	for _, e := range joins {
		if l := self.linkTo(e); better(&self.d.P, l, want) {
			want = l
		}
	}
	for _, e := range joins {
		self.join(e)
	}
	got := self.bestLink()
	if got == nil || got.To.Article != "earlier" || got.Score != 0.9 || len(got.Reasons) != 1 || got.Reasons[0] != "same words" {
		t.Fatalf("best join = %+v, want the first 0.9 join to the earlier statement", got)
	}
	if got.To != want.To || got.Score != want.Score || got.Reasons[0] != want.Reasons[0] {
		t.Errorf("best join = %+v, the fold over all joins = %+v", got, want)
	}
	if len(self.joined) != len(joins) {
		t.Errorf("joined %d statements, want %d (one per join, for the component)", len(self.joined), len(joins))
	}
	if (&unit{d: &unitData{}}).bestLink() != nil {
		t.Error("a statement without joins has a link")
	}
}
