#!/usr/bin/env bash
# Builds the pinned k6 from the Go module proxy (nothing else is downloaded) into a cache outside
# the work tree, so clean clones on the same machine reuse it. Prints the binary's path.
# Cold build: about 2 minutes on 2 cores (module download + compile); cached: instant.
set -euo pipefail
K6_VERSION="${K6_VERSION:-v1.8.1}"
CACHE="${IM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tim-server}/k6-${K6_VERSION}"
BIN="$CACHE/k6"
if [ -x "$BIN" ] && "$BIN" version 2>/dev/null | grep -q "k6 ${K6_VERSION}"; then
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || { echo "build-k6: Go is required (go install go.k6.io/k6@${K6_VERSION})" >&2; exit 1; }
mkdir -p "$CACHE"
echo "build-k6: building k6 ${K6_VERSION} with go install (cached in $CACHE)" >&2
GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod GOBIN="$CACHE" go install "go.k6.io/k6@${K6_VERSION}" >&2
"$BIN" version >&2
echo "$BIN"
