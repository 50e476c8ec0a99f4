/**
 * What the desk knows about card readers and the two cards it reads. Pure data: no PC/SC, no
 * APDUs. Dates stay strings exactly as stored on the card (lunar dates such as `19650000` exist).
 */

/** State of the PC/SC layer itself, independent of any reader. */
export type CardServiceState = 'starting' | 'ready' | 'unavailable';

/** What the card registry recognised from the ATR. Only `vitale2` and `cps3` are read. */
export type CardKind = 'vitale2' | 'cps3' | 'vitale1' | 'unsupported';

export interface CardInReader {
  readonly kind: CardKind;
  /** ATR in upper-case hex: identifies a card model, never a person. */
  readonly atr: string;
}

export interface ReaderState {
  readonly name: string;
  readonly card?: CardInReader | undefined;
}

export interface CardsStatus {
  readonly backend: 'pcsc' | 'virtual';
  readonly service: CardServiceState;
  readonly readers: readonly ReaderState[];
}

/** One beneficiary of a carte Vitale 2, from the public identity and NIR files. */
export interface VitaleBeneficiary {
  /** Position on the card (0-based); the identity and NIR files list beneficiaries in the same order. */
  readonly index: number;
  readonly lastName: string;
  readonly firstName: string;
  /** `AAAAMMJJ` as stored on the card; lunar values kept as-is. */
  readonly birthDate: string;
  /** NIR (13 characters + 2-digit key) read next to this beneficiary (tag 93 of the VITALE application). */
  readonly nir: string;
  /** Tag 90 of the identity template when present (nationality / country, free text). */
  readonly nationality?: string | undefined;
}

/** IdNat_PS type prefix: 0 ADELI, 8 RPPS, and the structure-attached prefixes. */
export type NationalIdType = '0' | '1' | '3' | '4' | '5' | '6' | '8';

export interface CpsHolder {
  /** Full IdNat_PS, type prefix included (e.g. `810001234567`, `899900038839`). */
  readonly nationalId: string;
  readonly nationalIdType: NationalIdType;
  readonly lastName: string;
  readonly firstName: string;
  /** Profession code (e.g. `10` médecin). */
  readonly profession: string;
  /** Speciality code when the card carries one (e.g. `SM26`). */
  readonly specialty?: string | undefined;
}

export interface PinState {
  readonly maxTries: number;
  readonly triesLeft: number;
  /** True once the holder has presented the right PIN during this card session. */
  readonly verified: boolean;
}
