#!/usr/bin/env bash
# Benchmark `postmortem lint` against markdownlint-cli2 and a bare goldmark
# parse of the same files, in one run.
#
#   scripts/bench-lint.sh [N]          (default: 10000 reports)
#
# Generates N synthetic Markdown postmortems (internal/lint/bench: the
# course template's shape, a third clean, the rest with leftovers, missing
# zone lines, headings off by one, tokens, owners missing, mismatched
# durations) in a temporary folder, then times with /usr/bin/time:
#   1. a bare goldmark parse of every file (read + parse, GOMAXPROCS workers);
#   2. postmortem lint on the folder (import, every rule, text output);
#   3. markdownlint-cli2, installed from npm into the temporary folder and
#      configured for comparable structural checks (heading levels and
#      style, a single title, first line a heading, blank lines around
#      headings and lists, list style, duplicate headings, trailing spaces).
# The parse and postmortem lint run RUNS times each, taking turns (default
# 5); markdownlint-cli2, ten times slower, runs once. It prints the median
# wall-clock and CPU time and the peak memory of each, and the ratios the
# lint issue sets targets for (10,000 files: at least 20x faster than
# markdownlint-cli2, within 2x of the goldmark parse, under 100 MB).
# Set SKIP_MARKDOWNLINT=1 to skip the npm step (no registry access).
# Set BASE=REV (a commit) to build postmortem at REV too and run it in the
# same turns, side by side: the ratio to it is printed last.
set -euo pipefail
N=${1:-10000}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/postmortem" ./cmd/postmortem
go build -o "$work/lintbench" ./internal/lint/bench/lintbench
if [ -n "${BASE:-}" ]; then
  mkdir "$work/base"
  git archive "$BASE" | tar -x -C "$work/base"
  (cd "$work/base" && go build -o "$work/postmortem-base" ./cmd/postmortem)
fi
"$work/lintbench" gen "$work/reports" "$N"
size=$(du -sm "$work/reports" | cut -f1)
echo "generated $N reports ($size MB) in $work/reports"

# run_once NAME CMD...: run CMD in the reports folder and append its
# wall-clock seconds, CPU seconds (user + system: steadier than wall-clock
# on a busy machine) and peak RSS (kB) to $work/runs.NAME. A non-zero exit
# is expected from linters that find things.
run_once() {
  local name=$1; shift
  ( cd "$work/reports" && /usr/bin/time -f '%e %U %S %M' -o "$work/time.$name" "$@" >"$work/out.$name" 2>&1 ) || true
  tail -n 1 "$work/time.$name" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' >>"$work/runs.$name"
}

# summarize NAME: the median wall and CPU of NAME's runs, and the largest
# peak memory, into secs, cpu and rss; prints one line.
declare -A secs cpu rss
summarize() {
  local name=$1 n
  n=$(wc -l <"$work/runs.$name")
  secs[$name]=$(sort -n -k1,1 "$work/runs.$name" | awk -v m=$(( (n + 1) / 2 )) 'NR == m { print $1 }')
  cpu[$name]=$(sort -n -k2,2 "$work/runs.$name" | awk -v m=$(( (n + 1) / 2 )) 'NR == m { print $2 }')
  rss[$name]=$(sort -n -k3,3 "$work/runs.$name" | tail -n 1 | awk '{ print $3 }')
  printf '%-18s %8.2f s wall %8.2f s CPU   peak %6.1f MB   median of %d  (%s)\n' "$name" "${secs[$name]}" "${cpu[$name]}" "$(echo "${rss[$name]} / 1024" | bc -l)" "$n" "$(tail -n 1 "$work/out.$name" | cut -c1-50)"
}

cat "$work"/reports/*/*.md >/dev/null # warm the page cache for everyone
# The parse and the linter take turns, RUNS times each (default 5), so
# that a burst of load from elsewhere hits both alike; medians are quoted.
for _ in $(seq "${RUNS:-5}"); do
  run_once goldmark "$work/lintbench" parse .
  run_once postmortem "$work/postmortem" lint .
  if [ -n "${BASE:-}" ]; then
    run_once postmortem@base "$work/postmortem-base" lint .
  fi
done
summarize goldmark
summarize postmortem
if [ -n "${BASE:-}" ]; then
  summarize postmortem@base
fi

if [ "${SKIP_MARKDOWNLINT:-}" = "" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/mdl" markdownlint-cli2@0.24.1 >/dev/null
  cat >"$work/reports/.markdownlint-cli2.jsonc" <<'JSON'
{
  "config": {
    "default": false,
    "MD001": true,
    "MD003": { "style": "atx" },
    "MD004": { "style": "dash" },
    "MD009": true,
    "MD022": true,
    "MD024": { "siblings_only": true },
    "MD025": true,
    "MD032": true,
    "MD041": true
  }
}
JSON
  run_once markdownlint-cli2 node "$work/mdl/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs" "**/*.md"
  summarize markdownlint-cli2
fi

ratio() { echo "scale=1; $1 / $2" | bc -l; }
echo
echo "                                      wall    CPU"
echo "postmortem lint / goldmark parse:     $(ratio "${secs[postmortem]}" "${secs[goldmark]}")x   $(ratio "${cpu[postmortem]}" "${cpu[goldmark]}")x   (target: at most 2x)"
if [ -n "${secs[markdownlint-cli2]:-}" ]; then
  echo "markdownlint-cli2 / postmortem lint:  $(ratio "${secs[markdownlint-cli2]}" "${secs[postmortem]}")x   $(ratio "${cpu[markdownlint-cli2]}" "${cpu[postmortem]}")x   (target: at least 20x)"
fi
echo "postmortem lint peak memory:           $(echo "scale=1; ${rss[postmortem]} / 1024" | bc -l) MB   (target: under 100 MB)"
if [ -n "${BASE:-}" ]; then
  echo "postmortem lint / the same at $BASE:  $(echo "scale=2; ${secs[postmortem]} / ${secs[postmortem@base]}" | bc -l)x   $(echo "scale=2; ${cpu[postmortem]} / ${cpu[postmortem@base]}" | bc -l)x"
fi
