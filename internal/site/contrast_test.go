package site

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// luminance is a colour's relative luminance (WCAG 2.x).
func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&0xff) + 0.7152*ch(v>>8&0xff) + 0.0722*ch(v&0xff)
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestColourContrast reads the palette of site.css, light and dark, and
// checks every pair of text and background the pages use against WCAG
// AA: 4.5:1 for text, 3:1 for the chart marks and the focus outline.
func TestColourContrast(t *testing.T) {
	css, err := assets.ReadFile("assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile(`:root \{([^}]*)\}`).FindAllStringSubmatch(string(css), -1)
	if len(blocks) != 2 {
		t.Fatalf("%d palettes in site.css, want light and dark", len(blocks))
	}
	for i, b := range blocks {
		vars := map[string]string{}
		for _, m := range regexp.MustCompile(`--([a-z]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(b[1], -1) {
			vars[m[1]] = m[2]
		}
		pairs := []struct {
			fg, bg string
			min    float64
		}{
			{"fg", "bg", 4.5}, {"fg", "panel", 4.5}, {"muted", "bg", 4.5}, {"muted", "panel", 4.5},
			{"link", "bg", 4.5}, {"link", "panel", 4.5}, {"bar", "bg", 3}, {"median", "box", 3}, {"focus", "bg", 3},
		}
		for _, p := range pairs {
			if vars[p.fg] == "" || vars[p.bg] == "" {
				t.Fatalf("palette %d lacks --%s or --%s", i, p.fg, p.bg)
			}
			if c := contrast(vars[p.fg], vars[p.bg]); c < p.min {
				t.Errorf("palette %d: --%s on --%s is %.2f:1, under %.1f:1", i, p.fg, p.bg, c, p.min)
			}
		}
	}
}
