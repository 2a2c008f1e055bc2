package timeparse

import "testing"

// The scanner's tables say what durationPart and wordNumbers say.
func TestDurationTables(t *testing.T) {
	if len(durationWords) != len(durationWordValues) || len(durationWords) != len(wordNumbers) {
		t.Fatalf("%d words, %d values, %d in wordNumbers", len(durationWords), len(durationWordValues), len(wordNumbers))
	}
	for k, w := range durationWords {
		if v, ok := wordNumbers[w]; !ok || v != durationWordValues[k] {
			t.Errorf("%q: value %v, wordNumbers has %v", w, durationWordValues[k], v)
		}
	}
	for c := 0; c < 256; c++ {
		want := c >= '0' && c <= '9'
		for _, w := range durationWords {
			want = want || c == int(w[0]) || c == int(w[0])-'a'+'A'
		}
		if startsDuration[c] != want {
			t.Errorf("startsDuration[%#x] = %v", c, startsDuration[c])
		}
	}
}
