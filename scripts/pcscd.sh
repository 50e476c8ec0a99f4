#!/usr/bin/env bash
# Start pcscd (with the vpcd virtual readers) unless one already serves the socket.
# apt installs it but does not start it on our machines (no systemd).
set -euo pipefail
if [ -S /run/pcscd/pcscd.comm ] && pgrep -x pcscd >/dev/null 2>&1; then
  exit 0
fi
mkdir -p .tmp
if [ "$(id -u)" -eq 0 ]; then
  pcscd --foreground --debug --apdu > .tmp/pcscd.log 2>&1 &
else
  sudo sh -c 'pcscd --foreground --debug --apdu > /tmp/dmp-desk-pcscd.log 2>&1 &'
fi
for _ in $(seq 1 50); do
  [ -S /run/pcscd/pcscd.comm ] && exit 0
  sleep 0.1
done
echo "pcscd did not start (see .tmp/pcscd.log)" >&2
exit 1
