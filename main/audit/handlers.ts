import type { DmpHandlers, DmpPatientRef } from '../../shared/api';
import type { AuditTrail } from './trail';

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
  };
}
