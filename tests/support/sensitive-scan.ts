import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureIdentities } from './fixture-identities';

/** One thing found where it must not be; `what` names the fixture value (test data), never anything real. */
export interface SensitiveFinding {
  readonly file: string;
  readonly line: number;
  readonly kind: 'name' | 'identifier' | 'personal-data' | 'pin' | 'key-material';
  readonly what: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** PEM armour, a PEM body line (64 base64 characters) or longer base64: keys, certificates, signatures. */
const KEY_MATERIAL = [/-----BEGIN [A-Z0-9 ]+-----/, /PRIVATE KEY/, /[A-Za-z0-9+/]{64,}/];

export function findSensitive(text: string, identities: FixtureIdentities, file = '<text>'): SensitiveFinding[] {
  const patterns: { kind: SensitiveFinding['kind']; what: string; pattern: RegExp }[] = [
    ...identities.names.map((name) => ({
      kind: 'name' as const,
      what: name,
      // Case-sensitive: fixtures write names in capitals, and `matricule` is also a field name.
      pattern: new RegExp(`(?<![\\p{L}-])${escape(name)}(?![\\p{L}-])`, 'u'),
    })),
    ...identities.identifiers.map((id) => ({ kind: 'identifier' as const, what: id, pattern: new RegExp(escape(id)) })),
    ...identities.otherData.map((value) => ({
      kind: 'personal-data' as const,
      what: value,
      pattern: new RegExp(escape(value), 'i'),
    })),
    ...identities.pins.map((pin) => ({
      kind: 'pin' as const,
      what: pin,
      // As a JSON string: 4 bare digits also occur in durations and counts.
      pattern: new RegExp(`"${escape(pin)}"`),
    })),
    ...KEY_MATERIAL.map((pattern) => ({ kind: 'key-material' as const, what: pattern.source, pattern })),
  ];
  const findings: SensitiveFinding[] = [];
  text.split('\n').forEach((content, index) => {
    for (const { kind, what, pattern } of patterns) {
      if (pattern.test(content)) findings.push({ file, line: index + 1, kind, what });
    }
  });
  return findings;
}

/** Every file under `dir`, recursively (rotated logs included). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

export async function scanFolder(
  dir: string,
  identities: FixtureIdentities,
): Promise<{ files: number; lines: number; findings: SensitiveFinding[] }> {
  const files = await listFiles(dir);
  let lines = 0;
  const findings: SensitiveFinding[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    lines += text.split('\n').length;
    findings.push(...findSensitive(text, identities, file));
  }
  return { files: files.length, lines, findings };
}
