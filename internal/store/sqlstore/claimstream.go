package sqlstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/klauspost/compress/zstd"

	"github.com/crosscheck/crosscheck"
)

// largeClaim is the number of statements from which a claim's stored form
// is written as a stream (packLargeClaim) rather than marshalled whole and
// then compressed: a claim of 200,000 statements is some 150 MB of JSON,
// and marshalling it whole held that twice over (the encoder's growing
// buffer) besides a stripped copy of its statements.
const largeClaim = 2000

// packLargeClaim is packClaim(stripClaim(c, refs)) for a large claim,
// written piece by piece into a streaming compressor with claimDict: the
// claim's fields in their order, each statement stripped as it is
// written. The JSON is json.Marshal's, byte for byte (TestPackLargeClaim),
// and the frame reads back with the codec's decoder like any other.
func (c codec) packLargeClaim(cl *crosscheck.Claim, refs map[string]articleRef) ([]byte, error) {
	var out bytes.Buffer
	zw, err := newEncoder(&out, zstd.WithEncoderConcurrency(1),
		zstd.WithWindowSize(codecWindow), zstd.WithEncoderDictRaw(claimDictID, []byte(claimDict)))
	if err != nil {
		return nil, err
	}
	w := &jsonStream{w: zw}
	w.raw(`{"id":`)
	w.value(cl.ID)
	w.raw(`,"summary":`)
	w.value(cl.Summary)
	w.raw(`,"current_status":`)
	w.value(cl.CurrentStatus)
	w.raw(`,"status_history":`)
	writeArray(w, cl.StatusHistory, func(v crosscheck.StatusChange) any { return v })
	w.raw(`,"status":`)
	w.value(cl.Status)
	w.raw(`,"parties":`)
	w.value(cl.Parties)
	w.raw(`,"first_seen":`)
	w.value(cl.FirstSeen)
	w.raw(`,"statements":`)
	writeArray(w, cl.Statements, func(st crosscheck.ClaimStatement) any {
		stripStatement(&st, refs)
		return st
	})
	w.raw(`,"evidence":`)
	writeArray(w, cl.Evidence, func(v crosscheck.Evidence) any { return v })
	w.raw(`,"appearances":`)
	writeArray(w, cl.Appearances, func(ap crosscheck.Appearance) any {
		stripAppearance(&ap, refs)
		return ap
	})
	w.raw(`}`)
	if w.err != nil {
		zw.Close()
		return nil, w.err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// jsonStream writes JSON pieces to w, keeping the first error.
type jsonStream struct {
	w   io.Writer
	err error
}

func (s *jsonStream) raw(v string) {
	if s.err == nil {
		_, s.err = io.WriteString(s.w, v)
	}
}

// value writes v as json.Marshal does.
func (s *jsonStream) value(v any) {
	if s.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		s.err = err
		return
	}
	_, s.err = s.w.Write(b)
}

// writeArray writes vs as a JSON array, each element as elem makes it; a
// nil slice is null, as json.Marshal writes it.
func writeArray[T any](s *jsonStream, vs []T, elem func(T) any) {
	if vs == nil {
		s.raw("null")
		return
	}
	s.raw("[")
	for i, v := range vs {
		if i > 0 {
			s.raw(",")
		}
		s.value(elem(v))
	}
	s.raw("]")
}

// largeJSON is the size of a stored claim's JSON from which unpackIndexed
// reads it as a stream (decodeIndexedStream): a claim of 200,000
// statements is some 120 MB of JSON, which decompressing whole held.
const largeJSON = codecWindow

// streamed reports whether unpackIndexed reads the stored form b as a
// stream: plain JSON of largeJSON or more, or a frame whose header says it
// holds that much, or, when it does not say (packLargeClaim's stream, and
// EncodeAll's frames with a dictionary), whose window is the codec's
// whole window: content at least about that large.
func streamed(b []byte) bool {
	if len(b) == 0 || b[0] == '{' {
		return len(b) >= largeJSON
	}
	var h zstd.Header
	if err := h.Decode(b); err != nil {
		return false // the whole decode reports it
	}
	if h.HasFCS {
		return h.FrameContentSize >= largeJSON
	}
	return h.WindowSize >= codecWindow
}

// decodeIndexedStream decodes into ic what unpackIndexed reads of a
// stored claim, decompressing and decoding it a statement at a time: the
// JSON is never held whole, and what ic does not keep (evidence, history,
// links) is skipped element by element.
func decodeIndexedStream(b []byte, ic *indexedClaim) error {
	var r io.Reader = bytes.NewReader(b)
	if len(b) > 0 && b[0] != '{' {
		zr, err := zstd.NewReader(r, decoderOptions()...)
		if err != nil {
			return fmt.Errorf("decompress: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		// Keys match as encoding/json matches them (case folded), and the
		// last of a repeated key wins.
		switch foldKey(key) {
		case "id":
			err = dec.Decode(&ic.ID)
		case "summary":
			err = dec.Decode(&ic.Summary)
		case "status":
			err = dec.Decode(&ic.Status)
		case "parties":
			err = dec.Decode(&ic.Parties)
		case "first_seen":
			err = dec.Decode(&ic.FirstSeen)
		case "statements":
			ic.Statements = nil
			err = decodeEach(dec, func() error {
				ic.Statements = append(ic.Statements, indexedStatement{})
				return dec.Decode(&ic.Statements[len(ic.Statements)-1])
			})
		case "appearances":
			ic.Appearances = nil
			err = decodeEach(dec, func() error {
				ic.Appearances = append(ic.Appearances, indexedAppearance{})
				return dec.Decode(&ic.Appearances[len(ic.Appearances)-1])
			})
		default:
			err = skipValue(dec)
		}
		if err != nil {
			return fmt.Errorf("claim %q: %w", key, err)
		}
	}
	return expectDelim(dec, '}')
}

// foldKey is key as encoding/json compares object keys with field names:
// each letter mapped through its upper case to its lower case.
func foldKey(key string) string {
	return strings.Map(func(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }, key)
}

// decodeEach calls one for each element of the array that comes next (a
// null is none).
func decodeEach(dec *json.Decoder, one func() error) error {
	t, err := dec.Token()
	if err != nil || t == nil {
		return err
	}
	if t != json.Delim('[') {
		return fmt.Errorf("want an array, got %v", t)
	}
	for dec.More() {
		if err := one(); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// skipValue reads past the value that comes next: an array or object a
// member at a time (each decoded raw, and dropped), a scalar whole.
func skipValue(dec *json.Decoder) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != json.Delim('[') && t != json.Delim('{') {
		return nil // a scalar: Token read it
	}
	for dec.More() {
		if t == json.Delim('{') {
			if _, err := dec.Token(); err != nil { // the key
				return err
			}
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
	}
	if t == json.Delim('[') {
		return expectDelim(dec, ']')
	}
	return expectDelim(dec, '}')
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return fmt.Errorf("want %v, got %v", d, t)
	}
	return nil
}
