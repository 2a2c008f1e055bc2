package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeGenerated writes n postmortems like scripts/bench-stats.sh does:
// four in five YAML, one in five Markdown, some milestones missing.
func writeGenerated(tb testing.TB, dir string, n int) {
	tb.Helper()
	sev := []string{"SEV-1", "SEV-2", "SEV-3", "SEV-4"}
	clock := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60%24, m%60) }
	for i := 0; i < n; i++ {
		day := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%730).Format(time.DateOnly)
		t0 := (8+i%12)*60 + i*7%60
		det, ack := i%9, i%9+1+i%5
		mit := ack + 5 + i%40
		res := mit + i%25
		var b bytes.Buffer
		name := fmt.Sprintf("%05d-incident.yaml", i)
		if i%5 == 4 {
			name = fmt.Sprintf("%05d-incident.md", i)
			fmt.Fprintf(&b, "# Incident: %s %s-00\n\n## Summary\n\nCheckout returned errors.\n\n## Timeline\n\nAll times are UTC.\n\n", day, clock(t0+res))
			fmt.Fprintf(&b, "- _%s_ - Checkout starts returning errors\n- _%s_ - Alert triggered\n- _%s_ - On-call engineer begins investigating\n- _%s_ - Incident resolved\n\n", clock(t0), clock(t0+det), clock(t0+ack), clock(t0+res))
			b.WriteString("# Action items\n\n1. Add a canary for configuration changes\n2. Alert on payment latency\n")
		} else {
			fmt.Fprintf(&b, "version: 1\ntitle: Generated incident %d\nseverity: %s\ndate: %s\ntimeline:\n", i, sev[i%4], day)
			fmt.Fprintf(&b, "  - time: %q\n    event: Errors start\n    milestone: started\n", clock(t0))
			if i%7 != 0 {
				fmt.Fprintf(&b, "  - time: %q\n    event: Alert fires\n    milestone: detected\n", clock(t0+det))
			}
			if i%11 != 0 {
				fmt.Fprintf(&b, "  - time: %q\n    event: Page acknowledged\n    milestone: acknowledged\n", clock(t0+ack))
			}
			if i%3 != 0 {
				fmt.Fprintf(&b, "  - time: %q\n    event: Rolled back\n    milestone: mitigated\n", clock(t0+mit))
			}
			fmt.Fprintf(&b, "  - time: %q\n    event: Error rate normal\n    milestone: resolved\n", clock(t0+res))
			fmt.Fprintf(&b, "action_items:\n  - description: Add a canary\n    owner: Ana\n    due: %s\n", day)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkStatsFolder runs `postmortem stats DIR --by month` over 10,000
// generated documents through the real entry point (the target is
// under 3 seconds; scripts/bench-stats.sh measures the built binary).
func BenchmarkStatsFolder(b *testing.B) {
	dir := b.TempDir()
	writeGenerated(b, dir, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out, errb bytes.Buffer
		env := &Env{In: &bytes.Buffer{}, Out: &out, Err: &errb, Now: func() time.Time { return time.Unix(1733356800, 0) }, Getenv: func(string) string { return "" }}
		if code := Main([]string{"stats", dir, "--by", "month"}, env); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
