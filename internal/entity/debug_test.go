package entity

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/internal/segment"
)

func TestDebugCorpus(t *testing.T) {
	dir := os.Getenv("ENTITY_DEBUG_DIR")
	if dir == "" {
		t.Skip()
	}
	lx := testLexicon(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	from, n := 0, 20
	fmt.Sscan(os.Getenv("ENTITY_DEBUG_N"), &n)
	fmt.Sscan(os.Getenv("ENTITY_DEBUG_FROM"), &from)
	for _, fn := range files[from:min(from+n, len(files))] {
		b, _ := os.ReadFile(fn)
		text := string(b)
		ents := Find(text, segment.Sentences(text), lx)
		fmt.Println("==", filepath.Base(fn))
		for _, e := range ents {
			if e.Type == "place" && os.Getenv("ENTITY_DEBUG_PLACES") == "" {
				continue
			}
			fmt.Printf("  %-12s %-35q aff=%-2s c=%-2s roles=%s n=%d\n", e.Type, e.Name, e.Affiliation, e.Country, strings.Join(e.Roles, " | "), len(e.Mentions))
		}
	}
}

// TestDebugSample prints a random sample of person and organization
// entities with the context of their first mention, for a manual
// precision check (ENTITY_SAMPLE=n).
func TestDebugSample(t *testing.T) {
	n := 0
	fmt.Sscan(os.Getenv("ENTITY_SAMPLE"), &n)
	if n == 0 {
		t.Skip()
	}
	lx := testLexicon(t)
	files, _ := filepath.Glob(filepath.Join(os.Getenv("ENTITY_DEBUG_DIR"), "*.txt"))
	sort.Strings(files)
	type item struct{ file, line string }
	var all []item
	for _, fn := range files {
		b, _ := os.ReadFile(fn)
		text := string(b)
		for _, e := range Find(text, segment.Sentences(text), lx) {
			if e.Type != "person" && e.Type != "organization" && e.Type != "media" {
				continue
			}
			m := e.Mentions[0]
			a, z := max(0, m.Start-70), min(len(text), m.End+50)
			ctx := strings.ReplaceAll(text[a:m.Start]+"[["+m.Text+"]]"+text[m.End:z], "\n", " ")
			all = append(all, item{filepath.Base(fn), fmt.Sprintf("%-12s %-30q aff=%-2s roles=%q\n      %s", e.Type, e.Name, e.Affiliation, e.Roles, ctx)})
		}
	}
	// deterministic pseudo-random sample
	x := uint64(20260126)
	fmt.Sscan(os.Getenv("ENTITY_SEED"), &x)
	for i := 0; i < n && len(all) > 0; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		k := int(x % uint64(len(all)))
		fmt.Printf("%2d %s %s\n", i+1, all[k].file[:22], all[k].line)
		all = append(all[:k], all[k+1:]...)
	}
}

// TestDebugDescribe runs Describe on PolNeAR dev Source spans
// (ENTITY_DESCRIBE=n prints a sample of n) for a manual check.
func TestDebugDescribe(t *testing.T) {
	n := 0
	fmt.Sscan(os.Getenv("ENTITY_DESCRIBE"), &n)
	if n == 0 {
		t.Skip()
	}
	lx := testLexicon(t)
	files, _ := filepath.Glob("/work/shared/corpora/polnear/dev/attributions/*.ann")
	sort.Strings(files)
	var srcs []string
	for _, fn := range files {
		b, _ := os.ReadFile(fn)
		for _, l := range strings.Split(string(b), "\n") {
			f := strings.SplitN(l, "\t", 3)
			if len(f) == 3 && strings.HasPrefix(f[1], "Source ") {
				srcs = append(srcs, f[2])
			}
		}
	}
	counts := map[string]int{}
	for _, s := range srcs {
		_, typ, _, _ := lx.Describe(s)
		counts[typ]++
	}
	fmt.Println(len(srcs), counts)
	x := uint64(12345)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		s := srcs[int(x%uint64(len(srcs)))]
		name, typ, aff, role := lx.Describe(s)
		fmt.Printf("%-45q -> %-12s %-30q aff=%-2s role=%q\n", s, typ, name, aff, role)
	}
}
