#!/usr/bin/env bash
# Plain-code checks the project holds itself to (CONTRIBUTING.md, "Plain
# code"): no unsafe in any non-test package; encoding/binary only where
# binary data is read (no package does today); no non-test function above
# cyclomatic complexity 40, none of the importer's (internal/markdown)
# above 25; no non-test Go file above 800 lines. It prints each package's
# highest complexity and exits 1 on a breach.
#
#   scripts/check-plain.sh
#
# Complexity is gocyclo's count, run through `go run` at a pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."
GOCYCLO=github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
fail=0

bad=$(go list -f '{{.ImportPath}}: {{join .Imports " "}}' ./... | grep -E ' unsafe( |$)| encoding/binary( |$)' || true)
if [ -n "$bad" ]; then
  echo "unsafe or encoding/binary imported by:"; echo "$bad"; fail=1
fi

# gocyclo lines: COMPLEXITY PACKAGE FUNCTION FILE:LINE:COL
go run "$GOCYCLO" -ignore '_test\.go$|/testdata/' cmd internal templates >"${TMPDIR:-/tmp}/cyclo.$$" || true
trap 'rm -f "${TMPDIR:-/tmp}/cyclo.$$"' EXIT
echo "highest complexity per package:"
awk '{ split($4, f, "/"); dir = $4; sub(/\/[^\/]*$/, "", dir); if (!(dir in top) || $1 > top[dir]) { top[dir] = $1; fn[dir] = $3 } }
     END { for (d in top) printf "  %3d  %-32s %s\n", top[d], d, fn[d] }' "${TMPDIR:-/tmp}/cyclo.$$" | sort -k2
over=$(awk '$1 > 40 || ($1 > 25 && $4 ~ /^internal\/markdown\//)' "${TMPDIR:-/tmp}/cyclo.$$")
if [ -n "$over" ]; then
  echo "above the limits (40; 25 in internal/markdown):"; echo "$over"; fail=1
fi

long=$(git ls-files '*.go' | grep -v '_test\.go$' | xargs wc -l | awk '$2 != "total" && $1 > 800')
if [ -n "$long" ]; then
  echo "files above 800 lines:"; echo "$long"; fail=1
fi
exit $fail
