package cli

import (
	"bytes"
	"testing"
	"time"
)

// BenchmarkStartup runs `postmortem --version` and `--help` through the
// real entry point: the part of a process's start-up that is ours once
// the runtime and the packages' initialisation are done
// (scripts/bench-startup.sh measures whole processes).
func BenchmarkStartup(b *testing.B) {
	for _, args := range [][]string{{"--version"}, {"--help"}} {
		b.Run(args[0], func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var out, errb bytes.Buffer
				env := &Env{In: &bytes.Buffer{}, Out: &out, Err: &errb, Now: func() time.Time { return time.Unix(1733356800, 0) }, Getenv: func(string) string { return "" }}
				if code := Main(args, env); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
		})
	}
}
