import type { PatientSummary } from '../../../../shared/api';

/**
 * The patient the DMP panels work for: main's patient in context, once their identity is
 * qualified. Calls name it by `patientId`; the rest is for display only.
 */
export type DmpPanelPatient = PatientSummary;

/** "LAURENCE PATB-QUATRE": the name every answer about the patient is shown beside. */
export function patientDisplayName(patient: Pick<PatientSummary, 'family' | 'given'>): string {
  return [patient.given, patient.family].filter((part) => part !== '').join(' ');
}
