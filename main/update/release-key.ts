import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The public half of the DMP Desk release key (Ed25519, SPKI PEM). The private half never enters
 * the repository: the release workstation passes it to `npm run sign-release` from the
 * environment. Rotating the key: `npm run sign-release -- --generate-key FILE` prints the new
 * public PEM to paste here; the release that ships the new key is still signed with the old one.
 */
export const RELEASE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAG0vRFg4bHq/q0sDiqx6bB4fQwrYaW+hBoybPe3+2l/o=
-----END PUBLIC KEY-----
`;

export function releasePublicKey(): KeyObject {
  return createPublicKey(RELEASE_PUBLIC_KEY_PEM);
}
