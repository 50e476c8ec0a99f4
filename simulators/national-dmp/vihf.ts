import type { X509Certificate as NodeX509 } from 'node:crypto';
import { XMLSerializer, type Element, type Node as XmlNode } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { attr, childElements, childPath, firstChild, parseUntrustedXml, textOf } from '../xml/safe-xml';
import { DMP_CODES } from './fault-codes';
import { NS, OID } from './namespaces';
import { SoapFault } from './soap';
import {
  checkModeMatchesCertificate,
  checkSignerCertificate,
  commonNames,
  signerCertificate,
  type AuthMode,
} from './vihf-certificate';

export { isSignatureCertificate, type AuthMode } from './vihf-certificate';

export type PurposeOfUse = 'normal' | 'bris_de_glace' | 'centre_15';

export interface CodedRole {
  readonly code: string;
  readonly codeSystem: string;
}

export interface PatientIns {
  readonly nir: string;
  readonly oid: string;
}

/** What the simulator keeps from a verified VIHF: the caller, its context, and the patient. */
export interface VihfClaims {
  readonly nameId: string;
  readonly issuer: string;
  readonly authMode: AuthMode;
  readonly structureId: string;
  readonly secteurActivite: string;
  readonly subjectId: string | undefined;
  readonly roles: readonly CodedRole[];
  readonly patient: PatientIns | undefined;
  readonly purposeOfUse: PurposeOfUse;
  /** Why a bris de glace / centre 15 access is made (attribute Mode_Acces_Raison [I]). */
  readonly accessReason: string | undefined;
  readonly lpsName: string;
  readonly lpsHomologation: string;
  readonly issueInstant: Date;
}

export interface VihfCheckOptions {
  readonly caCertPem: string;
  readonly now: Date;
  readonly maxAgeSeconds: number;
  readonly clockSkewSeconds: number;
  /** DER of the TLS client certificate, for the direct-mode holder check. */
  readonly tlsClientCertDer?: Uint8Array;
}

/**
 * The reason of an emergency access. Assumption [I]: dmp-interface.md §3 names Mode_Acces_Raison as the
 * Pro Santé Connect claim a VIHF is built from; the DMPi attribute name was not available.
 */
export const ACCESS_REASON_ATTRIBUTE = 'Mode_Acces_Raison';

const AUTH_MODES: readonly AuthMode[] = ['DIRECTE', 'INDIRECTE', 'INDIRECTE_RENFORCEE'];
const PURPOSES: readonly PurposeOfUse[] = ['normal', 'bris_de_glace', 'centre_15'];
const ALLOWED_SIGNATURE_ALGORITHMS = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
]);
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
/** Professions whose second role (specialty) is mandatory: médecin (10) and pharmacien (21). */
const PROFESSIONS_NEEDING_SPECIALTY = new Set(['10', '21']);

const invalid = (reason: string): SoapFault => new SoapFault(DMP_CODES.invalidVihf, reason);

/** Verifies the VIHF of a request (dmp-interface.md §10.2) and returns its claims, or throws a SoapFault. */
export function verifyVihf(assertion: Element | undefined, envelopeXml: string, options: VihfCheckOptions): VihfClaims {
  if (assertion === undefined) throw invalid('No VIHF assertion in wsse:Security');
  const signature = firstChild(assertion, NS.ds, 'Signature');
  if (signature === undefined) throw new SoapFault(DMP_CODES.invalidSignature, 'The VIHF is not signed');
  const signer = signerCertificate(signature);
  checkSignerCertificate(signer, options);
  const signedAssertionXml = checkSignature(signature, signatureScope(assertion, envelopeXml), assertion, signer);
  // Claims are read from what the signature covers, never from the surrounding document (signature wrapping).
  const signed = parseUntrustedXml(signedAssertionXml).documentElement;
  if (signed === null) throw invalid('Empty assertion');
  return readClaims(signed, signer, options);
}

/**
 * The envelope reduced to the assertion and its ancestors, as xml-crypto verifies it. The
 * reference is `#assertionID` (checked below), so nothing outside the assertion is signed; but
 * xml-crypto looks the ID up over the whole document, and over an ITI-41 body that scan took
 * most of a request's time. Ancestors keep their attributes and namespace declarations, so the
 * assertion canonicalizes exactly as in place (exclusive C14N, InclusiveNamespaces included);
 * an element elsewhere carrying the same ID (signature wrapping) is dropped, and the claims are
 * read from what was verified anyway.
 */
function signatureScope(assertion: Element, envelopeXml: string): string {
  const ancestors: Element[] = [];
  for (let node = assertion.parentNode; node !== null && node.nodeType === node.ELEMENT_NODE; node = node.parentNode) {
    ancestors.unshift(node as Element);
  }
  if (ancestors.length === 0) return envelopeXml;
  // Shallow copies keep each ancestor's attributes, xmlns declarations included; only the assertion is copied whole.
  const root = ancestors[0]!.cloneNode(false);
  let parent: XmlNode = root;
  for (const ancestor of ancestors.slice(1)) parent = parent.appendChild(ancestor.cloneNode(false));
  parent.appendChild(assertion.cloneNode(true));
  return new XMLSerializer().serializeToString(root);
}

function checkSignature(signature: Element, envelopeXml: string, assertion: Element, signer: NodeX509): string {
  const id = assertion.getAttribute('ID');
  if (id === null || id === '') throw invalid('Assertion without ID');
  const signedInfo = firstChild(signature, NS.ds, 'SignedInfo');
  const algorithm = attr(signedInfo && firstChild(signedInfo, NS.ds, 'SignatureMethod'), 'Algorithm');
  const c14n = attr(signedInfo && firstChild(signedInfo, NS.ds, 'CanonicalizationMethod'), 'Algorithm');
  if (algorithm === undefined || !ALLOWED_SIGNATURE_ALGORITHMS.has(algorithm) || c14n !== EXC_C14N) {
    throw new SoapFault(DMP_CODES.invalidSignature, 'Unsupported signature algorithm');
  }
  const references = signedInfo === undefined ? [] : childElements(signedInfo, NS.ds, 'Reference');
  if (references.length !== 1 || references[0]?.getAttribute('URI') !== `#${id}`) {
    throw new SoapFault(DMP_CODES.invalidSignature, 'The signature must cover the assertion only');
  }
  const verifier = new SignedXml({ publicCert: signer.toString(), getCertFromKeyInfo: () => null });
  let valid = false;
  try {
    // xml-crypto types its input with the DOM lib; an xmldom node is what it actually walks.
    verifier.loadSignature(signature as unknown as Node);
    valid = verifier.checkSignature(envelopeXml);
  } catch {
    valid = false;
  }
  const signed = verifier.getSignedReferences();
  if (!valid || signed.length !== 1 || signed[0] === undefined) {
    throw new SoapFault(DMP_CODES.invalidSignature, 'Invalid VIHF signature');
  }
  return signed[0];
}

type AttributeValues = Map<string, Element[]>;

function readAttributes(assertion: Element): AttributeValues {
  const values: AttributeValues = new Map();
  for (const statement of childElements(assertion, NS.saml2, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml2, 'Attribute')) {
      // The samples spell Authentification_mode, the guide Authentification_Mode: names match case-insensitively.
      const name = (attribute.getAttribute('Name') ?? '').toLowerCase();
      values.set(name, [...(values.get(name) ?? []), ...childElements(attribute, NS.saml2, 'AttributeValue')]);
    }
  }
  return values;
}

function single(values: AttributeValues, name: string, required: boolean): string | undefined {
  const found = values.get(name.toLowerCase()) ?? [];
  if (found.length > 1) throw invalid(`Attribute ${name} repeated`);
  const value = textOf(found[0]);
  if (required && (value === undefined || value === '')) throw invalid(`Missing attribute ${name}`);
  return value;
}

function coded(values: AttributeValues, name: string, elementName: string): CodedRole[] {
  return (values.get(name.toLowerCase()) ?? []).map((value) => {
    const element = firstChild(value, NS.hl7, elementName);
    const code = attr(element, 'code');
    const codeSystem = attr(element, 'codeSystem');
    if (code === undefined || codeSystem === undefined) throw invalid(`Attribute ${name} is not a coded value`);
    return { code, codeSystem };
  });
}

/** `NIR^^^&OID&ISO^NH` (dmp-interface.md §3). */
export function parseInsCx(value: string): PatientIns | undefined {
  const match = /^([0-9AB]{13}[0-9]{2})\^\^\^&([0-9.]+)&ISO\^NH$/.exec(value);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { nir: match[1], oid: match[2] };
}

function readClaims(assertion: Element, signer: NodeX509, options: VihfCheckOptions): VihfClaims {
  const issuerElement = firstChild(assertion, NS.saml2, 'Issuer');
  const issuer = textOf(issuerElement) ?? '';
  if (attr(issuerElement, 'Format') !== 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName' || issuer === '') {
    throw invalid('Issuer must be the X509 subject of the signer');
  }
  if (!commonNames(signer.raw).every((cn) => issuer.includes(`CN=${cn}`))) throw invalid('Issuer is not the signer');
  const nameId = textOf(childPath(assertion, NS.saml2, 'Subject', 'NameID'));
  if (nameId === undefined || nameId === '') throw invalid('Missing Subject/NameID');
  if (childPath(assertion, NS.saml2, 'AuthnStatement', 'AuthnContext', 'AuthnContextClassRef') === undefined) {
    throw invalid('Missing AuthnContextClassRef');
  }
  const issueInstant = checkTimeWindow(assertion, options);

  const values = readAttributes(assertion);
  const version = single(values, 'VIHF_Version', true);
  if (version !== '3.0' && version !== '4.0') throw invalid('Unsupported VIHF_Version');
  const authMode = single(values, 'Authentification_Mode', true) as AuthMode;
  if (!AUTH_MODES.includes(authMode)) throw invalid('Unknown Authentification_Mode');
  checkModeMatchesCertificate(authMode, signer, options.tlsClientCertDer);
  const structureId = single(values, 'Identifiant_Structure', true) ?? '';
  const secteurActivite = single(values, 'Secteur_Activite', true) ?? '';
  if (!secteurActivite.endsWith(`^${OID.secteurActivite}`))
    throw invalid('Secteur_Activite must be code^1.2.250.1.71.4.2.4');
  // The DIRECTE samples of the official TD messages omit subject-id; the indirect ones carry it.
  const subjectId = single(values, 'urn:oasis:names:tc:xspa:1.0:subject:subject-id', authMode !== 'DIRECTE');
  if (single(values, 'Ressource_URN', true) !== 'urn:dmp') throw invalid('Ressource_URN must be urn:dmp');
  // resource-id is 1..1 (dmp-interface.md §3): the official tokens carry it even for TD0.4 and TD0.5,
  // which are about no one patient and ignore it. Empty there names no patient; a value must be an
  // INS in CX form, and every patient transaction matches its body INS against it.
  const resources = values.get('urn:oasis:names:tc:xacml:2.0:resource:resource-id') ?? [];
  if (resources.length !== 1) throw invalid('One resource-id is required');
  const resource = nonEmpty(textOf(resources[0]));
  const patient = resource === undefined ? undefined : parseInsCx(resource);
  if (resource !== undefined && patient === undefined) throw invalid('resource-id is not an INS in CX form');

  const roles = coded(values, 'urn:oasis:names:tc:xacml:2.0:subject:role', 'Role');
  if (roles.length < 1 || roles.length > 4) throw invalid('subject:role needs 1 to 4 values');
  const profession = roles[0];
  if (profession?.codeSystem === OID.professions && PROFESSIONS_NEEDING_SPECIALTY.has(profession.code)) {
    if (roles.length < 2) throw invalid('subject:role needs the specialty of a médecin or pharmacien');
  }
  const purposes = coded(values, 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse', 'PurposeOfUse');
  const purpose = purposes[0];
  if (purposes.length !== 1 || purpose === undefined) throw invalid('One purposeofuse is required');
  if (purpose.codeSystem !== OID.purposeOfUse || !PURPOSES.includes(purpose.code as PurposeOfUse)) {
    throw invalid('Unknown purposeofuse');
  }
  const lpsName = single(values, 'LPS_Nom', true) ?? '';
  const lpsHomologation = single(values, 'LPS_ID_HOMOLOGATION_DMP', true) ?? '';
  return {
    nameId,
    issuer,
    authMode,
    structureId,
    secteurActivite,
    subjectId,
    roles,
    patient,
    purposeOfUse: purpose.code as PurposeOfUse,
    accessReason: nonEmpty(single(values, ACCESS_REASON_ATTRIBUTE, false)),
    lpsName,
    lpsHomologation,
    issueInstant,
  };
}

function checkTimeWindow(assertion: Element, options: VihfCheckOptions): Date {
  const now = options.now.getTime();
  const skew = options.clockSkewSeconds * 1000;
  const issueInstant = Date.parse(assertion.getAttribute('IssueInstant') ?? '');
  if (Number.isNaN(issueInstant)) throw invalid('Missing IssueInstant');
  if (issueInstant > now + skew || issueInstant < now - options.maxAgeSeconds * 1000 - skew) {
    throw new SoapFault(DMP_CODES.vihfExpired, 'VIHF outside its validity window');
  }
  const conditions = firstChild(assertion, NS.saml2, 'Conditions');
  const notBefore = Date.parse(attr(conditions, 'NotBefore') ?? '');
  const notOnOrAfter = Date.parse(attr(conditions, 'NotOnOrAfter') ?? '');
  if (
    (!Number.isNaN(notBefore) && now + skew < notBefore) ||
    (!Number.isNaN(notOnOrAfter) && now - skew >= notOnOrAfter)
  ) {
    throw new SoapFault(DMP_CODES.vihfExpired, 'VIHF outside its Conditions');
  }
  return new Date(issueInstant);
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;
