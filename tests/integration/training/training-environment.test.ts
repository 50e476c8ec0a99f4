import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log/logger';
import type { Services } from '../../../main/services';
import {
  startTrainingEnvironment,
  TRAINING_READERS,
  type TrainingEnvironment,
} from '../../../main/training/training-environment';
import type { DmpAccessStatus, DmpClient, TrainingScenarioId, TrainingStatus } from '../../../shared/api';
import type { Result } from '../../../shared/errors';
import { pdfBase64 } from '../../support/example-patient';
import { inProcessClient } from '../../support/in-process-client';
import { createTestServices } from '../../support/test-services';

/**
 * A whole training desk in one process (simulators, virtual readers, the real service graph),
 * driven only through the IPC contract, as the banner and the desk screens drive it.
 */
const CONSULTATION = { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'CR de consultation' };
let environment: TrainingEnvironment;
/** One folder for the whole file: the desk keeps running (and writing its store) from test to test. */
let dir: string;
let trainingDir: string;
let services: Services;
let client: DmpClient;

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
};
const errorCode = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);

const start = async (scenario: TrainingScenarioId): Promise<TrainingStatus> =>
  value(await client.training.startScenario({ scenario }));

/** The first person on the Vitale card in the training reader, opened at the desk: their patientId. */
async function openFromCard(): Promise<string> {
  const { beneficiaries } = value(await client.cards.readVitale({ reader: TRAINING_READERS.vitale }));
  const first = beneficiaries[0];
  if (first === undefined) throw new Error('empty card');
  return value(await client.identity.open({ reader: TRAINING_READERS.vitale, beneficiaryIndex: first.index }))
    .patientId;
}

/** Card, INSi, identity document, CPS PIN: the admission chain, then TD0.2 for that patient. */
async function admitAndCheck(): Promise<{ patientId: string; access: DmpAccessStatus }> {
  const patientId = await openFromCard();
  value(await client.identity.searchInsWithVitale({ patientId }));
  expect(value(await client.identity.recordDocumentCheck({ patientId, documentType: 'CNI' })).status).toBe('QUAL');
  value(await client.cards.verifyPin({ reader: TRAINING_READERS.cps, pin: '1234' }));
  return { patientId, access: value(await client.dmp.checkAccess({ patientId, accessMode: 'normal' })) };
}

const inserted = (status: TrainingStatus): Record<string, boolean> =>
  Object.fromEntries(status.slots.map((slot) => [slot.card, slot.inserted]));

describe('training scenarios on a running training desk', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dmp-training-'));
    trainingDir = join(dir, 'training');
    environment = await startTrainingEnvironment({ dataDir: trainingDir, logger: silentLogger });
    services = createTestServices(dir, environment.servicesConfig);
    client = inProcessClient(services);
  });

  afterAll(async () => {
    await services.dispose();
    await environment.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its desk records inside the training folder, apart from production', () => {
    expect(environment.deskDataDir).toBe(join(trainingDir, 'desk'));
    expect(statSync(environment.deskDataDir).mode & 0o777).toBe(0o700);
  });

  it('reaches only the loopback simulators, trusted through the test CA', () => {
    const { insi, dmp } = environment.servicesConfig;
    expect(new URL(insi?.url ?? '').hostname).toBe('127.0.0.1');
    expect(new URL(dmp?.baseUrl ?? '').hostname).toBe('127.0.0.1');
    expect(dmp?.tls.caPem).toBe(insi?.tls.caPem);
    expect(dmp?.tls.caPem).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a reset before any scenario, and lists every scenario', async () => {
    expect(errorCode(await client.training.resetScenario({}))).toBe('TRAINING_NO_SCENARIO');
    expect(value(await client.training.scenarios({})).map((scenario) => scenario.id)).toEqual([
      'new-patient',
      'insi-no-match',
      'insi-several',
      'deposit-replace',
      'blocked-doctor',
      'emergency-access',
      'closed-dmp',
    ]);
  });

  it('closed DMP: both cards in, TD0.2 says the DMP is closed', async () => {
    const status = await start('closed-dmp');
    expect(status.scenario).toEqual({ id: 'closed-dmp', patient: 'TCHITCHI CATARINA', withVitale: true });
    expect(inserted(status)).toEqual({ vitale: true, cps: true });
    expect(status.beneficiaries).toEqual(['CATARINA TCHITCHI']);
    expect((await admitAndCheck()).access.existence).toBe('closed');
  });

  it('blocked doctor: the patient blocked the training CPS holder', async () => {
    await start('blocked-doctor');
    expect((await admitAndCheck()).access).toMatchObject({ existence: 'exists', authorization: 'blocked' });
  });

  it('deposit and replace: the doctor starts authorized; what the trainee deposited is gone after a reset', async () => {
    await start('deposit-replace');
    const first = await admitAndCheck();
    expect(first.access).toMatchObject({ existence: 'exists', authorization: 'valid' });
    const titles = async (patientId: string): Promise<string[]> =>
      value(await client.documents.search({ patientId, statuses: ['approved'] }))
        .documents.map((document) => document.title ?? '')
        .sort();
    const seeded = await titles(first.patientId);
    expect(seeded.length).toBeGreaterThan(0);

    const { uniqueId } = value(
      await client.documents.deposit({
        patientId: first.patientId,
        title: 'CR formation v1',
        type: CONSULTATION,
        pdfBase64: pdfBase64('CR formation v1'),
      }),
    );
    const deposited = value(
      await client.documents.search({ patientId: first.patientId, statuses: ['approved'] }),
    ).documents.find((document) => document.uniqueId === uniqueId);
    value(
      await client.documents.deposit({
        patientId: first.patientId,
        title: 'CR formation v2',
        type: CONSULTATION,
        pdfBase64: pdfBase64('CR formation v2'),
        replaces: { entryUuid: deposited?.entryUuid ?? '', uniqueId },
      }),
    );
    expect(await titles(first.patientId)).toEqual([...seeded, 'CR formation v2'].sort());

    value(await client.training.resetScenario({}));
    const again = await admitAndCheck();
    expect(await titles(again.patientId)).toEqual(seeded);
  });

  it('new patient: no card in, and once admitted the patient has no DMP yet', async () => {
    const status = await start('new-patient');
    expect(inserted(status)).toEqual({ vitale: false, cps: false });
    expect(services.desk.current().patient).toBeNull();
    value(await client.training.insertCard({ card: 'vitale' }));
    value(await client.training.insertCard({ card: 'cps' }));
    expect((await admitAndCheck()).access.existence).toBe('not_found');
  });

  it('INSi no match: the card is in, INSi answers 01', async () => {
    const status = await start('insi-no-match');
    expect(inserted(status)).toEqual({ vitale: true, cps: false });
    const patientId = await openFromCard();
    expect(errorCode(await client.identity.searchInsWithVitale({ patientId }))).toBe('INSI_NO_MATCH');
  });

  it('INSi several: no Vitale at all; the usual first name gives 02, every first name one identity', async () => {
    const status = await start('insi-several');
    expect(status.slots.map((slot) => slot.card)).toEqual(['cps']);
    expect(status.beneficiaries).toEqual([]);
    expect(errorCode(await client.training.insertCard({ card: 'vitale' }))).toBe('TRAINING_NO_SUCH_CARD');
    const traits = { birthName: 'HOMONYME', firstNames: ['CAMILLE'], sex: 'F' as const, birthDate: '1990-05-12' };
    const { patientId } = value(await client.identity.open({ traits }));
    expect(errorCode(await client.identity.searchInsWithTraits({ patientId }))).toBe('INSI_MULTIPLE_MATCHES');
    value(
      await client.identity.setTypedTraits({ patientId, traits: { ...traits, firstNames: ['CAMILLE', 'LOUISE'] } }),
    );
    expect(value(await client.identity.searchInsWithTraits({ patientId })).status).toBe('RECUP');
  });

  it('emergency access: changed during the lesson, the reset finds the starting state again', async () => {
    await start('emergency-access');
    const first = await admitAndCheck();
    expect(first.access).toMatchObject({ existence: 'exists', authorization: 'none' });
    // The trainee opens a bris de glace access (refused, were the patient opposed), then declares
    // an authorization: both change state.
    value(
      await client.dmp.checkAccess({
        patientId: first.patientId,
        accessMode: 'bris_de_glace',
        emergencyReason: 'Patient inconscient aux urgences',
      }),
    );
    expect(value(await client.dmp.emergencySessions({})).sessions).toHaveLength(1);
    value(await client.dmp.setAuthorization({ patientId: first.patientId, accessMode: 'normal', action: 'grant' }));
    expect(
      value(await client.dmp.checkAccess({ patientId: first.patientId, accessMode: 'normal' })).authorization,
    ).toBe('valid');

    const status = value(await client.training.resetScenario({}));
    expect(status.scenario?.id).toBe('emergency-access');
    expect(inserted(status)).toEqual({ vitale: true, cps: true });
    // An empty desk: nobody in context, no emergency access left open, the PIN to type again.
    expect(services.desk.current().patient).toBeNull();
    expect(value(await client.dmp.emergencySessions({})).sessions).toEqual([]);
    const again = await admitAndCheck();
    expect(again.patientId).not.toBe(first.patientId);
    expect(again.access.authorization).toBe('none');
  });
});
