#!/usr/bin/env bash
# Generates what the release ships beside the binary: shell completions and
# the man page, into dist-assets/ (gitignored). goreleaser runs it as a
# before-hook with the release version; run it by hand to look at them:
#
#   scripts/gen-assets.sh [VERSION]
#
# The files come from the command tree itself (`postmortem completion`,
# `postmortem man`), built for the machine running the release, so they can
# never drift from the flags. SOURCE_DATE_EPOCH (default: the last commit's
# time) dates the man page and gzip -n drops the file time, so two runs on
# the same commit give the same bytes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=${1:-}
out=dist-assets
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin="$tmp/postmortem"
ldflags=""
if [ -n "$version" ]; then
  ldflags="-X github.com/postmortem-cli/postmortem/internal/cli.version=$version"
fi
CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin" ./cmd/postmortem

rm -rf "$out"
mkdir -p "$out/completions" "$out/man"
"$bin" completion bash >"$out/completions/postmortem.bash"
"$bin" completion zsh >"$out/completions/_postmortem"
"$bin" completion fish >"$out/completions/postmortem.fish"
"$bin" completion powershell >"$out/completions/postmortem.ps1"
"$bin" man | gzip -9n >"$out/man/postmortem.1.gz"

for f in "$out"/completions/* "$out"/man/*; do
  [ -s "$f" ] || { echo "gen-assets: $f is empty" >&2; exit 1; }
done
echo "gen-assets: wrote $(find "$out" -type f | wc -l) files to $out/"
