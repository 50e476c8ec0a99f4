import { AppError } from '../../../../shared/errors';
import { checkRegistryResponse, findRegistryResponse } from '../../xds';

/** XDS codes by which a registry says the entry moved on since it was read (ITI TF-3 §4.2.4, ITI-57). */
const STALE = new Set(['XDSMetadataVersionError', 'UnresolvedReferenceException']);

/**
 * The answer of an ITI-57 update: a stale version asks the user for a refresh rather than reading
 * as a refusal. Rights refusals (DMP codes) stay DOC_REGISTRY_ERROR here; the handler wrapper
 * turns them into the DMP_* errors, with the call's access mode.
 */
export function checkUpdateAnswer(payload: Element): void {
  try {
    checkRegistryResponse(findRegistryResponse(payload));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'DOC_REGISTRY_ERROR') throw error;
    const errorCode = error.details?.['errorCode'];
    if (typeof errorCode === 'string' && STALE.has(errorCode)) {
      throw new AppError('DOC_STALE_VERSION', { details: { errorCode }, cause: error });
    }
    throw error;
  }
}
