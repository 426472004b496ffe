package sqlstore

import (
	"bytes"
	"encoding/json"
	"io"

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
	zw, err := zstd.NewWriter(&out, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1),
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
