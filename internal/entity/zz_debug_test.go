package entity

import (
	"fmt"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
)

func TestZZDebug(t *testing.T) {
	g, _ := gazetteer.Load()
	lx, _ := LoadLexicon(g)
	for _, p := range []string{"the independent Russian Telegram channel SOTA"} {
		sents := []crosscheck.Sentence{{Start: 0, End: len(p)}}
		f := &finder{lx: lx, tg: tagger{lx: lx, text: p}, sents: sents, ents: map[string]*cand{}}
		f.tokenize()
		us := f.tg.tag(nil, 0, len(f.tg.toks), nil)
		for i, u := range us {
			fmt.Println(i, u.kind, u.flags, u.title, f.tg.span(u.a, u.b))
		}
	}
}
