import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInsiClient, type InsiClient } from '../../../main/identity/insi/client';
import { startInsiSimulator, type InsiSimulator } from '../../../simulators/insi';
import { createTestPki, type IssuedCredential } from '../../../simulators/pki';
import { AppError } from '../../../shared/errors';
import { memoryLogger } from '../../support/memory-logger';
import { vectorsPath } from '../../support/vectors';

const LPS = { idam: 'TEST-IDAM', version: '0.1.0', instance: 'itest', name: 'DMPDESK' };

let sim: InsiSimulator;
let caPem: string;
let establishment: IssuedCredential;
let cpsAuth: IssuedCredential;
let serverCred: IssuedCredential;
const log = memoryLogger();

const clientWith = (cred: IssuedCredential, options: { timeoutMs?: number; ca?: string } = {}): InsiClient =>
  createInsiClient({
    url: sim.url,
    tls: { certPem: cred.certPem, keyPem: cred.keyPem, caPem: options.ca ?? caPem },
    lps: LPS,
    emitter: '010000000',
    logger: log.logger,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.details } : error;
  }
  return 'resolved';
};

beforeAll(async () => {
  const pki = await createTestPki();
  caPem = pki.caCertPem;
  const server = await pki.issueServer(['127.0.0.1', 'localhost']);
  serverCred = server;
  establishment = await pki.issueEstablishment({ finess: '010000000', name: 'Clinique test', commonName: 'INSI-AUTO' });
  cpsAuth = (
    await pki.issueCps({ nationalId: '899900038839', lastName: 'TRAL', firstName: 'ADEMIS', profession: '10' })
  ).auth;
  sim = await startInsiSimulator({ tls: { certPem: server.certPem, keyPem: server.keyPem, caPem } });
});

afterAll(async () => sim.close());
afterEach(() => sim.setFaults({}));

const adrtrois = {
  birthName: 'ADRTROIS',
  firstNames: ['DOMINIQUE'],
  sex: 'F' as const,
  birthDate: '1997-02-26',
};

describe('INSi over HTTPS with a client certificate', () => {
  it('finds ADRTROIS DOMINIQUE by traits with the establishment certificate', async () => {
    const match = await clientWith(establishment).searchWithTraits(adrtrois);
    expect(match.calls).toBe(1);
    expect(match.individual.active).toMatchObject({ nir13: '297022A020778', key: '78', kind: 'NIR', keyValid: true });
    expect(match.individual.traits.birthPlace).toBe('2A020');
    expect(sim.received.at(-1)?.clientCn).toBe('INSI-AUTO');
  });

  it('works with a CPS authentication certificate too', async () => {
    const match = await clientWith(cpsAuth).searchWithTraits({ ...adrtrois });
    expect(match.individual.active.nir13).toBe('297022A020778');
  });

  it('returns the NIA of PROVISOIRE MATRICULE and ECETINSI with history', async () => {
    const nia = await clientWith(establishment).searchWithTraits({
      birthName: 'PROVISOIRE',
      firstNames: ['MATRICULE'],
      sex: 'M',
      birthDate: '2009-07-01',
    });
    expect(nia.individual.active.kind).toBe('NIA');
    const ecet = await clientWith(establishment).searchWithTraits({
      birthName: 'ECETINSI',
      firstNames: ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT'],
      sex: 'M',
      birthDate: '2009-07-14',
    });
    expect(ecet.individual.history.map((h) => h.nir13)).toEqual(['1090763220834', '2090763220834']);
  });

  it('answers 01 for ADRUN ZOE after trying every first-name query', async () => {
    const before = sim.received.length;
    const result = await failure(
      clientWith(establishment).searchWithTraits({
        birthName: 'ADRUN',
        firstNames: ['ZOE', 'MARIE'],
        birthDate: '1990-01-01',
      }),
    );
    expect(result).toEqual({ code: 'INSI_NO_MATCH', calls: 3 });
    expect(sim.received.length - before).toBe(3);
  });

  it('finds a person whose usual first name is not the first in the base (second name alone)', async () => {
    const match = await clientWith(establishment).searchWithTraits({
      birthName: 'ECETINSI',
      firstNames: ['JEAN', 'MURIEL'],
      sex: 'M',
      birthDate: '2009-07-14',
    });
    expect(match.calls).toBe(2);
  });

  it('resolves 02 with all first names, then with the birthplace', async () => {
    const homonyme = await clientWith(establishment).searchWithTraits({
      birthName: 'HOMONYME',
      firstNames: ['CAMILLE', 'JEANNE'],
      sex: 'F',
      birthDate: '1990-05-12',
    });
    expect(homonyme).toMatchObject({ calls: 2, individual: { active: { nir13: '2900569123102', kind: 'NIR_TEST' } } });

    const twins = { birthName: "D'ALMEIDA-JUMEAU", firstNames: ['ALEX'], sex: 'M' as const, birthDate: '2001-09-09' };
    expect(await failure(clientWith(establishment).searchWithTraits(twins))).toEqual({
      code: 'INSI_MULTIPLE_MATCHES',
      calls: 1,
    });
    const placed = await clientWith(establishment).searchWithTraits({ ...twins, birthPlace: '13055' });
    expect(placed).toMatchObject({ calls: 2, individual: { active: { nir13: '1010913055202' } } });
  });

  it('searches with the card: own NIR, or holder NIR and birth rank', async () => {
    const own = await clientWith(establishment).searchWithVitale({
      individual: { nir13: '180032B020401', key: '23' },
      holder: { nir13: '180032B020401', key: '23' },
      birthName: 'CORSE',
      birthDate: '1980-03-02',
      birthRank: 1,
    });
    expect(own.individual.traits.firstNames).toEqual(['ANTHONY']);
    const child = await clientWith(establishment).searchWithVitale({
      holder: { nir13: '1850775056301', key: '39' },
      birthName: 'VITALIS',
      birthDate: '2015-04-10',
      birthRank: 1,
    });
    expect(child.individual.traits.firstNames).toEqual(['LEA', 'ROSE']);
    expect(
      await failure(
        clientWith(establishment).searchWithVitale({
          holder: { nir13: '1850775056301', key: '39' },
          birthName: 'VITALIS',
          birthDate: '2015-04-10',
          birthRank: 2,
        }),
      ),
    ).toEqual({ code: 'INSI_NO_MATCH', calls: 1 });
  });
});

describe('INSi failures', () => {
  it('maps a SOAP fault to INSI_FAULT with the siram code', async () => {
    sim.setFaults({ soapFault: 'DESIR_500' });
    expect(await failure(clientWith(establishment).searchWithTraits(adrtrois))).toEqual({
      code: 'INSI_FAULT',
      faultCode: 'Receiver',
      subcode: 'DESIR_500',
    });
  });

  it('maps HTTP 500, a dropped connection and a timeout to INSI_UNAVAILABLE (retryable)', async () => {
    sim.setFaults({ http500: true });
    expect(await failure(clientWith(establishment).searchWithTraits(adrtrois))).toEqual({
      code: 'INSI_UNAVAILABLE',
      reason: 'SERVICE_HTTP_ERROR',
    });
    sim.setFaults({ drop: true });
    expect(await failure(clientWith(establishment).searchWithTraits(adrtrois))).toEqual({
      code: 'INSI_UNAVAILABLE',
      reason: 'SERVICE_UNAVAILABLE',
    });
    sim.setFaults({ latencyMs: 1_000 });
    expect(await failure(clientWith(establishment, { timeoutMs: 150 }).searchWithTraits(adrtrois))).toEqual({
      code: 'INSI_UNAVAILABLE',
      reason: 'SERVICE_TIMEOUT',
    });
  });

  it('maps a closed port to INSI_UNAVAILABLE', async () => {
    const other = await startInsiSimulator({
      tls: { certPem: establishment.certPem, keyPem: establishment.keyPem, caPem },
    });
    const url = other.url;
    await other.close();
    const client = createInsiClient({
      url,
      tls: { certPem: establishment.certPem, keyPem: establishment.keyPem, caPem },
      lps: LPS,
      emitter: 'x',
      logger: log.logger,
    });
    expect(await failure(client.searchWithTraits(adrtrois))).toMatchObject({ code: 'INSI_UNAVAILABLE' });
  });

  it('rejects hostile answers served over the wire', async () => {
    const cr01 = readFileSync(vectorsPath('insi-responses', 'REP_CR01.xml'), 'utf8');
    sim.setFaults({
      rawResponse: cr01.replace(
        '<soap:Envelope',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><soap:Envelope',
      ),
    });
    expect(await failure(clientWith(establishment).searchWithTraits(adrtrois))).toMatchObject({ code: 'XML_HOSTILE' });
    sim.setFaults({ rawResponse: cr01.replace('Aucune', 'A'.repeat(400_000)) });
    expect(await failure(clientWith(establishment).searchWithTraits(adrtrois))).toMatchObject({
      code: 'XML_TOO_LARGE',
    });
    sim.setFaults({ rawResponse: '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>' });
    expect(await failure(clientWith(establishment).searchWithTraits(adrtrois))).toMatchObject({
      code: 'XML_MALFORMED',
    });
  });

  it('refuses a client certificate from another CA, and a server it does not trust', async () => {
    const stranger = await createTestPki();
    const foreign = await stranger.issueEstablishment({ finess: '999', name: 'Autre', commonName: 'INSI-AUTO' });
    // The server hangs up during the handshake: seen from the client as a reset or a TLS alert.
    const refused = (await failure(clientWith(foreign).searchWithTraits(adrtrois))) as { code: string };
    expect(['INSI_UNAVAILABLE', 'SERVICE_TLS_ERROR']).toContain(refused.code);
    expect(
      await failure(clientWith(establishment, { ca: stranger.caCertPem }).searchWithTraits(adrtrois)),
    ).toMatchObject({ code: 'SERVICE_TLS_ERROR' });
  });

  it('answers DESIR_560 to an organisation certificate whose CN is not INSI-AUTO / INSI-MANU', async () => {
    const strict = await startInsiSimulator({
      tls: { certPem: serverCred.certPem, keyPem: serverCred.keyPem, caPem },
      requireInsiCommonName: true,
    });
    const client = (cred: IssuedCredential): InsiClient =>
      createInsiClient({
        url: strict.url,
        tls: { certPem: cred.certPem, keyPem: cred.keyPem, caPem },
        lps: LPS,
        emitter: '010000000',
        logger: log.logger,
      });
    try {
      expect(await failure(client(cpsAuth).searchWithTraits(adrtrois))).toEqual({
        code: 'INSI_FAULT',
        faultCode: 'Sender',
        subcode: 'DESIR_560',
      });
      expect((await client(establishment).searchWithTraits(adrtrois)).calls).toBe(1);
    } finally {
      await strict.close();
    }
  });

  it('logs outcomes by code only, never a trait or a matricule', () => {
    const text = log.text();
    expect(text).toContain('insi.result');
    for (const secret of ['ADRTROIS', 'DOMINIQUE', '297022A020778', '1997-02-26', 'ECETINSI']) {
      expect(text).not.toContain(secret);
    }
  });
});
