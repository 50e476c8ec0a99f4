#!/usr/bin/env bash
# `npm run start:browser`: the whole app in a local browser (loopback only), real main services
# behind the websocket transport. Prints a one-time link; press Enter for another.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh   # Node 24 LTS
bash scripts/bootstrap.sh
npx electron-vite build --logLevel warn
exec node --import tsx main/browser-harness.ts "$@"
