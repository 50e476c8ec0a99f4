import { X509Certificate, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Authenticator, Signer } from './signer';

export interface SoftwareKeyMaterial {
  /** PKCS#8 or PKCS#1 PEM private key (establishment certificate, or a test key in training). */
  readonly keyPem: string;
  readonly certPem: string;
}

interface Loaded {
  readonly key: KeyObject;
  readonly certificateDer: Uint8Array;
}

/** Loads and cross-checks the pair once, so a key that does not match its certificate fails at start-up, not mid-call. */
function load(material: SoftwareKeyMaterial): Loaded {
  let key: KeyObject;
  let cert: X509Certificate;
  try {
    key = createPrivateKey(material.keyPem);
    cert = new X509Certificate(material.certPem);
  } catch (cause) {
    // The cause may quote key bytes: it stays attached for debugging but never reaches details.
    throw new AppError('DMP_NOT_CONFIGURED', { details: { reason: 'key_material_unreadable' }, cause });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new AppError('DMP_NOT_CONFIGURED', { details: { reason: 'key_not_rsa' } });
  }
  if (!cert.checkPrivateKey(key)) {
    throw new AppError('DMP_NOT_CONFIGURED', { details: { reason: 'key_certificate_mismatch' } });
  }
  return { key, certificateDer: new Uint8Array(cert.raw) };
}

const signWith =
  (key: KeyObject) =>
  async (data: Uint8Array): Promise<Uint8Array> =>
    new Uint8Array(cryptoSign('sha256', data, key));

/** A software signature key (indirect mode: the establishment "cachet" certificate; training: a test key). */
export function createSoftwareSigner(material: SoftwareKeyMaterial): Signer {
  const { key, certificateDer } = load(material);
  return { role: 'signature', algorithm: 'RSA-SHA256', certificateDer, sign: signWith(key) };
}

/** A software TLS client key (indirect mode: the establishment authentication certificate). */
export function createSoftwareAuthenticator(material: SoftwareKeyMaterial): Authenticator {
  const { key, certificateDer } = load(material);
  return { role: 'authentication', algorithm: 'RSA-SHA256', certificateDer, sign: signWith(key) };
}
