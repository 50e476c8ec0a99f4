import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { AppError } from '../../../shared/errors';
import { dmpError } from '../dmp-codes';

/**
 * The registry refuses a document call for rights reasons inside its answer (a RegistryError
 * carrying a DMP code), not as a SOAP fault. Those become the same DMP_* errors as the patient
 * calls, read with the call's access mode: "denied by the patient" is an opposition in an
 * emergency, a blocked professional otherwise. Other registry errors pass through.
 */
export function refineRegistryRefusal(error: unknown, accessMode: DmpAccessMode): unknown {
  if (!(error instanceof AppError) || error.code !== 'DOC_REGISTRY_ERROR') return error;
  const errorCode = error.details?.['errorCode'];
  if (typeof errorCode !== 'string' || !errorCode.startsWith('DMP')) return error;
  return dmpError(errorCode, { accessMode, cause: error });
}
