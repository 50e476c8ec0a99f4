import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

/**
 * The Windows and macOS release targets, checked as data: this machine can build neither.
 * electron-builder's own JSON schema is applied with ajv directly (no type coercion, unlike
 * electron-builder's run), so a misspelled or mistyped option fails here, not on the release machine.
 */
const root = resolve(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
// strict: false because electron-builder's schema carries its own annotation keywords.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface BuilderConfig {
  npmRebuild?: boolean;
  electronFuses?: { runAsNode?: boolean };
  win?: {
    target?: { target: string }[];
    forceCodeSigning?: boolean;
    verifyUpdateCodeSignature?: boolean;
    signtoolOptions?: { publisherName?: string; signingHashAlgorithms?: string[] };
  };
  nsis?: { oneClick?: boolean; perMachine?: boolean; runAfterFinish?: boolean };
  mac?: {
    target?: string[];
    forceCodeSigning?: boolean;
    hardenedRuntime?: boolean;
    notarize?: boolean;
    entitlements?: string;
    entitlementsInherit?: string;
  };
}
const configText = readFileSync(resolve(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(configText) as BuilderConfig;

/** Every key at any depth, to prove no credential is written in the file. */
const allKeys = (value: unknown): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, child]) => [key, ...allKeys(child)])
    : [];

describe('electron-builder configuration', () => {
  it("matches electron-builder's JSON schema", () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the same schema refuses a misspelled or mistyped option', () => {
    expect(validate({ ...config, mac: { ...config.mac, hardenRuntime: true } })).toBe(false);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } })).toBe(false);
  });

  it('holds no signing secret: certificates and passwords come from the environment', () => {
    const secretKeys = ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1'];
    expect(allKeys(config).filter((key) => secretKeys.includes(key))).toEqual([]);
    expect(configText).not.toMatch(/APPLE_(APP_SPECIFIC_)?PASSWORD\s*:|BEGIN (ENCRYPTED )?PRIVATE KEY/);
  });

  it('builds a signed, per-machine NSIS installer that installs silently with /S', () => {
    expect(config.win?.target?.map((t) => t.target)).toEqual(['nsis']);
    expect(config.win?.forceCodeSigning).toBe(true);
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    // electron-updater compares an update's Authenticode publisher with this name.
    expect(config.win?.signtoolOptions?.publisherName).toBe('DMP Desk');
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
    // oneClick false + perMachine true: no per-user choice, /S installs for all users.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, runAfterFinish: false });
  });

  it('builds a signed, notarized dmg with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac).toMatchObject({
      target: ['dmg'],
      forceCodeSigning: true,
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'resources/entitlements.mac.plist',
      entitlementsInherit: 'resources/entitlements.mac.plist',
    });
    const plist = readFileSync(resolve(root, 'resources/entitlements.mac.plist'), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect([...plist.matchAll(/<key>/g)]).toHaveLength(1);
  });

  it('keeps the run-as-node fuse off and leaves addon rebuilding to the release step', () => {
    expect(config.electronFuses?.runAsNode).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });
});
