import type { VitaleBeneficiary } from '../../shared/domain/cards';
import type { VitaleIdentityInput } from '../../shared/domain/identity';
import { normalizeNir } from './nir';

/**
 * The public card files give one NIR per beneficiary without saying whose it is: the
 * beneficiary's own, or the opening-rights holder's (children's usually is). A NIR encodes
 * the year and month of birth, so it is taken as the beneficiary's own only when those agree
 * with the card's birth date; otherwise it is only the holder's. Wrongly treating the holder's
 * NIR as the child's would compute a wrong INS-C, so doubt goes to "not own".
 */
export function vitaleIdentityFromBeneficiary(beneficiary: VitaleBeneficiary): VitaleIdentityInput {
  const nir = normalizeNir(beneficiary.nir);
  const birth = beneficiary.birthDate.replace(/-/g, '');
  const own = /^\d{8}$/.test(birth) && nir.length === 15 && nir.slice(1, 5) === birth.slice(2, 6);
  return {
    lastName: beneficiary.lastName,
    firstName: beneficiary.firstName,
    birthDate: beneficiary.birthDate,
    holderNir: nir,
    ...(own ? { ownNir: nir } : {}),
  };
}
