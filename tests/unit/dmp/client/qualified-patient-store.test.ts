import { describe, expect, it } from 'vitest';
import type { DmpClient } from '../../../../shared/api';
import { qualifiedPatientStore } from '../../../../renderer/src/features/dmp/qualified-patient-store';

type Listener = (payload: { patientId: string; status: string }) => void;

/** Just the two client members the store uses: the identity event and identity.get. */
function fakeClient(records: Record<string, unknown>): { client: DmpClient; emit: Listener } {
  let listener: Listener = () => undefined;
  const client = {
    on: (_event: string, l: Listener) => {
      listener = l;
      return () => undefined;
    },
    identity: {
      get: async ({ patientId }: { patientId: string }) =>
        records[patientId] === undefined
          ? { ok: false, error: { code: 'IDENTITY_NOT_FOUND', messageKey: 'x', retryable: false } }
          : { ok: true, value: records[patientId] },
    },
  } as unknown as DmpClient;
  return { client, emit: (payload) => listener(payload) };
}

const QUALIFIED = {
  insi: {
    active: { nir13: '2070585756270', key: '97', oid: '1.2.250.1.213.1.4.10', kind: 'NIR_TEST', keyValid: true },
    history: [],
    traits: { birthName: 'DUPONT', firstNames: ['JEANNE', 'MARIE'], sex: 'F', birthDate: '1980-02-29' },
  },
};
const ID = '6f1c2d3e-0000-4000-8000-000000000001';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('qualified patient store', () => {
  it('holds the patient only while the identity is qualified, and is shared per client', async () => {
    const { client, emit } = fakeClient({ [ID]: QUALIFIED });
    const store = qualifiedPatientStore(client);
    expect(qualifiedPatientStore(client)).toBe(store);
    let notified = 0;
    store.subscribe(() => (notified += 1));
    emit({ patientId: ID, status: 'VALI' });
    expect(store.snapshot()).toBeUndefined();
    emit({ patientId: ID, status: 'QUAL' });
    await tick();
    expect(store.snapshot()).toEqual({
      ins: { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' },
      name: { family: 'DUPONT', given: 'JEANNE' },
      sex: 'F',
      birthDate: '1980-02-29',
    });
    emit({ patientId: ID, status: 'PROV' });
    expect(store.snapshot()).toBeUndefined();
    expect(notified).toBeGreaterThanOrEqual(3);
  });

  it('ignores a late answer about a patient superseded in the meantime', async () => {
    const { client, emit } = fakeClient({ [ID]: QUALIFIED });
    const store = qualifiedPatientStore(client);
    emit({ patientId: ID, status: 'QUAL' });
    emit({ patientId: ID, status: 'PROV' });
    await tick();
    expect(store.snapshot()).toBeUndefined();
  });
});
