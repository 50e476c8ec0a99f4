export { buildVihf, insCx, VIHF_ATTRIBUTES, VIHF_VERSION, type UnsignedVihf } from './build';
export { certificatePem, subjectDn } from './issuer';
export { signVihf } from './sign';
export type { VihfInput, VihfPractitioner, VihfRole, VihfSoftware, VihfStructure } from './types';

import type { Signer } from '../../crypto/signer';
import { buildVihf } from './build';
import { subjectDn } from './issuer';
import { signVihf } from './sign';
import type { VihfInput } from './types';

/** Builds and signs a fresh VIHF for one call. */
export async function createVihf(input: VihfInput, signer: Signer, now: Date = new Date()): Promise<string> {
  return signVihf(buildVihf(input, subjectDn(signer.certificateDer), now), signer);
}
