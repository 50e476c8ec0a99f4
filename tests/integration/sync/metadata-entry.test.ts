import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentCaller } from '../../../main/dmp/documents/call';
import { changeDocumentVisibility } from '../../../main/dmp/documents/transactions/visibility';
import type { NewOutboxEntry } from '../../../main/store/outbox-ops';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import { openStandaloneSync, type StandaloneSync } from '../../../main/sync';
import type { HistoryAccess } from '../../../shared/api';
import type { AfterCommitFault } from '../../../simulators/national-dmp';
import { CONSULTATION_TYPE, EXAMPLE_PATIENT, EXAMPLE_PATIENT_TRAITS, pdfBase64 } from '../../support/example-patient';
import { useSimulatedDesk } from '../../support/simulated-dmp';
import { testKeystore } from '../../support/test-keystore';
import { useTempDir } from '../../support/temp-dir';

// Metadata changes (TD3.3a-d, ITI-57) through the outbox against the DMP simulator: the registry
// commits the change and loses its answer (store-then-drop, store-then-500); the engine must look
// the change up before sending it again, so the DMP ends with it exactly once. The lookup goes to
// the registry too, which the fault would make lose every answer: the fault is lifted once the
// item waits to be looked up (`checking`), as a network comes back. And the audit trail counts a
// write when the DMP holds it, not when the outbox took it.

const desk = useSimulatedDesk({ pkiName: 'sync-metadata' });
const tempDir = useTempDir('dmp-desk-sync-metadata-');
const AMBIGUOUS: readonly AfterCommitFault[] = ['drop', 'http500'];

let opened: StandaloneSync[] = [];
afterEach(async () => {
  desk.simulator.setFaults({});
  await Promise.all(opened.map((sync) => sync.close()));
  opened = [];
});

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const versionsOf = (uniqueId: string) =>
  desk.simulator.admin
    .listDocuments(EXAMPLE_PATIENT.matricule)
    .filter((document) => document.uniqueId === uniqueId)
    .sort((a, b) => a.version - b.version);

let serial = 0;
/** A document deposited through the desk, sent at once, then listed: its uniqueId and current entryUUID. */
async function deposited(): Promise<{ uniqueId: string; entryUuid: string }> {
  const result = await desk.client.documents.deposit({
    patientId: desk.patientId,
    title: `Compte rendu métadonnées ${++serial}`,
    type: CONSULTATION_TYPE,
    pdfBase64: pdfBase64(`metadata ${serial} ${Math.random()}`),
  });
  if (!result.ok) throw new Error(result.error.code);
  expect(result.value.outcome).toBe('sent');
  // Listed as the Documents screen lists it before any action: the desk's cache now knows the entry.
  const listed = await desk.client.documents.search({ patientId: desk.patientId });
  if (!listed.ok) throw new Error(listed.error.code);
  const entry = listed.value.documents.find((document) => document.uniqueId === result.value.uniqueId);
  if (entry === undefined) throw new Error('deposit not listed');
  return { uniqueId: result.value.uniqueId, entryUuid: entry.entryUuid };
}

const itemOf = async (outboxId: string) => {
  const listed = await desk.client.outbox.list({});
  if (!listed.ok) throw new Error(listed.error.code);
  return listed.value.items.find((item) => item.id === outboxId);
};

const journal = async (documentId: string, transaction: string): Promise<HistoryAccess['outcome'][]> => {
  const history = await desk.client.history.accesses({ patientId: desk.patientId });
  if (!history.ok) throw new Error(history.error.code);
  return history.value.entries
    .filter((entry) => entry.documentId === documentId && entry.transaction === transaction)
    .map((entry) => entry.outcome)
    .reverse();
};

describe('TD3.3a mask through the outbox, its answer lost', () => {
  for (const fault of AMBIGUOUS) {
    it(`store-then-${fault}: one new metadata version, found by its entryUUID, the outbox empty`, async () => {
      const { uniqueId, entryUuid } = await deposited();
      // The change built by the desk's own transaction (registry read online), kept by a capturing outbox…
      const { practitioner, structure, software, signer, ...endpoint } = desk.dmpConfig();
      const kept: NewOutboxEntry[] = [];
      await changeDocumentVisibility(
        createDocumentCaller({ practitioner, structure, software, signer, ...endpoint }),
        { practitioner, structure, software, signer },
        {
          patientId: desk.patientId,
          patient: EXAMPLE_PATIENT,
          traits: {
            birthName: EXAMPLE_PATIENT_TRAITS.birthFamily,
            firstNames: [EXAMPLE_PATIENT_TRAITS.givenNames],
            sex: EXAMPLE_PATIENT_TRAITS.sex,
            birthDate: EXAMPLE_PATIENT_TRAITS.birthDate,
          },
          entryUuid,
          add: ['MASQUE_PS'],
        },
        {
          valueSets: () => {
            throw new Error('no value set needed');
          },
          outbox: {
            submit: (entry) => {
              kept.push(entry);
              return Promise.resolve({ uniqueId: entry.uniqueId, outboxId: entry.id, outcome: 'queued' });
            },
          },
        },
      );
      const [item] = kept;
      if (item === undefined) throw new Error('nothing queued');
      // … then sent by an engine of its own while the registry loses its answers.
      const sync = await openStandaloneSync({
        storeDir: await tempDir(),
        keys: createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }),
        dmp: { ...desk.dmpConfig(), timeoutMs: 2_000 },
        engine: { backoff: { baseMs: 50, maxMs: 200 }, sentKeepMs: 0 },
      });
      opened.push(sync);
      await sync.store.call('outbox.insert', { item });
      desk.simulator.setFaults({ registry: { afterCommit: fault } });
      await sync.engine.start();
      await until(async () => (await sync.store.call('outbox.get', { id: item.id }))?.state === 'checking');
      // Committed although the desk never heard it.
      expect(versionsOf(uniqueId).map((v) => [v.version, v.masked])).toEqual([
        [1, false],
        [2, true],
      ]);
      desk.simulator.setFaults({});
      await sync.engine.drain();

      expect(versionsOf(uniqueId).map((v) => [v.version, v.status, v.masked])).toEqual([
        [1, 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated', false],
        [2, 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved', true],
      ]);
      expect((await sync.engine.snapshot()).items).toEqual([]);
      // Sent once: the lookup found it rather than a second ITI-57 being refused as stale.
      expect(await sync.store.call('outbox.list', {})).toEqual([]);
    }, 60_000);
  }
});

describe('TD3.3d archive through the desk’s outbox, its answer lost', () => {
  for (const fault of AMBIGUOUS) {
    it(`store-then-${fault}: archived once, queued then delivered, one counted audit line`, async () => {
      const { uniqueId, entryUuid } = await deposited();
      desk.simulator.setFaults({ registry: { afterCommit: fault } });
      const result = await desk.client.documents.setStatus({
        patientId: desk.patientId,
        entryUuid,
        currentStatus: 'approved',
        change: 'archive',
      });
      if (!result.ok) throw new Error(result.error.code);
      expect(result.value.outcome).toBe('queued');
      const outboxId = result.value.outboxId ?? '';
      expect(await itemOf(outboxId)).toMatchObject({ kind: 'status', state: 'checking', uniqueId, attempts: 1 });
      expect(versionsOf(uniqueId).map((v) => v.status)).toEqual(['urn:asip:ci-sis:2010:StatusType:Archived']);
      // Taken, not delivered as far as the desk knows: no counted line yet.
      expect(await journal(uniqueId, 'TD3.3d')).toEqual(['queued']);

      desk.simulator.setFaults({});
      await until(async () => (await itemOf(outboxId))?.state === 'sent');
      // Found archived by the lookup: never sent a second time (it would have been refused).
      expect(await itemOf(outboxId)).toMatchObject({ attempts: 1 });
      expect(versionsOf(uniqueId).map((v) => [v.version, v.status])).toEqual([
        [1, 'urn:asip:ci-sis:2010:StatusType:Archived'],
      ]);
      expect(await journal(uniqueId, 'TD3.3d')).toEqual(['queued', 'ok']);
    }, 60_000);
  }

  it('queues a status change the DMP cannot be reached for, and sends it once it is back', async () => {
    const { uniqueId, entryUuid } = await deposited();
    desk.simulator.setFaults({ registry: { drop: true } });
    const result = await desk.client.documents.setStatus({
      patientId: desk.patientId,
      entryUuid,
      currentStatus: 'approved',
      change: 'archive',
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcome).toBe('queued');
    // The list, read from the DMP, does not claim the change.
    desk.simulator.setFaults({});
    await until(async () => (await itemOf(result.value.outboxId ?? ''))?.state === 'sent');
    expect(versionsOf(uniqueId).map((v) => v.status)).toEqual(['urn:asip:ci-sis:2010:StatusType:Archived']);
  }, 60_000);

  it('fails a visibility change, keeping nothing, when the registry cannot be read', async () => {
    const { entryUuid } = await deposited();
    const before = await desk.client.outbox.list({});
    desk.simulator.setFaults({ registry: { http500: true } });
    const result = await desk.client.documents.setVisibility({
      patientId: desk.patientId,
      entryUuid,
      add: ['MASQUE_PS'],
    });
    expect(result).toMatchObject({ ok: false, error: { retryable: true } });
    const after = await desk.client.outbox.list({});
    if (!before.ok || !after.ok) throw new Error('outbox.list failed');
    expect(after.value.items.filter((item) => item.state !== 'sent')).toEqual(
      before.value.items.filter((item) => item.state !== 'sent'),
    );
  }, 60_000);
});

describe('the audit line of a deposit', () => {
  it('counts a queued deposit once, when the engine delivered it', async () => {
    desk.simulator.setFaults({ repository: { afterCommit: 'http500' } });
    const result = await desk.client.documents.deposit({
      patientId: desk.patientId,
      title: 'Compte rendu audit',
      type: CONSULTATION_TYPE,
      pdfBase64: pdfBase64(`audit ${Math.random()}`),
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcome).toBe('queued');
    expect(await journal(result.value.uniqueId, 'TD2.1')).toEqual(['queued']);
    desk.simulator.setFaults({});
    await until(async () => (await itemOf(result.value.outboxId))?.state === 'sent');
    expect(await journal(result.value.uniqueId, 'TD2.1')).toEqual(['queued', 'ok']);
  }, 60_000);

  it('writes one counted line for a deposit sent at the first attempt', async () => {
    const { uniqueId } = await deposited();
    expect(await journal(uniqueId, 'TD2.1')).toEqual(['ok']);
  }, 60_000);

  it('never counts a queued deposit refused later and cancelled', async () => {
    // Lost before the DMP stored it: queued, to be looked up (absent), then refused for good.
    desk.simulator.setFaults({ repository: { http500: true } });
    const result = await desk.client.documents.deposit({
      patientId: desk.patientId,
      title: 'Compte rendu annulé',
      type: CONSULTATION_TYPE,
      pdfBase64: pdfBase64(`cancelled ${Math.random()}`),
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcome).toBe('queued');
    desk.simulator.setFaults({ repository: { soapFault: 'DMPAccessDenied' } });
    await until(async () => (await itemOf(result.value.outboxId))?.state === 'failed');
    const cancelled = await desk.client.outbox.cancel({ id: result.value.outboxId });
    expect(cancelled.ok).toBe(true);
    expect(versionsOf(result.value.uniqueId)).toEqual([]);
    expect(await journal(result.value.uniqueId, 'TD2.1')).toEqual(['queued']);
  }, 60_000);
});
