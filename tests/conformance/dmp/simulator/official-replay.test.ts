import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vectorsPath } from '../../../support/vectors';
import {
  faultCode,
  officialMessage,
  path,
  postSoap,
  sendOfficial,
  startFixture,
  xp,
  type SimulatorFixture,
} from '../../../integration/dmp/simulator/harness';
import { outline } from './structure';

let fx: SimulatorFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => fx.sim.close());

/**
 * Every official request of the patient-level transactions in dmp-messages/. TD0.4, TD1.6, TD1.1
 * and TD1.2 have no official example in that folder, so they are covered by the integration suite.
 */
const PAIRS = [
  { td: 'TD0.2', service: 'patients', file: 'TD0.2_-_Test_dexistence' },
  { td: 'TD0.3', service: 'habilitations', file: 'TD0.3_-_Mise_a_jour_de_lautorisation' },
  { td: 'TD1.3a', service: 'patients', file: 'TD1.3a_-_Consultation' },
  { td: 'TD1.3b', service: 'patients', file: 'TD1.3b_-_Modification' },
  { td: 'TD1.4', service: 'patients', file: 'TD1.4_-_Fermer' },
] as const;

/** Data the example patient of the official TD1.3a answer has and the simulator does not keep. */
const OPTIONAL_DATA = new Set(['personalRelationship', 'birthPlace']);

describe.each(PAIRS)('$td official request replayed with a test-PKI VIHF', ({ service, file }) => {
  it('is accepted and answered with the structure and codes of the official response', async () => {
    const answer = await sendOfficial(fx, service, officialMessage(`${file}_request.xml`));
    expect(answer.status).toBe(200);
    expect(outline(answer.body)).toEqual(outline(officialMessage(`${file}_response.xml`), OPTIONAL_DATA));
  });
});

const officialToken = (name: string): string => readFileSync(vectorsPath('dmp-messages-vihf', name), 'utf8');
const withToken = (token: string): string =>
  officialMessage('TD0.2_-_Test_dexistence_request.xml').replace(/<saml2:Assertion[\s\S]*<\/saml2:Assertion>/, token);

describe('official VIHF samples (dmp-messages-vihf/) carried by the official TD0.2', () => {
  it.each([
    ['VIHF_DIRECTE_signe.xml', 'cps'],
    ['VIHF_DIRECTE_non_signe.xml', 'cps'],
    ['VIHF_INDIRECTE_signe.xml', 'establishment'],
    ['VIHF_INDIRECTE_RENFORCEE_signe.xml', 'establishment'],
  ] as const)('%s re-signed by the test PKI is accepted', async (name, signer) => {
    const credential =
      signer === 'cps'
        ? { signer: fx.doctor.sign, client: fx.doctor.auth }
        : { signer: fx.establishment, client: fx.establishment };
    const answer = await sendOfficial(fx, 'patients', withToken(officialToken(name)), credential);
    expect(answer.status).toBe(200);
    expect(xp(answer.body, path('queryAck', 'queryResponseCode') + '/@code')).toBe('OK');
  });

  it('refuses the samples as published: their IGC-Santé TEST signer is not trusted here', async () => {
    const answer = await postSoap(fx, 'patients', withToken(officialToken('VIHF_DIRECTE_signe.xml')), fx.doctor.auth);
    expect(faultCode(answer.body)).toBe('DMPInvalidCertificate');
  });
});
