#!/usr/bin/env bash
# Everything a fresh Debian machine needs before the app or the tests can run:
# system packages (PC/SC stack with virtual readers, Chromium for the UI tests, XML tools),
# Node 24 LTS (scripts/toolchain.sh), then the npm dependencies (native addons built from source against
# that Node's own headers).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh   # Node 24 first on PATH, npm_config_nodedir at its headers
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"

SYSTEM_PACKAGES=(pcscd libpcsclite-dev pcsc-tools vsmartcard-vpcd chromium libxml2-utils xmlsec1 poppler-utils)

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bootstrap: installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    echo "bootstrap: installing system packages with sudo: ${missing[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: missing system packages: ${missing[*]} (run as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# Reinstall npm dependencies when the lockfile changed since the last install, and rebuild the native
# addons when the Node running us is not the one they were built for (e.g. a tree installed on Node 20).
stamp=node_modules/.dmp-desk-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
abi="node-abi-$(node -p process.versions.modules)"
had_lock="" had_abi=""
if [ -f "$stamp" ]; then read -r had_lock had_abi < "$stamp" || true; fi
if [ "$had_lock" != "$wanted" ]; then
  echo "bootstrap: npm install from the lockfile on node $(node -v)"
  # Not `npm ci`: the registry we can reach lacks some platform-specific optional packages of
  # other OSes (e.g. @unrs/resolver-binding-android-*), which `npm ci` treats as an out-of-sync
  # lockfile. `npm install` keeps to the lockfile's versions and skips unreachable optionals.
  npm install --no-audit --no-fund --loglevel=error
  # The lockfile keeps every platform's optional entries, so an install leaves it byte-identical;
  # if it ever does not, say so instead of reinstalling everything on the next run.
  installed=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$installed" != "$wanted" ]; then
    echo "bootstrap: npm install rewrote package-lock.json; commit it or restore it (git diff package-lock.json)" >&2
  fi
  wanted=$installed
fi
if [ -n "$had_lock" ] && [ "$had_abi" != "$abi" ]; then
  echo "bootstrap: native addons were built for another Node (${had_abi:-unknown}), rebuilding them for node $(node -v)"
  npm rebuild --loglevel=error
fi
echo "$wanted $abi" > "$stamp"
