package ledger

import (
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/internal/claims"
)

// interner makes decoded statements share their equal strings and lists.
// A claim's members are mostly the same few sentences published again and
// again (wire copies, rewrites, a proposition restated for months): a
// component of 200,000 statements in a synthetic corpus holds 1,337
// different contents. Decoded one by one, every copy owns its texts,
// tokens, frames and anchors, several kilobytes each; shared, a copy costs
// its struct. What is shared is never written after decoding: Prepared's
// lists are read-only once prepared (Status and Match copy before they
// reorder).
type interner struct {
	strs    map[string]string
	lists   map[string][]string
	frames  map[string][]claims.Frame
	anchors map[string][]claims.Anchor
	// words: the first statement decoded with each set of tokens, name
	// tokens and anchors, whose match cache the later ones share.
	words map[wordsKey]*claims.Prepared
	key   strings.Builder
}

type wordsKey struct{ tokens, names, anchors string }

func newInterner() *interner {
	return &interner{strs: map[string]string{}, lists: map[string][]string{},
		frames: map[string][]claims.Frame{}, anchors: map[string][]claims.Anchor{},
		words: map[wordsKey]*claims.Prepared{}}
}

// str returns the interned copy of s.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := in.strs[s]; ok {
		return t
	}
	in.strs[s] = s
	return s
}

// list returns a shared list equal to l (nil stays nil, empty stays empty).
func (in *interner) list(l []string) []string {
	l, _ = in.listKey(l)
	return l
}

// listKey is list, and the key of the list's contents.
func (in *interner) listKey(l []string) ([]string, string) {
	if len(l) == 0 {
		return l, ""
	}
	in.key.Reset()
	for _, s := range l {
		in.key.WriteString(s)
		in.key.WriteByte(0)
	}
	k := in.key.String()
	if t, ok := in.lists[k]; ok {
		return t, k
	}
	l = slices.Clip(l) // an append copies rather than writes into another's list
	for i, s := range l {
		l[i] = in.str(s)
	}
	in.lists[k] = l
	return l, k
}

func flag(b *strings.Builder, v bool) {
	if v {
		b.WriteByte('1')
	} else {
		b.WriteByte('0')
	}
}

func (in *interner) frameList(fs []claims.Frame) []claims.Frame {
	if len(fs) == 0 {
		return fs
	}
	b := &in.key
	b.Reset()
	for _, f := range fs {
		for _, s := range []string{f.Class, f.Agent, f.AgentName, f.Source, f.SourceName, f.Target} {
			b.WriteString(s)
			b.WriteByte(0)
		}
		flag(b, f.Asserted)
		flag(b, f.Negated)
		flag(b, f.Prospective)
		flag(b, f.Demand)
		flag(b, f.Reported)
		b.WriteByte(1)
	}
	k := b.String()
	if t, ok := in.frames[k]; ok {
		return t
	}
	fs = slices.Clip(fs)
	for i := range fs {
		f := &fs[i]
		f.Class, f.Agent, f.AgentName = in.str(f.Class), in.str(f.Agent), in.str(f.AgentName)
		f.Source, f.SourceName, f.Target = in.str(f.Source), in.str(f.SourceName), in.str(f.Target)
	}
	in.frames[k] = fs
	return fs
}

func (in *interner) anchorList(as []claims.Anchor) ([]claims.Anchor, string) {
	if len(as) == 0 {
		return as, ""
	}
	b := &in.key
	b.Reset()
	for _, a := range as {
		for _, s := range []string{a.Key, a.Name, a.Kind, a.Party} {
			b.WriteString(s)
			b.WriteByte(0)
		}
		flag(b, a.Where)
		b.WriteByte(1)
	}
	k := b.String()
	if t, ok := in.anchors[k]; ok {
		return t, k
	}
	as = slices.Clip(as)
	for i := range as {
		a := &as[i]
		a.Key, a.Name, a.Kind, a.Party = in.str(a.Key), in.str(a.Name), in.str(a.Kind), in.str(a.Party)
	}
	in.anchors[k] = as
	return as, k
}

// unit makes d share what an earlier decoded statement already holds.
// Its ids (article, statement) are its own and stay as decoded.
func (in *interner) unit(d *unitData) {
	p := &d.P
	p.Published = in.str(p.Published)
	p.Speaker, p.SpeakerName = in.str(p.Speaker), in.str(p.SpeakerName)
	p.Parties = in.list(p.Parties)
	p.Independent, p.Side, p.Stance = in.str(p.Independent), in.str(p.Side), in.str(p.Stance)
	p.Frames = in.frameList(p.Frames)
	p.Numbers, p.Weapons, p.Times = in.list(p.Numbers), in.list(p.Weapons), in.list(p.Times)
	var wk wordsKey
	p.Anchors, wk.anchors = in.anchorList(p.Anchors)
	p.Tokens, wk.tokens = in.listKey(p.Tokens)
	p.NameTokens, wk.names = in.listKey(p.NameTokens)
	if q, ok := in.words[wk]; ok {
		p.ShareCache(q)
	} else {
		in.words[wk] = p
	}
	p.Content, p.Sentence, p.Summary = in.str(p.Content), in.str(p.Sentence), in.str(p.Summary)
	p.Refers = in.str(p.Refers)
	p.Rebuts = in.list(p.Rebuts)
	for i := range d.Loose {
		l := &d.Loose[i]
		l.Party, l.Text = in.str(l.Party), in.str(l.Text)
	}
	if d.Link != nil {
		d.Link.Published = in.str(d.Link.Published)
		d.Link.Reasons = in.list(d.Link.Reasons)
	}
}
