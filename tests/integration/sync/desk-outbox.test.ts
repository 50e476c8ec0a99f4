import { describe, expect, it } from 'vitest';
import type { OutboxSnapshot } from '../../../shared/api';
import { CONSULTATION_TYPE, EXAMPLE_PATIENT, pdfBase64 } from '../../support/example-patient';
import { useSimulatedDesk } from '../../support/simulated-dmp';

// documents.deposit and outbox.* through the desk's real router and service graph, against the
// DMP simulator: what the deposit form and the outbox screen call is what is tested here.

const desk = useSimulatedDesk({ pkiName: 'sync-desk' });

let serial = 0;
const depositNow = () =>
  desk.client.documents.deposit({
    patientId: desk.patientId,
    title: `Compte rendu outbox ${++serial}`,
    type: CONSULTATION_TYPE,
    pdfBase64: pdfBase64(`outbox ${serial} ${Math.random()}`),
  });

const copies = (uniqueId: string): number =>
  desk.simulator.admin.listDocuments(EXAMPLE_PATIENT.matricule).filter((d) => d.uniqueId === uniqueId).length;

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const itemOf = async (outboxId: string) => {
  const listed = await desk.client.outbox.list({});
  if (!listed.ok) throw new Error(listed.error.code);
  return listed.value.items.find((item) => item.id === outboxId);
};

describe('the desk’s outbox', () => {
  it('answers sent when the first attempt reached the DMP, and lists the item as sent', async () => {
    const result = await depositNow();
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcome).toBe('sent');
    expect(copies(result.value.uniqueId)).toBe(1);
    expect(await itemOf(result.value.outboxId)).toMatchObject({
      state: 'sent',
      kind: 'deposit',
      uniqueId: result.value.uniqueId,
      patient: { family: 'PATB-QUATRE', given: 'LAURENCE' },
    });
  });

  it('answers queued when the DMP fails, tells the screen, and sends the deposit once it is back', async () => {
    const seen: OutboxSnapshot[] = [];
    const unsubscribe = desk.client.on('outbox.changed', (snapshot) => seen.push(snapshot));
    desk.simulator.setFaults({ repository: { afterCommit: 'http500' } });
    try {
      const result = await depositNow();
      if (!result.ok) throw new Error(result.error.code);
      expect(result.value.outcome).toBe('queued');
      const queued = await itemOf(result.value.outboxId);
      expect(queued).toMatchObject({ state: 'checking', lastError: { code: 'SERVICE_HTTP_ERROR', retryable: true } });
      desk.simulator.setFaults({});
      await until(async () => (await itemOf(result.value.outboxId))?.state === 'sent');
      // Stored by the first attempt, found by uniqueId: never sent twice.
      expect(copies(result.value.uniqueId)).toBe(1);
      await until(() => seen.some((s) => s.items.some((i) => i.id === result.value.outboxId && i.state === 'sent')));
    } finally {
      desk.simulator.setFaults({});
      unsubscribe();
    }
  });

  it('waits for the card when its holder pulled it, and sends once it is back', async () => {
    desk.simulator.setFaults({ repository: { http500: true } });
    const result = await depositNow();
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcome).toBe('queued');
    desk.fixture.cpsReader.remove();
    desk.simulator.setFaults({});
    try {
      await until(async () => (await itemOf(result.value.outboxId))?.state === 'waiting_card');
      expect(copies(result.value.uniqueId)).toBe(0);
      // Attempted once already: it may be in the DMP, so it is never cancelled.
      const cancel = await desk.client.outbox.cancel({ id: result.value.outboxId });
      expect(cancel).toMatchObject({ ok: false, error: { code: 'OUTBOX_ITEM_BUSY' } });
    } finally {
      await desk.fixture.reinsertCps();
    }
    await until(async () => (await itemOf(result.value.outboxId))?.state === 'sent');
    expect(copies(result.value.uniqueId)).toBe(1);
  });

  it('refuses retry and cancel of items it does not hold, or not in a state for it', async () => {
    const unknown = await desk.client.outbox.retry({ id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'OUTBOX_ITEM_NOT_FOUND' } });
    const result = await depositNow();
    if (!result.ok) throw new Error(result.error.code);
    const sent = await desk.client.outbox.retry({ id: result.value.outboxId });
    expect(sent).toMatchObject({ ok: false, error: { code: 'OUTBOX_ITEM_BUSY' } });
  });

  it('a refusal for good while the user waits is the deposit’s error, and leaves nothing in the outbox', async () => {
    desk.simulator.setFaults({ repository: { soapFault: 'DMPAccessDenied' } });
    try {
      const before = await desk.client.outbox.list({});
      const result = await depositNow();
      expect(result).toMatchObject({ ok: false, error: { code: 'DMP_ACCESS_DENIED' } });
      const after = await desk.client.outbox.list({});
      if (!before.ok || !after.ok) throw new Error('outbox.list failed');
      expect(after.value.items.filter((item) => item.state !== 'sent')).toEqual(
        before.value.items.filter((item) => item.state !== 'sent'),
      );
    } finally {
      desk.simulator.setFaults({});
    }
  });
});
