import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { DOMParser } from '@xmldom/xmldom';
import { C14nCanonicalizationWithComments } from 'xml-crypto';
import { resignVihf, type ResignOptions } from '../../../support/resign-vihf';
import { officialMessage, postSoap, type HttpAnswer, type SimulatorFixture } from './harness';
import type { IssuedCredential } from '../../../../simulators/pki';

/** Requests and answers of the document transactions, built from the official TD2.1 / TD3.x examples. */

export const TD21_FILE = 'TD2.1_-_Alimentation_request.xml';
const OFFICIAL_BOUNDARY = '----=_Part_9_20030738.1554380517598';
const EXAMPLE_NIR = '207058575627097';
const EXAMPLE_OID = '1.2.250.1.213.1.4.10';
const OFFICIAL_SS_UID = '1.2.250.1.999.1.1.7898.1.1622814651504';
const OFFICIAL_DOC_UID = '1.2.250.1.999.1.1.7898.3.1622814651504';
const OFFICIAL_SIG_UID = '1.2.250.1.999.1.1.7898.4.1622814651504';
const DOC_CID = 'WS_DMP_TD2.1-DocumentME2.xml';
const SIG_CID = 'WS_DMP_TD2.1-SignatureXades.xml';

export interface OfficialParts {
  readonly envelope: string;
  readonly document: Buffer;
  readonly signature: Buffer;
}

/** The three MIME parts of the official TD2.1 request, as bytes (its line breaks are bare LF). */
export function officialTd21Parts(): OfficialParts {
  const raw = officialMessage(TD21_FILE);
  const sections = raw.split(`--${OFFICIAL_BOUNDARY}`);
  const body = (section: string | undefined): string => {
    if (section === undefined) throw new Error('TD2.1 example: missing part');
    const start = section.indexOf('\n\n');
    return section.slice(start + 2).replace(/\r?\n$/, '');
  };
  return {
    envelope: body(sections[1]),
    document: Buffer.from(body(sections[2]), 'utf8'),
    signature: Buffer.from(body(sections[3]), 'utf8'),
  };
}

/** The MTOM body and Content-Type an LPS sends for ITI-41. */
export function mtomRequest(
  parts: OfficialParts,
  boundary = `MIME_${randomUUID()}`,
): { body: Buffer; contentType: string } {
  const part = (headers: string, content: Buffer | string): Buffer[] => [
    Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from('\r\n'),
  ];
  const body = Buffer.concat([
    ...part(
      'Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\nContent-ID: <rootpart@dmp-desk>',
      parts.envelope,
    ),
    ...part(`Content-Type: text/xml\r\nContent-ID: <${DOC_CID}>`, parts.document),
    ...part(`Content-Type: text/xml\r\nContent-ID: <${SIG_CID}>`, parts.signature),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return {
    body,
    contentType:
      `multipart/related; boundary="${boundary}"; type="application/xop+xml"; start="<rootpart@dmp-desk>"; ` +
      `start-info="application/soap+xml"`,
  };
}

/** SHA-1 of the inclusive c14n (with comments) of an XML document, as the IHE manifest writes it. */
export function c14nSha1(document: Buffer): string {
  const root = new DOMParser().parseFromString(document.toString('utf8').replace(/^\uFEFF/, ''), 'text/xml');
  const canonical = new C14nCanonicalizationWithComments().process(root.documentElement as unknown as Node, {});
  return createHash('sha1').update(canonical).digest('base64');
}

/**
 * A XAdES signature document shaped like TD2.1-SignatureXades.xml: an IHE manifest referencing the
 * SubmissionSet and each document by `urn:oid:`. The SignatureValue is not checked by the simulator.
 */
export function xadesFor(submissionSetUid: string, documents: readonly { uid: string; content: Buffer }[]): Buffer {
  const dsig = 'http://www.w3.org/2000/09/xmldsig#';
  const withComments = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
  const references = documents
    .map(
      (doc) =>
        `<Reference URI="urn:oid:${doc.uid}"><Transforms><Transform Algorithm="${withComments}"/></Transforms>` +
        `<DigestMethod Algorithm="${dsig}sha1"/><DigestValue>${c14nSha1(doc.content)}</DigestValue></Reference>`,
    )
    .join('');
  return Buffer.from(
    `<Signature xmlns="${dsig}" Id="${randomUUID()}"><SignedInfo><CanonicalizationMethod Algorithm="${withComments}"/>` +
      `<SignatureMethod Algorithm="${dsig}rsa-sha1"/><Reference Type="${dsig}Manifest" URI="#IHEManifest">` +
      `<DigestMethod Algorithm="${dsig}sha1"/><DigestValue>AA==</DigestValue></Reference></SignedInfo>` +
      `<SignatureValue>AA==</SignatureValue><Object><Manifest Id="IHEManifest">` +
      `<Reference URI="urn:oid:${submissionSetUid}"><DigestMethod Algorithm="${dsig}sha1"/><DigestValue>AA==</DigestValue></Reference>` +
      `${references}</Manifest></Object></Signature>`,
    'utf8',
  );
}

export interface DepositOptions {
  /** uniqueId of the document (default: a fresh one). */
  readonly documentUid?: string;
  readonly nir?: string;
  readonly oid?: string;
  /** Extra TRE_A07 confidentiality codes on the document (MASQUE_PS, INVISIBLE_PATIENT). */
  readonly confidentiality?: readonly string[];
  /** entryUUID of the document this one replaces (RPLC). */
  readonly replaces?: string;
  /** Change the envelope after the defaults (a test that breaks one rule). */
  readonly editEnvelope?: (envelope: string) => string;
  /** Change the document after the signature was computed (a tampered document). */
  readonly tamper?: (document: Buffer) => Buffer;
  /** Leave the signature's manifest as published (its digest does not match its own document). */
  readonly officialSignature?: boolean;
}

export interface Deposit {
  readonly parts: OfficialParts;
  readonly documentUid: string;
  readonly submissionSetUid: string;
}

const confidentialityXml = (code: string): string =>
  `<Classification classificationScheme="urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f" classifiedObject="DocumentME2"` +
  ` id="conf-${code}" nodeRepresentation="${code}"><Slot name="codingScheme"><ValueList>` +
  `<Value>1.2.250.1.213.1.1.4.13</Value></ValueList></Slot></Classification>`;

/** The official TD2.1 with fresh uniqueIds, a CDA that carries the new uniqueId, and a matching XAdES. */
export function buildDeposit(options: DepositOptions = {}): Deposit {
  const official = officialTd21Parts();
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const documentUid = options.documentUid ?? `1.2.250.1.999.1.1.7898.3.${stamp}`;
  const submissionSetUid = `1.2.250.1.999.1.1.7898.1.${stamp}`;
  const signatureUid = `1.2.250.1.999.1.1.7898.4.${stamp}`;
  let envelope = official.envelope
    .replaceAll(OFFICIAL_SS_UID, submissionSetUid)
    .replaceAll(OFFICIAL_DOC_UID, documentUid)
    .replaceAll(OFFICIAL_SIG_UID, signatureUid)
    .replaceAll(EXAMPLE_NIR, options.nir ?? EXAMPLE_NIR)
    .replaceAll(EXAMPLE_OID, options.oid ?? EXAMPLE_OID);
  const formatAnchor =
    '<Classification classificationScheme="urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d" classifiedObject="DocumentME2"';
  for (const code of options.confidentiality ?? []) {
    envelope = envelope.replace(formatAnchor, `${confidentialityXml(code)}${formatAnchor}`);
  }
  if (options.replaces !== undefined) {
    envelope = envelope.replace(
      '</RegistryObjectList>',
      `<Association associationType="urn:ihe:iti:2007:AssociationType:RPLC" id="rplc1" sourceObject="DocumentME2"` +
        ` targetObject="${options.replaces}"/></RegistryObjectList>`,
    );
  }
  if (options.editEnvelope !== undefined) envelope = options.editEnvelope(envelope);
  const document = Buffer.from(
    official.document
      .toString('utf8')
      .replace('<id root="1.2.250.1.999.1.1.7898.4.9956570902" />', `<id root="${documentUid}" />`)
      .replaceAll(EXAMPLE_NIR, options.nir ?? EXAMPLE_NIR),
    'utf8',
  );
  const signature =
    options.officialSignature === true
      ? official.signature
      : xadesFor(submissionSetUid, [{ uid: documentUid, content: document }]);
  return {
    parts: { envelope, document: options.tamper?.(document) ?? document, signature },
    documentUid,
    submissionSetUid,
  };
}

export type SendOptions = ResignOptions & { signer?: IssuedCredential; client?: IssuedCredential };

/** POSTs an ITI-41 over MTOM with the VIHF re-signed by the test PKI. */
export function sendDeposit(fx: SimulatorFixture, deposit: Deposit, options: SendOptions = {}): Promise<HttpAnswer> {
  const envelope = resignVihf(deposit.parts.envelope, options.signer ?? fx.doctor.sign, options);
  const { body, contentType } = mtomRequest({ ...deposit.parts, envelope });
  return postSoap(fx, 'repository', body, options.client ?? fx.doctor.auth, 10_000, contentType);
}

const replaceBody = (xml: string, body: string): string =>
  xml.replace(/<soap:Body>[\s\S]*<\/soap:Body>/, `<soap:Body>${body}</soap:Body>`);
const replaceAction = (xml: string, action: string): string =>
  xml.replace(/(<Action [^>]*>)[^<]*(<\/Action>)/, `$1${action}$2`);

export const TD31_FILE = 'TD3.1_-_Recherche_de_document_request.xml';
export const TD32_FILE = 'TD3.2_-_Consultation_dun_document_request.xml';

export interface FindOptions {
  readonly nir?: string;
  readonly statuses?: readonly string[];
  readonly extraSlots?: string;
  readonly returnType?: 'LeafClass' | 'ObjectRef';
}

/** TD3.1 FindDocuments: the official request with other parameters. */
export function td31(options: FindOptions = {}): string {
  const statuses = (options.statuses ?? ['urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'])
    .map((status) => `'${status}'`)
    .join(',');
  const nir = options.nir ?? EXAMPLE_NIR;
  const body =
    `<ns3:AdhocQueryRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:ns3="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0">` +
    `<ns3:ResponseOption returnComposedObjects="true" returnType="${options.returnType ?? 'LeafClass'}"/>` +
    `<AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d">` +
    `<Slot name="$XDSDocumentEntryPatientId"><ValueList><Value>'${nir}^^^&amp;${EXAMPLE_OID}&amp;ISO^NH'</Value></ValueList></Slot>` +
    `<Slot name="$XDSDocumentEntryStatus"><ValueList><Value>(${statuses})</Value></ValueList></Slot>` +
    (options.extraSlots ?? '') +
    `</AdhocQuery></ns3:AdhocQueryRequest>`;
  return replaceBody(officialMessage(TD31_FILE), body).replaceAll(EXAMPLE_NIR, nir);
}

/** Another stored query in the TD3.1 envelope. */
export function storedQuery(queryId: string, slots: string, nir = EXAMPLE_NIR): string {
  const body =
    `<ns3:AdhocQueryRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:ns3="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0">` +
    `<ns3:ResponseOption returnComposedObjects="true" returnType="LeafClass"/>` +
    `<AdhocQuery id="${queryId}">${slots}</AdhocQuery></ns3:AdhocQueryRequest>`;
  return replaceBody(officialMessage(TD31_FILE), body).replaceAll(EXAMPLE_NIR, nir);
}

export const slot = (name: string, ...values: string[]): string =>
  `<Slot name="${name}"><ValueList>${values.map((v) => `<Value>${v}</Value>`).join('')}</ValueList></Slot>`;

/** TD3.2 RetrieveDocumentSet for one uniqueId. */
export function td32(uniqueId: string, nir = EXAMPLE_NIR): string {
  return officialMessage(TD32_FILE)
    .replace('1.2.250.1.999.1.1.7898.1.995657292', uniqueId)
    .replaceAll(EXAMPLE_NIR, nir);
}

/** ITI-57 in the TD3.1 envelope (the templates carry a body only). */
export function iti57(submitObjectsRequest: string, nir = EXAMPLE_NIR): string {
  return replaceBody(
    replaceAction(officialMessage(TD31_FILE), 'urn:ihe:iti:2010:UpdateDocumentSet'),
    submitObjectsRequest,
  ).replaceAll(EXAMPLE_NIR, nir);
}

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** POSTs a re-signed request and keeps the answer as bytes (ITI-43 answers are MTOM with binary parts). */
export function postRaw(
  fx: SimulatorFixture,
  service: string,
  xml: string,
  options: SendOptions = {},
): Promise<RawAnswer> {
  const signed = resignVihf(xml, options.signer ?? fx.doctor.sign, options);
  const client = options.client ?? fx.doctor.auth;
  return new Promise((resolvePromise, reject) => {
    const req = request(
      new URL(`${fx.sim.servicesUrl}/${service}`),
      {
        method: 'POST',
        cert: client.certPem,
        key: client.keyPem,
        ca: fx.pki.caCertPem,
        headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(signed);
  });
}

/** A multipart answer: the root envelope and the parts by Content-ID. */
export function readMtomAnswer(raw: Buffer, contentType: string): { envelope: string; parts: Map<string, Buffer> } {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error('not multipart');
  const sections = raw.toString('binary').split(`--${boundary}`).slice(1, -1);
  const parts = new Map<string, Buffer>();
  let envelope = '';
  sections.forEach((section, index) => {
    const split = section.indexOf('\r\n\r\n');
    const headers = section.slice(0, split);
    const content = Buffer.from(section.slice(split + 4, section.length - 2), 'binary');
    const id = /Content-ID:\s*<([^>]+)>/i.exec(headers)?.[1] ?? '';
    if (index === 0) envelope = content.toString('utf8');
    else parts.set(id, content);
  });
  return { envelope, parts };
}
