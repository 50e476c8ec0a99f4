/** Which certificate may sign a VIHF: trust, validity, usage, and fit with the authentication mode. */
import 'reflect-metadata';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { KeyUsageFlags, KeyUsagesExtension, X509Certificate } from '@peculiar/x509';
import type { Element } from '@xmldom/xmldom';
import { childPath, textOf } from '../xml/safe-xml';
import { DMP_CODES } from './fault-codes';
import { NS } from './namespaces';
import { SoapFault } from './soap';

export type AuthMode = 'DIRECTE' | 'INDIRECTE' | 'INDIRECTE_RENFORCEE';

const badCertificate = (reason: string): SoapFault => new SoapFault(DMP_CODES.invalidCertificate, reason);

export function signerCertificate(signature: Element): NodeX509 {
  const base64 = textOf(childPath(signature, NS.ds, 'KeyInfo', 'X509Data', 'X509Certificate'));
  if (base64 === undefined || base64 === '') throw badCertificate('No X509Certificate in KeyInfo');
  try {
    return new NodeX509(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
  } catch {
    throw badCertificate('Unreadable signer certificate');
  }
}

export function checkSignerCertificate(signer: NodeX509, options: { caCertPem: string; now: Date }): void {
  const ca = new NodeX509(options.caCertPem);
  if (!signer.checkIssued(ca) || !signer.verify(ca.publicKey))
    throw badCertificate('Signer not issued by a trusted CA');
  const now = options.now.getTime();
  if (now < Date.parse(signer.validFrom) || now > Date.parse(signer.validTo)) {
    throw badCertificate('Signer certificate outside its validity period');
  }
  if (!isSignatureCertificate(signer.raw)) throw badCertificate('Not a valid signature certificate');
}

/**
 * A signature certificate carries nonRepudiation: that is what a CPS signature certificate or an
 * establishment signing certificate has and a CPS authentication certificate lacks, hence the live
 * fault "Not a valid signature certificate" for a VIHF signed with the auth key (dmp-interface.md §1).
 */
export function isSignatureCertificate(der: Uint8Array): boolean {
  const keyUsage = parsedCertificate(der).getExtension(KeyUsagesExtension);
  return keyUsage !== null && (keyUsage.usages & KeyUsageFlags.nonRepudiation) !== 0;
}

/**
 * The signer must fit the mode [I: the rule is ours, the DMPi text was not available]: in DIRECTE
 * a personal card certificate (its subject names a person: SN) from the same card holder as the
 * TLS session; in the indirect modes an organisation certificate (no person in the subject).
 */
export function checkModeMatchesCertificate(
  mode: AuthMode,
  signer: NodeX509,
  tlsClientCertDer: Uint8Array | undefined,
): void {
  const personal = parsedCertificate(signer.raw).subjectName.getField('SN').length > 0;
  if (mode === 'DIRECTE') {
    if (!personal) throw badCertificate('DIRECTE needs a card signature certificate');
    if (tlsClientCertDer !== undefined && tlsClientCertDer.length > 0) {
      if (new NodeX509(tlsClientCertDer).subject !== signer.subject)
        throw badCertificate('The VIHF signer is not the TLS card holder');
    }
  } else if (personal) {
    throw badCertificate(`${mode} needs an establishment certificate`);
  }
}

export function commonNames(der: Uint8Array): string[] {
  return parsedCertificate(der).subjectName.getField('CN');
}

/** The same few certificates sign every request; their extensions are parsed once (ASN.1 parsing costs ms). */
const parsedCache = new Map<string, X509Certificate>();
const PARSED_CACHE_SIZE = 64;

function parsedCertificate(der: Uint8Array): X509Certificate {
  const key = Buffer.from(der).toString('base64');
  let parsed = parsedCache.get(key);
  if (parsed === undefined) {
    parsed = new X509Certificate(new Uint8Array(der));
    if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.clear();
    parsedCache.set(key, parsed);
  }
  return parsed;
}
