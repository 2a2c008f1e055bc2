package config

import "testing"

// FuzzParse: any bytes give a configuration or an error, never a panic,
// and an accepted configuration always has settings.
func FuzzParse(f *testing.F) {
	f.Add(Example)
	f.Add([]byte("rules:\n  secret: off\n"))
	f.Add([]byte("required_sections: [summary, Lessons learned]\naction_items: {require_due: false}\n"))
	f.Add([]byte("template: ./t.md.tmpl\n"))
	f.Add([]byte("templat: x\n"))
	f.Add([]byte("exclude: ['[x']\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data)
		if err == nil && c.Settings() == nil {
			t.Fatal("accepted configuration without settings")
		}
	})
}
