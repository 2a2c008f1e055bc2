#!/usr/bin/env bash
# The language server's end-to-end test with a real editor: headless
# Neovim (Debian's neovim package, installed here when missing) drives
# `postmortem lsp` (testdata/script/lsp_neovim.txtar). `go test ./...`
# skips that script on a machine without nvim; here a missing nvim, or
# the script skipping, is a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim not found: installing Debian's neovim"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y neovim
fi
if ! command -v nvim >/dev/null 2>&1; then
  echo "lsp.sh: nvim still cannot be found after installing neovim" >&2
  exit 1
fi
nvim --version | head -1

out=$(go test ./internal/cli -run 'TestScripts/lsp_neovim$' -count=1 -v 2>&1) || { echo "$out"; exit 1; }
echo "$out" | grep -E '^\s*--- (PASS|FAIL|SKIP)' || true
if ! echo "$out" | grep -qE -- '--- PASS: TestScripts/lsp_neovim'; then
  echo "$out"
  echo "lsp.sh: the Neovim end-to-end test did not pass (skipped?)" >&2
  exit 1
fi
echo "lsp: Neovim end-to-end test passed"
