package ledger

import (
	"encoding/json"
	"testing"
)

// mustJSON is v as JSON (MustJSON for the package's external tests).
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A statement published twice (the same words under two article ids) and
// one saying something else, as the store keeps them (written for this
// test).
const (
	internFirst = `{"p":{"article":"a1","statement":"s1","published":"2024-03-02","speaker":"kuleba","speaker_name":"Dmytro Kuleba","parties":["UA"],"voice":true,"stance":"assert",` +
		`"frames":[{"class":"attack","asserted":true,"agent":"RU","target":"UA"}],"anchors":[{"key":"kharkiv","name":"Kharkiv","kind":"place","party":"UA","where":true}],` +
		`"numbers":["12"],"tokens":["attack","kharkiv","missil","overnight"],"name_tokens":["kharkiv"],"content":"twelve missiles hit Kharkiv overnight","sentence":"Twelve missiles hit Kharkiv overnight, Kuleba said.","summary":"Dmytro Kuleba: twelve missiles hit Kharkiv overnight"},` +
		`"link":{"to":{"article":"a0","statement":"s3"},"published":"2024-03-01","seq":3,"score":0.8,"reasons":["same frame attack"]}}`
	internCopy = `{"p":{"article":"a2","statement":"s4","published":"2024-03-02","speaker":"kuleba","speaker_name":"Dmytro Kuleba","parties":["UA"],"voice":true,"stance":"assert",` +
		`"frames":[{"class":"attack","asserted":true,"agent":"RU","target":"UA"}],"anchors":[{"key":"kharkiv","name":"Kharkiv","kind":"place","party":"UA","where":true}],` +
		`"numbers":["12"],"tokens":["attack","kharkiv","missil","overnight"],"name_tokens":["kharkiv"],"content":"twelve missiles hit Kharkiv overnight","sentence":"Twelve missiles hit Kharkiv overnight, Kuleba said.","summary":"Dmytro Kuleba: twelve missiles hit Kharkiv overnight"},` +
		`"link":{"to":{"article":"a1","statement":"s1"},"published":"2024-03-02","seq":1,"score":0.9,"reasons":["same frame attack"]}}`
	internOther = `{"p":{"article":"a3","statement":"s1","published":"2024-03-03","speaker":"peskov","speaker_name":"Dmitry Peskov","parties":["RU"],"voice":true,"stance":"deny",` +
		`"tokens":["civilian","strike","target"],"content":"strikes never target civilians","sentence":"Strikes never target civilians, Peskov said."}}`
)

func TestInternerSharesEqualParts(t *testing.T) {
	in := newInterner()
	var plain, got []*unitData
	for _, s := range []string{internFirst, internCopy, internOther} {
		p, err := decodeUnit([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		d, err := decodeUnit([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		in.unit(d)
		plain, got = append(plain, p), append(got, d)
	}
	for i := range got {
		// As JSON: equal statements now share one match cache (an
		// unexported field).
		if a, b := mustJSON(t, plain[i]), mustJSON(t, got[i]); a != b {
			t.Errorf("statement %d changed by interning:\n%+v\n%+v", i, plain[i], got[i])
		}
	}
	a, b, c := &got[0].P, &got[1].P, &got[2].P
	if &a.Tokens[0] != &b.Tokens[0] || &a.Frames[0] != &b.Frames[0] || &a.Anchors[0] != &b.Anchors[0] || &a.Parties[0] != &b.Parties[0] {
		t.Error("the copy does not share the first statement's lists")
	}
	if &a.Tokens[0] == &c.Tokens[0] {
		t.Error("different tokens share a list")
	}
	if a.Article == b.Article || got[0].Link.To == got[1].Link.To {
		t.Error("ids were shared")
	}
	// A list shared is never written through: appending to one copies.
	a.Tokens = append(a.Tokens, "retali")
	if len(b.Tokens) != 4 || b.Tokens[3] != "overnight" || cap(b.Tokens) != 4 {
		t.Errorf("appending to one statement's tokens changed the other's: %q (cap %d)", b.Tokens, cap(b.Tokens))
	}
}
