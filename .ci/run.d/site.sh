#!/usr/bin/env bash
# The static site in a real browser: installs Debian's chromium when it
# is missing, then runs the browser tests of internal/site (the index's
# search and filters, a postmortem page's timeline and metrics, a chart
# drawn on screen, and no request leaving the site). Fails when chromium
# cannot be had or a test fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is missing: installing Debian's package"
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is still not on PATH after apt-get install chromium" >&2
  exit 1
fi
chromium --version
POSTMORTEM_BROWSER_TESTS=1 POSTMORTEM_REQUIRE_CHROMIUM=1 go test -count=1 -run 'Browser' ./internal/site/
