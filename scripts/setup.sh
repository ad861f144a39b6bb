#!/usr/bin/env bash
# Everything the test suite needs beyond npm packages, installed idempotently (runs before `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh   # chromium for the HTML report test
bash scripts/setup-tools.sh    # helm (kubectl with kustomize is on the machine)
bash scripts/setup-images.sh   # podman, skopeo, a registry, debootstrap'd Debian for the image tests
