#!/usr/bin/env bash
# `npm test`: every check and every test, on a fresh machine or a developer's.
#   lint (eslint, zero warnings) · format (prettier) · types (three process configs)
#   unit · integration (real pcscd + virtual cards, loopback TLS services) · conformance
#   (official vectors of ../shared/vectors, or $DMP_DESK_VECTORS) · e2e (Playwright, Debian Chromium)
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh || exit 1   # Node 24 LTS for everything below
bash scripts/bootstrap.sh || exit 1
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
echo "── node $(node -v)"

vectors="${DMP_DESK_VECTORS:-../shared/vectors}"
if [ ! -d "$vectors" ]; then
  echo "test: the official vectors are missing at $vectors (see README, 'Test vectors')" >&2
  exit 1
fi

status=0
step() {
  local name=$1
  shift
  echo "── $name"
  if ! "$@"; then
    echo "── $name: FAILED"
    status=1
  fi
}

rm -rf test-results && mkdir -p test-results
step lint npx eslint . --max-warnings 0
step format npx prettier --check . --log-level warn
step types npm run --silent typecheck
step build npx electron-vite build --logLevel warn
step pcscd bash scripts/pcscd.sh
step vitest npx vitest run --reporter=default --reporter=./tests/fuzz/support/fuzz-reporter.ts --reporter=json \
  --outputFile.json=test-results/vitest.json
step e2e npx playwright test
node scripts/test-summary.mjs || status=1
exit $status
