import { describe, expect, it } from 'vitest';
import { DEMO_FAMILY, VirtualReader, VirtualVitale2 } from '../../../simulators/cards';
import { inProcessClient } from '../../support/in-process-client';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

/** Main's patient sessions through the router: a carte Vitale in a virtual reader, no network. */
const tempDir = useTempDir();

async function desk() {
  const reader = new VirtualReader('Lecteur Vitale');
  reader.insert(new VirtualVitale2({ beneficiaries: DEMO_FAMILY.slice(0, 2) }));
  const services = createTestServices(await tempDir(), { cards: { backend: 'virtual', readers: [reader] } });
  return inProcessClient(services);
}

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

describe('patient sessions', () => {
  it('finds the session again when the same beneficiary is picked again: nothing starts over at PROV', async () => {
    const client = await desk();
    const first = ok(await client.identity.open({ reader: 'Lecteur Vitale', beneficiaryIndex: 0 }));
    ok(await client.identity.recordDocumentCheck({ patientId: first.patientId, documentType: 'PASSPORT' }));
    const other = ok(await client.identity.open({ reader: 'Lecteur Vitale', beneficiaryIndex: 1 }));
    expect(other.patientId).not.toBe(first.patientId);

    const again = ok(await client.identity.open({ reader: 'Lecteur Vitale', beneficiaryIndex: 0 }));
    expect(again.patientId).toBe(first.patientId);
    expect(again.status).toBe('VALI');
    const session = ok(await client.session.current({}));
    expect(session.patient?.patientId).toBe(first.patientId);
    // Two people today, the one just picked again first.
    const today = ok(await client.session.patients({}));
    expect(today.patients.map((p) => p.family)).toEqual(['CORSE', 'HERMANN']);
  });

  it('leaves the patient in context for the next admission, keeping them in the day list', async () => {
    const client = await desk();
    const opened = ok(await client.identity.open({ reader: 'Lecteur Vitale', beneficiaryIndex: 0 }));
    const left = ok(await client.session.leavePatient({}));
    expect(left.patient).toBeNull();
    expect(ok(await client.session.patients({})).patients.map((p) => p.patientId)).toEqual([opened.patientId]);
    const back = ok(await client.session.selectPatient({ patientId: opened.patientId }));
    expect(back.patient?.family).toBe('CORSE');
  });

  it('starts afresh after the desk is cleared (a training lesson): no day list, the same card opens a new session', async () => {
    const reader = new VirtualReader('Lecteur Vitale');
    reader.insert(new VirtualVitale2({ beneficiaries: DEMO_FAMILY.slice(0, 1) }));
    const services = createTestServices(await tempDir(), { cards: { backend: 'virtual', readers: [reader] } });
    const client = inProcessClient(services);
    const first = ok(await client.identity.open({ reader: 'Lecteur Vitale', beneficiaryIndex: 0 }));
    ok(await client.identity.recordDocumentCheck({ patientId: first.patientId, documentType: 'PASSPORT' }));
    services.patients.clear();
    expect(ok(await client.session.patients({})).patients).toEqual([]);
    const again = ok(await client.identity.open({ reader: 'Lecteur Vitale', beneficiaryIndex: 0 }));
    expect(again.patientId).not.toBe(first.patientId);
    expect(again.status).toBe('PROV');
  });
});
