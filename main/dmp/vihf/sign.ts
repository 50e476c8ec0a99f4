import type { BinaryLike } from 'node:crypto';
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto';
import { AppError, isAppError } from '../../../shared/errors';
import type { Signer } from '../../crypto/signer';
import { certificatePem } from './issuer';
import type { UnsignedVihf } from './build';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

type Callback<T> = (error: Error | null, value?: T) => void;

/**
 * xml-crypto computes digests and canonical SignedInfo; the private-key operation goes to the
 * Signer (a CPS card through PC/SC, or a software key), through xml-crypto's pluggable
 * signature algorithm hook. The key itself never reaches xml-crypto.
 */
function externalRsaSha256(signer: Signer): new () => SignatureAlgorithm {
  return class ExternalRsaSha256 {
    getSignature(signedInfo: BinaryLike, _key: unknown, callback?: Callback<string>): string | void {
      if (callback === undefined) throw new Error('the external signer is asynchronous');
      const data =
        typeof signedInfo === 'string' ? Buffer.from(signedInfo, 'utf8') : Buffer.from(signedInfo as Uint8Array);
      signer.sign(new Uint8Array(data)).then(
        (signature) => callback(null, Buffer.from(signature).toString('base64')),
        (error: unknown) => callback(error instanceof Error ? error : new Error('sign failed')),
      );
    }
    verifySignature(): boolean {
      throw new Error('verification is not done with the external signer');
    }
    getAlgorithmName(): typeof RSA_SHA256 {
      return RSA_SHA256;
    }
  } as unknown as new () => SignatureAlgorithm;
}

/** Enveloped XML-DSig (exc-c14n, RSA-SHA256, SHA-256 digest) over `#ID`, placed after the Issuer as SAML requires. */
export async function signVihf(unsigned: UnsignedVihf, signer: Signer): Promise<string> {
  // The DMP refuses a token signed with the authentication key (DMPInvalidCertificate): stop it here already.
  if (signer.role !== 'signature')
    throw new AppError('DMP_INVALID_CERTIFICATE', { details: { reason: 'not_signature_key' } });
  const signed = new SignedXml({
    privateKey: 'external-signer',
    publicCert: certificatePem(signer.certificateDer),
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signed.SignatureAlgorithms = { ...signed.SignatureAlgorithms, [RSA_SHA256]: externalRsaSha256(signer) };
  signed.addReference({
    xpath: "/*[local-name()='Assertion']",
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  await new Promise<void>((resolve, reject) => {
    signed.computeSignature(
      unsigned.xml,
      { prefix: 'ds', location: { reference: "/*/*[local-name()='Issuer']", action: 'after' } },
      (error) => {
        if (error === null) resolve();
        else
          reject(
            isAppError(error)
              ? error
              : new AppError('DMP_INVALID_VIHF', { details: { reason: 'sign_failed' }, cause: error }),
          );
      },
    );
  });
  return signed.getSignedXml();
}
