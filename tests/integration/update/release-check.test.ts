/**
 * The desk's update check against a real loopback update server (node:http on 127.0.0.1, port 0)
 * laid out as electron-builder publishes to a generic server, signed by scripts/sign-release.ts.
 * electron-updater itself needs Electron's `app`; this proves our verification layer around it:
 * the channel file as electron-updater parses it, the detached Ed25519 signature, the version
 * rules, and the sha512 of the installer as downloaded.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError, type ErrorCode } from '../../../shared/errors';
import { checkForRelease, verifyDownloadedInstaller } from '../../../main/update/release-check';
import { sha512Base64 } from '../../../main/update/release-signature';
import { signReleaseFolder } from '../../../scripts/sign-release';
import { useTempDir } from '../../support/temp-dir';
import { publishRelease as publishReleaseWith, useUpdateServers } from '../../support/update-server';

const tempDir = useTempDir('dmp-desk-update-');
const releaseKey = generateKeyPairSync('ed25519');
const EVERYONE = '00000000-0000-4000-8000-000000000001';

const startServer = useUpdateServers();
const serve = async (dir: string): Promise<string> => (await startServer(dir)).url;
const publishRelease = (
  dir: string,
  options: { version: string; channel?: 'latest' | 'beta'; stagingPercentage?: number; key?: KeyObject },
): Promise<string> => publishReleaseWith(dir, { ...options, key: options.key ?? releaseKey.privateKey });

const check = (serverUrl: string, overrides: Partial<Parameters<typeof checkForRelease>[0]> = {}) =>
  checkForRelease({
    serverUrl,
    channel: 'stable',
    currentVersion: '0.1.0',
    publicKey: releaseKey.publicKey,
    stagingUserId: EVERYONE,
    platform: 'linux',
    arch: 'x64',
    timeoutMs: 5_000,
    ...overrides,
  });

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

/** Downloads the installer as electron-updater would, into its cache folder. */
async function download(serverUrl: string, installer: string, into: string): Promise<string> {
  const response = await fetch(`${serverUrl}/${installer}`);
  const file = join(into, installer);
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

describe('update check against a loopback generic server', () => {
  it('accepts a good update: signed, newer, and the downloaded installer hashes to the signed sha512', async () => {
    const dir = await tempDir();
    const installer = await publishRelease(dir, { version: '0.2.0' });
    const url = await serve(dir);
    const outcome = await check(url);
    expect(outcome.kind).toBe('available');
    if (outcome.kind !== 'available') return;
    expect(outcome.release.version).toBe('0.2.0');
    const downloaded = await download(url, installer, await tempDir());
    await expect(verifyDownloadedInstaller(downloaded, outcome.release, '0.2.0')).resolves.toBeUndefined();
  });

  it('refuses a tampered installer (UPDATE_HASH_MISMATCH) after the download, whatever the server says', async () => {
    const dir = await tempDir();
    const installer = await publishRelease(dir, { version: '0.2.0' });
    const url = await serve(dir);
    const outcome = await check(url);
    if (outcome.kind !== 'available') throw new Error(outcome.kind);
    await writeFile(join(dir, installer), 'a trojan with the same name');
    const downloaded = await download(url, installer, await tempDir());
    expect(await codeOf(verifyDownloadedInstaller(downloaded, outcome.release, '0.2.0'))).toBe('UPDATE_HASH_MISMATCH');
    // electron-updater reporting another version than the one signed is refused too.
    expect(await codeOf(verifyDownloadedInstaller(downloaded, outcome.release, '0.3.0'))).toBe(
      'UPDATE_VERSION_MISMATCH',
    );
  });

  it('refuses a channel file edited after signing (a new sha512 for a swapped installer)', async () => {
    const dir = await tempDir();
    await publishRelease(dir, { version: '0.2.0' });
    const yml = await readFile(join(dir, 'latest-linux.yml'), 'utf8');
    await writeFile(
      join(dir, 'latest-linux.yml'),
      yml.replace(/sha512: \S+/g, `sha512: ${sha512Base64(Buffer.from('x'))}`),
    );
    expect(await codeOf(check(await serve(dir)))).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('refuses a release signed by another key (UPDATE_SIGNATURE_INVALID)', async () => {
    const dir = await tempDir();
    await publishRelease(dir, { version: '0.2.0', key: generateKeyPairSync('ed25519').privateKey });
    expect(await codeOf(check(await serve(dir)))).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('refuses a release with no signature file', async () => {
    const dir = await tempDir();
    await publishRelease(dir, { version: '0.2.0' });
    await writeFile(join(dir, 'latest-linux.yml.sig'), '');
    expect(await codeOf(check(await serve(dir)))).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('refuses a replayed older release, validly signed (UPDATE_DOWNGRADE_REFUSED)', async () => {
    const dir = await tempDir();
    await publishRelease(dir, { version: '0.0.9' });
    const url = await serve(dir);
    expect(await codeOf(check(url))).toBe('UPDATE_DOWNGRADE_REFUSED');
    // The same release is simply "up to date".
    expect(await check(url, { currentVersion: '0.0.9' })).toEqual({ kind: 'up-to-date', version: '0.0.9' });
  });

  it('refuses a beta channel file replayed as the stable one', async () => {
    const dir = await tempDir();
    await publishRelease(dir, { version: '0.3.0-beta.1', channel: 'beta' });
    const betaOnly = await serve(dir);
    expect((await check(betaOnly, { channel: 'beta' })).kind).toBe('available');
    for (const name of ['latest-linux.yml', 'latest-linux.yml.sig']) {
      await writeFile(join(dir, name), await readFile(join(dir, name.replace('latest', 'beta'))));
    }
    expect(await codeOf(check(betaOnly))).toBe('UPDATE_SIGNATURE_INVALID');
  });

  it('honours a staged rollout: a desk outside the percentage is told so and does not download', async () => {
    const dir = await tempDir();
    await publishRelease(dir, { version: '0.2.0', stagingPercentage: 20 });
    const url = await serve(dir);
    expect(await check(url, { stagingUserId: '00000000-0000-4000-8000-0000f0000000' })).toEqual({
      kind: 'not-in-rollout',
      version: '0.2.0',
      stagingPercentage: 20,
    });
    expect((await check(url, { stagingUserId: EVERYONE })).kind).toBe('available');
  });

  it('says the server is down (UPDATE_SERVER_UNREACHABLE, retryable) when nothing listens or the folder is empty', async () => {
    const dir = await tempDir();
    const server = await startServer(dir);
    const url = server.url;
    expect(await codeOf(check(url))).toBe('UPDATE_SERVER_UNREACHABLE');
    await server.close();
    const error = await check(url).catch((thrown: unknown) => thrown);
    expect(isAppError(error) && error.code === 'UPDATE_SERVER_UNREACHABLE' && error.retryable).toBe(true);
  });

  it('refuses a channel file electron-updater could not read (UPDATE_METADATA_INVALID)', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'x.AppImage'), 'x');
    await writeFile(
      join(dir, 'latest-linux.yml'),
      `version: [\nfiles:\n  - url: x.AppImage\n    sha512: ${sha512Base64(Buffer.from('x'))}\n`,
    );
    // Signed by hand: sign-release refuses such a file, but a compromised release machine might not.
    const { signRelease } = await import('../../../main/update/release-signature');
    const yml = await readFile(join(dir, 'latest-linux.yml'));
    const signature = signRelease(
      {
        format: 'dmp-desk-release-signature/1',
        channelFile: 'latest-linux.yml',
        version: '0.2.0',
        channelFileSha512: sha512Base64(yml),
        files: [{ url: 'x.AppImage', sha512: sha512Base64(Buffer.from('x')), size: 1 }],
      },
      releaseKey.privateKey,
    );
    await writeFile(join(dir, 'latest-linux.yml.sig'), JSON.stringify(signature));
    expect(await codeOf(check(await serve(dir)))).toBe('UPDATE_METADATA_INVALID');
  });
});

describe('sign-release', () => {
  it('refuses to sign a channel file whose installer does not hash to its sha512', async () => {
    const dir = await tempDir();
    const installer = await publishRelease(dir, { version: '0.2.0' });
    await writeFile(join(dir, installer), 'changed after electron-builder wrote the yml');
    expect(() => signReleaseFolder(dir, releaseKey.privateKey)).toThrow(/does not hash to its sha512/);
  });
});
