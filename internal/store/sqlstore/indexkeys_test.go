package sqlstore

import (
	"reflect"
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
