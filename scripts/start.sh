#!/usr/bin/env bash
# `npm start`: the desktop app. Needs a workstation that can download Electron's binary
# (our build machines cannot: there, use `npm run start:browser`).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh   # Node 24 LTS, addons built against its headers
if [ ! -d node_modules ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
if ! node -e "require('electron')" >/dev/null 2>&1; then
  echo "start: fetching the Electron binary for this workstation"
  node node_modules/electron/install.js || {
    echo "start: Electron cannot be downloaded here; run 'npm run start:browser' instead." >&2
    exit 1
  }
fi
npx electron-vite build --logLevel warn
exec npx electron . "$@"
