import { AppError } from '../../../../shared/errors';
import { codeForDmpStatus } from '../../dmp-codes';
import { checkRegistryResponse, findRegistryResponse } from '../../xds';

/** XDS codes by which a registry says the entry moved on since it was read (ITI TF-3 §4.2.4, ITI-57). */
const STALE = new Set(['XDSMetadataVersionError', 'UnresolvedReferenceException']);

/**
 * The answer of an ITI-57 update as the user needs it: a refusal by the rights service is the
 * same DMP_ACCESS_DENIED as anywhere else in the DMP, a stale version asks for a refresh, and any
 * other registry error stays the generic DOC_REGISTRY_ERROR with its XDS code.
 */
export function checkUpdateAnswer(payload: Element): void {
  try {
    checkRegistryResponse(findRegistryResponse(payload));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'DOC_REGISTRY_ERROR') throw error;
    const errorCode = typeof error.details?.['errorCode'] === 'string' ? error.details['errorCode'] : '';
    if (STALE.has(errorCode)) throw new AppError('DOC_STALE_VERSION', { details: { errorCode } });
    if (errorCode.startsWith('DMP')) {
      throw new AppError(codeForDmpStatus(errorCode), { details: { dmpCode: errorCode }, cause: error });
    }
    throw error;
  }
}
