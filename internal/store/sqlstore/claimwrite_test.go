package sqlstore

import (
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
