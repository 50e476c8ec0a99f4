/**
 * Our own verification of what the update server offers, run in plain Node before and after
 * electron-updater touches anything (electron-updater needs Electron's `app`, so it stays in the
 * adapter). A release is accepted only when:
 *   - the channel file's detached `.sig` is the release key's signature (UPDATE_SIGNATURE_INVALID),
 *   - the channel file is byte for byte the one signed (UPDATE_SIGNATURE_INVALID),
 *   - the channel file parses as electron-updater parses it (UPDATE_METADATA_INVALID),
 *   - its version and installers' sha512 are the signed ones (UPDATE_VERSION_MISMATCH, UPDATE_HASH_MISMATCH),
 *   - it is not older than the running desk (UPDATE_DOWNGRADE_REFUSED),
 * and the downloaded installer hashes to the signed sha512 (UPDATE_HASH_MISMATCH).
 */
import { createReadStream } from 'node:fs';
import { createHash, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { AppError } from '../../shared/errors';
import { isInStagedRollout } from './install-policy';
import {
  channelFileName,
  sha512Base64,
  SIGNATURE_SUFFIX,
  verifyReleaseSignature,
  type SignedRelease,
  type UpdateChannelName,
} from './release-signature';
import { compareVersions, parseVersion } from './version';

export interface ReleaseCheckOptions {
  /** The generic server's folder (configuration `update.url`). */
  readonly serverUrl: string;
  readonly channel: UpdateChannelName;
  readonly currentVersion: string;
  readonly publicKey: KeyObject;
  /** electron-updater's staging id of this desk (`.updaterId` in the user data folder). */
  readonly stagingUserId: string;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export type ReleaseCheckOutcome =
  | { readonly kind: 'up-to-date'; readonly version: string }
  | { readonly kind: 'not-in-rollout'; readonly version: string; readonly stagingPercentage: number }
  | { readonly kind: 'available'; readonly release: SignedRelease };

async function fetchBytes(url: URL, fetcher: typeof fetch, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', cache: 'no-store' });
  } catch (cause) {
    throw new AppError('UPDATE_SERVER_UNREACHABLE', { cause });
  }
  if (!response.ok) {
    throw new AppError('UPDATE_SERVER_UNREACHABLE', { details: { status: response.status } });
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new AppError('UPDATE_SERVER_UNREACHABLE', { cause });
  }
}

/** A folder URL always ends in `/`, or `new URL(name, base)` would drop its last segment. */
function folderUrl(serverUrl: string): URL {
  const url = new URL(serverUrl);
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

const sameFiles = (signed: SignedRelease['files'], offered: readonly { url: string; sha512: string }[]): boolean =>
  signed.length === offered.length &&
  offered.every((file) => signed.some((s) => s.url === file.url && s.sha512 === file.sha512));

export async function checkForRelease(options: ReleaseCheckOptions): Promise<ReleaseCheckOutcome> {
  const fetcher = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const channelFile = channelFileName(
    options.channel,
    options.platform ?? process.platform,
    options.arch ?? process.arch,
  );
  const base = folderUrl(options.serverUrl);
  const [manifestBytes, signatureBytes] = await Promise.all([
    fetchBytes(new URL(channelFile, base), fetcher, timeoutMs),
    fetchBytes(new URL(`${channelFile}${SIGNATURE_SUFFIX}`, base), fetcher, timeoutMs),
  ]);

  const signed = verifyReleaseSignature(Buffer.from(signatureBytes).toString('utf8'), options.publicKey);
  if (signed === undefined) throw new AppError('UPDATE_SIGNATURE_INVALID', { details: { channelFile } });
  // Signed for another channel (a beta replayed as stable) or another platform.
  if (signed.channelFile !== channelFile || signed.channelFileSha512 !== sha512Base64(manifestBytes)) {
    throw new AppError('UPDATE_SIGNATURE_INVALID', { details: { channelFile } });
  }

  let offered: { version?: unknown; files?: unknown; stagingPercentage?: unknown };
  try {
    offered = parseUpdateInfo(Buffer.from(manifestBytes).toString('utf8'), channelFile, new URL(channelFile, base));
  } catch {
    throw new AppError('UPDATE_METADATA_INVALID', { details: { channelFile } });
  }
  const files = Array.isArray(offered.files) ? (offered.files as { url: string; sha512: string }[]) : [];
  if (typeof offered.version !== 'string' || parseVersion(offered.version) === undefined || files.length === 0) {
    throw new AppError('UPDATE_METADATA_INVALID', { details: { channelFile } });
  }
  if (parseVersion(signed.version) === undefined || offered.version !== signed.version) {
    throw new AppError('UPDATE_VERSION_MISMATCH', { details: { channelFile } });
  }
  if (!sameFiles(signed.files, files)) throw new AppError('UPDATE_HASH_MISMATCH', { details: { channelFile } });

  const order = compareVersions(signed.version, options.currentVersion);
  if (order < 0) {
    throw new AppError('UPDATE_DOWNGRADE_REFUSED', {
      details: { offered: signed.version, installed: options.currentVersion },
    });
  }
  if (order === 0) return { kind: 'up-to-date', version: signed.version };
  const stagingPercentage = typeof offered.stagingPercentage === 'number' ? offered.stagingPercentage : undefined;
  if (!isInStagedRollout(stagingPercentage, options.stagingUserId)) {
    return { kind: 'not-in-rollout', version: signed.version, stagingPercentage: stagingPercentage ?? 100 };
  }
  return { kind: 'available', release: signed };
}

async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/**
 * The installer electron-updater downloaded must be one the release key signed, by its own bytes:
 * electron-updater re-reads the channel file itself, so this closes any swap between our check and its download.
 */
export async function verifyDownloadedInstaller(
  path: string,
  release: SignedRelease,
  downloadedVersion: string,
): Promise<void> {
  if (downloadedVersion !== release.version) {
    throw new AppError('UPDATE_VERSION_MISMATCH', { details: { offered: downloadedVersion } });
  }
  const name = basename(path);
  // Named as electron-updater names its cache file: the URL's decoded basename.
  const expected = release.files.find(
    (file) => basename(decodeURIComponent(new URL(file.url, 'file:///').pathname)) === name,
  );
  let actual: string;
  try {
    actual = await sha512OfFile(path);
  } catch (cause) {
    throw new AppError('UPDATE_NOT_DOWNLOADED', { cause });
  }
  if (expected === undefined || expected.sha512 !== actual) {
    throw new AppError('UPDATE_HASH_MISMATCH', { details: { file: name } });
  }
}
