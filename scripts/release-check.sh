#!/usr/bin/env bash
# Checks the release configuration end to end without publishing anything:
#   1. installs the pinned goreleaser (go install, ~5 minutes the first time;
#      later runs reuse it),
#   2. goreleaser check          (.goreleaser.yaml is valid, nothing deprecated),
#   3. goreleaser release --snapshot --clean --skip=publish
#                                (every target builds; archives, deb, rpm,
#                                 checksums and the cask land in dist/),
#   4. scripts/check-archives.sh (each archive and package holds the binary,
#                                 completions and man page; the version is
#                                 the injected one).
# Needs Go, git and the Go module proxy; takes a few minutes on 2 cores.
# GORELEASER_BIN_DIR picks where goreleaser is installed (default GOPATH/bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GORELEASER_VERSION=v2.15.1 # bump deliberately; the config uses v2 keys

bindir=${GORELEASER_BIN_DIR:-$(go env GOPATH)/bin}
goreleaser="$bindir/goreleaser"
if ! "$goreleaser" --version 2>/dev/null | grep -Eq "GitVersion:[[:space:]]+$GORELEASER_VERSION\$"; then
  echo "==> installing goreleaser $GORELEASER_VERSION into $bindir"
  GOBIN="$bindir" go install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION"
fi

echo "==> goreleaser check"
"$goreleaser" check

echo "==> goreleaser release --snapshot --clean --skip=publish"
start=$(date +%s)
"$goreleaser" release --snapshot --clean --skip=publish
echo "snapshot release took $(($(date +%s) - start)) s"

echo "==> scripts/check-archives.sh"
bash scripts/check-archives.sh dist
