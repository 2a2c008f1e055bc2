#!/usr/bin/env bash
# `postmortem timeline --git` reads history through the git binary, and its
# tests skip cleanly where git is missing. CI must not skip them: install
# git when it is missing (Debian), then fail unless they ran and passed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if ! command -v git >/dev/null 2>&1; then
  apt-get update
  apt-get install -y --no-install-recommends git
fi
out=$(go test -count=1 -v -run 'TestReadGit$|TestScripts/timeline_git$' ./internal/evidence ./internal/cli 2>&1) || {
  echo "$out"; exit 1
}
for t in 'TestReadGit' 'TestScripts/timeline_git'; do
  if ! grep -q -- "--- PASS: $t " <<<"$out"; then
    echo "$out"; echo "timeline git tests: $t did not run and pass"; exit 1
  fi
done
echo "timeline git tests ran and passed"
