package attribution

import (
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/entity"
	"github.com/crosscheck/crosscheck/internal/segment"
)

func TestZZAirForce(t *testing.T) {
	z := loadAnalyzer(t)
	s := "Missiles struck the depot on Sunday, the air force said."
	art := &crosscheck.Article{Text: s, Published: "2025-04-26"}
	sents := segment.Sentences(s)
	ents := entity.Find(s, sents, z.ent)
	t.Logf("ents %+v", ents)
	for i, o := range []Options{{Describer: z.ent}, {Referrer: z.ent}, {Genders: z.ent}, {BareName: z.ent.BareName}, {}} {
		t.Logf("%d: %s", i, dump(Extract(art, sents, ents, z.lx, o)))
		t.Logf("%d no ents: %s", i, dump(Extract(art, sents, nil, z.lx, o)))
	}
}
