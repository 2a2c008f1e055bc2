#!/usr/bin/env bash
# Start-up cost: `postmortem --version` against a hello-world Go binary,
# side by side in one run.
#
#   scripts/bench-startup.sh [RUNS]     (default: 40 runs of each)
#
# Builds both with the same toolchain into a temporary folder, warms them
# up, then runs them in turns (so that load from elsewhere hits both
# alike) and prints the median CPU time (user + system, from
# /usr/bin/time) of each and their ratio. The target: --version within 2x
# the hello-world's CPU time; what is left above that is the Go runtime
# starting a larger binary and the dependencies' package initialisation
# (GODEBUG=inittrace=1 postmortem --version lists it by package).
set -euo pipefail
RUNS=${1:-40}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/postmortem" ./cmd/postmortem
mkdir -p "$work/hello"
cat >"$work/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
(cd "$work/hello" && go mod init hello >/dev/null 2>&1 && go build -o "$work/hello-bin" .)

# Each run's CPU time is the child's own resource usage (wait4), in
# microseconds: /usr/bin/time rounds to 10 ms, more than either takes.
python3 - "$RUNS" "$work/postmortem" "$work/hello-bin" <<'PY'
import os, statistics, subprocess, sys

runs, pm, hello = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def cpu(argv):
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime

for _ in range(3):  # warm up the page cache
    cpu([pm, "--version"]), cpu([hello])
a, b = [], []
for _ in range(runs):  # in turns, so that load from elsewhere hits both
    a.append(cpu([pm, "--version"]))
    b.append(cpu([hello]))
ma, mb = statistics.median(a), statistics.median(b)
ratios = sorted(x / y for x, y in zip(a, b) if y > 0)
print(f"postmortem --version  {ma * 1000:6.2f} ms CPU (median of {runs})")
print(f"hello world           {mb * 1000:6.2f} ms CPU (median of {runs})")
print(f"ratio of medians      {ma / mb:6.1f}x  (pairwise median {statistics.median(ratios):.1f}x; target: at most 2x)")
PY
