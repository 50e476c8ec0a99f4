import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmpClient, type DmpClient } from '../../../../main/dmp/client';
import { getAdministrativeData, revise } from '../../../../main/dmp/transactions/administrative';
import { checkAccess } from '../../../../main/dmp/transactions/check-access';
import { setAuthorization } from '../../../../main/dmp/transactions/habilitations';
import { closeDmp } from '../../../../main/dmp/transactions/lifecycle';
import { NS, parseXmlSafely, selectElements } from '../../../../main/xml';
import {
  bodyPayload,
  clientConfig,
  clientPki,
  headerNames,
  officialMessage,
  skeleton,
  startScriptedDmp,
  type CapturedRequest,
} from './harness';

/**
 * Our client against the official example messages: it must parse every official response of
 * the patient-level transactions, and what it sends must have the structure of the official
 * request (element names, namespaces and order; values differ by nature).
 */
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const NAME = { family: 'patb-quatre', given: 'LAURENCE', prefix: 'M' as const };

const CASES = {
  'TD0.2': 'TD0.2_-_Test_dexistence',
  'TD0.3': 'TD0.3_-_Mise_a_jour_de_lautorisation',
  'TD1.3a': 'TD1.3a_-_Consultation',
  'TD1.3b': 'TD1.3b_-_Modification',
  'TD1.4': 'TD1.4_-_Fermer',
} as const;
type Td = keyof typeof CASES;

let client: DmpClient;
let server: Awaited<ReturnType<typeof startScriptedDmp>>;
const responses = new Map<string, string>();
let nextTd: Td = 'TD0.2';

beforeAll(async () => {
  const material = await clientPki();
  for (const [td, stem] of Object.entries(CASES)) responses.set(td, await officialMessage(`${stem}_response.xml`));
  server = await startScriptedDmp(material, () => ({ body: responses.get(nextTd) ?? '' }));
  client = createDmpClient(clientConfig(material, server.origin));
});

afterAll(async () => {
  await server.close();
});

async function exchange<T>(
  td: Td,
  run: () => Promise<T>,
): Promise<{ result: T; sent: CapturedRequest; official: string }> {
  nextTd = td;
  const before = server.requests.length;
  const result = await run();
  const sent = server.requests[before];
  if (sent === undefined) throw new Error('nothing sent');
  return { result, sent, official: await officialMessage(`${CASES[td]}_request.xml`) };
}

/** The official TD1.3b example omits the `contactParty` the HL7v3 schema requires (TD1.4's has it); we always send it. */
const SCHEMA_REQUIRED_EXTRAS = /\/\{urn:hl7-org:v3\}contactParty$/;

function expectSameStructure(sent: string, official: string): void {
  const ours = skeleton(bodyPayload(sent));
  const theirs = skeleton(bodyPayload(official));
  const officialHasExtras = theirs.some((path) => SCHEMA_REQUIRED_EXTRAS.test(path));
  expect(officialHasExtras ? ours : ours.filter((path) => !SCHEMA_REQUIRED_EXTRAS.test(path))).toEqual(theirs);
  expect(headerNames(sent)).toEqual(headerNames(official));
}

function vihfAttributeNames(envelope: string): string[] {
  return selectElements(parseXmlSafely(envelope), '//wsse:Security/saml:Assertion//saml:Attribute').map(
    (a) => a.getAttribute('Name') ?? '',
  );
}

describe('official DMP examples, client side', () => {
  it('TD0.2: parses the official answer; the request has the official structure', async () => {
    const { result, sent, official } = await exchange('TD0.2', () =>
      checkAccess(client, { patient: PATIENT, accessMode: 'normal' }),
    );
    expect(result).toMatchObject({
      existence: 'exists',
      authorization: 'valid',
      treatingPhysician: true,
      webAccountOpen: true,
      attachedToMes: false,
    });
    expect(sent.path).toBe('/si-dmp-server/v2/services/patients');
    expect(sent.contentType).toContain('action="urn:hl7-org:v3:PRPA_IN201307UV02"');
    expectSameStructure(sent.body, official);
    // Every attribute of the official token is in ours (ours adds subject-id, required by the spec table).
    expect(vihfAttributeNames(sent.body)).toEqual(expect.arrayContaining(vihfAttributeNames(official)));
  });

  it('TD0.3: parses the official answer ("already present") and sends setAuthorization as officially', async () => {
    const { result, sent, official } = await exchange('TD0.3', () =>
      setAuthorization(client, { patient: PATIENT, accessMode: 'normal', action: 'grant', treatingPhysician: false }),
    );
    expect(result).toEqual({ done: true, alreadyInState: true });
    expect(sent.path).toBe('/si-dmp-server/v2/services/habilitations');
    expectSameStructure(sent.body, official);
  });

  it('TD1.3a: parses the official administrative record', async () => {
    const { result, sent, official } = await exchange('TD1.3a', () =>
      getAdministrativeData(client, { patient: PATIENT, accessMode: 'normal' }),
    );
    expect(result).toMatchObject({
      status: 'active',
      name: { family: 'patb-quatre', given: 'LAURENCE', prefix: 'M' },
      sex: 'M',
      birthDate: '19070525',
      oppositions: { breakGlass: false, emergency: false },
      legalRepresentatives: 1,
      address: { lines: ['1, rue du Chat qui pêche'], postalCode: '75005', city: 'Paris', country: null },
    });
    expect(result.telecoms).toHaveLength(2);
    expectSameStructure(sent.body, official);
  });

  it('TD1.3b: parses the official acceptance; the request has the official structure', async () => {
    const { sent, official } = await exchange('TD1.3b', () =>
      revise(client, {
        reason: 'MODIF_DATA',
        patient: PATIENT,
        accessMode: 'normal',
        name: NAME,
        telecoms: [
          { use: 'HP', value: 'tel:0123456789' },
          { use: 'MC', value: 'tel:0607080901' },
          { use: null, value: 'mailto:d@example.invalid' },
        ],
        sex: 'F',
        birthDate: '1979-03-28',
        address: { lines: ['20 rue des edelweiss'], postalCode: '75005', city: 'Paris', country: 'France' },
        oppositions: { breakGlass: false, emergency: false },
      }),
    );
    expectSameStructure(sent.body, official);
    const body = bodyPayload(sent.body);
    expect(body.getElementsByTagNameNS(NS.hl7, 'reasonCode')[0]?.getAttribute('code')).toBe('MODIF_DATA');
  });

  it('TD1.4: parses the official acceptance; the request has the official structure', async () => {
    const { sent, official } = await exchange('TD1.4', () =>
      closeDmp(client, { patient: PATIENT, accessMode: 'normal', name: NAME }),
    );
    expectSameStructure(sent.body, official);
    const body = bodyPayload(sent.body);
    expect(body.getElementsByTagNameNS(NS.hl7, 'statusCode')[1]?.getAttribute('code')).toBe('terminated');
  });
});
