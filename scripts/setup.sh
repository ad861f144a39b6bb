#!/usr/bin/env bash
# Everything the test suite needs beyond npm packages, installed idempotently (runs before `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
if [ -f scripts/setup-tools.sh ]; then bash scripts/setup-tools.sh; fi
