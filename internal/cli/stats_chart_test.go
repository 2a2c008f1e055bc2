package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runTerminal runs the command as if stdout were a terminal, with the given
// environment.
func runTerminal(t *testing.T, vars map[string]string, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{In: &bytes.Buffer{}, Out: &out, Err: &errb, OutIsTerminal: true,
		Now:    func() time.Time { return time.Unix(1733356800, 0).UTC() },
		Getenv: func(k string) string { return vars[k] }}
	code := Main(args, env)
	return out.String(), code
}

// On a terminal the table is followed by a per-month chart, gaps included:
// the golden file is the NO_COLOR rendering (UPDATE_GOLDEN=1 rewrites it).
func TestStatsChartOnTerminal(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "stats")
	plain, code := runTerminal(t, map[string]string{"NO_COLOR": "1", "TERM": "xterm"}, "stats", fixture, "--since", "2024-10-01")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("NO_COLOR output carries escape codes")
	}
	_, chart, ok := strings.Cut(plain, "\nPer month")
	if !ok {
		t.Fatalf("no chart on a terminal:\n%s", plain)
	}
	chart = "Per month" + chart
	golden := filepath.Join("..", "..", "testdata", "golden", "stats-chart.txt")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(chart), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
	}
	if chart != string(want) {
		t.Errorf("chart differs from %s (UPDATE_GOLDEN=1 rewrites it; review the diff):\ngot:\n%s\nwant:\n%s", golden, chart, want)
	}

	colored, _ := runTerminal(t, map[string]string{"TERM": "xterm"}, "stats", fixture)
	if !strings.Contains(colored, "\x1b[36m") {
		t.Errorf("no colour on a terminal without NO_COLOR")
	}
	dumb, _ := runTerminal(t, map[string]string{"TERM": "dumb"}, "stats", fixture)
	if strings.Contains(dumb, "\x1b[") || !strings.Contains(dumb, "Per month") {
		t.Errorf("TERM=dumb: want the chart without colour")
	}
	// Not a terminal: no chart, and machine formats never get one.
	var out bytes.Buffer
	Main([]string{"stats", fixture}, &Env{In: &bytes.Buffer{}, Out: &out, Err: &bytes.Buffer{}, Now: time.Now, Getenv: func(string) string { return "" }})
	if strings.Contains(out.String(), "Per month") {
		t.Errorf("chart printed when stdout is not a terminal")
	}
	js, _ := runTerminal(t, nil, "stats", fixture, "--format", "json")
	if strings.Contains(js, "Per month") {
		t.Errorf("chart in JSON output")
	}
}

func TestBarAndSparkline(t *testing.T) {
	for _, tc := range []struct {
		v, max float64
		w      int
		want   string
	}{
		{0, 10, 8, ""}, {10, 10, 8, "████████"}, {5, 10, 8, "████"}, {1, 10, 2, "▎"}, {0.001, 10, 8, "▏"}, {3, 10, 1, "▎"},
	} {
		if got := bar(tc.v, tc.max, tc.w); got != tc.want {
			t.Errorf("bar(%v, %v, %d) = %q, want %q", tc.v, tc.max, tc.w, got, tc.want)
		}
	}
	if got := sparkline([]float64{0, 1, 2, -1, 7}); got != "▁▂▃ █" {
		t.Errorf("sparkline = %q", got)
	}
}

func TestCompactDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 45 * time.Second: "45s", 12 * time.Minute: "12m", 12*time.Minute + 30*time.Second: "12m 30s",
		65 * time.Minute: "1h 05m", 2*time.Hour + 29*time.Second: "2h 00m", 51 * time.Hour: "2d 3h",
	} {
		if got := compact(d); got != want {
			t.Errorf("compact(%v) = %q, want %q", d, got, want)
		}
	}
}

// Months without incidents show as empty rows, so a quiet month is visible.
func TestStatsChartFillsGaps(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.yaml": "version: 1\ndate: 2024-01-10\ntimeline:\n  - time: \"10:00\"\n    event: a\n    milestone: started\n  - time: \"10:30\"\n    event: b\n    milestone: resolved\n",
		"b.yaml": "version: 1\ndate: 2024-03-02\ntimeline:\n  - time: \"10:00\"\n    event: a\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, code := runTerminal(t, map[string]string{"NO_COLOR": "1"}, "stats", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"Per month, 2024-01 to 2024-03   incidents █▁█   median time to resolve █  \n",
		"  2024-01  ████████████ 1   ████████████████████████ 30m\n",
		"  2024-02   0               –\n",
		"  2024-03  ████████████ 1   –\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}
