/**
 * Private-key operations behind interfaces, so VIHF, XAdES and TLS code never care whether the
 * key lives on a CPS card (APDUs through PC/SC) or in software (an establishment certificate,
 * or a test key in training mode).
 *
 * The CPS carries two key pairs: authentication (TLS client auth) and signature (VIHF token,
 * XAdES). The national service rejects a token signed with the authentication certificate,
 * so the two roles are two types that cannot be swapped by accident.
 */

export type SignatureAlgorithm = 'RSA-SHA256';

interface KeyHolder {
  /** DER of the X.509 certificate matching the private key. */
  readonly certificateDer: Uint8Array;
  readonly algorithm: SignatureAlgorithm;
  /** PKCS#1 v1.5 signature of SHA-256(data). Rejects with an AppError (e.g. CARD_REMOVED, PIN_REQUIRED). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** The signature key: XML-DSig of the VIHF assertion, XAdES of deposited documents. */
export interface Signer extends KeyHolder {
  readonly role: 'signature';
}

/** The authentication key: TLS client authentication towards the national services. */
export interface Authenticator extends KeyHolder {
  readonly role: 'authentication';
}
