/**
 * Semantic version precedence (semver.org §11), enough to refuse a downgrade. electron-updater
 * carries `semver` as its own dependency, untyped here; this is the short part of it we need.
 */

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

interface ParsedVersion {
  readonly core: readonly [number, number, number];
  readonly prerelease: readonly string[];
}

export function parseVersion(version: string): ParsedVersion | undefined {
  const match = SEMVER.exec(version);
  if (match === null) return undefined;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

function comparePrereleaseField(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  // Numeric identifiers sort before alphanumeric ones.
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1; throws on a version that is not semver (callers check with parseVersion first). */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left === undefined || right === undefined) throw new RangeError('not a semantic version');
  for (let i = 0; i < 3; i += 1) {
    const diff = Math.sign(left.core[i]! - right.core[i]!);
    if (diff !== 0) return diff;
  }
  // A pre-release sorts before its release: 1.2.0-beta.1 < 1.2.0.
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return Math.sign(right.prerelease.length - left.prerelease.length);
  }
  const length = Math.max(left.prerelease.length, right.prerelease.length);
  for (let i = 0; i < length; i += 1) {
    const l = left.prerelease[i];
    const r = right.prerelease[i];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    const diff = comparePrereleaseField(l, r);
    if (diff !== 0) return diff;
  }
  return 0;
}
