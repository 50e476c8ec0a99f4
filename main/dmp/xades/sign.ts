import { createHash, X509Certificate } from 'node:crypto';
import { AppError, isAppError } from '../../../shared/errors';
import type { Signer } from '../../crypto/signer';
import { C14N_WITH_COMMENTS, c14nAttribute as attr, c14nText as text } from './canonical';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.1.1#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
/** IHE DSG "Source" purpose of signature (ASTM E1762), as the DMP sample carries it. */
export const PURPOSE_OF_SIGNATURE = '1.2.840.10065.1.12.1.14';
const MANIFEST_ID = 'IHEManifest';
const PROPERTIES_ID = 'S0-SignedProperties';

export interface ManifestEntry {
  /** The document's XDS uniqueId (OID). */
  readonly uniqueId: string;
  /** SHA-256 of its inclusive canonical form with comments (see canonicalDocumentDigest). */
  readonly digest: Uint8Array;
}

export interface XadesInput {
  /** OID of the signature document, also its `Signature/@Id`. */
  readonly signatureId: string;
  readonly submissionSetUniqueId: string;
  readonly documents: readonly ManifestEntry[];
  readonly signingTime: Date;
  readonly signer: Signer;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

const digestMethod = `<DigestMethod Algorithm="${SHA256}"></DigestMethod>`;

/**
 * Every signed element is written directly in its canonical form (C14N 1.0: attributes sorted,
 * explicit end tags, the in-scope default namespace declared on the apex element), so the digests
 * are computed over exactly the bytes placed in the document, with no round trip through a DOM.
 */
function manifest(input: XadesInput): string {
  // The submission set is referenced with a placeholder digest, as in the DMP sample: its metadata
  // are not an XML document of their own.
  const submissionSet = `<Reference URI="urn:oid:${attr(input.submissionSetUniqueId)}">${digestMethod}<DigestValue>AA==</DigestValue></Reference>`;
  const documents = input.documents
    .map(
      (doc) =>
        `<Reference URI="urn:oid:${attr(doc.uniqueId)}"><Transforms><Transform Algorithm="${C14N_WITH_COMMENTS}"></Transform></Transforms>` +
        `${digestMethod}<DigestValue>${b64(doc.digest)}</DigestValue></Reference>`,
    )
    .join('');
  return `<Manifest xmlns="${DS}" Id="${MANIFEST_ID}">${submissionSet}${documents}</Manifest>`;
}

function signedProperties(input: XadesInput, certificate: X509Certificate): string {
  const serial = BigInt(`0x${certificate.serialNumber}`).toString(10);
  // RFC 4514 order (most specific first), as XAdES verifiers compare it.
  const issuer = certificate.issuer.split('\n').reverse().join(',');
  return (
    `<SignedProperties xmlns="${XADES}" Id="${PROPERTIES_ID}"><SignedSignatureProperties>` +
    `<SigningTime>${input.signingTime.toISOString()}</SigningTime>` +
    // XAdES 1.1.1 puts the certificate digest in its own namespace (ds: only from 1.2 on), as the DMP sample does.
    `<SigningCertificate><Cert><CertDigest>` +
    `<DigestMethod Algorithm="${SHA256}"></DigestMethod>` +
    `<DigestValue>${b64(sha256(certificate.raw))}</DigestValue></CertDigest>` +
    `<IssuerSerial><X509IssuerName xmlns="${DS}">${text(issuer)}</X509IssuerName>` +
    `<X509SerialNumber xmlns="${DS}">${serial}</X509SerialNumber></IssuerSerial></Cert></SigningCertificate>` +
    `<SignaturePolicyIdentifier><SignaturePolicyImplied></SignaturePolicyImplied></SignaturePolicyIdentifier>` +
    `</SignedSignatureProperties></SignedProperties>`
  );
}

function reference(uri: string, type: string, canonical: string): string {
  return (
    `<Reference Type="${type}" URI="${uri}">${digestMethod}` +
    `<DigestValue>${b64(sha256(canonical))}</DigestValue></Reference>`
  );
}

/**
 * The XAdES signature document the DMP requires with every submission (IHE DSG): a detached
 * signature over an IHE manifest of the submitted documents, signed through the Signer (CPS card or
 * establishment key). RSA-SHA256 / SHA-256, the only suite the Signer offers; the 2019 DMP sample
 * still shows SHA-1, which the CI-SIS cryptographic suites (PDT-INF-579) phase out.
 */
export async function signXades(input: XadesInput): Promise<string> {
  if (input.signer.role !== 'signature') {
    throw new AppError('DMP_INVALID_CERTIFICATE', { details: { reason: 'not_signature_key' } });
  }
  if (input.documents.length === 0) throw new AppError('DOC_INVALID_INPUT', { details: { field: 'documents' } });
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(input.signer.certificateDer);
  } catch (cause) {
    throw new AppError('DMP_INVALID_CERTIFICATE', { details: { reason: 'unreadable' }, cause });
  }
  const manifestXml = manifest(input);
  const propertiesXml = signedProperties(input, certificate);
  const signedInfo =
    `<SignedInfo xmlns="${DS}"><CanonicalizationMethod Algorithm="${C14N_WITH_COMMENTS}"></CanonicalizationMethod>` +
    `<SignatureMethod Algorithm="${RSA_SHA256}"></SignatureMethod>` +
    reference(`#${MANIFEST_ID}`, `${DS}Manifest`, manifestXml) +
    reference(`#${PROPERTIES_ID}`, `${XADES}SignedProperties`, propertiesXml) +
    `</SignedInfo>`;
  let signatureValue: Uint8Array;
  try {
    signatureValue = await input.signer.sign(new Uint8Array(Buffer.from(signedInfo, 'utf8')));
  } catch (cause) {
    // Card errors (CARD_REMOVED, PIN_*) keep their own code; anything else is a signature failure.
    if (isAppError(cause)) throw cause;
    throw new AppError('DOC_SIGNATURE_FAILED', { cause });
  }
  const id = attr(input.signatureId);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Signature xmlns="${DS}" Id="${id}">${signedInfo}` +
    `<SignatureValue>${b64(signatureValue)}</SignatureValue>` +
    `<KeyInfo><X509Data><X509Certificate>${b64(certificate.raw)}</X509Certificate></X509Data></KeyInfo>` +
    `<Object>${manifestXml}</Object>` +
    // In no namespace, as in the DMP sample: ds:SignatureProperty would demand an element child, not this text.
    `<Object><SignatureProperties xmlns=""><SignatureProperty Id="purposeOfSignature" Target="#${id}">${PURPOSE_OF_SIGNATURE}</SignatureProperty></SignatureProperties></Object>` +
    `<Object><QualifyingProperties xmlns="${XADES}" Target="#${id}">${propertiesXml}</QualifyingProperties></Object>` +
    `</Signature>`
  );
}
