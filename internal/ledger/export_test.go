package ledger

import "encoding/json"

// DecodeUnitBoth decodes a stored statement with encoding/json and with
// decodeUnit, for TestDecodeUnitMatches.
func DecodeUnitBoth(b []byte) (std, fast any, err error) {
	var d unitData
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, nil, err
	}
	f, err := decodeUnit(b)
	return &d, f, err
}

// DecodeInterned decodes the statements bs with one interner, as a step
// does, and counts those whose tokens share the list of an earlier one.
func DecodeInterned(bs [][]byte) (ds []any, shared int, err error) {
	in := newInterner()
	first := map[*string]bool{}
	for _, b := range bs {
		d, err := decodeUnit(b)
		if err != nil {
			return nil, 0, err
		}
		in.unit(d)
		if len(d.P.Tokens) > 0 {
			if first[&d.P.Tokens[0]] {
				shared++
			}
			first[&d.P.Tokens[0]] = true
		}
		ds = append(ds, d)
	}
	return ds, shared, nil
}

// MustJSON is mustJSON, for TestDecodeUnitMatches.
var MustJSON = mustJSON
