import type { DmpHandlers, DmpPatientRef } from '../../shared/api';
import type { AuditTrail } from './trail';

/** The zone the desk's clock shows: a clinic's days are cut where its staff live them. */
export const deskTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The `history.*` group: what this desk did on the patient's DMP, read back from the local trail.
 * The patient is named by id and resolved by main to the INS the lines are keyed on.
 */
export function historyHandlers(
  trail: AuditTrail,
  resolveIns: (patientId: string) => DmpPatientRef,
): DmpHandlers<unknown>['history'] {
  return {
    accesses: async ({ patientId }) => trail.accesses(resolveIns(patientId)),
    verify: async () => trail.verify(),
    indicators: async (query) => trail.indicators({ ...query, timeZone: deskTimeZone() }),
  };
}
