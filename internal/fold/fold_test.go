package fold

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The package's functions agree with strings.EqualFold, the folding
// regexp's (?i) uses.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"ſeconds", "SECONDS", "Kelvin K", "İstanbul", "ΣΑΣ σας", "between"} {
		f.Add(s, "seconds")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		if eq := String(a) == String(b); eq != strings.EqualFold(a, b) {
			t.Fatalf("String(%q) == String(%q) is %v, EqualFold %v", a, b, eq, !eq)
		}
		if n, ok := HasPrefix(a, b); ok != (n <= len(a) && strings.EqualFold(a[:n], b)) || ok && !strings.EqualFold(a[:n], b) {
			t.Fatalf("HasPrefix(%q, %q) = %d, %v", a, b, n, ok)
		}
	})
}

func TestIndex(t *testing.T) {
	for _, c := range []struct {
		s, w string
		at   int
	}{{"All Times", "times", 4}, {"laſt", "last", 0}, {"no", "yes", -1}, {"", "", 0}, {"x5 K", "5 k", 1}} {
		if got := Index(c.s, c.w); got != c.at {
			t.Errorf("Index(%q, %q) = %d, want %d", c.s, c.w, got, c.at)
		}
	}
}
