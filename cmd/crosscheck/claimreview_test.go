package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// schemaProperties lists, for each schema.org type the export writes, the
// properties schema.org defines on it or inherits (from
// https://schema.org/ClaimReview, /Review, /CreativeWork, /Claim,
// /NewsArticle, /Rating, /Person, /Organization, /Thing; only the ones a
// ClaimReview can sensibly carry). A property outside its type's list is a
// typo or a misuse that fact-check consumers would drop.
var schemaProperties = func() map[string][]string {
	thing := []string{"@type", "name", "identifier", "url", "description", "alternateName", "sameAs"}
	creativeWork := append(slices.Clone(thing), "author", "contributor", "datePublished", "dateModified", "publisher",
		"text", "citation", "isBasedOn", "inLanguage", "headline")
	review := append(slices.Clone(creativeWork), "itemReviewed", "reviewRating", "reviewBody", "reviewAspect")
	return map[string][]string{
		"ClaimReview":  append(slices.Clone(review), "claimReviewed"),
		"Claim":        append(slices.Clone(creativeWork), "appearance", "firstAppearance", "claimInterpreter"),
		"NewsArticle":  append(slices.Clone(creativeWork), "dateline", "articleBody"),
		"Rating":       append(slices.Clone(thing), "ratingValue", "bestRating", "worstRating", "ratingExplanation", "author", "reviewAspect"),
		"Person":       append(slices.Clone(thing), "jobTitle", "affiliation", "memberOf", "nationality", "worksFor"),
		"Organization": append(slices.Clone(thing), "parentOrganization", "memberOf", "areaServed"),
	}
}()

// checkSchema walks a JSON-LD value and reports every object whose @type
// is unknown or that carries a property its type does not define.
func checkSchema(t *testing.T, path string, v any) {
	t.Helper()
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			checkSchema(t, path+"["+string(rune('0'+i%10))+"]", e)
		}
	case map[string]any:
		typ, _ := x["@type"].(string)
		allowed, ok := schemaProperties[typ]
		if !ok {
			t.Errorf("%s: @type %q is not one the export should write", path, typ)
			return
		}
		for k, e := range x {
			if !slices.Contains(allowed, k) {
				t.Errorf("%s: %s has no property %q in schema.org", path, typ, k)
			}
			checkSchema(t, path+"."+k, e)
		}
	}
}

// reviewLedger is a store with real statements (so speakers have their
// kind), three claims and an editor's review.
func reviewLedger(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cr.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	art := func(id, site, pub, text string, sts ...crosscheck.Statement) store.Put {
		a := crosscheck.Analysis{
			Article: crosscheck.Article{ID: id, URL: crosscheck.NullString("https://" + site + ".example/" + id),
				Site: crosscheck.NullString(site), Title: "Report " + id, Published: crosscheck.NullString(pub), Language: "en", Text: text},
			Entities: []crosscheck.Entity{}, Statements: sts, Relations: []crosscheck.Relation{},
		}
		return store.Put{SourceKey: id, DocHash: id, Analysis: a, ContentHash: id}
	}
	stmt := func(id, name, typ, role, party string) crosscheck.Statement {
		return crosscheck.Statement{ID: id, Speaker: crosscheck.Speaker{Name: crosscheck.NullString(name), Text: name, Type: typ,
			Role: crosscheck.NullString(role), Affiliation: crosscheck.NullString(party)}, Stance: "assert", Via: []string{}}
	}
	if _, err := s.Put(t.Context(), []store.Put{
		art("art-1", "kyivwire", "2024-10-20", "Zelenskyy said North Korean troops were deployed to the Kursk region.",
			stmt("s1", "Volodymyr Zelenskyy", crosscheck.TypePerson, "president", "UA")),
		art("art-2", "moscowdaily", "2025-04-26", "Gerasimov confirmed that North Korean soldiers took part in the fighting.",
			stmt("s1", "Valery Gerasimov", crosscheck.TypePerson, "chief of the general staff", "RU")),
		art("art-3", "relaynews", "2025-04-27", "Gerasimov confirmed that North Korean soldiers took part in the fighting, a report said.",
			stmt("s1", "Valery Gerasimov", crosscheck.TypePerson, "", "RU")),
		art("art-4", "moscowdaily", "2025-05-02", "The defence ministry said drones were downed over Belgorod.",
			stmt("s1", "Russian Defence Ministry", crosscheck.TypeOrganization, "", "RU")),
		art("art-5", "moscowdaily", "2025-05-03", "The defence ministry said a bridge was repaired.",
			stmt("s1", "Russian Defence Ministry", crosscheck.TypeOrganization, "", "RU")),
	}); err != nil {
		t.Fatal(err)
	}
	claims := []crosscheck.Claim{
		{
			ID: "c-troops", Summary: "North Korean troops were deployed to the Kursk region", Status: []string{crosscheck.StatusCorroborated, crosscheck.StatusConfirmedByAdversary},
			Parties: []string{"RU", "UA"}, FirstSeen: "2024-10-20",
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-1", Statement: "s1", Site: "Kyiv Wire", Published: "2024-10-20", Speaker: "Volodymyr Zelenskyy", Affiliation: "UA", Stance: "assert", Content: "North Korean troops were deployed to the Kursk region"},
				{Article: "art-3", Statement: "s1", Site: "Relay News", Published: "2025-04-27", Speaker: "Valery Gerasimov", Affiliation: "RU", Stance: "confirm", Content: "North Korean soldiers took part in the fighting", Echo: true},
				{Article: "art-2", Statement: "s1", Site: "Moscow Daily", Published: "2025-04-26", Speaker: "Valery Gerasimov", Affiliation: "RU", Stance: "confirm", Content: "North Korean soldiers took part in the fighting"},
			},
			Evidence: []crosscheck.Evidence{
				{Status: crosscheck.StatusCorroborated, Article: "art-2", Statement: "s1", Text: "Gerasimov confirmed that North Korean soldiers took part in the fighting.", Since: "2025-04-26"},
				// A re-publication listed first: it is weaker evidence
				// than the original.
				{Status: crosscheck.StatusConfirmedByAdversary, Article: "art-3", Statement: "s1", Text: "Gerasimov confirmed that North Korean soldiers took part in the fighting, a report said.", Since: "2025-04-27"},
				{Status: crosscheck.StatusConfirmedByAdversary, Article: "art-2", Statement: "s1", Text: "Gerasimov confirmed that North Korean soldiers took part in the fighting.", Since: "2025-04-27"},
			},
			Appearances: []crosscheck.Appearance{
				{Article: "art-1", Site: "Kyiv Wire", URL: "https://kyivwire.example/art-1", Published: "2024-10-20"},
				{Article: "art-2", Site: "Moscow Daily", URL: "https://moscowdaily.example/art-2", Published: "2025-04-26"},
				{Article: "art-3", Site: "Relay News", URL: "https://relaynews.example/art-3", Published: "2025-04-27", EchoOf: "art-2"},
			},
		},
		{
			ID: "c-drones", Summary: "drones were downed over Belgorod", Status: []string{crosscheck.StatusUnconfirmed}, Parties: []string{"RU"}, FirstSeen: "2025-05-02",
			Statements:  []crosscheck.ClaimStatement{{Article: "art-4", Statement: "s1", Site: "Moscow Daily", Published: "2025-05-02", Speaker: "Russian Defence Ministry", Affiliation: "RU", Stance: "assert", Content: "drones were downed over Belgorod"}},
			Evidence:    []crosscheck.Evidence{{Status: crosscheck.StatusUnconfirmed, Article: "art-4", Statement: "s1", Text: "The defence ministry said drones were downed over Belgorod.", Since: "2025-05-02"}},
			Appearances: []crosscheck.Appearance{{Article: "art-4", Site: "Moscow Daily", URL: "https://moscowdaily.example/art-4", Published: "2025-05-02"}},
		},
		{
			ID: "c-bridge", Summary: "a bridge was repaired", Status: []string{crosscheck.StatusUnconfirmed}, Parties: []string{"RU"}, FirstSeen: "2025-05-03",
			Statements:  []crosscheck.ClaimStatement{{Article: "art-5", Statement: "s1", Site: "Moscow Daily", Published: "2025-05-03", Speaker: "Russian Defence Ministry", Affiliation: "RU", Stance: "assert", Content: "a bridge was repaired"}},
			Evidence:    []crosscheck.Evidence{{Status: crosscheck.StatusUnconfirmed, Article: "art-5", Statement: "s1", Text: "The defence ministry said a bridge was repaired.", Since: "2025-05-03"}},
			Appearances: []crosscheck.Appearance{{Article: "art-5", Site: "Moscow Daily", Published: "2025-05-03"}},
		},
	}
	if err := s.ReplaceClaims(t.Context(), claims, map[string]string{"art-3": "art-2"}); err != nil {
		t.Fatal(err)
	}
	// An editor checked the drones claim and found it disputed.
	if _, err := s.AddReview(t.Context(), store.Review{Claim: "c-drones", Article: "art-4", Statement: "s1", Field: store.FieldStatus,
		Verdict: store.VerdictWrong, Value: "unconfirmed", Correction: crosscheck.StatusDisputed,
		Note: "Kyiv's air force denied any loss the same day.", Reviewer: "Olena K.", At: time.Date(2025, 5, 3, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return path
}

type crDoc struct {
	Context string           `json:"@context"`
	Graph   []map[string]any `json:"@graph"`
}

func exportCR(t *testing.T, db string, args ...string) (crDoc, int, string) {
	t.Helper()
	code, out, errs := runCLI(t, append([]string{"--db", db, "export", "--format", "claimreview"}, args...)...)
	var doc crDoc
	if code == exitOK {
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("export is not JSON: %v\n%s", err, out)
		}
	}
	return doc, code, errs
}

func get2(m map[string]any, path ...string) any {
	var v any = m
	for _, p := range path {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[p]
	}
	return v
}

func TestExportClaimReview(t *testing.T) {
	db := reviewLedger(t)
	doc, code, errs := exportCR(t, db, "--base-url", "https://desk.example.org/")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var raw any
	b, _ := json.Marshal(doc.Graph)
	_ = json.Unmarshal(b, &raw)
	checkSchema(t, "@graph", raw)

	var ids []string
	for _, r := range doc.Graph {
		ids = append(ids, r["identifier"].(string))
	}
	// c-bridge is a machine-made "unconfirmed" nobody reviewed: not a
	// fact-check. c-drones is unconfirmed too, but reviewed.
	if !slices.Equal(ids, []string{"c-troops", "c-drones"}) {
		t.Fatalf("exported %v, want c-troops and c-drones", ids)
	}
	troops, drones := doc.Graph[0], doc.Graph[1]
	if troops["url"] != "https://desk.example.org/claims/c-troops" {
		t.Errorf("url %v", troops["url"])
	}
	author := get2(troops, "itemReviewed", "author").(map[string]any)
	if author["@type"] != "Person" || author["name"] != "Volodymyr Zelenskyy" || author["jobTitle"] != "president" ||
		get2(author, "affiliation", "name") != "Ukraine" || get2(author, "affiliation", "identifier") != "UA" {
		t.Errorf("claim author %v", author)
	}
	if a := get2(drones, "itemReviewed", "author").(map[string]any); a["@type"] != "Organization" || get2(a, "parentOrganization", "identifier") != "RU" {
		t.Errorf("organization author %v", a)
	}
	if got := get2(troops, "reviewRating", "alternateName"); got != "confirmed by adversary" {
		t.Errorf("rating %v", got)
	}
	expl := get2(troops, "reviewRating", "ratingExplanation").(string)
	for _, want := range []string{"Confirmed by adversary since 2025-04-27", "took part in the fighting.” (Moscow Daily", "a report said.” (Relay News"} {
		if !strings.Contains(expl, want) {
			t.Errorf("explanation %q lacks %q (the full explanation: every evidence sentence)", expl, want)
		}
	}
	if strings.Index(expl, "Moscow Daily") > strings.Index(expl, "Relay News") {
		t.Errorf("the original's evidence must come before the re-publication's: %q", expl)
	}
	if get2(troops, "citation", "identifier") != "art-2#s1" || get2(troops, "citation", "url") != "https://moscowdaily.example/art-2" {
		t.Errorf("citation should be the strongest evidence (the original, not the re-publication): %v", troops["citation"])
	}
	// The editor's correction is the rating, explained, with the editor
	// as contributor.
	if got := get2(drones, "reviewRating", "alternateName"); got != "disputed" {
		t.Errorf("reviewed rating %v, want the editor's correction", got)
	}
	dexpl := get2(drones, "reviewRating", "ratingExplanation").(string)
	if !strings.Contains(dexpl, "Reviewed by Olena K. on 2025-05-03") || !strings.Contains(dexpl, "Kyiv's air force denied") {
		t.Errorf("explanation of a reviewed claim: %q", dexpl)
	}
	if c, _ := drones["contributor"].([]any); len(c) != 1 || get2(c[0].(map[string]any), "name") != "Olena K." {
		t.Errorf("contributor %v", drones["contributor"])
	}

	// Limited to reviewed claims.
	doc, code, errs = exportCR(t, db, "--base-url", "https://desk.example.org", "--review", "reviewed")
	if code != exitOK || len(doc.Graph) != 1 || doc.Graph[0]["identifier"] != "c-drones" {
		t.Errorf("--review reviewed: exit %d %s, %v", code, errs, doc.Graph)
	}
	// No --base-url: a clear error, no file.
	_, code, errs = exportCR(t, db)
	if code != exitUsage || !strings.Contains(errs, "--base-url") {
		t.Errorf("without --base-url: exit %d, %q", code, errs)
	}
	_, code, errs = exportCR(t, db, "--base-url", "desk.example.org")
	if code != exitUsage || !strings.Contains(errs, "absolute http(s) URL") {
		t.Errorf("bad --base-url: exit %d, %q", code, errs)
	}
}
