import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const SAML2 = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

export interface VihfSigner {
  readonly keyPem: string;
  readonly certPem: string;
}

export interface ResignOptions {
  /** IssueInstant/AuthnInstant written into the token (the official ones date from 2019). Default: now. */
  readonly now?: Date;
  readonly algorithm?: 'sha256' | 'sha1';
  /** Edit the assertion before signing (a test that needs another role, mode or patient). */
  readonly mutate?: (assertion: Element) => void;
  /** Keep the official Issuer instead of writing the signer's subject DN. */
  readonly keepIssuer?: boolean;
}

const ALGORITHMS = {
  sha256: {
    signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
  },
  sha1: { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
} as const;

/**
 * Replaces the VIHF signature of an official message with one made by a test-PKI key: the old
 * ds:Signature goes, the Issuer becomes the signer's DN, the instants are refreshed, and a new
 * enveloped exc-c14n signature with the signer certificate in KeyInfo goes right after the Issuer
 * (its place in a SAML assertion). Works on a whole SOAP envelope or on a bare assertion.
 */
export function resignVihf(xml: string, signer: VihfSigner, options: ResignOptions = {}): string {
  // Some official samples carry mojibake display names: a parser warning, not a reason to stop.
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`resignVihf: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
  const assertion = document.getElementsByTagNameNS(SAML2, 'Assertion')[0];
  if (assertion === undefined) throw new Error('resignVihf: no saml2:Assertion');
  for (const old of Array.from(assertion.getElementsByTagNameNS(DS, 'Signature'))) old.parentNode?.removeChild(old);

  const instant = (options.now ?? new Date()).toISOString();
  assertion.setAttribute('IssueInstant', instant);
  for (const statement of Array.from(assertion.getElementsByTagNameNS(SAML2, 'AuthnStatement'))) {
    statement.setAttribute('AuthnInstant', instant);
  }
  const issuer = assertion.getElementsByTagNameNS(SAML2, 'Issuer')[0];
  if (issuer === undefined) throw new Error('resignVihf: no saml2:Issuer');
  if (options.keepIssuer !== true) issuer.textContent = new X509Certificate(signer.certPem).subject;
  options.mutate?.(assertion);

  const id = assertion.getAttribute('ID');
  if (id === null) throw new Error('resignVihf: assertion without ID');
  const algorithm = ALGORITHMS[options.algorithm ?? 'sha256'];
  const signed = new SignedXml({
    privateKey: signer.keyPem,
    publicCert: signer.certPem,
    signatureAlgorithm: algorithm.signature,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signed.addReference({
    xpath: `//*[local-name()='Assertion' and @ID='${id}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: algorithm.digest,
  });
  signed.computeSignature(new XMLSerializer().serializeToString(document), {
    location: { reference: `//*[local-name()='Assertion' and @ID='${id}']/*[local-name()='Issuer']`, action: 'after' },
  });
  return signed.getSignedXml();
}
