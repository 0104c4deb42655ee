#!/usr/bin/env bash
# Installs everything clusterjudge needs on a Debian machine: the npm packages, then the Debian
# packages that the node languages and the sandbox use. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# First: the languages' Debian packages are read from their folders with tsx, an npm package.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

language_debs="$(node_modules/.bin/tsx scripts/language-packages.ts)" # languages/<name>/language.ts
mapfile -t debs <<<"$language_debs"
debs+=(
  bubblewrap faketime iproute2 procps      # sandbox, clock skew, network namespaces
  util-linux mount                         # setpriv, nsenter; DATA_DIR's tmpfs (mount)
  chromium                                 # the web UI's browser test (tests/browser)
)
missing=()
for pkg in "${debs[@]}"; do
  [ -n "$pkg" ] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The CLI as JavaScript (dist/cli), so a command starts without transpiling; bin/clusterjudge.js
# builds it again by itself whenever a source is newer.
echo "setup: building the CLI"
npm run --silent build:cli >/dev/null
echo "setup: done"
