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
#   2. postmortem site DIR -o NEW    (the whole site: index, N pages with their
#                                     related incidents, overdue actions, trends,
#                                     into a new folder each run, as CI does)
#   3. postmortem site DIR -o OUT    (rebuilding run 1's site in its folder)
#   4. with BASE (a commit, e.g. main), 2 and 3 by that commit's binary,
#      into folders of its own, and checked to be byte-identical
# and prints the median wall-clock and CPU time and the peak memory of
# each, the site's median over the floor's and, with BASE, this tree's
# over BASE's, run by run. The issue's target: 10,000 postmortems in
# under 5 seconds. The folders are removed afterwards (not between runs:
# creating files where thousands were just deleted is slower on ext4,
# which would charge one side for the other's removals).
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
BASE=${3:-}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/postmortem" ./cmd/postmortem
names="stats site rebuild"
if [ -n "$BASE" ]; then
  mkdir "$work/base-src"
  git archive "$BASE" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && go build -o "$work/postmortem-base" ./cmd/postmortem)
  names="stats site rebuild base base-re"
fi
go run ./internal/incidentgen/genincidents "$work/pm" "$N"
echo "generated $N postmortems ($(du -sm "$work/pm" | cut -f1) MB) in $work/pm"
cat "$work"/pm/*.yaml >/dev/null # warm the page cache for all

run_once() { # NAME CMD...: append "wall cpu rss_kb" of one run to $work/runs.NAME
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.$name" "$@" >/dev/null 2>"$work/err.$name" || { cat "$work/err.$name" >&2; exit 1; }
  tail -n 1 "$work/time.$name" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' >>"$work/runs.$name"
}
last() { tail -n 1 "$work/runs.$1" | cut -d' ' -f1; } # NAME: the last run's wall time
median() { # FILE COLUMN
  sort -n -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for i in $(seq "$RUNS"); do
  run_once stats "$work/postmortem" stats "$work/pm"
  run_once site "$work/postmortem" site "$work/pm" -o "$work/out.$i"
  run_once rebuild "$work/postmortem" site "$work/pm" -o "$work/out.1"
  line=$(printf 'run %d: stats %ss, site %ss, rebuild %ss' "$i" "$(last stats)" "$(last site)" "$(last rebuild)")
  if [ -n "$BASE" ]; then
    run_once base "$work/postmortem-base" site "$work/pm" -o "$work/out-base.$i"
    run_once base-re "$work/postmortem-base" site "$work/pm" -o "$work/out-base.1"
    line="$line; $BASE's site $(last base)s, rebuild $(last base-re)s"
  fi
  echo "$line"
done
for name in $names; do
  printf '%-7s median %6.2f s wall %6.2f s CPU   peak %6.1f MB   (%d runs)\n' "$name" \
    "$(median "$work/runs.$name" 1)" "$(median "$work/runs.$name" 2)" \
    "$(sort -n -k3,3 "$work/runs.$name" | tail -n 1 | awk '{ print $3 / 1024 }')" "$RUNS"
done
echo "site pages: $(find "$work/out.1" -name '*.html' | wc -l), $(du -sm "$work/out.1" | cut -f1) MB"
paste -d' ' "$work/runs.stats" "$work/runs.site" | awk '{ print $4 / $1 }' >"$work/ratios"
printf 'site / stats, run by run: median %.2fx\n' "$(median "$work/ratios" 1)"
if [ -n "$BASE" ]; then
  for pair in "site base" "rebuild base-re"; do
    set -- $pair
    paste -d' ' "$work/runs.$2" "$work/runs.$1" | awk '{ print $4 / $1, $5 / $2 }' >"$work/ratios"
    printf '%s / %s %s, run by run: median %.2fx wall, %.2fx CPU\n' "$1" "$BASE" "$1" "$(median "$work/ratios" 1)" "$(median "$work/ratios" 2)"
  done
  same=yes
  for i in $(seq "$RUNS"); do
    diff -r -q "$work/out.$i" "$work/out-base.$i" >/dev/null || same=no
  done
  [ "$same" = yes ] && echo "the sites are byte-identical, run by run" || echo "the sites differ (diff -r shows where)"
fi
