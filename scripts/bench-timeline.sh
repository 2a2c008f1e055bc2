#!/usr/bin/env bash
# Benchmark `postmortem timeline --all` end to end on a generated Slack
# export.
#
#   scripts/bench-timeline.sh [MESSAGES] [RUNS]   (defaults: 50000 messages, 5 runs)
#
# Generates an export the way Slack writes one: channels.json (with
# pins), users.json (200 people, with profiles), and one incident channel
# of MESSAGES messages over 60 day files, each message carrying what real
# exports carry and the timeline never reads (client_msg_id, team fields,
# a user_profile, rich-text blocks), with mentions, links and escapes in
# the text, reactions, threads, edits, bot alerts with attachments and
# join notices. Messages are about 1 KB each, as in real exports. It
# builds the binary and times `postmortem timeline --all` (YAML on
# stdout, thrown away) on the folder and on the same export zipped, after
# one warm-up run, RUNS times each, printing
# wall clock, CPU time and peak memory (maximum resident set) per run and
# the medians. The issue's target: under 1 s and 100 MB.
set -euo pipefail
N=${1:-50000}
RUNS=${2:-5}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/postmortem" ./cmd/postmortem

exp="$work/export"
mkdir -p "$exp/inc-checkout"
awk -v n="$N" -v dir="$exp" 'BEGIN {
  users = 200; days = 60; base = 1730419200  # 2024-11-01T00:00:00Z
  f = dir "/users.json"
  printf "[\n" > f
  for (u = 0; u < users; u++) {
    printf "  {\"id\": \"U%05d\", \"team_id\": \"T0ACME\", \"name\": \"user.%d\", \"deleted\": false, \"real_name\": \"User Number %d\", \"tz\": \"America/New_York\", \"profile\": {\"real_name\": \"User Number %d\", \"display_name\": \"%s\", \"email\": \"user.%d@acme.dev\", \"image_72\": \"https://avatars.example/%d.png\"}, \"is_bot\": false}%s\n", u, u, u, u, (u % 3 ? "user" u : ""), u, u, (u < users - 1 ? "," : "") > f
  }
  printf "]\n" > f; close(f)
  f = dir "/channels.json"
  printf "[{\"id\": \"C0INC42\", \"name\": \"inc-checkout\", \"created\": %d, \"creator\": \"U00000\", \"is_archived\": false, \"pins\": [", base > f
  for (p = 0; p < 20; p++) printf "%s{\"id\": \"%d.%06d\", \"type\": \"C\", \"created\": %d, \"user\": \"U00001\"}", (p ? ", " : ""), base + p * 4000 * 60, p * 4000, base > f
  printf "], \"topic\": {\"value\": \"checkout\"}, \"purpose\": {\"value\": \"\"}}]\n" > f; close(f)
  per = int((n + days - 1) / days)
  m = 0
  for (d = 0; d < days && m < n; d++) {
    f = sprintf("%s/inc-checkout/2024-%02d-%02d.json", dir, 11 + int((d + 1) / 31), (d % 30) + 1)
    printf "[\n" > f
    for (k = 0; k < per && m < n; k++) {
      sec = base + d * 86400 + int(k * 86400 / per); us = m % 1000000
      ts = sprintf("%d.%06d", sec, us)
      u = sprintf("U%05d", (m * 7) % users); v = sprintf("U%05d", (m * 13 + 1) % users)
      text = sprintf("<@%s> error rate on checkout-api is %d%% &gt; 5%%, see <https://grafana.acme.dev/d/checkout?orgId=1&amp;from=%d|the dashboard> and the deploy log; rolling back release %d.%d &amp; watching", v, m % 97, sec, m % 9, m % 31)
      extra = ""
      if (m % 50 == 0) extra = extra ", \"reactions\": [{\"name\": \"pushpin\", \"users\": [\"" v "\"], \"count\": 1}]"
      if (m % 17 == 0) extra = extra ", \"edited\": {\"user\": \"" u "\", \"ts\": \"" sec + 60 ".000000\"}"
      if (m % 23 == 0) extra = extra ", \"thread_ts\": \"" (sec - 600) ".000000\", \"parent_user_id\": \"" v "\""
      if (m % 101 == 0) {
        printf "%s  {\"type\": \"message\", \"subtype\": \"channel_join\", \"user\": \"%s\", \"text\": \"<@%s> has joined the channel\", \"ts\": \"%s\"}\n", (k ? "," : ""), u, u, ts > f
      } else if (m % 37 == 0) {
        printf "%s  {\"type\": \"message\", \"subtype\": \"bot_message\", \"username\": \"Grafana\", \"bot_id\": \"B0GRAF\", \"text\": \"\", \"ts\": \"%s\", \"attachments\": [{\"fallback\": \"[FIRING:1] CheckoutErrorRate checkout-api (error rate %d%% &gt; 5%%)\", \"title\": \"[FIRING:1] CheckoutErrorRate\", \"title_link\": \"https://grafana.acme.dev/alerting/%d\", \"text\": \"error rate %d%%\", \"color\": \"d63232\"}]%s}\n", (k ? "," : ""), ts, m % 97, m, m % 97, extra > f
      } else {
        printf "%s  {\"client_msg_id\": \"%08x-0000-4000-8000-%012d\", \"type\": \"message\", \"text\": \"%s\", \"user\": \"%s\", \"ts\": \"%s\", \"team\": \"T0ACME\", \"user_team\": \"T0ACME\", \"source_team\": \"T0ACME\", \"user_profile\": {\"avatar_hash\": \"g%06d\", \"image_72\": \"https://avatars.example/%s.png\", \"first_name\": \"User\", \"real_name\": \"User %s\", \"display_name\": \"user\", \"team\": \"T0ACME\", \"name\": \"user\", \"is_restricted\": false, \"is_ultra_restricted\": false}, \"blocks\": [{\"type\": \"rich_text\", \"block_id\": \"b%d\", \"elements\": [{\"type\": \"rich_text_section\", \"elements\": [{\"type\": \"user\", \"user_id\": \"%s\"}, {\"type\": \"text\", \"text\": \" error rate on checkout-api is %d%% > 5%%, see \"}, {\"type\": \"link\", \"url\": \"https://grafana.acme.dev/d/checkout?orgId=1\", \"text\": \"the dashboard\"}, {\"type\": \"text\", \"text\": \" and the deploy log; rolling back & watching\"}]}]}]%s}\n", (k ? "," : ""), m, m, text, u, ts, m, u, u, m, v, m % 97, extra > f
      }
      m++
    }
    printf "]\n" > f; close(f)
  }
}'
(cd "$exp" && zip -qr "$work/export.zip" .)
echo "generated $N messages: $(find "$exp" -name '*.json' | wc -l) files, $(du -sh "$exp" | cut -f1) ($(du -h "$work/export.zip" | cut -f1) zipped) on $(nproc) CPU(s)"

run() { # label, source
  "$work/postmortem" timeline --slack "$2" --channel inc-checkout --all > "$work/out.yaml" 2> "$work/err.txt"
  echo "$1: $(grep -c '^  - time: ' "$work/out.yaml") entries, $(du -h "$work/out.yaml" | cut -f1) of YAML; $(head -1 "$work/err.txt" | cut -c1-60)"
  walls=() mems=()
  for ((r = 1; r <= RUNS; r++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$work/postmortem" timeline --slack "$2" --channel inc-checkout --all > /dev/null 2>&1
    read -r wall user sys rss < "$work/time.txt"
    walls+=("$wall") mems+=("$rss")
    printf '  run %d: %s s wall, %s s user + %s s sys CPU, %d MB peak memory\n' "$r" "$wall" "$user" "$sys" $((rss / 1024))
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
  printf '  median: %s s wall, %d MB peak memory (target: under 1 s and 100 MB)\n' "$(median "${walls[@]}")" $(($(median "${mems[@]}") / 1024))
}
# The machine may be shared: the load average says how far to trust the
# wall-clock figures.
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
run "folder" "$exp"
run "zip" "$work/export.zip"
