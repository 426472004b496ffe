package ledger

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"

	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
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

// TestUnitArticleFromRow: a statement is stored without its article's id,
// which the row read back gives (store.LedgerUnit.Article); a row written
// with the id in its data still reads, and one with neither is an error,
// not a statement of no article.
func TestUnitArticleFromRow(t *testing.T) {
	id := "3f0c9a1e5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e"
	d := &unitData{P: claims.Prepared{Article: id, Statement: "s2", Seq: 1, Content: "troops were withdrawn"}, Role: 1}
	data, err := encodeUnit(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), id) {
		t.Errorf("stored data repeats the article id: %s", data)
	}
	if d.P.Article != id {
		t.Errorf("encoding changed the statement's article to %q", d.P.Article)
	}
	ref := store.UnitRef{K: 7, Seq: 1}
	got, err := decodeStored(store.LedgerUnit{UnitRef: ref, Data: data, Article: id})
	if err != nil {
		t.Fatal(err)
	}
	if got.P.Article != id || got.P.Statement != "s2" || got.P.Content != d.P.Content || got.Role != 1 {
		t.Errorf("read back as %+v", got.P)
	}
	old, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeStored(store.LedgerUnit{UnitRef: ref, Data: old}); err != nil || got.P.Article != id {
		t.Errorf("a row written with its id read as %+v, %v", got, err)
	}
	if _, err := decodeStored(store.LedgerUnit{UnitRef: ref, Data: data}); err == nil || !strings.Contains(err.Error(), "7/1") {
		t.Errorf("a row without an id, read without its doc: %v; want an error naming it", err)
	}
}
