package sqlstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// TestUnpackIndexed: what writeClaims decodes of a claim it replaces gives
// the same index rows (body, parts, speakers, counts) as the whole claim.
// The claim's sentences are written for this test.
func TestUnpackIndexed(t *testing.T) {
	c := newCodec()
	defer c.close()
	a1, a2, a3 := "art-kherson-1", "art-kherson-2", "art-kherson-3"
	content := "the ferry crossing at Kherson was shelled overnight"
	cl := crosscheck.Claim{ID: "c00aa11bb22cc33dd", Summary: "Regional administration: the ferry crossing at Kherson was shelled overnight",
		CurrentStatus: crosscheck.StatusDisputed, Status: []string{crosscheck.StatusCorroborated, crosscheck.StatusDisputed},
		Parties: []string{"RU", "UA"}, FirstSeen: "2024-09-02T05:10:00+02:00",
		StatusHistory: []crosscheck.StatusChange{{Status: crosscheck.StatusDisputed, Since: "2024-09-03", Article: a3, Statement: "s4", Text: "Moscow denied it."}},
		Statements: []crosscheck.ClaimStatement{
			{Article: a1, Statement: "s1", Site: "Southern Courier", Published: "2024-09-02T05:10:00+02:00", Speaker: "Regional administration",
				Affiliation: "UA", Stance: crosscheck.StanceAssert, Content: content},
			{Article: a2, Statement: "s2", Speaker: "Regional administration", Affiliation: "UA", Stance: crosscheck.StanceAssert, Content: content,
				Echo: true, Link: &crosscheck.StatementLink{To: a1 + "/s1", Reasons: []string{"copy of " + a1}, Score: 1}},
			{Article: a3, Statement: "s4", Speaker: "Russian defence ministry", Affiliation: "RU", Stance: crosscheck.StanceDeny,
				Content: "no strikes were carried out on the crossing", Independent: "",
				Link: &crosscheck.StatementLink{To: a1 + "/s1", Reasons: []string{"one denies what the other says", "1 day apart"}, Score: 0.7}},
		},
		Evidence: []crosscheck.Evidence{{Status: crosscheck.StatusDisputed, Article: a3, Statement: "s4", Text: "Moscow denied it.", Since: "2024-09-03"}},
		Appearances: []crosscheck.Appearance{{Article: a1, Site: "Southern Courier", URL: "https://courier.example/1"},
			{Article: a2, EchoOf: crosscheck.NullString(a1)}, {Article: a3}, {Article: "art-kherson-4"}},
	}
	b, err := c.packClaim(cl)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.unpackIndexed(b)
	if err != nil {
		t.Fatal(err)
	}
	if claimBody(&got) != claimBody(&cl) {
		t.Errorf("body %q, want %q", claimBody(&got), claimBody(&cl))
	}
	for name, pair := range map[string][2]any{
		"parts":    {claimParts(&got), claimParts(&cl)},
		"speakers": {claimSpeakers(&got), claimSpeakers(&cl)},
		"counts":   {countKeys(&got), countKeys(&cl)},
		"id":       {[]string{got.ID, got.FirstSeen}, []string{cl.ID, cl.FirstSeen}},
		"parties":  {got.Parties, cl.Parties},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s: %v, want %v", name, pair[0], pair[1])
		}
	}
	if got.Statements[0].Content != got.Statements[1].Content || len(got.Evidence) != 0 || got.Statements[1].Link != nil {
		t.Errorf("decoded more than the index rows need, or shared less: %+v", got)
	}
}

// TestPackLargeClaim: a large claim written as a stream is json.Marshal's
// JSON of the stripped claim, byte for byte, and its brief is the one the
// whole claim gives. The statements are written for this test, with
// characters json.Marshal escapes.
func TestPackLargeClaim(t *testing.T) {
	c := newCodec()
	defer c.close()
	refs := map[string]articleRef{}
	cl := crosscheck.Claim{ID: "c0123456789abcdef", Summary: `Port authority: grain <ships> & "tugs" left Izmail`,
		CurrentStatus: crosscheck.StatusCorroborated, Status: []string{crosscheck.StatusCorroborated}, Parties: []string{"UA"},
		FirstSeen: "2024-02-01T06:00:00Z"}
	for i := range largeClaim + 37 {
		art := fmt.Sprintf("art-izmail-%04d", i)
		day := fmt.Sprintf("2024-02-%02dT%02d:00:00Z", 1+i%28, i%24)
		site := fmt.Sprintf("Danube Post %d", i%7)
		switch i % 3 {
		case 0: // the article's row holds the same site and date: stripped
			refs[art] = articleRef{k: int64(i), site: site, published: day, url: "https://post.example/" + art}
		case 1: // blank here, set on the article: kept blank by a mark
			refs[art] = articleRef{k: int64(i), site: site, published: day}
			site, day = "", ""
		}
		st := crosscheck.ClaimStatement{Article: art, Statement: fmt.Sprintf("s%d", 1+i%4), Site: site, Published: day,
			Speaker: "port authority", Affiliation: "UA", Stance: crosscheck.StanceAssert,
			Content: fmt.Sprintf("grain ships & tugs <%d> left Izmail — «convoy» %d", i%5, i%11)}
		if i > 0 {
			st.Link = &crosscheck.StatementLink{To: "art-izmail-0000/s1", Reasons: []string{"same words (similarity 1.00)", "2 days apart"}, Score: 1}
		}
		cl.Statements = append(cl.Statements, st)
		cl.Appearances = append(cl.Appearances, crosscheck.Appearance{Article: art, Site: site, Published: day})
		if i%50 == 0 {
			cl.Evidence = append(cl.Evidence, crosscheck.Evidence{Status: crosscheck.StatusCorroborated, Article: art, Statement: st.Statement,
				Text: st.Content, Since: day, Independent: "wire"})
		}
	}
	cl.StatusHistory = []crosscheck.StatusChange{{Status: crosscheck.StatusCorroborated, Since: "2024-02-02", Article: "art-izmail-0001", Statement: "s2", Text: "x"}}
	blob, err := c.packLargeClaim(&cl, refs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.dec.DecodeAll(blob, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(stripClaim(&cl, refs))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		at := 0
		for at < min(len(got), len(want)) && got[at] == want[at] {
			at++
		}
		t.Fatalf("streamed JSON differs from json.Marshal at byte %d of %d/%d: %q", at, len(got), len(want), got[max(0, at-40):min(len(got), at+40)])
	}
	s := &DB{c: c}
	_, brief, err := s.encodeClaim(&cl, refs)
	if err != nil {
		t.Fatal(err)
	}
	stripped := stripClaim(&cl, refs)
	b, ok := briefOf(&stripped)
	if !ok {
		t.Fatal("no brief for a large claim")
	}
	wantBrief, _ := c.packClaim(b)
	if !bytes.Equal(brief, wantBrief) {
		t.Error("the brief of a large claim differs from the whole claim's")
	}
	// A claim just under the size goes the other way, to the same JSON.
	small := cl
	small.Statements = cl.Statements[:largeClaim-1]
	blobSmall, _, err := s.encodeClaim(&small, refs)
	if err != nil {
		t.Fatal(err)
	}
	var back crosscheck.Claim
	if err := c.unpack(blobSmall, &back); err != nil || len(back.Statements) != largeClaim-1 {
		t.Errorf("a claim under the size: %d statements, %v", len(back.Statements), err)
	}
}

// TestUnpackIndexedLarge: a stored claim large enough to be read as a
// stream gives what the whole decode gives, written with the dictionary,
// without one (stored before it) or as plain JSON (before compression).
func TestUnpackIndexedLarge(t *testing.T) {
	c := newCodec()
	defer c.close()
	cl := crosscheck.Claim{ID: "c1111222233334444", Summary: "Border guards: queues at Krakovets reached 30 km",
		CurrentStatus: crosscheck.StatusCorroborated, Status: []string{crosscheck.StatusCorroborated}, Parties: []string{"PL", "UA"},
		FirstSeen: "2023-11-06", StatusHistory: []crosscheck.StatusChange{{Status: crosscheck.StatusCorroborated, Since: "2023-11-07", Article: "a", Statement: "s1", Text: "t"}}}
	for i := range 9000 {
		art := fmt.Sprintf("art-krakovets-%05d", i)
		cl.Statements = append(cl.Statements, crosscheck.ClaimStatement{Article: art, Statement: "s2", Speaker: fmt.Sprintf("border guard %d", i%13),
			Affiliation: "PL", Stance: crosscheck.StanceAssert, Content: fmt.Sprintf("queues at Krakovets reached %d km, trucks waited %d days", 20+i%17, i%9),
			Link: &crosscheck.StatementLink{To: "art-krakovets-00000/s2", Reasons: []string{"same figure: 30", "4 days apart"}, Score: 0.8}})
		cl.Evidence = append(cl.Evidence, crosscheck.Evidence{Status: crosscheck.StatusCorroborated, Article: art, Statement: "s2", Text: "Queues reached 30 km.", Since: "2023-11-08"})
		cl.Appearances = append(cl.Appearances, crosscheck.Appearance{Article: art, Site: "Lviv Daily", EchoOf: crosscheck.NullString("")})
	}
	whole, err := json.Marshal(cl)
	if err != nil {
		t.Fatal(err)
	}
	withDict, err := c.packClaim(cl)
	if err != nil {
		t.Fatal(err)
	}
	noDict, err := c.pack(cl)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"dictionary": withDict, "no dictionary": noDict, "plain JSON": whole} {
		if !streamed(b) {
			t.Fatalf("%s: %d bytes, not read as a stream: the stream is not tested", name, len(b))
		}
		got, err := c.unpackIndexed(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if claimBody(&got) != claimBody(&cl) || !reflect.DeepEqual(claimParts(&got), claimParts(&cl)) ||
			!reflect.DeepEqual(claimSpeakers(&got), claimSpeakers(&cl)) || !reflect.DeepEqual(countKeys(&got), countKeys(&cl)) ||
			got.ID != cl.ID || !reflect.DeepEqual(got.Parties, cl.Parties) {
			t.Errorf("%s: the stream gave other index rows", name)
		}
	}
	if _, err := c.unpackIndexed(withDict[:len(withDict)/2]); err == nil {
		t.Error("a claim cut in half decoded")
	}
	s := &DB{c: c}
	large, _, err := s.encodeClaim(&cl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !streamed(large) {
		t.Error("packLargeClaim's frame is not read as a stream")
	}
	if small, _ := c.packClaim(crosscheck.Claim{ID: "c1"}); streamed(small) {
		t.Error("a small claim is read as a stream")
	}
}

// FuzzDecodeIndexedStream: any stored form decodes without panicking, and
// when both the stream and encoding/json read it they agree on the index
// rows.
func FuzzDecodeIndexedStream(f *testing.F) {
	f.Add([]byte(`{"id":"c1","summary":"s","status":["unconfirmed"],"parties":["UA"],"first_seen":"2024-01-02",` +
		`"statements":[{"article":"a","statement":"s1","speaker":"x","content":"grain left","link":{"to":"b/s1","reasons":["r"],"score":1}}],` +
		`"evidence":[{"status":"unconfirmed","text":"t"}],"appearances":[{"article":"a","echo_of":null}],"extra":{"k":[1,{"z":2}]}}`))
	f.Add([]byte(`{"statements":null,"appearances":[],"status_history":[]}`))
	f.Add([]byte(`{"statements":[{"article":1}]}`))
	f.Add([]byte(`{"id":"c1"`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var stream, whole indexedClaim
		errStream := decodeIndexedStream(b, &stream)
		errWhole := json.Unmarshal(b, &whole)
		if errStream != nil || errWhole != nil {
			return
		}
		s, w := stream.claim(), whole.claim()
		if claimBody(&s) != claimBody(&w) || !reflect.DeepEqual(claimParts(&s), claimParts(&w)) ||
			!reflect.DeepEqual(claimSpeakers(&s), claimSpeakers(&w)) || !reflect.DeepEqual(countKeys(&s), countKeys(&w)) {
			t.Errorf("the stream and the whole decode differ on %q", b)
		}
	})
}
