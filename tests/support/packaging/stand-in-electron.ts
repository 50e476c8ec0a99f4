/**
 * A stand-in for Electron's unpacked Linux distribution (electron-builder's `electronDist`), for the
 * packaging test: Electron's binary is downloaded from GitHub, which this machine cannot reach.
 *
 * The "binary" is a shell script that refuses to run, carrying the fuse wire as Electron's real
 * binary does (the sentinel @electron/fuses looks for, the wire's version, its length, one `0`/`1`
 * byte per fuse), so electron-builder's fuse flipping runs on it and the test reads the result.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' marker, followed in Electron's binary by the fuse wire. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's own defaults for the eight V1 fuses @electron/fuses knows, by index: RunAsNode on,
 * cookie encryption off, NODE_OPTIONS on, inspect flags on, ASAR integrity off, app only from the
 * ASAR off, browser-process V8 snapshot off, file:// extra privileges on.
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export function writeStandInElectron(dir: string, electronVersion: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
  ]);
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for the packaging test: not runnable" >&2\nexit 1\n# '),
    wire,
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
}
