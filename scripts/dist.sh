#!/usr/bin/env bash
# `npm run dist [-- electron-builder options]`: the release build, on a release workstation that can
# download Electron's binary and headers. Build the app, rebuild every non-N-API addon against the
# pinned Electron (@electron/rebuild), package (electron-builder, never publishing by itself), then the
# addon gate: nothing leaves unless every packaged .node file declares N-API or that Electron's ABI.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh   # Node 24 LTS (@electron/rebuild needs Node >= 22.12)
npx electron-vite build --logLevel warn
npx tsx scripts/packaging/rebuild-addons.ts --for electron
# Whatever happens next, put the development tree back on Node's ABI so the tests run again.
trap 'npx tsx scripts/packaging/rebuild-addons.ts --for node' EXIT
npx electron-builder --config electron-builder.yml --publish never "$@"
npm run -s addon-gate -- dist
