import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDmpClient,
  createDmpConnection,
  servicesRoot,
  withEmergencyReason,
  type DmpClient,
} from '../../../../main/dmp/client';
import { codeForDmpStatus } from '../../../../main/dmp/dmp-codes';
import { createEmergencySessions } from '../../../../main/dmp/emergency-session';
import { createDmpHandlers } from '../../../../main/dmp/service';
import { checkAccess } from '../../../../main/dmp/transactions/check-access';
import { listAuthorizedPatients, listProfessionals } from '../../../../main/dmp/transactions/habilitations';
import { createDmp, reactivateDmp, type ConsentJournal } from '../../../../main/dmp/transactions/lifecycle';
import { NS, parseXmlSafely, selectElements } from '../../../../main/xml';
import { memoryLogger } from '../../../support/memory-logger';
import {
  endpointOf,
  fixedPatients,
  fixedPractitioner,
  qualifiedPatient,
  unitPipeline,
} from '../../../support/unit-pipeline';
import {
  bodyPayload,
  clientConfig,
  clientPki,
  officialMessage,
  startScriptedDmp,
  type Reply,
} from '../../../conformance/dmp/client/harness';

const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const CONSENT = { given: true, collectedAt: '2026-11-22T10:00:00.000Z', form: 'oral' } as const;

let client: DmpClient;
let server: Awaited<ReturnType<typeof startScriptedDmp>>;
let reply: Reply = { body: '' };
let officialTd02 = '';

beforeAll(async () => {
  const material = await clientPki();
  officialTd02 = await officialMessage('TD0.2_-_Test_dexistence_response.xml');
  server = await startScriptedDmp(material, () => reply);
  client = createDmpClient(clientConfig(material, server.origin));
});

afterAll(async () => {
  await server.close();
});

const envelope = (body: string): string =>
  `<soap:Envelope xmlns:soap="${NS.soap12}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

const fault = (subcode: string): Reply => ({
  status: 500,
  body: envelope(
    `<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>${subcode}</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="fr">refus</soap:Text></soap:Reason></soap:Fault>`,
  ),
});

const hl7Ack = (interaction: string, typeCode: string, code?: string, wrapper?: string): string => {
  const message =
    `<${interaction} xmlns="${NS.hl7}" ITSVersion="XML_1.0"><acknowledgement typeCode="${typeCode}">` +
    (code === undefined ? '' : `<acknowledgementDetail typeCode="E"><code code="${code}"/></acknowledgementDetail>`) +
    `</acknowledgement></${interaction}>`;
  return envelope(wrapper === undefined ? message : `<g:${wrapper} xmlns:g="${NS.gdp}">${message}</g:${wrapper}>`);
};

/** Emergency calls must carry a reason; these tests are about other things. */
const urgent = (c: DmpClient, reason = 'Patient inconscient'): DmpClient => withEmergencyReason(c, reason);

const memoryJournal = (): ConsentJournal & { entries: unknown[] } => {
  const entries: unknown[] = [];
  return { entries, record: async (entry) => void entries.push(entry) };
};

describe('TD0.2 outcomes', () => {
  it('reads "no DMP" from queryResponseCode NF', async () => {
    reply = { body: officialTd02.replace('<queryResponseCode code="OK"/>', '<queryResponseCode code="NF"/>') };
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).resolves.toMatchObject({
      existence: 'not_found',
      authorization: 'unknown',
    });
  });

  it('reads a closed DMP from the patient status, and oppositions when present', async () => {
    reply = {
      body: officialTd02
        .replace(
          '<statusCode code="active"/>',
          '<statusCode code="terminated"/><effectiveTime><high value="20260101"/></effectiveTime>',
        )
        .replace(
          '<code code="RATTACHEMENT_ENS"',
          '<code code="OPPOSITION_BRIS_DE_GLACE" codeSystem="1.2.250.1.213.4.1.2.3"/><value value="true" xsi:type="BL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></administrativeObservation></subjectOf><subjectOf><administrativeObservation><code code="RATTACHEMENT_ENS"',
        )
        .replace('code="VALIDE"', 'code="INTERDITE"')
        .replace(
          '<value value="true" xsi:type="BL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>\n\t\t\t</attentionLine>',
          '<value value="false" xsi:type="BL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>\n\t\t\t</attentionLine>',
        ),
    };
    const status = await checkAccess(client, { patient: PATIENT, accessMode: 'normal' });
    expect(status.existence).toBe('closed');
    expect(status.closedOn).toBe('20260101');
    expect(status.authorization).toBe('blocked');
    expect(status.oppositions.breakGlass).toBe(true);
    expect(status.oppositions.emergency).toBeNull();
  });

  it('reads DMPClosed in an error acknowledgement as a closed DMP, not a failure', async () => {
    reply = { body: hl7Ack('PRPA_IN201308UV02', 'AE', 'DMPClosed') };
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).resolves.toMatchObject({
      existence: 'closed',
    });
  });

  it('refuses an answer about another patient', async () => {
    reply = { body: officialTd02.replace('extension="207058575627097"', 'extension="107058575627099"') };
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).rejects.toMatchObject({
      code: 'DMP_INS_MISMATCH',
    });
  });

  it.each([
    ['DMPInvalidCertificate', 'DMP_INVALID_CERTIFICATE'],
    ['DMPAccessDeniedByRightsService', 'DMP_ACCESS_DENIED'],
    ['DMPOppositionBrisDeGlace', 'DMP_PATIENT_OPPOSED'],
    ['DMPPSBloque', 'DMP_PROFESSIONAL_BLOCKED'],
    ['DMPInvalidVIHF', 'DMP_INVALID_VIHF'],
    ['SomethingNew', 'DMP_REJECTED'],
  ])('maps the SOAP fault subcode %s to %s, keeping the raw code only', async (subcode, code) => {
    reply = fault(subcode);
    await expect(checkAccess(urgent(client), { patient: PATIENT, accessMode: 'bris_de_glace' })).rejects.toMatchObject({
      code,
      details: { dmpCode: subcode },
    });
  });

  it('reads "denied by the patient" as an opposition in emergency access, as a block otherwise', async () => {
    reply = fault('DMPAccessDeniedByPatient');
    await expect(checkAccess(urgent(client), { patient: PATIENT, accessMode: 'centre_15' })).rejects.toMatchObject({
      code: 'DMP_PATIENT_OPPOSED',
    });
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).rejects.toMatchObject({
      code: 'DMP_PROFESSIONAL_BLOCKED',
    });
  });

  it('says which access mode it used in the VIHF it sent', async () => {
    reply = { body: officialTd02 };
    await checkAccess(urgent(client), { patient: PATIENT, accessMode: 'centre_15' });
    expect(server.requests.at(-1)?.body).toContain('code="centre_15"');
  });

  it('refuses a wrong answer type with DMP_UNEXPECTED_RESPONSE', async () => {
    reply = { body: envelope('<other xmlns="urn:x"/>') };
    await expect(checkAccess(client, { patient: PATIENT, accessMode: 'normal' })).rejects.toMatchObject({
      code: 'DMP_UNEXPECTED_RESPONSE',
    });
  });
});

describe('TD1.1 / TD1.2 with consent', () => {
  const request = {
    patient: PATIENT,
    accessMode: 'normal',
    name: { family: 'DUPONT', given: 'JEANNE' },
    sex: 'F',
    birthDate: '1980-02-29',
    consent: CONSENT,
  } as const;

  it('records the consent before sending, and sends it in the creation request', async () => {
    reply = { body: hl7Ack('PRPA_IN201312UV02', 'AA', undefined, 'PRPA_IN201311UV02_Response') };
    const journal = memoryJournal();
    await createDmp(client, journal, request);
    expect(journal.entries).toEqual([
      { kind: 'creation', patient: PATIENT, consent: CONSENT, practitionerId: '899700000101' },
    ]);
    const sent = bodyPayload(server.requests.at(-1)?.body ?? '');
    expect(sent.localName).toBe('PRPA_IN201311UV02');
    expect(server.requests.at(-1)?.body).toContain('CONSENTEMENT_CREATION_DMP');
    expect(server.requests.at(-1)?.body).toContain('<birthTime value="19800229"/>');
  });

  it('reports DMPFound as DMP_ALREADY_EXISTS', async () => {
    reply = { body: hl7Ack('PRPA_IN201313UV02', 'AE', 'DMPFound', 'PRPA_IN201311UV02_Response') };
    await expect(createDmp(client, memoryJournal(), request)).rejects.toMatchObject({ code: 'DMP_ALREADY_EXISTS' });
  });

  it('reports any other refusal of creation as DMP_CREATION_REFUSED (the service no longer lets PS create)', async () => {
    reply = { body: hl7Ack('PRPA_IN201313UV02', 'AE', 'DMPAccessDeniedByRightsService', 'PRPA_IN201311UV02_Response') };
    await expect(createDmp(client, memoryJournal(), request)).rejects.toMatchObject({
      code: 'DMP_CREATION_REFUSED',
    });
    reply = fault('DMPSomethingElse');
    await expect(createDmp(client, memoryJournal(), request)).rejects.toMatchObject({ code: 'DMP_CREATION_REFUSED' });
  });

  it('reactivates with REAC and the reactivation consent', async () => {
    reply = { body: hl7Ack('PRPA_IN201315UV02', 'AA', undefined, 'PRPA_IN201314UV02_Response') };
    const journal = memoryJournal();
    await reactivateDmp(client, journal, { ...request });
    expect(journal.entries).toHaveLength(1);
    expect(server.requests.at(-1)?.body).toContain('code="REAC"');
    expect(server.requests.at(-1)?.body).toContain('CONSENTEMENT_REACTIVATION_DMP');
  });
});

describe('TD1.6 and TD0.4 (WSDL shapes: no official example in the vectors)', () => {
  it('lists authorized and blocked professionals', async () => {
    reply = {
      body: envelope(
        `<h:listAuthorizationByPatientResponse xmlns:h="${NS.hab}"><h:output>` +
          '<h:listOfAuthorizationByPatient><h:nationalId>899700000101</h:nationalId><h:nationalIdType>8</h:nationalIdType><h:firstName>MAX</h:firstName><h:lastName>LIBRE</h:lastName><h:codeSpeciality>G15_10/SM26</h:codeSpeciality><h:startOfAuthorization>20260101</h:startOfAuthorization><h:mode>ACTIVE</h:mode><h:specificRight>MEDECIN_TRAITANT</h:specificRight></h:listOfAuthorizationByPatient>' +
          '<h:listOfAuthorizationByPatient><h:nationalId>899700000202</h:nationalId><h:mode>INTERDITE</h:mode></h:listOfAuthorizationByPatient>' +
          '<h:status>DMPOk</h:status></h:output></h:listAuthorizationByPatientResponse>',
      ),
    };
    const { professionals } = await listProfessionals(client, {
      patient: PATIENT,
      accessMode: 'normal',
      filter: 'all',
    });
    expect(professionals).toMatchObject([
      { nationalId: '899700000101', mode: 'authorized', treatingPhysician: true, specialties: ['G15_10/SM26'] },
      { nationalId: '899700000202', mode: 'blocked', treatingPhysician: false, lastName: null },
    ]);
    expect(server.requests.at(-1)?.body).toContain('<mode>TOUTE</mode>');
    expect(server.requests.at(-1)?.path).toBe('/si-dmp-server/v2/services/habilitations');
  });

  it('lists authorized DMPs with the VIHF resource-id the official token carries, naming no patient', async () => {
    reply = {
      body: envelope(
        `<p:patientListResponse xmlns:p="${NS.pat}"><p:output><p:patientlistData><p:patientIdentifier><p:nationalId>207058575627097</p:nationalId><p:nationalIdType>NIR</p:nationalIdType></p:patientIdentifier><p:lastName>DUPONT</p:lastName><p:firstName>JEANNE</p:firstName><p:dateOfBirth>19800229</p:dateOfBirth><p:MT>true</p:MT><p:message>false</p:message></p:patientlistData><p:status>DMPOk</p:status></p:output></p:patientListResponse>`,
      ),
    };
    const { patients } = await listAuthorizedPatients(client, { since: '2026-01-01', dateType: 'authorization' });
    expect(patients).toMatchObject([
      { identifiers: [{ id: '207058575627097', type: 'NIR' }], treatingPhysician: true },
    ]);
    const sent = server.requests.at(-1);
    expect(sent?.path).toBe('/si-dmp-server/v2/services/patientsSpecific');
    expect(sent?.body).toContain('<startDate>20260101000000</startDate>');
    const token = parseXmlSafely(sent?.body ?? '');
    const resource = selectElements(
      token,
      "//*[local-name()='Attribute'][@Name='urn:oasis:names:tc:xacml:2.0:resource:resource-id']",
    );
    expect(resource).toHaveLength(1);
    expect(resource[0]?.textContent).toBe('');
    expect(sent?.body).not.toContain('207058575627097');
  });

  it('turns a non-OK web-service status into a DMP error', async () => {
    reply = {
      body: envelope(
        `<h:listAuthorizationByPatientResponse xmlns:h="${NS.hab}"><h:output><h:status>DMPAccessDeniedByRightsService</h:status></h:output></h:listAuthorizationByPatientResponse>`,
      ),
    };
    await expect(
      listProfessionals(client, { patient: PATIENT, accessMode: 'normal', filter: 'blocked' }),
    ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
  });
});

describe('dmp handlers', () => {
  const PATIENT_ID = 'e3b0c442-98fc-4c14-9afb-f4c8996fb924';
  const UNQUALIFIED_ID = 'e3b0c442-98fc-4c14-9afb-f4c8996fb925';
  const NO_SEX_ID = 'e3b0c442-98fc-4c14-9afb-f4c8996fb926';
  const TRAITS = { birthName: 'DUPONT', firstNames: ['JEANNE', 'MARIE'], sex: 'F', birthDate: '19800229' } as const;
  const patients = () =>
    fixedPatients([
      qualifiedPatient(PATIENT_ID, PATIENT, TRAITS),
      { patientId: UNQUALIFIED_ID, unqualified: true },
      qualifiedPatient(NO_SEX_ID, PATIENT, { birthName: 'DUPONT', firstNames: ['JEANNE'], birthDate: '1980-02-29' }),
    ]);

  async function handlersOn(configured: boolean, journal = memoryJournal()) {
    const material = await clientPki();
    const config = clientConfig(material, server.origin);
    const log = memoryLogger();
    const sessions = createEmergencySessions();
    const { pipeline } = unitPipeline({
      connection: configured ? createDmpConnection(endpointOf(config)) : undefined,
      patients: patients(),
      practitioner: fixedPractitioner(config),
      logger: log.logger,
      sessions,
    });
    return {
      handlers: createDmpHandlers({ pipeline, journal, logger: log.logger, sessions }),
      text: log.text,
      journal,
    };
  }

  it('answer DMP_NOT_CONFIGURED when the DMP is not configured', async () => {
    const { handlers } = await handlersOn(false);
    await expect(
      handlers.checkAccess({ patientId: PATIENT_ID, accessMode: 'normal' }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_NOT_CONFIGURED' });
  });

  it('log the transaction and its outcome code, never the patient', async () => {
    const { handlers, text } = await handlersOn(true);
    reply = fault('DMPInvalidCertificate');
    await expect(
      handlers.checkAccess({ patientId: PATIENT_ID, accessMode: 'normal' }, undefined),
    ).rejects.toMatchObject({ code: 'DMP_INVALID_CERTIFICATE' });
    // Main sent the INS of the qualified identity the id names.
    expect(server.requests.at(-1)?.body).toContain(`extension="${PATIENT.matricule}"`);
    expect(text()).toContain('"outcome":"DMP_INVALID_CERTIFICATE"');
    expect(text()).not.toContain(PATIENT.matricule);
    expect(text()).not.toContain(PATIENT_ID);
  });

  it('refuse a patient whose identity is not qualified before anything is sent', async () => {
    const { handlers, text } = await handlersOn(true);
    const sent = server.requests.length;
    await expect(
      handlers.checkAccess({ patientId: UNQUALIFIED_ID, accessMode: 'normal' }, undefined),
    ).rejects.toMatchObject({ code: 'IDENTITY_NOT_QUALIFIED' });
    expect(server.requests.length).toBe(sent);
    expect(text()).toContain('"outcome":"IDENTITY_NOT_QUALIFIED"');
  });

  it("create with the qualified identity's traits, and only once they are complete", async () => {
    const { handlers, journal } = await handlersOn(true);
    reply = { body: hl7Ack('PRPA_IN201312UV02', 'AA', undefined, 'PRPA_IN201311UV02_Response') };
    await expect(
      handlers.create({ patientId: PATIENT_ID, accessMode: 'normal', consent: CONSENT }, undefined),
    ).resolves.toEqual({ done: true });
    const body = server.requests.at(-1)?.body ?? '';
    expect(bodyPayload(body).localName).toBe('PRPA_IN201311UV02');
    expect(body).toContain('DUPONT');
    expect(body).toContain('JEANNE');
    expect(body).toContain('<birthTime value="19800229"/>');
    expect(journal.entries).toEqual([
      { kind: 'creation', patient: PATIENT, consent: CONSENT, practitionerId: '899700000101' },
    ]);

    // No sex among the identity's traits: refused before the consent is journaled or anything sent.
    const sent = server.requests.length;
    await expect(
      handlers.create({ patientId: NO_SEX_ID, accessMode: 'normal', consent: CONSENT }, undefined),
    ).rejects.toMatchObject({ code: 'IDENTITY_TRAITS_MISSING', details: { field: 'sex' } });
    expect(server.requests.length).toBe(sent);
    expect(journal.entries).toHaveLength(1);
  });
});

describe('VIHF reuse', () => {
  it('signs once for repeated calls on the same patient and mode, again for another mode', async () => {
    const material = await clientPki();
    const base = clientConfig(material, server.origin);
    let signatures = 0;
    const counting = { ...base.signer, sign: (data: Uint8Array) => ((signatures += 1), base.signer.sign(data)) };
    const counted = createDmpClient({ ...base, signer: counting });
    reply = { body: officialTd02 };
    await checkAccess(counted, { patient: PATIENT, accessMode: 'normal' });
    await checkAccess(counted, { patient: PATIENT, accessMode: 'normal' });
    expect(signatures).toBe(1);
    await checkAccess(urgent(counted), { patient: PATIENT, accessMode: 'centre_15' });
    expect(signatures).toBe(2);
    await checkAccess(urgent(counted), { patient: PATIENT, accessMode: 'centre_15' });
    expect(signatures).toBe(2);
    // The reason is signed into the token: another reason needs another token.
    await checkAccess(urgent(counted, 'Détresse respiratoire'), { patient: PATIENT, accessMode: 'centre_15' });
    expect(signatures).toBe(3);
    const fresh = createDmpClient({ ...base, signer: counting, vihfTtlMs: 0 });
    await checkAccess(fresh, { patient: PATIENT, accessMode: 'normal' });
    await checkAccess(fresh, { patient: PATIENT, accessMode: 'normal' });
    expect(signatures).toBe(5);
  });
});

describe('helpers', () => {
  it('accept a bare origin or the services root', () => {
    expect(servicesRoot('https://h:1')).toBe('https://h:1/si-dmp-server/v2/services');
    expect(servicesRoot('https://h/si-dmp-server/v2/services/')).toBe('https://h/si-dmp-server/v2/services');
  });

  it('map known DMP codes exactly', () => {
    expect(codeForDmpStatus('DMPFound')).toBe('DMP_ALREADY_EXISTS');
    expect(codeForDmpStatus('DMPClosed')).toBe('DMP_CLOSED');
    expect(codeForDmpStatus('DMPNotFound')).toBe('DMP_NOT_FOUND');
  });
});
