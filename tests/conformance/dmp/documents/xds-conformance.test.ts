import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import {
  buildDeposit,
  buildFindDocuments,
  buildFindSubmissionSets,
  buildGetAssociations,
  buildGetDocumentsByUniqueId,
  buildRetrieveDocument,
  buildStatusUpdate,
  checkRegistryResponse,
  classCodeFor,
  findRegistryResponse,
  parseQueryResponse,
  parseRetrieveResponse,
  type Deposit,
} from '../../../../main/dmp/xds';
import { decodeSoapResponse, parseEnvelope } from '../../../../main/soap';
import { encodeMtomRequest } from '../../../../main/soap/mtom';
import { vectorsPath } from '../../../support/vectors';
import { clientPki } from '../../../unit/dmp/client/pki';
import { AUTHOR, CONSULTATION_REPORT, PATIENT, PDF, STRUCTURE } from '../../../unit/dmp/documents/fixtures';
import { xsdErrors } from './xmllint';

const message = (name: string): string => readFileSync(vectorsPath('dmp-messages', name), 'utf8');
const bodyChild = (xml: string): Element => {
  const body = parseEnvelope(xml).payload;
  if (body === undefined) throw new Error('no body');
  return body;
};
const schema = (...path: string[]): string => vectorsPath('dmp-wsdl', 'schema', ...path);
const REPOSITORY_XSD = schema('IHE', 'XDS.b_DocumentRepository.xsd');
const QUERY_XSD = schema('ebRS', 'query.xsd');
const LCM_XSD = schema('ebRS', 'lcm.xsd');

const SUBMISSION = {
  id: 'SubmissionSet01',
  uniqueId: '1.2.250.1.999.1.1.7898.1.77',
  sourceId: '1.2.250.1.999.1.1.7898',
  submissionTime: new Date('2026-11-22T11:00:00Z'),
  title: 'Mise à jour',
  contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
  patient: PATIENT,
  author: AUTHOR,
  structure: STRUCTURE,
};

describe('official DMP answers parse in the client', () => {
  it('TD3.1: the 21-entry FindDocuments response', () => {
    const result = parseQueryResponse(bodyChild(message('TD3.1_-_Recherche_de_document_response.xml')));
    expect(result.documents).toHaveLength(21);
    const firstEntry = result.documents[0];
    expect(firstEntry).toMatchObject({
      entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
      status: 'approved',
      version: '1',
      repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
      creationTime: '20100319183244',
      hash: 'af326fb44feb720121d2c277ce10f87407818089',
      size: 2768,
      classCode: { code: '10', codeSystem: '1.2.250.1.213.1.1.4.1' },
    });
    for (const entry of result.documents) {
      expect(entry.uniqueId).toMatch(/^[0-2](\.\d+)+$/);
      expect(entry.confidentiality).toContain('N');
      expect(entry.typeCode?.code).not.toBe('');
    }
    expect(result.documents.filter((d) => d.confidentiality.includes('INVISIBLE_PATIENT'))).toHaveLength(3);
  });

  it('TD2.1: the ProvideAndRegister response is a success', () => {
    expect(
      checkRegistryResponse(findRegistryResponse(bodyChild(message('TD2.1_-_Alimentation_response.xml')))),
    ).toEqual({
      warnings: [],
    });
  });

  it('TD3.2: the retrieve response, with its XOP part delivered over MTOM', () => {
    const envelope = message('TD3.2_-_Consultation_dun_document_response.xml');
    const cid = /href="cid:([^"]+)"/.exec(envelope)?.[1] ?? '';
    const cda = Buffer.from(message('TD2.1-DocumentME2.xml'), 'utf8');
    // The sample holds only the root part; the MTOM message a repository sends carries the document too.
    const encoded = encodeMtomRequest(envelope, 'urn:ihe:iti:2007:RetrieveDocumentSetResponse', [
      { contentId: decodeURIComponent(cid), contentType: 'text/xml', data: cda },
    ]);
    const decoded = decodeSoapResponse(encoded.contentType, encoded.data);
    const [document] = parseRetrieveResponse(bodyChild(decoded.envelopeXml), decoded);
    expect(document).toMatchObject({ uniqueId: '1.2.250.1.999.1.1.7898.1.995657292', mimeType: 'text/xml' });
    expect(document?.content.equals(cda)).toBe(true);
  });

  it('TD3.2 without its part is a typed error, not a crash', () => {
    const envelope = message('TD3.2_-_Consultation_dun_document_response.xml');
    expect(() => parseRetrieveResponse(bodyChild(envelope), { envelopeXml: envelope, attachments: new Map() })).toThrow(
      expect.objectContaining({ code: 'DOC_ATTACHMENT_MISSING' }),
    );
  });
});

describe('produced bodies against the ebRS / XDS.b schemas', () => {
  let deposit: Deposit;
  let replacement: Deposit;

  beforeAll(async () => {
    const signer = createSoftwareSigner((await clientPki()).cps.sign);
    const common = {
      content: PDF,
      mediaType: 'application/pdf' as const,
      title: 'Compte rendu de consultation',
      typeCode: CONSULTATION_REPORT,
      patient: PATIENT,
      author: AUTHOR,
      structure: STRUCTURE,
      contentType: SUBMISSION.contentType,
      sourceId: SUBMISSION.sourceId,
      signer,
    };
    deposit = await buildDeposit({ ...common, visibility: ['MASQUE_PS'] });
    replacement = await buildDeposit({
      ...common,
      replaces: {
        uniqueId: deposit.uniqueIds.document,
        setId: deposit.cda.setId,
        versionNumber: 1,
        entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
      },
    });
  });

  /** The XOP infoset: each xop:Include replaced by the base64 of its part, as a schema validator sees it. */
  const infoset = (d: Deposit): string =>
    d.request.attachments.reduce(
      (body, part) =>
        body.replace(
          new RegExp(
            `<xop:Include[^>]*href="cid:${encodeURIComponent(part.contentId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"/>`,
          ),
          Buffer.from(part.data).toString('base64'),
        ),
      d.request.body,
    );

  it('ITI-41 ProvideAndRegister (new document, and replacement with RPLC)', async () => {
    expect(await xsdErrors(infoset(deposit), REPOSITORY_XSD)).toEqual([]);
    expect(await xsdErrors(infoset(replacement), REPOSITORY_XSD)).toEqual([]);
    expect(replacement.request.body).toContain('urn:ihe:iti:2007:AssociationType:RPLC');
  });

  it('ITI-43 RetrieveDocumentSet', async () => {
    expect(await xsdErrors(buildRetrieveDocument('1.2.250.1.999.1.1.7898.1.995657292'), REPOSITORY_XSD)).toEqual([]);
  });

  it.each([
    [
      'FindDocuments, every filter',
      buildFindDocuments({
        patient: PATIENT,
        statuses: ['approved', 'archived', 'deprecated'],
        typeCodes: [CONSULTATION_REPORT],
        classCodes: [classCodeFor(CONSULTATION_REPORT)!],
        confidentiality: [{ code: 'MASQUE_PS', codeSystem: '1.2.250.1.213.1.1.4.13', displayName: '' }],
        creationFrom: new Date('2026-01-01T00:00:00Z'),
        creationTo: new Date('2026-12-31T00:00:00Z'),
        serviceStartFrom: new Date('2026-01-01T00:00:00Z'),
        serviceStopTo: new Date('2026-12-31T00:00:00Z'),
      }),
    ],
    ['GetDocuments by uniqueId', buildGetDocumentsByUniqueId(['1.2.3.4'])],
    ['FindSubmissionSets', buildFindSubmissionSets(PATIENT, new Date('2026-01-01T00:00:00Z'))],
    ['GetAssociations', buildGetAssociations(['urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e'])],
  ])('ITI-18 %s', async (_, body) => {
    expect(await xsdErrors(body, QUERY_XSD)).toEqual([]);
  });

  // The metadata-version body (mask / visibility) is validated over the official entries in documents-actions.
  it('ITI-57 archive / unarchive / delete', async () => {
    for (const [change, currentStatus] of [
      ['archive', 'approved'],
      ['unarchive', 'archived'],
      ['delete', 'archived'],
    ] as const) {
      const body = buildStatusUpdate({
        submissionSet: SUBMISSION,
        entryUuid: 'urn:uuid:41b6cd53-a85f-464c-aebe-ed0bf5c2c85a',
        currentStatus,
        change,
      });
      expect(await xsdErrors(body, LCM_XSD)).toEqual([]);
    }
  });

  it('the schema check bites (a Slot without its ValueList is refused)', async () => {
    const broken = buildGetAssociations(['urn:uuid:1']).replace(/<ValueList>.*<\/ValueList>/, '');
    expect((await xsdErrors(broken, QUERY_XSD)).length).toBeGreaterThan(0);
  });
});
