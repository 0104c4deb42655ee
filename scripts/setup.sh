#!/usr/bin/env bash
# Installs everything clusterjudge needs on a Debian machine: the Debian packages the sandbox
# uses, the npm packages, then the Debian packages the node languages' toolchains run (read
# from their folders with tsx, an npm package). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs the Debian packages given that are missing.
install_debs() {
  local missing=() pkg
  for pkg in "$@"; do
    [ -n "$pkg" ] || continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "setup: installing Debian packages: ${missing[*]}"
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_debs \
  python3                                `# as before npm ci: node-gyp's, should a package need it` \
  bubblewrap faketime iproute2 procps    `# sandbox, clock skew, network namespaces` \
  util-linux mount                       `# setpriv, nsenter; DATA_DIR's tmpfs (mount)` \
  chromium                               `# the web UI's browser test (tests/browser)`

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

listed="$(node_modules/.bin/tsx scripts/language-packages.ts)" # languages/<name>/language.ts
mapfile -t language_debs <<<"$listed"
install_debs "${language_debs[@]}"

# The CLI as JavaScript (dist/cli), so a command starts without transpiling; bin/clusterjudge.js
# builds it again by itself whenever a source is newer.
echo "setup: building the CLI"
npm run --silent build:cli >/dev/null
echo "setup: done"
