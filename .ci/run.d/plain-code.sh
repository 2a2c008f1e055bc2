#!/usr/bin/env bash
# Plain-code limits: no unsafe, complexity, file length (scripts/check-plain.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/check-plain.sh
