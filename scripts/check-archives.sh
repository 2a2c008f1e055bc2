#!/usr/bin/env bash
# Checks a goreleaser dist/ folder by script, not by eye:
#   - one archive per target (linux, darwin, windows x amd64, arm64), each
#     holding the binary, README.md, LICENSE, CHANGELOG.md, the four
#     completion scripts and the gzipped man page;
#   - every binary built with CGO_ENABLED=0 and -trimpath (go version -m);
#   - the binary for this machine prints the injected version,
#     "postmortem v<version> (<commit>, <date>)", and its bash completion
#     completes a flag value (when bash-completion is installed);
#   - the deb installs completions and the man page where Debian expects
#     them (the rpm too, when rpm is installed);
#   - checksums.txt matches every archive and package.
# Usage: scripts/check-archives.sh [DIST]   (default dist)
set -euo pipefail
dist=${1:-dist}
[ -d "$dist" ] || { echo "check-archives: $dist: no such directory (run scripts/release-check.sh)" >&2; exit 2; }

fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
ok() { echo "ok:   $*"; }

# The version goreleaser built, from its metadata.
version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$dist/metadata.json" | head -1)
commit=$(sed -n 's/.*"commit": *"\([^"]*\)".*/\1/p' "$dist/metadata.json" | head -1)
[ -n "$version" ] || { echo "check-archives: no version in $dist/metadata.json" >&2; exit 2; }
echo "version $version, commit ${commit:0:12}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

want_files="README.md LICENSE CHANGELOG.md completions/postmortem.bash completions/_postmortem completions/postmortem.fish completions/postmortem.ps1 manpages/postmortem.1.gz"
host_os=$(go env GOOS)
host_arch=$(go env GOARCH)
archives=0
for os in linux darwin windows; do
  for arch in amd64 arm64; do
    ext=tar.gz bin=postmortem
    [ "$os" = windows ] && ext=zip bin=postmortem.exe
    a="$dist/postmortem_${version}_${os}_${arch}.$ext"
    if [ ! -f "$a" ]; then bad "$a: missing"; continue; fi
    archives=$((archives + 1))
    d="$tmp/${os}_$arch"
    mkdir -p "$d"
    if [ "$ext" = zip ]; then unzip -q "$a" -d "$d"; else tar -xzf "$a" -C "$d"; fi
    missing=""
    for f in $bin $want_files; do
      [ -s "$d/$f" ] || missing="$missing $f"
    done
    if [ -n "$missing" ]; then bad "$(basename "$a"): missing$missing"; continue; fi
    if ! gzip -dc "$d/manpages/postmortem.1.gz" | head -1 | grep -q '^\.TH POSTMORTEM 1 '; then
      bad "$(basename "$a"): manpages/postmortem.1.gz is not a roff page"
    fi
    if ! grep -q '__start_postmortem' "$d/completions/postmortem.bash"; then
      bad "$(basename "$a"): completions/postmortem.bash is not a bash completion"
    fi
    settings=$(go version -m "$d/$bin")
    for s in "build	-trimpath=true" "build	CGO_ENABLED=0" "build	GOOS=$os" "build	GOARCH=$arch"; do
      grep -qF "$s" <<<"$settings" || bad "$(basename "$a"): binary not built with ${s#build	}"
    done
    ok "$(basename "$a"): binary, completions, man page, README, LICENSE, CHANGELOG"
    if [ "$os" = "$host_os" ] && [ "$arch" = "$host_arch" ]; then
      got=$("$d/$bin" --version)
      if [[ "$got" == "postmortem v$version (${commit:0:7}"*", "*")" ]]; then
        ok "--version of the $os/$arch build: $got"
      else
        bad "--version of the $os/$arch build printed '$got'; want 'postmortem v$version (${commit:0:7}, DATE)'"
      fi
      # The shipped bash completion completes flag values through the binary
      # (needs the bash-completion package for _get_comp_words_by_ref).
      if [ -f /usr/share/bash-completion/bash_completion ]; then
        reply=$(PATH="$d:$PATH" bash -c 'source /usr/share/bash-completion/bash_completion
          source "$1"
          COMP_LINE="postmortem render --format "; COMP_POINT=${#COMP_LINE}
          COMP_WORDS=(postmortem render --format ""); COMP_CWORD=3
          __start_postmortem postmortem "" --format; echo "${COMPREPLY[*]}"' _ "$d/completions/postmortem.bash" 2>/dev/null)
        if [ "$reply" = "markdown json yaml" ]; then
          ok "bash completion of 'postmortem render --format ': $reply"
        else
          bad "bash completion of 'postmortem render --format ' gave '$reply'; want 'markdown json yaml'"
        fi
      else
        echo "skip: bash-completion not installed; the bash completion was not run"
      fi
    fi
  done
done
[ "$archives" = 6 ] || bad "found $archives of 6 archives"

# Packages: completions and man page where the distributions look.
pkg_files="/usr/bin/postmortem /usr/share/bash-completion/completions/postmortem /usr/share/fish/vendor_completions.d/postmortem.fish /usr/share/man/man1/postmortem.1.gz"
debs=$(find "$dist" -maxdepth 1 -name '*.deb' | sort)
rpms=$(find "$dist" -maxdepth 1 -name '*.rpm' | sort)
[ "$(wc -w <<<"$debs")" = 2 ] || bad "want 2 deb packages (amd64, arm64), found: $debs"
[ "$(wc -w <<<"$rpms")" = 2 ] || bad "want 2 rpm packages (x86_64, aarch64), found: $rpms"
for p in $debs; do
  if ! command -v dpkg-deb >/dev/null; then echo "skip: dpkg-deb not installed; $p not inspected"; continue; fi
  list=$(dpkg-deb -c "$p" | awk '{print $NF}' | sed 's|^\./|/|')
  missing=""
  for f in $pkg_files /usr/share/zsh/vendor-completions/_postmortem /usr/share/doc/postmortem/copyright; do
    grep -qxF "$f" <<<"$list" || missing="$missing $f"
  done
  if [ -n "$missing" ]; then bad "$(basename "$p"): missing$missing"; else ok "$(basename "$p"): binary, completions, man page, copyright"; fi
done
for p in $rpms; do
  if ! command -v rpm >/dev/null; then echo "skip: rpm not installed (apt-get install rpm); $(basename "$p") not inspected"; continue; fi
  list=$(rpm -qlp "$p" 2>/dev/null)
  missing=""
  for f in $pkg_files /usr/share/zsh/site-functions/_postmortem; do
    grep -qxF "$f" <<<"$list" || missing="$missing $f"
  done
  if [ -n "$missing" ]; then bad "$(basename "$p"): missing$missing"; else ok "$(basename "$p"): binary, completions, man page"; fi
done

# Checksums cover every archive and package, and match.
if (cd "$dist" && sha256sum --quiet -c checksums.txt); then
  n=$(wc -l <"$dist/checksums.txt")
  ok "checksums.txt: $n files match"
  for f in "$dist"/*.tar.gz "$dist"/*.zip $debs $rpms; do
    grep -q " $(basename "$f")\$" "$dist/checksums.txt" || bad "checksums.txt does not cover $(basename "$f")"
  done
else
  bad "checksums.txt does not match"
fi

if [ "$fail" != 0 ]; then
  echo "check-archives: FAILED" >&2
  exit 1
fi
echo "check-archives: all good"
