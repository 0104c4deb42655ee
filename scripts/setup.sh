#!/usr/bin/env bash
# Installs everything clusterjudge needs on a Debian machine: the Debian packages that the
# node languages and the sandbox use, then the npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(
  python3-grpcio python3-protobuf         # Python nodes run on Debian's python3 with gRPC
  protobuf-compiler protobuf-compiler-grpc # stubs generated from the problem's proto
  bubblewrap faketime iproute2 procps      # sandbox, clock skew, network namespaces
  util-linux mount                         # setpriv, nsenter; DATA_DIR's tmpfs (mount)
  chromium                                 # the web UI's browser test (tests/browser)
)
missing=()
for pkg in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The CLI as JavaScript (dist/cli), so a command starts without transpiling; bin/clusterjudge.js
# builds it again by itself whenever a source is newer.
echo "setup: building the CLI"
npm run --silent build:cli >/dev/null
echo "setup: done"
