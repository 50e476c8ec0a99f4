import type { DepositTypeOffer } from '../../../shared/api/documents';
import { classCodeFor } from '../xds/class-codes';
import type { ValueSet } from '../xds/value-sets';

const LOINC = '2.16.840.1.113883.6.1';
const TRE_A05 = '1.2.250.1.213.1.1.4.12';

/**
 * What a general practice deposits most, in this order; the rest of the offer follows sorted by
 * name. Only codes the value set holds are offered, so a new ANS edition cannot make one stale.
 */
const COMMON_TYPES: readonly (readonly [string, string])[] = [
  ['11488-4', LOINC],
  ['34133-9', LOINC],
  ['57833-6', LOINC],
  ['11502-2', LOINC],
  ['11490-0', LOINC],
  ['18748-4', LOINC],
  ['CERT_DECL', TRE_A05],
];

/**
 * The JDV_J07 types a deposit can carry: those with a classCode mapping (a type without one is
 * refused at deposit rather than filed under a guessed class).
 */
export function depositTypeOffers(typeCodes: ValueSet): DepositTypeOffer[] {
  const offerable = typeCodes.concepts.filter((concept) => classCodeFor(concept) !== undefined);
  const rank = (code: string, codeSystem: string): number =>
    COMMON_TYPES.findIndex(([c, system]) => c === code && system === codeSystem);
  const common = COMMON_TYPES.flatMap(([code, codeSystem]) =>
    offerable.filter((c) => c.code === code && c.codeSystem === codeSystem),
  );
  const others = offerable
    .filter((c) => rank(c.code, c.codeSystem) < 0)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  return [...common.map((c) => ({ ...c, common: true })), ...others.map((c) => ({ ...c, common: false }))].filter(
    (offer) => offer.displayName.trim() !== '',
  );
}
