package didyoumean

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"summary", "root_cause", "action-item-owner", "timeline"}
	cases := []struct {
		word string
		max  int
		want string
	}{
		{"sumary", 2, "summary"},
		{"root-cause", 2, "root_cause"},
		{"Action_Item_Owner", 2, "action-item-owner"},
		{"timelines", 2, "timeline"},
		{"zzz", 2, ""},
		{"summar", 0, ""},
	}
	for _, c := range cases {
		if got := Closest(c.word, known, c.max); got != c.want {
			t.Errorf("Closest(%q, %d) = %q, want %q", c.word, c.max, got, c.want)
		}
	}
}
