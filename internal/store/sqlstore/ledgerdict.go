package sqlstore

import (
	"errors"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// unitDictID names unitDict in the frames compressed with it. A frame
// records the id of its dictionary, so rows written with one stay readable
// as long as the decoder knows it: change unitDict only under a new id, and
// keep the old ones registered. (Private range of the zstd format: above
// the 0–32767 reserved for registered dictionaries, below 2^31.)
const unitDictID = 0x6c640001

// unitDict is a raw zstd dictionary for the ledger's statement rows
// (ledger_units.data: the JSON of internal/ledger's unitData, a few hundred
// bytes each). Compressed one by one, such rows pay for every field name
// and common value again; with them in a dictionary a row compresses to
// about three quarters of its size without it (measured on the 50,000-
// article synthetic corpus: 555 bytes to 407 on average). It is written
// here from the shape of the JSON (field names, their common values), no
// article text. A dictionary that no longer matches the JSON only costs
// ratio, never correctness.
const unitDict = `{"p":{"article":"","statement":"s","seq":0,"published":"2024-01-01T00:00:00Z","speaker":"","speaker_name":"",` +
	`"parties":["RU"],"independent":"","side":"","voice":true,"stance":"assert","negative":false,` +
	`"frames":[{"class":"","asserted":true,"demand":false}],"anchors":[{"key":"","kind":""}],"numbers":[],"weapons":[],"times":[],` +
	`"tokens":["","",""],"name_tokens":null,"content":"","sentence":"","summary":"","refers":"","rebuts":[]},"role":1,"loose":[],` +
	`"link":{"to":{"article":"","statement":"s"},"published":"2024-01-01T00:00:00Z","seq":0,"score":0.5,` +
	`"reasons":["same words (similarity 0.","shared ",""," days apart","1 day apart","same day"]}}` +
	`{"p":{"article":"","statement":"s1","seq":0,"published":"2023-08-09T04:55:00Z","speaker":"","speaker_name":"",` +
	`"parties":[],"voice":false,"stance":"assert","negative":false,"frames":[],"anchors":[],"numbers":[],"weapons":[],` +
	`"tokens":[],"name_tokens":null,"content":"","sentence":"","summary":""}}`

// unitCodec compresses ledger statement rows with unitDict. Rows written
// before it (compressed without a dictionary) decode as well.
type unitCodec struct {
	once sync.Once
	enc  *zstd.Encoder
	dec  *zstd.Decoder
	err  error
}

func (c *unitCodec) init() error {
	c.once.Do(func() {
		c.enc, c.err = newEncoder(nil, zstd.WithEncoderConcurrency(1),
			zstd.WithEncoderDictRaw(unitDictID, []byte(unitDict)))
		if c.err != nil {
			c.err = fmt.Errorf("statement codec: %w", c.err)
			return
		}
		c.dec, c.err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderDictRaw(unitDictID, []byte(unitDict)))
		if c.err != nil {
			c.enc.Close()
			c.err = fmt.Errorf("statement codec: %w", c.err)
		}
	})
	return c.err
}

// errCodecClosed is returned by a codec used after its view ended.
var errCodecClosed = errors.New("statement codec: closed")

func (c *unitCodec) encode(data []byte) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	if c.enc == nil {
		return nil, errCodecClosed
	}
	return c.enc.EncodeAll(data, make([]byte, 0, len(data)/2)), nil
}

func (c *unitCodec) decode(blob []byte) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	if c.dec == nil {
		return nil, errCodecClosed
	}
	return c.dec.DecodeAll(blob, nil)
}

// close releases the codec's encoder and decoder, if made; a second close
// does nothing.
func (c *unitCodec) close() {
	if c.enc != nil {
		c.enc.Close()
		c.enc = nil
	}
	if c.dec != nil {
		c.dec.Close()
		c.dec = nil
	}
}
