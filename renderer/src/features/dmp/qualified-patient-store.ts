import type { DmpClient } from '../../../../shared/api';
import { dmpPatientFromInsi, type DmpPanelPatient } from './patient';

/**
 * The patient whose identity is currently qualified, shared by the Desk and Consultation panels
 * (one store per client, so a screen opened later still knows the patient). The INS may be used
 * to reach the DMP only for a qualified identity: any other status clears it.
 */
export interface QualifiedPatientStore {
  readonly subscribe: (listener: () => void) => () => void;
  readonly snapshot: () => DmpPanelPatient | undefined;
}

const stores = new WeakMap<DmpClient, QualifiedPatientStore>();

export function qualifiedPatientStore(client: DmpClient): QualifiedPatientStore {
  const existing = stores.get(client);
  if (existing !== undefined) return existing;
  let current: DmpPanelPatient | undefined;
  let latest = 0;
  const listeners = new Set<() => void>();
  const publish = (patient: DmpPanelPatient | undefined): void => {
    current = patient;
    for (const listener of listeners) listener();
  };
  client.on('identity.statusChanged', (change) => {
    const ticket = ++latest;
    if (change.status !== 'QUAL') {
      publish(undefined);
      return;
    }
    void client.identity.get({ patientId: change.patientId }).then((result) => {
      if (ticket !== latest) return;
      publish(result.ok && result.value.insi !== undefined ? dmpPatientFromInsi(result.value.insi) : undefined);
    });
  });
  const store: QualifiedPatientStore = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => current,
  };
  stores.set(client, store);
  return store;
}
