package sqlstore

import (
	"bytes"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// A statement row as internal/ledger writes it, with sentences written for
// this test.
const sampleUnit = `{"p":{"article":"5f1c2a9e0b7d4c3a8e6f1b2d9c0a7e4f3b6d8c1a2e5f7b9d0c3a6e8f1b4d7c2a","statement":"s3","seq":2,` +
	`"published":"2024-03-05T09:30:00Z","speaker":"petrenko","speaker_name":"Olena Petrenko","parties":["UA"],"voice":true,` +
	`"stance":"assert","negative":false,"frames":[{"class":"attack","asserted":true,"demand":false}],` +
	`"anchors":[{"key":"kharkiv","kind":"place"}],"numbers":["12"],"weapons":["drone"],"tokens":["drone","kharkiv","launch","night"],` +
	`"name_tokens":["kharkiv"],"content":"twelve drones were launched at Kharkiv overnight",` +
	`"sentence":"Twelve drones were launched at Kharkiv overnight, Olena Petrenko said.",` +
	`"summary":"Olena Petrenko: Twelve drones were launched at Kharkiv overnight."},` +
	`"link":{"to":{"article":"9a8b7c6d5e4f30211f2e3d4c5b6a79880a1b2c3d4e5f60718293a4b5c6d7e8f9","statement":"s1"},` +
	`"published":"2024-03-04T18:00:00Z","seq":0,"score":0.82,"reasons":["same words (similarity 0.82)","1 day apart"]}}`

func TestUnitCodecRoundTripAndOldRows(t *testing.T) {
	var c unitCodec
	defer c.close()
	blob, err := c.encode([]byte(sampleUnit))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.decode(blob)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != sampleUnit {
		t.Fatalf("round trip changed the row:\n%s", got)
	}
	// Rows written before the dictionary: zstd without one.
	plain, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	old := plain.EncodeAll([]byte(sampleUnit), nil)
	plain.Close()
	if got, err = c.decode(old); err != nil || !bytes.Equal(got, []byte(sampleUnit)) {
		t.Fatalf("an old row: %q, %v", got, err)
	}
	// The dictionary is what the rows pay for: smaller than without it.
	if len(blob) >= len(old) {
		t.Errorf("with the dictionary %d bytes, without %d", len(blob), len(old))
	}
	c.close()
	if _, err := c.encode([]byte(sampleUnit)); err == nil {
		t.Error("a closed codec encoded")
	}
}
