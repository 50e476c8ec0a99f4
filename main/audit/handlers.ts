import type { DmpHandlers } from '../../shared/api';
import type { AuditTrail } from './trail';

/** The `history.*` group: what this desk did on the patient's DMP, read back from the local trail. */
export function historyHandlers(trail: AuditTrail): DmpHandlers<unknown>['history'] {
  return {
    accesses: async ({ patient }) => trail.accesses(patient),
  };
}
