import type { CardKind } from '../../shared/domain/cards';

/**
 * Card registry by ATR (spec cards-and-ins §1.1, §2.1). CPS3 is matched on its exact bytes, as
 * the ANS Cryptolib does; Vitale 2 on the published pattern with its one variable nibble.
 * Vitale 1 is recognised only to say clearly that it is not supported.
 */
interface AtrPattern {
  readonly kind: CardKind;
  /** Over the upper-case hex of the whole ATR. */
  readonly pattern: RegExp;
}

const PATTERNS: readonly AtrPattern[] = [
  { kind: 'cps3', pattern: /^3BAC00402A001225006480000310009000$/ },
  { kind: 'vitale2', pattern: /^3B751300004[3-9BC]09EA9000$/ },
  // The one Vitale 2 listed with FA instead of EA in pcsc-tools.
  { kind: 'vitale2', pattern: /^3B751300004509FA9000$/ },
  { kind: 'vitale1', pattern: /^3F652500(22|2C)09(F9|69)9000$/ },
  { kind: 'vitale1', pattern: /^3F65250052096A9000$/ },
  { kind: 'vitale1', pattern: /^3F652500A[34]096A9000$/ },
];

export function identifyCard(atrHex: string): CardKind {
  const atr = atrHex.toUpperCase();
  return PATTERNS.find((entry) => entry.pattern.test(atr))?.kind ?? 'unsupported';
}
