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
# It prints wall-clock time and peak memory of each, and the ratios the
# lint issue sets targets for (10,000 files: at least 20x faster than
# markdownlint-cli2, within 2x of the goldmark parse, under 100 MB).
# Set SKIP_MARKDOWNLINT=1 to skip the npm step (no registry access).
set -euo pipefail
N=${1:-10000}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/postmortem" ./cmd/postmortem
go build -o "$work/lintbench" ./internal/lint/bench/lintbench
"$work/lintbench" gen "$work/reports" "$N"
size=$(du -sm "$work/reports" | cut -f1)
echo "generated $N reports ($size MB) in $work/reports"

# measure NAME CMD...: run CMD in the reports folder, record wall-clock
# seconds, CPU seconds (user + system: steadier than wall-clock on a busy
# machine) and peak RSS (kB). A non-zero exit is expected from linters
# that find things.
declare -A secs cpu rss
measure() {
  local name=$1; shift
  local u s
  ( cd "$work/reports" && /usr/bin/time -f '%e %U %S %M' -o "$work/time.$name" "$@" >"$work/out.$name" 2>&1 ) || true
  read -r secs[$name] u s rss[$name] < <(tail -n 1 "$work/time.$name")
  cpu[$name]=$(echo "$u + $s" | bc -l)
  printf '%-18s %8.2f s wall %8.2f s CPU   peak %6.1f MB   (%s)\n' "$name" "${secs[$name]}" "${cpu[$name]}" "$(echo "${rss[$name]} / 1024" | bc -l)" "$(tail -n 1 "$work/out.$name" | cut -c1-60)"
}

cat "$work"/reports/*/*.md >/dev/null # warm the page cache for everyone
measure goldmark "$work/lintbench" parse .
measure postmortem "$work/postmortem" lint .

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
  measure markdownlint-cli2 node "$work/mdl/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs" "**/*.md"
fi

ratio() { echo "scale=1; $1 / $2" | bc -l; }
echo
echo "                                      wall    CPU"
echo "postmortem lint / goldmark parse:     $(ratio "${secs[postmortem]}" "${secs[goldmark]}")x   $(ratio "${cpu[postmortem]}" "${cpu[goldmark]}")x   (target: at most 2x)"
if [ -n "${secs[markdownlint-cli2]:-}" ]; then
  echo "markdownlint-cli2 / postmortem lint:  $(ratio "${secs[markdownlint-cli2]}" "${secs[postmortem]}")x   $(ratio "${cpu[markdownlint-cli2]}" "${cpu[postmortem]}")x   (target: at least 20x)"
fi
echo "postmortem lint peak memory:           $(echo "scale=1; ${rss[postmortem]} / 1024" | bc -l) MB   (target: under 100 MB)"
