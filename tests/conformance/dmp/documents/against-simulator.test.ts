import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { Signer } from '../../../../main/crypto/signer';
import { createVihf, type VihfInput } from '../../../../main/dmp/vihf';
import {
  ACTION,
  buildDeposit,
  buildFindDocuments,
  buildRetrieveDocument,
  buildStatusUpdate,
  checkRegistryResponse,
  findRegistryResponse,
  parseQueryResponse,
  parseRetrieveResponse,
  type DepositInput,
} from '../../../../main/dmp/xds';
import { buildEnvelope, decodeSoapResponse, parseEnvelope, wsSecurityHeader } from '../../../../main/soap';
import { encodeMtomRequest } from '../../../../main/soap/mtom';
import type { EncodedRequest } from '../../../../main/soap/content';
import type { DocumentPatient } from '../../../../shared/domain/documents';
import {
  EXAMPLE_DOCTOR,
  EXAMPLE_STRUCTURE,
  startNationalDmpSimulator,
  type NationalDmpSimulator,
} from '../../../../simulators/national-dmp';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../../simulators/pki';
import { PDF, STRUCTURE } from '../../../unit/dmp/documents/fixtures';

/**
 * The client's document requests against the independently written national DMP simulator, over
 * mutual TLS: ITI-41 (MTOM, XAdES, VIHF) is accepted, ITI-18 finds it, ITI-43 returns the same
 * CDA bytes, ITI-57 archives it.
 */
const PATIENT: DocumentPatient = {
  ins: { root: '1.2.250.1.213.1.4.10', extension: '207058575627097' },
  birthFamily: 'PATB-QUATRE',
  givenNames: 'LAURENCE',
  sex: 'F',
  birthDate: '19070525',
  birthPlaceCode: '75056',
};
const AUTHOR = {
  nationalId: EXAMPLE_DOCTOR,
  family: 'LIBRE',
  given: 'MAX',
  specialty: {
    code: 'G15_10/SM26',
    codeSystem: '1.2.250.1.213.1.1.4.5',
    displayName: 'Qualifié en Médecine Générale (SM)',
  },
};

let pki: TestPki;
let cps: { auth: IssuedCredential; sign: IssuedCredential };
let simulator: NationalDmpSimulator;
let signer: Signer;

beforeAll(async () => {
  pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-client') });
  cps = await pki.issueCps({
    nationalId: EXAMPLE_DOCTOR,
    lastName: 'LIBRE',
    firstName: 'MAX',
    profession: '10',
    specialty: 'SM26',
  });
  const server = await pki.issueServer(['localhost']);
  simulator = await startNationalDmpSimulator({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
  });
  signer = createSoftwareSigner(cps.sign);
});

afterAll(async () => {
  await simulator.close();
});

const vihf = (): Promise<string> => {
  const input: VihfInput = {
    practitioner: {
      nationalId: EXAMPLE_DOCTOR,
      firstName: 'MAX',
      lastName: 'LIBRE',
      roles: [
        { code: '10', codeSystem: '1.2.250.1.71.1.2.7', codeSystemName: 'professions', displayName: 'Médecin' },
        { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5', displayName: 'Qualifié en Médecine Générale (SM)' },
      ],
    },
    structure: { id: EXAMPLE_STRUCTURE, activitySector: 'SA07' },
    software: { name: 'DMP Desk', version: '0.1.0', homologationId: 'BCO-TEST' },
    authMode: 'DIRECTE',
    accessMode: 'normal',
    patient: { matricule: PATIENT.ins.extension, oid: PATIENT.ins.root },
  };
  return createVihf(input, signer);
};

/** One HTTPS POST, keeping the MTOM parts of the answer (the shared transport returns only the envelope today). */
async function post(
  service: string,
  action: string,
  body: string,
  attachments?: Parameters<typeof encodeMtomRequest>[2],
) {
  const url = new URL(`${simulator.servicesUrl}/${service}`);
  const envelope = buildEnvelope({ action, to: url.href, extraHeaders: [wsSecurityHeader(await vihf())], body });
  const encoded: EncodedRequest =
    attachments === undefined
      ? { contentType: `application/soap+xml; charset=utf-8; action="${action}"`, data: Buffer.from(envelope) }
      : encodeMtomRequest(envelope, action, attachments);
  const { contentType, data } = await new Promise<{ contentType: string; data: Buffer }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': encoded.contentType, 'Content-Length': encoded.data.length },
        cert: cps.auth.certPem,
        key: cps.auth.keyPem,
        ca: pki.caCertPem,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ contentType: String(res.headers['content-type'] ?? ''), data: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(encoded.data);
  });
  const decoded = decodeSoapResponse(contentType, data);
  const parsed = parseEnvelope(decoded.envelopeXml);
  if (parsed.payload === undefined) throw new Error('no payload');
  return { payload: parsed.payload, decoded, fault: parsed.fault };
}

describe('documents against the national DMP simulator', () => {
  it('TD2.1 deposit, TD3.1 search, TD3.2 read, TD3.3d archive', async () => {
    const input: DepositInput = {
      content: PDF,
      mediaType: 'application/pdf',
      title: 'Compte rendu de consultation',
      typeCode: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
      patient: PATIENT,
      author: AUTHOR,
      structure: { ...STRUCTURE, id: EXAMPLE_STRUCTURE },
      contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
      sourceId: '1.2.250.1.999.1.1.7898',
      signer,
    };
    const deposit = await buildDeposit(input);
    const provided = await post(
      'repository',
      ACTION.provideAndRegister,
      deposit.request.body,
      deposit.request.attachments,
    );
    expect(provided.fault).toBeUndefined();
    expect(checkRegistryResponse(findRegistryResponse(provided.payload))).toEqual({ warnings: [] });

    const found = parseQueryResponse(
      (await post('registry', ACTION.registryStoredQuery, buildFindDocuments({ patient: PATIENT }))).payload,
    );
    const entry = found.documents.find((d) => d.uniqueId === deposit.uniqueIds.document);
    expect(entry).toMatchObject({ status: 'approved', typeCode: { code: '11488-4' }, classCode: { code: '10' } });

    const retrieved = await post(
      'repository',
      ACTION.retrieveDocumentSet,
      buildRetrieveDocument(deposit.uniqueIds.document),
    );
    const [document] = parseRetrieveResponse(retrieved.payload, retrieved.decoded);
    expect(document?.content.toString('utf8')).toBe(deposit.cda.xml);

    const archived = await post(
      'registry',
      ACTION.updateDocumentSet,
      buildStatusUpdate({
        submissionSet: {
          id: 'SubmissionSet01',
          uniqueId: `${deposit.uniqueIds.submissionSet}.1`,
          sourceId: input.sourceId,
          submissionTime: new Date(),
          title: 'Archivage',
          contentType: input.contentType,
          patient: PATIENT,
          author: AUTHOR,
          structure: input.structure,
        },
        entryUuid: entry?.entryUuid ?? '',
        currentStatus: 'approved',
        change: 'archive',
      }),
    );
    expect(checkRegistryResponse(findRegistryResponse(archived.payload))).toEqual({ warnings: [] });
    const after = parseQueryResponse(
      (
        await post(
          'registry',
          ACTION.registryStoredQuery,
          buildFindDocuments({ patient: PATIENT, statuses: ['archived'] }),
        )
      ).payload,
    );
    expect(after.documents.map((d) => d.uniqueId)).toContain(deposit.uniqueIds.document);
  }, 60_000);

  it('a document altered after signing is refused with a typed registry error', async () => {
    const deposit = await buildDeposit({
      content: PDF,
      mediaType: 'application/pdf',
      title: 'Compte rendu de consultation',
      typeCode: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
      patient: PATIENT,
      author: AUTHOR,
      structure: { ...STRUCTURE, id: EXAMPLE_STRUCTURE },
      contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
      sourceId: '1.2.250.1.999.1.1.7898',
      signer,
    });
    const [cda, signature] = deposit.request.attachments;
    if (cda === undefined || signature === undefined) throw new Error('parts');
    const altered = Buffer.from(
      Buffer.from(cda.data)
        .toString('utf8')
        .replace('Compte rendu de consultation</title>', 'Compte rendu modifié</title>'),
    );
    const answer = await post('repository', ACTION.provideAndRegister, deposit.request.body, [
      { ...cda, data: altered },
      signature,
    ]);
    expect(() => checkRegistryResponse(findRegistryResponse(answer.payload))).toThrow(
      expect.objectContaining({ code: 'DOC_REGISTRY_ERROR' }),
    );
  }, 60_000);
});
