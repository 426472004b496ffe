package claims

import (
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// member is a voiced statement written for these tests: content and
// sentence as an analyzer would give them.
func repeatMember(t *testing.T, lx *Lexicon, article, published, speaker, party, content, sentence string) Member {
	t.Helper()
	toks, _ := lx.content(content)
	var parties []string
	if party != "" {
		parties = []string{party}
	}
	ws := words(speaker)
	p := &Prepared{
		Article: article, Statement: "s1", Published: published,
		Speaker: ws[len(ws)-1], SpeakerName: speaker, Parties: parties, Voice: true,
		Stance: crosscheck.StanceAssert, Content: content, Sentence: sentence, Tokens: toks,
	}
	return Member{Prepared: p, Family: article}
}

func TestRewriteIsNoIndependentVoice(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const (
		srcContent = "Of the 240 permits issued so far, 31 went to foreign volunteers"
		srcSent    = "Of the 240 permits issued so far, 31 went to foreign volunteers, she says."
	)
	cases := []struct {
		name              string
		published         string
		speaker, party    string
		content, sentence string
		srcSpeaker        string
		srcSentence       string
		wantStatus        string
		wantRepeat        bool
	}{
		{
			// A translated rewrite the next day; the analyzer gives the
			// sentence to another party. Same figures, same words: a copy.
			name: "rewrite under another speaker", published: "2024-03-02",
			speaker: "Warsaw", party: "PL",
			content:    "out of 240 permits issued so far, 31 of which went to foreign volunteers",
			sentence:   "Warsaw reported that out of 240 permits issued so far, 31 of which went to foreign volunteers.",
			srcSpeaker: "Olena Kovalenko", srcSentence: srcSent,
			wantStatus: crosscheck.StatusUnconfirmed, wantRepeat: true,
		},
		{
			// Two sources, each named in its own sentence, saying the same
			// figures: two voices.
			name: "two named sources", published: "2024-03-02",
			speaker: "Polish border guards", party: "PL",
			content:    "240 permits had been issued so far, 31 of them to foreign volunteers",
			sentence:   "Polish border guards said 240 permits had been issued so far, 31 of them to foreign volunteers.",
			srcSpeaker: "Ukraine's border service", srcSentence: "Ukraine's border service said 240 permits had been issued so far, 31 of them to foreign volunteers.",
			wantStatus: crosscheck.StatusCorroborated,
		},
		{
			// The same sentence a week later is no longer the same wire
			// story's rewrite.
			name: "outside the rewrite window", published: "2024-03-09",
			speaker: "Warsaw", party: "PL",
			content:    "out of 240 permits issued so far, 31 of which went to foreign volunteers",
			sentence:   "Warsaw reported that out of 240 permits issued so far, 31 of which went to foreign volunteers.",
			srcSpeaker: "Olena Kovalenko", srcSentence: srcSent,
			wantStatus: crosscheck.StatusCorroborated,
		},
		{
			// One figure differs: another count, not a copy.
			name: "a different figure", published: "2024-03-02",
			speaker: "Warsaw", party: "PL",
			content:    "out of 240 permits issued so far, 35 of which went to foreign volunteers",
			sentence:   "Warsaw reported that out of 240 permits issued so far, 35 of which went to foreign volunteers.",
			srcSpeaker: "Olena Kovalenko", srcSentence: srcSent,
			wantStatus: crosscheck.StatusCorroborated,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := repeatMember(t, lx, "a1", "2024-03-01", tc.srcSpeaker, "UA", srcContent, tc.srcSentence)
			if tc.srcSentence != srcSent {
				src = repeatMember(t, lx, "a1", "2024-03-01", tc.srcSpeaker, "UA", strings.TrimSuffix(strings.TrimPrefix(tc.srcSentence, "Ukraine's border service said "), "."), tc.srcSentence)
			}
			later := repeatMember(t, lx, "b1", tc.published, tc.speaker, tc.party, tc.content, tc.sentence)
			c, ok := lx.Status([]Member{later, src})
			if !ok {
				t.Fatal("no claim")
			}
			if c.CurrentStatus != tc.wantStatus {
				t.Errorf("status %s, want %s (evidence %+v)", c.CurrentStatus, tc.wantStatus, c.Evidence)
			}
			var st crosscheck.ClaimStatement
			for _, s := range c.Statements {
				if s.Article == "b1" {
					st = s
				}
			}
			repeat := st.Link != nil && slices.ContainsFunc(st.Link.Reasons, func(r string) bool { return strings.HasPrefix(r, "repeats a1/s1") })
			if repeat != tc.wantRepeat || st.Echo != tc.wantRepeat {
				t.Errorf("repeat %v (echo %v, link %+v), want %v", repeat, st.Echo, st.Link, tc.wantRepeat)
			}
			// Members in any order give the same claim.
			c2, _ := lx.Status([]Member{src, later})
			if c2.CurrentStatus != c.CurrentStatus || len(c2.Evidence) != len(c.Evidence) {
				t.Errorf("order changes the claim: %s / %s", c.CurrentStatus, c2.CurrentStatus)
			}
		})
	}
}

// TestRepeatsShortSentences: two short sentences alike by chance are no
// copy of each other.
func TestRepeatsShortSentences(t *testing.T) {
	lx, _ := Default()
	a := &Prepared{Article: "a1", Statement: "s1", Published: "2024-03-01", SpeakerName: "Mayor", Sentence: "The decision is made."}
	b := &Prepared{Article: "b1", Statement: "s1", Published: "2024-03-02", SpeakerName: "Governor", Sentence: "No decision has been made yet."}
	if why, ok := lx.repeats(b, a, lx.sentenceWords(b), lx.sentenceWords(a)); ok {
		t.Errorf("short sentences taken for a copy: %s", why)
	}
}

// TestRelayedWire: a wire agency that relays a party's source speaks for
// that party; one that reports on its own, or relays nobody named, stays
// independent.
func TestRelayedWire(t *testing.T) {
	lx, _ := Default()
	for _, c := range []struct {
		rest string // the sentence without its content
		want []string
	}{
		{"- said a senior representative of the Polish government to the Reuters agency.", []string{"PL"}},
		{"AFP reported, citing two Ukrainian military sources.", []string{"UA"}},
		{"Reuters quoted a source in the Kremlin as saying.", []string{"RU"}},
		{"According to Reuters, witnesses near the port said.", nil},
		{"Reuters has spoken to unnamed diplomats who said.", nil},
		{"AP reported from Kyiv on Monday.", nil},
	} {
		got := lx.relayedParties(c.rest)
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("relayedParties(%q) = %q, want %q", c.rest, got, c.want)
		}
	}
}

// TestWireRelaysOwnName: the country in an agency's own name is no party it
// relays.
func TestWireRelaysOwnName(t *testing.T) {
	lx, _ := Default()
	sentence := "According to Agence France-Presse, which cited sources close to the investigation, the driver had fled."
	if got := lx.wireRelays(sentence, "the driver had fled", "Agence France-Presse"); len(got) != 0 {
		t.Errorf("wireRelays = %q, want none", got)
	}
	sentence = "According to Agence France-Presse, which cited Polish officials, the driver had fled."
	if got := lx.wireRelays(sentence, "the driver had fled", "Agence France-Presse"); !slices.Equal(got, []string{"PL"}) {
		t.Errorf("wireRelays = %q, want [PL]", got)
	}
}
