import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from '../../../main/update/version';

describe('compareVersions (semver precedence)', () => {
  it.each([
    ['0.1.0', '0.2.0', -1],
    ['0.10.0', '0.9.9', 1],
    ['1.0.0', '1.0.0', 0],
    ['1.0.0-beta.2', '1.0.0', -1],
    ['1.0.0', '1.0.0-beta.2', 1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.beta', '1.0.0-beta', -1],
    ['1.0.0-1', '1.0.0-alpha', -1],
    ['1.0.0+build.7', '1.0.0', 0],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it('rejects what is not a semantic version', () => {
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '']) expect(parseVersion(bad), bad).toBeUndefined();
    expect(() => compareVersions('1.0', '1.0.0')).toThrow(RangeError);
  });
});
