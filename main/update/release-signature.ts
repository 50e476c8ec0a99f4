/**
 * The detached release signature: beyond the OS code signature (Authenticode, notarization),
 * each channel file electron-builder publishes (`latest-linux.yml`, `beta.yml`…) gets a sibling
 * `<channel file>.sig` signed with the DMP Desk release key (Ed25519, node:crypto). It binds the
 * channel file's bytes, its version and the sha512 of every installer, so a server or mirror that
 * swaps a file, replays an older release or moves a beta to stable is caught by the desk.
 *
 * `scripts/sign-release.ts` writes it at release time; main/update/release-check.ts verifies it.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const RELEASE_SIGNATURE_FORMAT = 'dmp-desk-release-signature/1';

/** The suffix of the detached signature next to a channel file. */
export const SIGNATURE_SUFFIX = '.sig';

const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/);

/** What the release key vouches for. Kept as the exact JSON text it signed (no re-serialisation). */
export const SignedReleaseSchema = z
  .object({
    format: z.literal(RELEASE_SIGNATURE_FORMAT),
    /** The channel file's name, so a `beta.yml` signature cannot be replayed as `latest.yml`. */
    channelFile: z.string().min(1),
    version: z.string().min(1),
    /** sha512 (base64) of the channel file's bytes as published. */
    channelFileSha512: Sha512Base64,
    /** Every installer, as hashed from the files themselves at signing time (not copied from the yml). */
    files: z
      .array(z.object({ url: z.string().min(1), sha512: Sha512Base64, size: z.number().int().nonnegative() }).strict())
      .min(1),
  })
  .strict();
export type SignedRelease = z.infer<typeof SignedReleaseSchema>;

export const ReleaseSignatureFileSchema = z
  .object({
    /** The JSON text of a {@link SignedRelease}, exactly as signed. */
    signed: z.string().min(1),
    /** Ed25519 signature of `signed`'s UTF-8 bytes, base64. */
    signature: z.string().min(1),
    /** Which release key signed (sha256 of its SPKI, hex, first 16): lets IT tell keys apart after a rotation. */
    keyId: z.string().min(1),
  })
  .strict();
export type ReleaseSignatureFile = z.infer<typeof ReleaseSignatureFileSchema>;

export function sha512Base64(data: Uint8Array): string {
  return createHash('sha512').update(data).digest('base64');
}

export function releaseKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Signs one channel file's release statement with the (Ed25519) private release key. */
export function signRelease(release: SignedRelease, privateKey: KeyObject): ReleaseSignatureFile {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('the release key must be Ed25519');
  const signed = JSON.stringify(SignedReleaseSchema.parse(release));
  return {
    signed,
    signature: sign(null, Buffer.from(signed, 'utf8'), privateKey).toString('base64'),
    keyId: releaseKeyId(createPublicKey(privateKey)),
  };
}

/**
 * The statement, if and only if the signature is the release key's over exactly these bytes and
 * the statement is well formed; `undefined` otherwise (the caller turns it into one error code).
 */
export function verifyReleaseSignature(fileText: string, publicKey: KeyObject): SignedRelease | undefined {
  let file: ReleaseSignatureFile;
  try {
    file = ReleaseSignatureFileSchema.parse(JSON.parse(fileText));
  } catch {
    return undefined;
  }
  const signatureOk =
    publicKey.asymmetricKeyType === 'ed25519' &&
    verify(null, Buffer.from(file.signed, 'utf8'), publicKey, Buffer.from(file.signature, 'base64'));
  if (!signatureOk) return undefined;
  try {
    return SignedReleaseSchema.parse(JSON.parse(file.signed));
  } catch {
    return undefined;
  }
}

export type UpdateChannelName = 'stable' | 'beta';

/**
 * The channel file electron-updater's generic provider reads (`getChannelFilename`): `latest` for
 * stable, the channel's name otherwise; `-linux` / `-mac` on those systems, plus `-arm64` on Linux ARM.
 */
export function channelFileName(channel: UpdateChannelName, platform: NodeJS.Platform, arch: string): string {
  const base = channel === 'stable' ? 'latest' : channel;
  if (platform === 'darwin') return `${base}-mac.yml`;
  if (platform === 'win32') return `${base}.yml`;
  return arch === 'x64' ? `${base}-linux.yml` : `${base}-linux-${arch}.yml`;
}
