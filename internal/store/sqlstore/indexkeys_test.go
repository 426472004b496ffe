package sqlstore

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

func TestPackIndexKeys(t *testing.T) {
	for _, tc := range []struct {
		bands []uint64
		keys  []linkKey
	}{
		{nil, nil},
		{[]uint64{1, 1 << 63, 42}, nil},
		{nil, []linkKey{{0, 7}, {300, 1<<64 - 1}}},
		{[]uint64{5}, []linkKey{{2, 9}}},
	} {
		b, k, err := unpackIndexKeys(packIndexKeys(tc.bands, tc.keys))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != len(tc.bands) || (len(b) > 0 && !reflect.DeepEqual(b, tc.bands)) ||
			len(k) != len(tc.keys) || (len(k) > 0 && !reflect.DeepEqual(k, tc.keys)) {
			t.Errorf("round trip of %v %v gave %v %v", tc.bands, tc.keys, b, k)
		}
	}
}

// FuzzUnpackIndexKeys: a corrupt column is an error, never a panic or a
// huge allocation.
func FuzzUnpackIndexKeys(f *testing.F) {
	f.Add(packIndexKeys([]uint64{1, 2}, []linkKey{{1, 3}}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		bands, keys, err := unpackIndexKeys(b)
		if err == nil {
			if got := packIndexKeys(bands, keys); len(got) > len(b) {
				t.Errorf("repacked %d bytes from %d", len(got), len(b))
			}
		}
	})
}

// TestPackBands: the ledger's 32-bit band keys take 4 bytes each; other
// keys, and the blobs of 8 bytes per key written before, read back as
// they were; a blob of neither layout is an error, not keys.
func TestPackBands(t *testing.T) {
	for _, tc := range []struct {
		keys  []uint64
		bytes int
	}{
		// Sign-extended 32-bit keys, -2^31 and 2^31-1 among them.
		{[]uint64{5, math.MaxUint64 - 4, math.MaxUint64 - (1<<31 - 1), 1<<31 - 1}, 1 + 4*4},
		{[]uint64{7, 1 << 31}, 8 * 2},         // 2^31 is not one: 8 bytes each
		{[]uint64{0x123456789abcdef0}, 8 * 1}, // a 64-bit key of an older ledger
		{nil, 0},
	} {
		b := packBands(tc.keys)
		if len(b) != tc.bytes {
			t.Errorf("packBands(%x): %d bytes, want %d", tc.keys, len(b), tc.bytes)
		}
		got, err := unpackBands(b)
		if err != nil || !slices.Equal(got, tc.keys) {
			t.Errorf("unpackBands(packBands(%x)) = %x, %v", tc.keys, got, err)
		}
	}
	if got, err := unpackBands([]byte{compactBands, 1, 2}); err == nil {
		t.Errorf("a blob of 3 bytes read as %x", got)
	}
	if got, err := unpackBands([]byte{9, 1, 2, 3, 4}); err == nil {
		t.Errorf("a blob without the marker read as %x", got)
	}
}
