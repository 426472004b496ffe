package sqlstore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/crosscheck/crosscheck"
)

// TestCodecWindow: a document larger than the window is packed with the
// small window (so the encoder's history buffer stays small for the life
// of the process) and reads back the same.
func TestCodecWindow(t *testing.T) {
	c := newCodec()
	defer c.close()
	type doc struct{ Lines []string }
	var in doc
	for i := 0; len(in.Lines)*40 < 3*codecWindow; i++ {
		in.Lines = append(in.Lines, fmt.Sprintf("statement %d of a claim that keeps growing", i))
	}
	b, err := c.pack(in)
	if err != nil {
		t.Fatal(err)
	}
	var h zstd.Header
	if err := h.Decode(b); err != nil {
		t.Fatal(err)
	}
	// A single-segment frame needs a window of its whole content.
	window := h.WindowSize
	if h.SingleSegment {
		window = h.FrameContentSize
	}
	if window > codecWindow {
		t.Errorf("frame window %d bytes (single segment: %v), want at most %d", window, h.SingleSegment, codecWindow)
	}
	var out doc
	if err := c.unpack(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Lines) != len(in.Lines) || strings.Join(out.Lines, "\n") != strings.Join(in.Lines, "\n") {
		t.Errorf("unpacked %d lines, packed %d", len(out.Lines), len(in.Lines))
	}
}

// TestAnalysisDict: an analysis packed with analysisDict names it in its
// frame, is smaller than without it and than with the raw dictionary
// before it, and reads back the same, through the codec and through the
// functions the SQLite search index calls; frames written before (with
// the raw dictionary, with none) still read. The article is written for
// this test.
func TestAnalysisDict(t *testing.T) {
	c := newCodec()
	defer c.close()
	text := "The harbour master said the grain convoy left Odesa at dawn. Insurers told reporters that premiums had doubled."
	a := crosscheck.Analysis{
		Article: crosscheck.Article{ID: "art-dict", Title: "Convoy leaves Odesa", Text: text, Language: "en"},
		Entities: []crosscheck.Entity{{ID: "e1", Name: "Odesa", Type: crosscheck.TypePlace,
			Mentions: []crosscheck.Span{{Text: "Odesa", Start: 46, End: 51}}}},
		Statements: []crosscheck.Statement{
			{ID: "s1", Speaker: crosscheck.Speaker{Text: "The harbour master", Type: "person"}, Stance: crosscheck.StanceAssert,
				Content: crosscheck.Span{Text: "the grain convoy left Odesa at dawn", Start: 24, End: 59}},
			{ID: "s2", Speaker: crosscheck.Speaker{Text: "Insurers", Type: "group"}, Stance: crosscheck.StanceAssert,
				Content: crosscheck.Span{Text: "premiums had doubled", Start: 91, End: 111}},
		},
	}
	with, err := c.packAnalysis(a)
	if err != nil {
		t.Fatal(err)
	}
	without, err := c.pack(a)
	if err != nil {
		t.Fatal(err)
	}
	var h zstd.Header
	if err := h.Decode(with); err != nil || h.DictionaryID != analysisDictID {
		t.Errorf("frame dictionary %#x (%v), want %#x", h.DictionaryID, err, analysisDictID)
	}
	renc, err := zstd.NewWriter(nil, zstd.WithEncoderDictRaw(rawAnalysisDictID, []byte(rawAnalysisDict)))
	if err != nil {
		t.Fatal(err)
	}
	defer renc.Close()
	js, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	raw := renc.EncodeAll(js, nil)
	if len(with) >= len(raw) || len(raw) >= len(without) {
		t.Errorf("with the trained dictionary %d bytes, the raw one %d, none %d", len(with), len(raw), len(without))
	}
	for name, b := range map[string][]byte{"dictionary": with, "raw dictionary": raw, "no dictionary": without} {
		var got crosscheck.Analysis
		if err := c.unpack(b, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("%s: read back %+v", name, got)
		}
		if txt, err := ArticleTextOf(b); err != nil || txt != text {
			t.Errorf("%s: ArticleTextOf = %q, %v", name, txt, err)
		}
		if st, err := StatementTextOf(b, 1); err != nil || st != "premiums had doubled" {
			t.Errorf("%s: StatementTextOf = %q, %v", name, st, err)
		}
		if _, err := StatementTextOf(b, 2); err == nil {
			t.Errorf("%s: StatementTextOf past the last statement: no error", name)
		}
	}
}

// TestClaimDict: a claim's stored form and its brief are packed with
// claimDict (the frame names it), smaller than without it, and read back
// the same; a claim packed before the dictionary still reads. The claim's
// sentences are written for this test.
func TestClaimDict(t *testing.T) {
	c := newCodec()
	defer c.close()
	art := "0d6f3b2a9c8e7d1f4a5b6c7d8e9f00112233445566778899aabbccddeeff0011"
	sentence := "The regional governor said on Tuesday that two ferries had left Chornomorsk with grain."
	cl := crosscheck.Claim{ID: "c0d6f3b2a9c8e7d1f", Summary: "Regional governor: two ferries had left Chornomorsk with grain",
		CurrentStatus: crosscheck.StatusUnconfirmed, Status: []string{crosscheck.StatusUnconfirmed}, Parties: []string{"UA"},
		FirstSeen: "2024-05-14T08:00:00Z",
		StatusHistory: []crosscheck.StatusChange{{Status: crosscheck.StatusUnconfirmed, Since: "2024-05-14T08:00:00Z",
			Article: art, Statement: "s1", Text: sentence}},
		Statements: []crosscheck.ClaimStatement{{Article: art, Statement: "s1", Speaker: "regional governor", Affiliation: "UA",
			Stance: crosscheck.StanceAssert, Content: "two ferries had left Chornomorsk with grain"}},
		Evidence: []crosscheck.Evidence{{Status: crosscheck.StatusUnconfirmed, Article: art, Statement: "s1", Text: sentence,
			Since: "2024-05-14T08:00:00Z"}},
		Appearances: []crosscheck.Appearance{{Article: art}},
	}
	with, err := c.packClaim(cl)
	if err != nil {
		t.Fatal(err)
	}
	without, err := c.pack(cl)
	if err != nil {
		t.Fatal(err)
	}
	var h zstd.Header
	if err := h.Decode(with); err != nil || h.DictionaryID != claimDictID {
		t.Errorf("frame dictionary %#x (%v), want %#x", h.DictionaryID, err, claimDictID)
	}
	if len(with) >= len(without)*9/10 {
		t.Errorf("with the dictionary %d bytes, without %d: want at least a tenth less", len(with), len(without))
	}
	for name, b := range map[string][]byte{"dictionary": with, "no dictionary (before it)": without} {
		var got crosscheck.Claim
		if err := c.unpack(b, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, cl) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", name, got, cl)
		}
		got = crosscheck.Claim{}
		if err := (codec{dec: sharedDecoder()}).unpackFast(b, &got); err != nil || !reflect.DeepEqual(got, cl) {
			t.Errorf("%s, shared decoder: %v\n%+v", name, err, got)
		}
	}
}
