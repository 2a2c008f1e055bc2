package document

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse: no input panics; every refusal is one line naming the file;
// every accepted document validates without panicking and survives a
// save and reload.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"../../testdata/2024-12-04.yaml", "../../testdata/full.yaml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{"version: 1\n", "{\"version\":1}", "version: 1\ntimeline:\n  - time: 7:34\n    event: x\n", "version: 1\nimpact: {start: '19:34', end: '19:00'}\ndate: '2024-12-04'\n", "a: &x [*x]\n", "version: 1\n<<: {}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error not one line naming the file: %q", err)
			}
			return
		}
		r, _ := Validate(doc)
		_ = r.Metrics()
		out, err := Marshal(doc)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if _, err := Parse("out.yaml", out); err != nil && !errors.Is(err, ErrUnusable) {
			t.Fatalf("saved document does not load: %v\n%s", err, out)
		}
		// Normalising to UTC keeps every instant: render --format yaml
		// and the interview save documents this way.
		r, probs := Validate(doc)
		if len(probs) > 0 {
			return
		}
		norm, err := Marshal(Normalize(doc, r))
		if err != nil {
			t.Fatalf("Marshal(Normalize): %v", err)
		}
		back, err := Parse("norm.yaml", norm)
		if err != nil {
			t.Fatalf("normalised document does not load: %v\n%s", err, norm)
		}
		r2, probs2 := Validate(back)
		if len(probs2) > 0 {
			t.Fatalf("normalised document has problems %v:\n%s", probs2, norm)
		}
		for i := range r.Times {
			if !r.Times[i].Equal(r2.Times[i]) {
				t.Fatalf("entry %d moved from %v to %v:\n%s", i, r.Times[i], r2.Times[i], norm)
			}
		}
		if !r.ImpactStart.Equal(r2.ImpactStart) || !r.ImpactEnd.Equal(r2.ImpactEnd) {
			t.Fatalf("impact window moved:\n%s", norm)
		}
	})
}
