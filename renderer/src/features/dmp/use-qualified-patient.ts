import { useSyncExternalStore } from 'react';
import type { DeskSession } from '../../../../shared/api';
import { useDmp } from '../../app/dmp-context';
import type { DmpPanelPatient } from './patient';
import { deskSessionStore } from './qualified-patient-store';

/** Main's desk session: the patient in context and the practitioner (undefined until main answers). */
export function useDeskSession(): DeskSession | undefined {
  const store = deskSessionStore(useDmp().client);
  return useSyncExternalStore(store.subscribe, store.snapshot);
}

/** The patient at the desk, as soon as (and only while) their identity is qualified. */
export function useQualifiedPatient(): DmpPanelPatient | undefined {
  const patient = useDeskSession()?.patient ?? undefined;
  return patient?.status === 'QUAL' ? patient : undefined;
}
