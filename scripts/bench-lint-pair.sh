#!/usr/bin/env bash
# Time `postmortem lint` of this tree against the same command built from
# another commit, side by side on the same reports.
#
#   scripts/bench-lint-pair.sh REV [N]     (default N: 10000 reports)
#
# Builds both binaries (REV from `git archive`, in a temporary folder; the
# working tree and its git state are not touched), generates N synthetic
# reports with internal/lint/bench (this tree's generator, so both read
# the same files), then runs the two in turn, A B A B..., RUNS times each
# (default 5), with /usr/bin/time. It prints each one's median wall-clock
# and CPU time and largest peak memory, the ratio of the medians (this
# tree / REV) and the median of the pairs' ratios. CPU time (user +
# system) is the steadier figure on a shared machine. Both run without a configuration (each report's
# template is recognised), with the default number of workers.
set -euo pipefail
REV=${1:?usage: scripts/bench-lint-pair.sh REV [N]}
N=${2:-10000}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/base"
git archive "$REV" | tar -x -C "$work/base"
(cd "$work/base" && go build -o "$work/postmortem-base" ./cmd/postmortem)
go build -o "$work/postmortem-new" ./cmd/postmortem
go build -o "$work/lintbench" ./internal/lint/bench/lintbench
"$work/lintbench" gen "$work/reports" "$N"
cat "$work"/reports/*/*.md >/dev/null # warm the page cache for both
echo "$N reports; this tree ($(git rev-parse --short HEAD), with uncommitted changes if any) against $REV"

# run_once NAME BINARY: lint the reports and append wall-clock seconds,
# CPU seconds (user + system) and peak RSS (kB) to $work/runs.NAME.
run_once() {
  ( cd "$work/reports" && /usr/bin/time -f '%e %U %S %M' -o "$work/time.$1" "$2" lint . >"$work/out.$1" 2>&1 ) || true
  tail -n 1 "$work/time.$1" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' >>"$work/runs.$1"
}
for _ in $(seq "${RUNS:-5}"); do
  run_once base "$work/postmortem-base"
  run_once new "$work/postmortem-new"
done

declare -A wall cpu rss
for name in base new; do
  n=$(wc -l <"$work/runs.$name")
  wall[$name]=$(sort -n -k1,1 "$work/runs.$name" | awk -v m=$(( (n + 1) / 2 )) 'NR == m { print $1 }')
  cpu[$name]=$(sort -n -k2,2 "$work/runs.$name" | awk -v m=$(( (n + 1) / 2 )) 'NR == m { print $2 }')
  rss[$name]=$(sort -n -k3,3 "$work/runs.$name" | tail -n 1 | awk '{ print $3 }')
  printf '%-5s %8.2f s wall %8.2f s CPU   peak %6.1f MB   median of %d  (%s)\n' "$name" "${wall[$name]}" "${cpu[$name]}" \
    "$(echo "${rss[$name]} / 1024" | bc -l)" "$n" "$(tail -n 1 "$work/out.$name" | cut -c1-60)"
done
echo "this tree / $REV, ratio of the medians: wall $(echo "scale=3; ${wall[new]} / ${wall[base]}" | bc -l)x, CPU $(echo "scale=3; ${cpu[new]} / ${cpu[base]}" | bc -l)x"
# Each pair ran back to back, so the median of the pairs' ratios holds
# when the machine's load drifts during the runs.
paste "$work/runs.new" "$work/runs.base" | awk '{ print $1 / $4, $2 / $5 }' >"$work/ratios"
n=$(wc -l <"$work/ratios")
echo "this tree / $REV, median of the pairs' ratios: wall $(sort -n -k1,1 "$work/ratios" | awk -v m=$(( (n + 1) / 2 )) 'NR == m { printf "%.3f", $1 }')x, CPU $(sort -n -k2,2 "$work/ratios" | awk -v m=$(( (n + 1) / 2 )) 'NR == m { printf "%.3f", $2 }')x"
