import { describe, expect, it } from 'vitest';
import { buildCdaN1 } from '../../../../main/dmp/cda';
import {
  applyVisibility,
  buildFindDocuments,
  buildRetrieveDocument,
  buildStatusUpdate,
  checkRegistryResponse,
  parseQueryResponse,
} from '../../../../main/dmp/xds';
import { decodeSoapResponse } from '../../../../main/soap';
import { encodeMtomRequest, resolveXopContent } from '../../../../main/soap/mtom';
import { parseXmlSafely, selectElements, selectText } from '../../../../main/xml';
import { AUTHOR, PATIENT, STRUCTURE, cdaInput } from './fixtures';

const RS = 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0';
const QUERY = 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0';
const root = (xml: string): Element => parseXmlSafely(xml).documentElement;

const SUBMISSION = {
  id: 'SubmissionSet01',
  uniqueId: '1.2.3.1',
  sourceId: '1.2.3',
  submissionTime: new Date('2026-11-22T11:00:00Z'),
  title: 'Mise à jour',
  contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
  patient: PATIENT,
  author: AUTHOR,
  structure: STRUCTURE,
};

describe('MTOM', () => {
  it('round-trips binary parts byte for byte, even bytes that look like a boundary', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF\r\n--MIMEBoundary_fake\r\n'), Buffer.from([0, 255, 13, 10, 45, 45])]);
    const envelope = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><d xmlns="urn:x"><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:doc1%40desk"/></d></e:Body></e:Envelope>`;
    const encoded = encodeMtomRequest(envelope, 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b', [
      { contentId: 'doc1@desk', contentType: 'application/pdf', data: pdf },
    ]);
    expect(encoded.contentType).toMatch(
      /^multipart\/related; type="application\/xop\+xml"; boundary="[^"]+"; start="<[^>]+>"/,
    );
    const decoded = decodeSoapResponse(encoded.contentType, encoded.data);
    expect(decoded.envelopeXml).toBe(envelope);
    const holder = selectElements(parseXmlSafely(decoded.envelopeXml), "//*[local-name()='d']")[0] as Element;
    expect(resolveXopContent(holder, decoded).equals(pdf)).toBe(true);
  });

  it('refuses a Content-ID that could inject a header', () => {
    expect(() =>
      encodeMtomRequest('<x/>', 'a', [
        { contentId: 'a>\r\nX-Evil: 1', contentType: 'text/xml', data: new Uint8Array(1) },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DOC_INVALID_INPUT' }));
  });

  it('reads an inline base64 document, and refuses garbage', () => {
    const holder = root('<d>SGVs bG8=</d>');
    expect(resolveXopContent(holder, { envelopeXml: '', attachments: new Map() }).toString()).toBe('Hello');
    expect(() => resolveXopContent(root('<d>%%%</d>'), { envelopeXml: '', attachments: new Map() })).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }),
    );
  });
});

describe('registry answers', () => {
  const failure = (code: string) =>
    root(
      `<rs:RegistryResponse xmlns:rs="${RS}" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"><rs:RegistryErrorList>` +
        `<rs:RegistryError errorCode="${code}" codeContext="uniqueId=1.2.3 patient DUPONT" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/>` +
        `</rs:RegistryErrorList></rs:RegistryResponse>`,
    );

  it('maps a failure to a typed error with the DMP code and without the code context', () => {
    let caught: unknown;
    try {
      checkRegistryResponse(failure('XDSUnknownPatientId'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'DOC_REGISTRY_ERROR',
      details: { errorCode: 'XDSUnknownPatientId', count: 1 },
    });
    expect(JSON.stringify((caught as { details: unknown }).details)).not.toContain('DUPONT');
    expect(() => checkRegistryResponse(failure('XDSDocumentUniqueIdError'))).toThrow(
      expect.objectContaining({ code: 'DOC_NOT_FOUND' }),
    );
  });

  it('a query Failure and an unknown status are typed errors', () => {
    const query = (status: string) => root(`<q:AdhocQueryResponse xmlns:q="${QUERY}" status="${status}"/>`);
    expect(() => parseQueryResponse(query('urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure'))).toThrow(
      expect.objectContaining({ code: 'DOC_REGISTRY_ERROR' }),
    );
    expect(() => parseQueryResponse(query('bogus'))).toThrow(expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }));
    expect(() => parseQueryResponse(root('<other/>'))).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }),
    );
  });
});

describe('hostile or broken query answers', () => {
  const RIM = 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0';
  const answer = (entry: string) =>
    `<q:AdhocQueryResponse xmlns:q="${QUERY}" xmlns="${RIM}" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"><RegistryObjectList>${entry}</RegistryObjectList></q:AdhocQueryResponse>`;

  it('refuses a DOCTYPE (XXE, entity expansion) before parsing', () => {
    const hostile = `<!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]>${answer('')}`;
    expect(() => parseXmlSafely(hostile)).toThrow(expect.objectContaining({ code: 'XML_HOSTILE' }));
  });

  it('an entry without uniqueId or with an unknown status is a typed error', () => {
    const entry = (status: string, uniqueId: string) =>
      `<ExtrinsicObject id="urn:uuid:1" status="${status}">${uniqueId}</ExtrinsicObject>`;
    const uid = `<ExternalIdentifier identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" value="1.2.3"/>`;
    expect(
      parseQueryResponse(root(answer(entry('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved', uid)))).documents,
    ).toHaveLength(1);
    expect(() =>
      parseQueryResponse(root(answer(entry('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved', '')))),
    ).toThrow(expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }));
    expect(() => parseQueryResponse(root(answer(entry('urn:x:Weird', uid))))).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }),
    );
  });
});

describe('ITI-18 / ITI-43 requests', () => {
  it('FindDocuments asks for Approved only by default, with the quoted INS', () => {
    const request = parseXmlSafely(buildFindDocuments({ patient: PATIENT }));
    const value = (name: string) =>
      selectText(request, `//*[local-name()='Slot'][@name='${name}']//*[local-name()='Value']`);
    expect(value('$XDSDocumentEntryPatientId')).toBe("'279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH'");
    expect(value('$XDSDocumentEntryStatus')).toBe("('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')");
  });

  it('retrieve refuses an entryUUID where the uniqueId is needed', () => {
    expect(() => buildRetrieveDocument('urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e')).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_INPUT' }),
    );
  });
});

describe('ITI-57 updates', () => {
  it('visibility changes add and remove codes, never N', () => {
    expect(applyVisibility(['N', 'INVISIBLE_PATIENT'], { add: ['MASQUE_PS'] })).toEqual([
      'INVISIBLE_PATIENT',
      'MASQUE_PS',
    ]);
    expect(applyVisibility(['N', 'MASQUE_PS'], { remove: ['MASQUE_PS'] })).toEqual([]);
  });

  it('status changes carry the original and new status, and impossible transitions are refused locally', () => {
    const xml = buildStatusUpdate({
      submissionSet: SUBMISSION,
      entryUuid: 'urn:uuid:1',
      currentStatus: 'approved',
      change: 'delete',
    });
    const doc = parseXmlSafely(xml);
    const slot = (name: string) =>
      selectText(doc, `//*[local-name()='Slot'][@name='${name}']//*[local-name()='Value']`);
    expect(slot('OriginalStatus')).toBe('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved');
    expect(slot('NewStatus')).toBe('urn:asip:ci-sis:2010:StatusType:Deleted');
    expect(() =>
      buildStatusUpdate({
        submissionSet: SUBMISSION,
        entryUuid: 'urn:uuid:1',
        currentStatus: 'approved',
        change: 'unarchive',
      }),
    ).toThrow(expect.objectContaining({ code: 'DOC_INVALID_INPUT' }));
    expect(() =>
      buildStatusUpdate({
        submissionSet: SUBMISSION,
        entryUuid: 'urn:uuid:1',
        currentStatus: 'deleted',
        change: 'archive',
      }),
    ).toThrow(expect.objectContaining({ code: 'DOC_INVALID_INPUT' }));
  });
});

describe('CDA builder input checks', () => {
  it.each([
    ['uniqueId', { uniqueId: 'not-an-oid' }],
    ['patient.birthDate', { patient: { ...PATIENT, birthDate: '28/03/1979' } }],
    ['patient.ins.extension', { patient: { ...PATIENT, ins: { root: '1.2.250.1.213.1.4.10', extension: ' ' } } }],
    ['title', { title: '  ' }],
    ['body', { body: { mediaType: 'application/pdf' as const, content: new Uint8Array() } }],
  ])('refuses a bad %s with DOC_INVALID_INPUT naming the field only', (field, override) => {
    expect(() => buildCdaN1(cdaInput(override))).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_INPUT', details: { field } }),
    );
  });

  it('embeds the body as base64 with its media type', () => {
    const text = new TextEncoder().encode('Examen normal.');
    const doc = parseXmlSafely(buildCdaN1(cdaInput({ body: { mediaType: 'text/plain', content: text } })).xml);
    expect(selectText(doc, '//hl7:nonXMLBody/hl7:text/@mediaType')).toBe('text/plain');
    expect(Buffer.from(selectText(doc, '//hl7:nonXMLBody/hl7:text') ?? '', 'base64').toString()).toBe('Examen normal.');
  });
});
