import { useSyncExternalStore } from 'react';
import { useDmp } from '../../app/dmp-context';
import type { DmpPanelPatient } from './patient';
import { qualifiedPatientStore } from './qualified-patient-store';

/** The patient at the desk, as soon as (and only while) their identity is qualified. */
export function useQualifiedPatient(): DmpPanelPatient | undefined {
  const store = qualifiedPatientStore(useDmp().client);
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
