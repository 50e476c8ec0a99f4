import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { releasePublicKey } from '../../../main/update/release-key';
import {
  channelFileName,
  sha512Base64,
  signRelease,
  verifyReleaseSignature,
  type SignedRelease,
} from '../../../main/update/release-signature';

const release: SignedRelease = {
  format: 'dmp-desk-release-signature/1',
  channelFile: 'latest-linux.yml',
  version: '0.2.0',
  channelFileSha512: sha512Base64(Buffer.from('version: 0.2.0\n')),
  files: [{ url: 'DMP-Desk-0.2.0.AppImage', sha512: sha512Base64(Buffer.from('installer')), size: 9 }],
};

describe('release signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('verifies what the release key signed and gives back the statement', () => {
    const file = JSON.stringify(signRelease(release, privateKey));
    expect(verifyReleaseSignature(file, publicKey)).toEqual(release);
  });

  it('refuses another key, an edited statement, and a file that is not a signature', () => {
    const signed = signRelease(release, privateKey);
    expect(verifyReleaseSignature(JSON.stringify(signed), generateKeyPairSync('ed25519').publicKey)).toBeUndefined();
    const edited = { ...signed, signed: signed.signed.replace('0.2.0', '9.9.9') };
    expect(verifyReleaseSignature(JSON.stringify(edited), publicKey)).toBeUndefined();
    expect(verifyReleaseSignature('version: 0.2.0', publicKey)).toBeUndefined();
    // A statement naming no installer is never signed.
    expect(() => signRelease({ ...release, files: [] }, privateKey)).toThrow();
  });

  it('signs with Ed25519 keys only', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => signRelease(release, rsa)).toThrow(TypeError);
  });

  it('ships a parseable Ed25519 public key', () => {
    expect(releasePublicKey().asymmetricKeyType).toBe('ed25519');
  });

  it('names channel files as electron-updater reads them', () => {
    expect(channelFileName('stable', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('stable', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(channelFileName('beta', 'win32', 'x64')).toBe('beta.yml');
    expect(channelFileName('beta', 'darwin', 'arm64')).toBe('beta-mac.yml');
  });
});
