#!/usr/bin/env bash
# What the image tests need, installed idempotently (fast when already present):
# container tooling from Debian, and a cached debootstrap Debian root file system (the slow part,
# ~30 s to 2 min depending on the mirror) plus one .deb to install in a second image layer.
set -euo pipefail
PACKAGES=(podman runc skopeo umoci busybox-static docker-registry debootstrap zstd apache2-utils openssl curl golang-go zip libcommons-io-java rpm gnupg db5.3-util)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

CACHE="${PALISADE_IMAGE_CACHE:-/var/cache/palisade-images}"
mkdir -p "$CACHE"
if [ ! -f "$CACHE/bookworm-minbase/var/lib/dpkg/status" ]; then
  echo "debootstrap: Debian bookworm minbase into $CACHE/bookworm-minbase"
  rm -rf "$CACHE/bookworm-minbase.tmp"
  debootstrap --variant=minbase bookworm "$CACHE/bookworm-minbase.tmp" http://deb.debian.org/debian >/dev/null
  mv "$CACHE/bookworm-minbase.tmp" "$CACHE/bookworm-minbase"
fi
if ! ls "$CACHE"/busybox-static_*.deb >/dev/null 2>&1; then
  (cd "$CACHE" && apt-get download -qq busybox-static)
fi
echo "image test tooling ready"
