package timeparse

import (
	"strings"
	"testing"
	"time"
)

func TestSettled(t *testing.T) {
	z := func(name string) Zone {
		zz, err := ParseZone(name)
		if err != nil {
			t.Fatal(err)
		}
		return zz
	}
	july := time.Date(2025, 7, 14, 0, 0, 0, 0, time.UTC)
	january := time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		zone    string
		date    time.Time
		context []string
		want    string // "" settled, else a part of the error
	}{
		{"CST", july, []string{"UTC"}, ""},
		{"CST", july, []string{"EST", "PDT"}, ""},
		{"CST", july, []string{"JST"}, "China Standard Time"},
		{"CST", july, []string{"UTC+08:00"}, "ambiguous"},
		{"BST", july, []string{"UTC"}, ""},
		{"BST", january, []string{"UTC"}, "Bangladesh"},
		{"BST", july, []string{"SGT"}, "write an offset such as UTC+01:00"},
		{"MST", january, []string{"JST"}, ""},
	} {
		var ctx []Zone
		for _, c := range tc.context {
			ctx = append(ctx, z(c))
		}
		err := Settled(z(tc.zone), tc.date, ctx)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s on %s with %v: %v, want settled", tc.zone, tc.date.Format(time.DateOnly), tc.context, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s on %s with %v: %v, want an error with %q", tc.zone, tc.date.Format(time.DateOnly), tc.context, err, tc.want)
		}
	}
	if _, err := ParseZone("IST"); err == nil {
		t.Error("IST must stay ambiguous")
	}
}
