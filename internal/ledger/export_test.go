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
