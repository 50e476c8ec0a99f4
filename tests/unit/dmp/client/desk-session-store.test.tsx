// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskSession, DmpClient, PatientSummary } from '../../../../shared/api';
import { DmpProvider } from '../../../../renderer/src/app/dmp-context';
import { deskSessionStore } from '../../../../renderer/src/features/dmp/qualified-patient-store';
import { useQualifiedPatient } from '../../../../renderer/src/features/dmp/use-qualified-patient';

afterEach(cleanup);

type Listener = (session: DeskSession) => void;

/** Just the two client members the store uses: `session.current` (answered when the test says) and `session.changed`. */
function fakeClient(): {
  client: DmpClient;
  emit: Listener;
  answer: (session: DeskSession) => void;
  events: string[];
} {
  let listener: Listener = () => undefined;
  let answer: (session: DeskSession) => void = () => undefined;
  const events: string[] = [];
  const client = {
    on: (event: string, l: Listener) => {
      events.push(event);
      listener = l;
      return () => undefined;
    },
    session: {
      current: () =>
        new Promise((resolve) => {
          answer = (session) => resolve({ ok: true, value: session });
        }),
    },
  } as unknown as DmpClient;
  return { client, emit: (session) => listener(session), answer: (session) => answer(session), events };
}

const ID = '6f1c2d3e-0000-4000-8000-000000000001';
const OTHER_ID = '6f1c2d3e-0000-4000-8000-000000000002';
const patient = (status: PatientSummary['status'], patientId = ID): PatientSummary => ({
  patientId,
  status,
  family: 'DUPONT',
  given: 'JEANNE',
  birthDate: '1980-02-29',
  sex: 'F',
  ...(status === 'QUAL' ? { ins: { matricule: '207058575627097', kind: 'NIR_TEST' } } : {}),
});
const session = (p: PatientSummary | null): DeskSession => ({ patient: p, practitioner: null, dmpSignature: 'cps' });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('desk session store', () => {
  it("follows main's session: its answer first, then every change it pushes; one store per client", async () => {
    const { client, emit, answer, events } = fakeClient();
    const store = deskSessionStore(client);
    expect(deskSessionStore(client)).toBe(store);
    expect(events).toEqual(['session.changed']);
    let notified = 0;
    store.subscribe(() => (notified += 1));
    expect(store.snapshot()).toBeUndefined();
    answer(session(patient('PROV')));
    await tick();
    expect(store.snapshot()).toEqual(session(patient('PROV')));
    emit(session(patient('QUAL')));
    expect(store.snapshot()).toEqual(session(patient('QUAL')));
    emit(session(null));
    expect(store.snapshot()).toEqual(session(null));
    expect(notified).toBe(3);
  });

  it('ignores a late answer once main has pushed a newer session', async () => {
    const { client, emit, answer } = fakeClient();
    const store = deskSessionStore(client);
    emit(session(patient('QUAL', OTHER_ID)));
    answer(session(patient('PROV')));
    await tick();
    expect(store.snapshot()).toEqual(session(patient('QUAL', OTHER_ID)));
  });
});

describe('useQualifiedPatient', () => {
  it('holds the patient in context only while their identity is qualified', async () => {
    const { client, emit, answer } = fakeClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <DmpProvider
        client={client}
        appInfo={{ name: 'DMP Desk', version: '0', mode: 'training', transport: 'websocket', platform: 'linux' }}
      >
        {children}
      </DmpProvider>
    );
    const { result } = renderHook(() => useQualifiedPatient(), { wrapper });
    expect(result.current).toBeUndefined();
    await act(async () => {
      answer(session(patient('VALI')));
      await tick();
    });
    expect(result.current).toBeUndefined();
    act(() => emit(session(patient('QUAL'))));
    expect(result.current).toEqual(patient('QUAL'));
    // Another patient in context: the previous one's INS is gone at once.
    act(() => emit(session(patient('PROV', OTHER_ID))));
    expect(result.current).toBeUndefined();
    act(() => emit(session(patient('QUAL', OTHER_ID))));
    expect(result.current?.patientId).toBe(OTHER_ID);
    act(() => emit(session(null)));
    expect(result.current).toBeUndefined();
  });
});
