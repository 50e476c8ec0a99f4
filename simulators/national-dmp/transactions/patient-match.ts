import type { RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { SoapFault } from '../soap';

/** The INS of the body must be the one the VIHF was issued for (dmp-interface.md §10.2). */
export function requireSamePatient(context: RequestContext, nir: string): void {
  if (context.claims.patient?.nir !== nir) {
    throw new SoapFault(DMP_CODES.patientMismatch, 'The INS of the request differs from the VIHF resource-id');
  }
}
