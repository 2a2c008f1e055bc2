#!/usr/bin/env bash
# Regenerate the screenshots of the static site shown in the README:
# docs/site-index.png (the index, filtered to one service) and
# docs/site-incident.png (one postmortem's page). Builds a site from 150
# generated postmortems (internal/incidentgen) and photographs it in
# headless Chromium (Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 1; }

go build -o "$work/postmortem" ./cmd/postmortem
go run ./internal/incidentgen/genincidents "$work/pm" 150 14
(cd "$work" && SOURCE_DATE_EPOCH=1748736000 ./postmortem site pm -o site --title "Payments platform incidents" >/dev/null)

shoot() { # URL OUT WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --force-device-scale-factor=1 \
    --host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$work/profile-$(basename "$2")" \
    --window-size="$3,$4" --screenshot="$2" "$1" 2>/dev/null
}
page=$(ls "$work/site/incidents" | grep checkout-timeout | tail -n 1)
shoot "file://$work/site/index.html#service=checkout" docs/site-index.png 1280 860
shoot "file://$work/site/incidents/$page" docs/site-incident.png 1280 2650
ls -l docs/site-index.png docs/site-incident.png
