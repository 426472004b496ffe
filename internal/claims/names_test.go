package claims

import "testing"

func TestNameKey(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	same := []struct {
		person bool
		names  []string
	}{
		{true, []string{"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Wołodymyr Zełenski"}},
		{true, []string{"Dmitry Peskov", "Dmitrij Pieskow", "Dmitry Pieskov"}},
		{true, []string{"Sergei Lavrov", "Siergiej Ławrow"}},
		{true, []string{"Oleksandr Syrskyi", "Oleksandr Syrski"}},
		{true, []string{"Mykhailo Podolyak", "Mychajło Podolak"}},
		{false, []string{"Kyiv", "Kiev"}},
		{false, []string{"Luhansk", "Lugansk"}},
		{false, []string{"US", "U.S.", "USA", "United States"}},
		{false, []string{"UK", "U.K.", "Britain", "Great Britain"}},
		{false, []string{"U.S. State Department", "US State Department"}},
		{false, []string{"Russia's defence ministry", "Russian Defense Ministry", "Russia’s defense ministry"}},
		{false, []string{"UK Ministry of Defence", "U.K. Ministry of Defence", "British Ministry of Defense"}},
	}
	for _, c := range same {
		want := lx.nameKey(c.names[0], c.person)
		for _, n := range c.names[1:] {
			if got := lx.nameKey(n, c.person); got != want {
				t.Errorf("nameKey(%q) = %q, want %q (as %q)", n, got, want, c.names[0])
			}
		}
	}
	// Names that stay apart.
	for _, p := range [][2]string{{"Anatoly Antonov", "Yelizaveta Antonova"}, {"Alexei Navalny", "Yulia Navalnaya"}, {"Andrzej Duda", "Andrzej Dudek"}} {
		if lx.nameKey(p[0], true) == lx.nameKey(p[1], true) {
			t.Errorf("%q and %q share a key", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"North Korea", "South Korea"}, {"Ukrainian forces", "Russian forces"}} {
		if lx.nameKey(p[0], false) == lx.nameKey(p[1], false) {
			t.Errorf("%q and %q share a key", p[0], p[1])
		}
	}
}
