/**
 * `npm run sign-release [-- --dist dist]`: signs every channel file electron-builder wrote
 * (`latest.yml`, `latest-linux.yml`, `latest-mac.yml`, `beta*.yml`) into a detached
 * `<channel file>.sig` (main/update/release-signature.ts), after hashing each installer the
 * channel file names from its own bytes and refusing if electron-builder's sha512 differs.
 *
 * The Ed25519 private key comes from the environment only: `DMP_DESK_RELEASE_KEY` (PKCS#8 PEM
 * text) or `DMP_DESK_RELEASE_KEY_FILE` (path to it). The script refuses a key whose public half
 * is not the one the app ships (main/update/release-key.ts): the desks would refuse the release.
 *
 * `npm run sign-release -- --generate-key FILE` creates a new key pair: the private PEM into FILE
 * (mode 0600, for the release vault), the public PEM on stdout (for main/update/release-key.ts).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { releasePublicKey } from '../main/update/release-key';
import {
  releaseKeyId,
  sha512Base64,
  signRelease,
  SIGNATURE_SUFFIX,
  type SignedRelease,
} from '../main/update/release-signature';

const CHANNEL_FILE = /^(latest|beta)(-mac|-linux(-[a-z0-9]+)?)?\.yml$/;

/** Signs each channel file of `dir`; returns the names of the `.sig` files written. */
export function signReleaseFolder(dir: string, privateKey: KeyObject): string[] {
  const written: string[] = [];
  for (const channelFile of readdirSync(dir)
    .filter((name) => CHANNEL_FILE.test(name))
    .sort()) {
    const bytes = readFileSync(join(dir, channelFile));
    const info = parseUpdateInfo(bytes.toString('utf8'), channelFile, new URL(`file:///${channelFile}`)) as {
      version?: unknown;
      files?: { url: string; sha512: string }[];
    };
    if (typeof info.version !== 'string' || !Array.isArray(info.files) || info.files.length === 0) {
      throw new Error(`${channelFile}: no version or no files`);
    }
    const files = info.files.map((file) => {
      const installer = readFileSync(join(dir, basename(decodeURIComponent(file.url))));
      const sha512 = sha512Base64(installer);
      if (sha512 !== file.sha512) throw new Error(`${channelFile}: ${file.url} does not hash to its sha512`);
      return { url: file.url, sha512, size: installer.length };
    });
    const release: SignedRelease = {
      format: 'dmp-desk-release-signature/1',
      channelFile,
      version: info.version,
      channelFileSha512: sha512Base64(bytes),
      files,
    };
    const name = `${channelFile}${SIGNATURE_SUFFIX}`;
    writeFileSync(join(dir, name), `${JSON.stringify(signRelease(release, privateKey), null, 2)}\n`);
    written.push(name);
  }
  return written;
}

export function releaseKeyFromEnv(env: NodeJS.ProcessEnv): KeyObject {
  const pem =
    env['DMP_DESK_RELEASE_KEY'] ??
    (env['DMP_DESK_RELEASE_KEY_FILE'] === undefined
      ? undefined
      : readFileSync(env['DMP_DESK_RELEASE_KEY_FILE'], 'utf8'));
  if (pem === undefined) throw new Error('set DMP_DESK_RELEASE_KEY or DMP_DESK_RELEASE_KEY_FILE');
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the release key must be Ed25519');
  return key;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dist: { type: 'string', default: 'dist' }, 'generate-key': { type: 'string' } },
  });
  // `npm run` starts us in the project root; relative paths are the caller's, from where they typed them.
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  if (values['generate-key'] !== undefined) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(resolve(cwd, values['generate-key']), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    process.stdout.write(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    return;
  }
  const privateKey = releaseKeyFromEnv(process.env);
  if (releaseKeyId(createPublicKey(privateKey)) !== releaseKeyId(releasePublicKey())) {
    throw new Error(
      'this release key is not the one the app ships (main/update/release-key.ts): desks would refuse it',
    );
  }
  const dir = resolve(cwd, values.dist);
  const written = signReleaseFolder(dir, privateKey);
  if (written.length === 0) throw new Error(`no latest*.yml / beta*.yml in ${dir}`);
  process.stdout.write(`signed ${written.join(', ')}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await main().catch((error: unknown) => {
    process.stderr.write(`sign-release: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
