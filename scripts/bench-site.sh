#!/usr/bin/env bash
# Benchmark `postmortem site` end to end on a generated folder.
#
#   scripts/bench-site.sh [N] [RUNS] [BASE]
#       (defaults: 10000 postmortems, 5 runs, no BASE)
#
# Generates N postmortems with internal/incidentgen (twelve kinds of
# incident that recur over three years, each report with its services,
# trigger, contributing factors, timeline, action items and a sentence of
# details from a long-tailed vocabulary), builds the binary, then times,
# taking turns RUNS times each so that load from elsewhere hits all alike:
#   1. postmortem stats DIR          (finding and loading every file: the floor)
#   2. postmortem site DIR -o OUT    (the whole site: index, N pages with their
#                                     related incidents, overdue actions, trends)
#   3. with BASE (a commit, e.g. main), the site built by that commit's
#      binary, into its own folder, and checked to be byte-identical
# and prints the median wall-clock and CPU time and the peak memory of
# each, the site's median over the floor's and, with BASE, this tree's
# site over BASE's, run by run. The issue's target: 10,000 postmortems in
# under 5 seconds. The folder is removed afterwards.
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
BASE=${3:-}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/postmortem" ./cmd/postmortem
names="stats site"
if [ -n "$BASE" ]; then
  mkdir "$work/base-src"
  git archive "$BASE" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && go build -o "$work/postmortem-base" ./cmd/postmortem)
  names="stats site base"
fi
go run ./internal/incidentgen/genincidents "$work/pm" "$N"
echo "generated $N postmortems ($(du -sm "$work/pm" | cut -f1) MB) in $work/pm"
cat "$work"/pm/*.yaml >/dev/null # warm the page cache for all

run_once() { # NAME CMD...: append "wall cpu rss_kb" of one run to $work/runs.NAME
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.$name" "$@" >/dev/null 2>"$work/err.$name" || { cat "$work/err.$name" >&2; exit 1; }
  tail -n 1 "$work/time.$name" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' >>"$work/runs.$name"
}
median() { # FILE COLUMN
  sort -n -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for i in $(seq "$RUNS"); do
  run_once stats "$work/postmortem" stats "$work/pm"
  run_once site "$work/postmortem" site "$work/pm" -o "$work/out"
  line=$(printf 'run %d: stats %ss, site %ss' "$i" "$(tail -n 1 "$work/runs.stats" | cut -d' ' -f1)" "$(tail -n 1 "$work/runs.site" | cut -d' ' -f1)")
  if [ -n "$BASE" ]; then
    run_once base "$work/postmortem-base" site "$work/pm" -o "$work/out-base"
    line="$line, $BASE's site $(tail -n 1 "$work/runs.base" | cut -d' ' -f1)s"
  fi
  echo "$line"
done
for name in $names; do
  printf '%-6s median %6.2f s wall %6.2f s CPU   peak %6.1f MB   (%d runs)\n' "$name" \
    "$(median "$work/runs.$name" 1)" "$(median "$work/runs.$name" 2)" \
    "$(sort -n -k3,3 "$work/runs.$name" | tail -n 1 | awk '{ print $3 / 1024 }')" "$RUNS"
done
echo "site pages: $(find "$work/out" -name '*.html' | wc -l), $(du -sm "$work/out" | cut -f1) MB"
paste -d' ' "$work/runs.stats" "$work/runs.site" | awk '{ print $4 / $1 }' >"$work/ratios"
printf 'site / stats, run by run: median %.2fx\n' "$(median "$work/ratios" 1)"
if [ -n "$BASE" ]; then
  paste -d' ' "$work/runs.base" "$work/runs.site" | awk '{ print $4 / $1, $5 / $2 }' >"$work/ratios"
  printf 'site / %s site, run by run: median %.2fx wall, %.2fx CPU\n' "$BASE" "$(median "$work/ratios" 1)" "$(median "$work/ratios" 2)"
  diff -r -q "$work/out" "$work/out-base" >/dev/null && echo "the two sites are byte-identical" || echo "the two sites differ (diff -r shows where)"
fi
