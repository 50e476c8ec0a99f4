import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resignVihf } from '../../../support/resign-vihf';
import { vectorsPath } from '../../../support/vectors';
import { SERVICE_WSDL, wsdlOperations } from '../../../support/wsdl-actions';
import {
  buildDeposit,
  iti57,
  officialTd21Parts,
  postRaw,
  readMtomAnswer,
  sendDeposit,
  TD21_FILE,
  TD31_FILE,
  TD32_FILE,
  td31,
  xadesFor,
} from '../../../integration/dmp/simulator/documents';
import {
  count,
  officialMessage,
  path,
  postSoap,
  sendOfficial,
  startFixture,
  xp,
  type SimulatorFixture,
} from '../../../integration/dmp/simulator/harness';
import { setNameId } from '../../../integration/dmp/simulator/requests';
import { outline } from './structure';

const EXAMPLE = '207058575627097';
const OFFICIAL_BOUNDARY = '----=_Part_9_20030738.1554380517598';
const SUCCESS = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success';
const APPROVED = 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved';
const ARCHIVED = 'urn:asip:ci-sis:2010:StatusType:Archived';
const DELETED = 'urn:asip:ci-sis:2010:StatusType:Deleted';
/** The document the official TD3.2 request asks for. */
const TD32_UID = '1.2.250.1.999.1.1.7898.1.995657292';

let fx: SimulatorFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => fx.sim.close());

const template = (name: string): string => readFileSync(vectorsPath('dmp-templates', name), 'utf8');
const status = (body: string): string =>
  xp(body, "//*[local-name()='RegistryResponse' or local-name()='AdhocQueryResponse']/@status");

/** The official multipart file, VIHF re-signed, optionally with another signature part; sent with its own boundary. */
async function replayOfficialTd21(signature?: Buffer): Promise<{ status: number; body: string }> {
  const raw = officialMessage(TD21_FILE);
  const parts = officialTd21Parts();
  const resigned = resignVihf(parts.envelope, fx.doctor.sign);
  let body = raw.replace(parts.envelope, resigned);
  if (signature !== undefined) body = body.replace(parts.signature.toString('utf8'), signature.toString('utf8'));
  return postSoap(
    fx,
    'repository',
    Buffer.from(body, 'utf8'),
    fx.doctor.auth,
    10_000,
    `multipart/related; boundary="${OFFICIAL_BOUNDARY}"; type="application/xop+xml"; start="<rootpart@soapui.org>"; start-info="application/soap+xml"`,
  );
}

/** The signature the official example should have carried: its manifest digest recomputed for its own document. */
function repairedSignature(): Buffer {
  const parts = officialTd21Parts();
  return xadesFor('1.2.250.1.999.1.1.7898.1.1622814651504', [
    { uid: '1.2.250.1.999.1.1.7898.3.1622814651504', content: parts.document },
  ]);
}

/** Shape of each ExtrinsicObject: its attributes, slot names, classification schemes and children. */
function entryShapes(
  xml: string,
): { attributes: string[]; slots: string[]; schemes: Set<string>; children: string[] }[] {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  return Array.from(
    document.getElementsByTagNameNS('urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0', 'ExtrinsicObject'),
  ).map((entry) => {
    const children = Array.from(entry.childNodes).filter((n) => n.nodeType === 1) as unknown as Element[];
    return {
      attributes: Array.from(entry.attributes)
        .map((a) => a.name)
        .filter((n) => !n.startsWith('xmlns'))
        .sort(),
      slots: children.filter((c) => c.localName === 'Slot').map((c) => c.getAttribute('name') ?? ''),
      schemes: new Set(
        children
          .filter((c) => c.localName === 'Classification')
          .map((c) => c.getAttribute('classificationScheme') ?? ''),
      ),
      children: [...new Set(children.map((c) => c.localName))],
    };
  });
}

function xsdErrors(xml: string, schema: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', vectorsPath('dmp-wsdl', 'schema', ...schema.split('/')), '-'], {
      input: xml,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

/** The operation element of an answer, as its own document (XOP includes put back inline as base64). */
function operation(envelope: string, parts: ReadonlyMap<string, Buffer> = new Map()): string {
  const document = new DOMParser().parseFromString(envelope, 'text/xml');
  for (const include of Array.from(
    document.getElementsByTagNameNS('http://www.w3.org/2004/08/xop/include', 'Include'),
  )) {
    const content = parts.get(decodeURIComponent((include.getAttribute('href') ?? '').slice(4)));
    const parent = include.parentNode;
    if (content === undefined || parent === null) throw new Error('unresolved xop:Include');
    parent.replaceChild(document.createTextNode(content.toString('base64')), include);
  }
  const body = document.getElementsByTagNameNS('http://www.w3.org/2003/05/soap-envelope', 'Body')[0];
  const element = Array.from(body?.childNodes ?? []).find((node) => node.nodeType === 1);
  if (element === undefined) throw new Error('empty body');
  return new XMLSerializer().serializeToString(element);
}

describe('TD2.1 official request (MTOM, SOAP 1.1, bare-LF parts) replayed with a test-PKI VIHF', () => {
  it('is refused as published: its XAdES manifest digest does not match its own document', async () => {
    const answer = await replayOfficialTd21();
    expect(answer.status).toBe(200);
    expect(xp(answer.body, path('RegistryError') + '/@errorCode')).toBe('DMPSignatureDigestMismatch');
  });

  it('is accepted once the manifest digest is recomputed, and answered like the official response', async () => {
    const answer = await replayOfficialTd21(repairedSignature());
    expect(status(answer.body)).toBe(SUCCESS);
    expect(outline(answer.body)).toEqual(outline(officialMessage('TD2.1_-_Alimentation_response.xml')));
    expect(xsdErrors(operation(answer.body), 'ebRS/rs.xsd')).toBe('');
    const stored = fx.sim.admin
      .listDocuments(EXAMPLE)
      .find((d) => d.uniqueId === '1.2.250.1.999.1.1.7898.3.1622814651504');
    expect(stored?.size).toBe(officialTd21Parts().document.length);
  });
});

describe('TD3.1 official request replayed', () => {
  it('answers a FindDocuments with the structure of the official 21-entry response', async () => {
    await replayOfficialTd21(repairedSignature());
    const answer = await sendOfficial(fx, 'registry', officialMessage(TD31_FILE));
    expect(status(answer.body)).toBe(SUCCESS);
    const official = officialMessage('TD3.1_-_Recherche_de_document_response.xml');
    expect(xp(answer.body, path('Header', 'Action'))).toBe(xp(official, path('Header', 'Action')));
    const ours = entryShapes(answer.body);
    const theirs = entryShapes(official);
    expect(ours).toHaveLength(2); // the document and its signature
    expect(Number(xp(answer.body, path('AdhocQueryResponse') + '/@totalResultCount'))).toBe(2);
    const officialSchemes = new Set(theirs.flatMap((shape) => [...shape.schemes]));
    expect(ours[0]?.children).toEqual(theirs[0]?.children);
    for (const shape of ours) {
      expect(shape.attributes).toEqual(theirs[0]?.attributes);
      for (const child of shape.children) expect(theirs[0]?.children).toContain(child);
      for (const scheme of shape.schemes) expect(officialSchemes).toContain(scheme);
    }
    // The slots of the document entry are those the DMP returns, in its order.
    expect(ours[0]?.slots).toEqual(theirs[0]?.slots);
    expect(xsdErrors(operation(answer.body), 'ebRS/query.xsd')).toBe('');
  });

  it('the official response validates too, and the schema check can fail', () => {
    const official = officialMessage('TD3.1_-_Recherche_de_document_response.xml');
    expect(xsdErrors(operation(official), 'ebRS/query.xsd')).toBe('');
    const broken = operation(official).replace('<ns4:VersionInfo versionName="1"/>', '<ns4:VersionInfo version="1"/>');
    expect(xsdErrors(broken, 'ebRS/query.xsd')).not.toBe('');
  });
});

describe('TD3.2 official request replayed', () => {
  it('returns the document over MTOM with the structure of the official response', async () => {
    const built = buildDeposit({ documentUid: TD32_UID });
    expect(status((await sendDeposit(fx, built)).body)).toBe(SUCCESS);
    const answer = await postRaw(fx, 'repository', officialMessage(TD32_FILE));
    expect(answer.contentType).toMatch(/^multipart\/related;.*type="application\/xop\+xml"/);
    const { envelope, parts } = readMtomAnswer(answer.body, answer.contentType);
    expect(outline(envelope)).toEqual(outline(officialMessage('TD3.2_-_Consultation_dun_document_response.xml')));
    expect(xsdErrors(operation(envelope, parts), 'IHE/XDS.b_DocumentRepository.xsd')).toBe('');
    expect([...parts.values()]).toEqual([built.parts.document]);
  });
});

describe('ITI-57 templates (dmp-templates) replayed', () => {
  async function depositOne(): Promise<{ uid: string; uuid: string }> {
    const built = buildDeposit();
    expect(status((await sendDeposit(fx, built)).body)).toBe(SUCCESS);
    const uuid = fx.sim.admin.listDocuments(EXAMPLE).find((d) => d.uniqueId === built.documentUid)?.entryUuid ?? '';
    return { uid: built.documentUid, uuid };
  }

  const states = (): Record<string, string> =>
    Object.fromEntries(fx.sim.admin.listDocuments(EXAMPLE).map((d) => [`${d.uniqueId}#${d.version}`, d.status]));

  it('template_archivage archives, template_depublication deletes', async () => {
    const { uid, uuid } = await depositOne();
    const archive = template('template_archivage.xml')
      .replace('urn:uuid:d1ba52e5-9906-46af-aac1-344c8ef73ba1', uuid)
      // The template still names the patient by its legacy INS-C.
      .replace(
        '1164485058822081751070^^^&amp;1.2.250.1.213.1.4.2&amp;ISO^INS-C^^20100907',
        `${EXAMPLE}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH`,
      );
    const archived = await sendOfficial(fx, 'registry', iti57(archive));
    expect(status(archived.body)).toBe(SUCCESS);
    const bodyOnly = (xml: string): string[] => outline(xml).filter((line) => line.startsWith('/Envelope/Body'));
    expect(bodyOnly(archived.body)).toEqual(bodyOnly(officialMessage('TD2.1_-_Alimentation_response.xml')));
    // No official ITI-57 answer exists: its header Action is the registry WSDL's output Action.
    const update = wsdlOperations(SERVICE_WSDL.registry).find(
      (op) => op.input === 'urn:ihe:iti:2010:UpdateDocumentSet',
    );
    expect(xp(archived.body, path('Header', 'Action'))).toBe(update?.output);
    expect(update?.output).toBe('urn:ihe:iti:2010:UpdateDocumentSet-Response');
    expect(states()[`${uid}#1`]).toBe(ARCHIVED);

    const remove = template('template_depublication.xml')
      .replace('urn:uuid:41b6cd53-a85f-464c-aebe-ed0bf5c2c85a', uuid)
      .replace('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved', ARCHIVED);
    expect(status((await sendOfficial(fx, 'registry', iti57(remove))).body)).toBe(SUCCESS);
    expect(states()[`${uid}#1`]).toBe(DELETED);
  });

  it('template_masquage creates version 2 masked to professionals; the old version is Deprecated', async () => {
    const { uid } = await depositOne();
    const lid = fx.sim.admin.listDocuments(EXAMPLE).find((d) => d.uniqueId === uid)?.lid ?? '';
    const mask = template('template_masquage.xml')
      .replace('<SubmitObjectsRequest >', '<SubmitObjectsRequest xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0">')
      .replace('<RegistryObjectList>', '<RegistryObjectList xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">')
      .replaceAll('279035121518989', EXAMPLE)
      .replaceAll('urn:uuid:4f196ae8-5549-11e9-9478-0050569e422e', lid)
      .replace('1.2.250.1.999.1.1.7898.4.9956570602', uid)
      .replace(/(<Slot name="PreviousVersion">\s*<ValueList>\s*<Value>)5(<\/Value>)/, '$11$2');
    const answer = await sendOfficial(fx, 'registry', iti57(mask));
    expect(status(answer.body), answer.body).toBe(SUCCESS);
    const versions = fx.sim.admin.listDocuments(EXAMPLE).filter((d) => d.uniqueId === uid);
    expect(versions.map((v) => [v.version, v.status, v.masked])).toEqual([
      [1, 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated', false],
      [2, APPROVED, true],
    ]);
    // Replaying it unchanged is a stale version: refused.
    const stale = await sendOfficial(fx, 'registry', iti57(mask));
    expect(xp(stale.body, path('RegistryError') + '/@errorCode')).toBe('XDSMetadataVersionError');
    // Another professional, authorized, no longer finds it.
    fx.sim.admin.authorizeProfessional(EXAMPLE, '899900038839');
    const other = await sendOfficial(fx, 'registry', td31(), { mutate: setNameId('899900038839') });
    expect(other.body).not.toContain(uid);
    expect(count(other.body, path('ExtrinsicObject'))).toBe(0);
  });
});

describe('template_XDS (dmp-templates) replayed as a TD2.1 with template_CDA', () => {
  it('is accepted once its legacy INS-C is replaced by the INS, and the document is stored as sent', async () => {
    const cda = Buffer.from(template('template_CDA.xml'), 'utf8');
    const submission = template('template_XDS.xml').replaceAll(
      '1164485058822081751070^^^&amp;1.2.250.1.213.1.4.2&amp;ISO^INS-C^^20100907',
      `${EXAMPLE}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH`,
    );
    const include = (cid: string): string =>
      `<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:${cid}"/>`;
    const body =
      `<ns5:ProvideAndRegisterDocumentSetRequest xmlns:ns5="urn:ihe:iti:xds-b:2007">${submission}` +
      `<ns5:Document id="Document01">${include('WS_DMP_TD2.1-DocumentME2.xml')}</ns5:Document>` +
      `<ns5:Document id="Signature01">${include('WS_DMP_TD2.1-SignatureXades.xml')}</ns5:Document>` +
      `</ns5:ProvideAndRegisterDocumentSetRequest>`;
    const official = officialTd21Parts();
    const envelope = official.envelope.replace(/<soap:Body>[\s\S]*<\/soap:Body>/, `<soap:Body>${body}</soap:Body>`);
    const signature = xadesFor('1.2.250.1.999.1.1.7898.1.1103987654324', [
      { uid: '1.2.250.1.999.1.1.7898.3.11031234567894', content: cda },
    ]);
    const answer = await sendDeposit(fx, {
      parts: { envelope, document: cda, signature },
      documentUid: '1.2.250.1.999.1.1.7898.3.11031234567894',
      submissionSetUid: '1.2.250.1.999.1.1.7898.1.1103987654324',
    });
    expect(status(answer.body), answer.body).toBe(SUCCESS);
    const stored = fx.sim.admin
      .listDocuments(EXAMPLE)
      .find((d) => d.uniqueId === '1.2.250.1.999.1.1.7898.3.11031234567894');
    expect(stored?.size).toBe(cda.length);
  });
});

describe('template_FindDocument (dmp-templates) replayed', () => {
  it('is the official FindDocuments body: accepted', async () => {
    const body = template('template_FindDocument.xml');
    const xml = officialMessage(TD31_FILE).replace(/<soap:Body>[\s\S]*<\/soap:Body>/, `<soap:Body>${body}</soap:Body>`);
    const answer = await sendOfficial(fx, 'registry', xml);
    expect(status(answer.body)).toBe(SUCCESS);
  });
});

describe('produced requests validate against the ebRS / XDS.b schemas', () => {
  it('the ITI-41 body built for the tests and the ITI-18 / ITI-57 bodies', () => {
    const built = buildDeposit({
      confidentiality: ['MASQUE_PS'],
      replaces: 'urn:uuid:8c954c35-2906-4b36-907d-10b5dc9ab69c',
    });
    const soap12 = built.parts.envelope.replaceAll(
      'http://schemas.xmlsoap.org/soap/envelope/',
      'http://www.w3.org/2003/05/soap-envelope',
    );
    const parts = new Map([
      ['WS_DMP_TD2.1-DocumentME2.xml', built.parts.document],
      ['WS_DMP_TD2.1-SignatureXades.xml', built.parts.signature],
    ]);
    expect(xsdErrors(operation(soap12, parts), 'IHE/XDS.b_DocumentRepository.xsd')).toBe('');
    expect(xsdErrors(operation(td31()), 'ebRS/query.xsd')).toBe('');
    // The kit's archive template omits ExternalIdentifier/@registryObject, which rim.xsd requires.
    const archive = template('template_archivage.xml');
    expect(xsdErrors(archive, 'ebRS/lcm.xsd')).toContain("'registryObject' is required");
    const fixed = archive.replaceAll(
      /(<ns3:ExternalIdentifier [^>]*)(id="ei\d+">)/g,
      '$1registryObject="SubmissionSet01" $2',
    );
    expect(xsdErrors(fixed, 'ebRS/lcm.xsd')).toBe('');
  });
});
