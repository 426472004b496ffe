package claims

import "testing"

// TestShareCache: statements with the same words and anchors share what
// Match computes of them; others keep their own, and sharing changes no
// similarity (statements written for this test).
func TestShareCache(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	mk := func(article string, tokens ...string) *Prepared {
		return &Prepared{Article: article, Statement: "s1", Tokens: tokens, NameTokens: []string{"kharkiv"},
			Anchors: []Anchor{{Key: "kharkiv", Name: "Kharkiv", Kind: "place", Party: "UA", Where: true}}}
	}
	first := mk("a1", "attack", "kharkiv", "missil", "overnight")
	copyOf := mk("a2", "attack", "kharkiv", "missil", "overnight")
	other := mk("a3", "drone", "kharkiv", "overnight", "shot")
	before := lx.lexical(copyOf, other)

	copyOf.ShareCache(first)
	other.ShareCache(first) // different words: nothing shared
	if lx.cached(copyOf) != lx.cached(first) {
		t.Error("the copy computes its own cache")
	}
	if lx.cached(other) == lx.cached(first) {
		t.Error("a statement with other words shares the cache")
	}
	if after := lx.lexical(copyOf, other); after != before {
		t.Errorf("similarity changed by sharing: %+v, was %+v", after, before)
	}
	moved := mk("a4", "attack", "kharkiv", "missil", "overnight")
	moved.Anchors = nil // the same words, placed nowhere
	moved.ShareCache(first)
	if lx.cached(moved) == lx.cached(first) {
		t.Error("a statement with other anchors shares the cache")
	}
}
