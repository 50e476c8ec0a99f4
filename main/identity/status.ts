import type { IdentityStatus } from '../../shared/domain/identity';

/**
 * RNIV identity status as a state machine. Two independent proofs lead to a qualified identity:
 * the INSi answered with this person (RECUP), and an allowed identity document was checked
 * (VALI). Changing the traits the proofs were about voids both; marking the identity doubtful
 * or fictitious voids the document proof only.
 */
export type IdentityEvent = 'INSI_MATCHED' | 'DOCUMENT_CHECKED' | 'TRAITS_CHANGED' | 'DOCUMENT_VOIDED';

export const IDENTITY_EVENTS: readonly IdentityEvent[] = [
  'INSI_MATCHED',
  'DOCUMENT_CHECKED',
  'TRAITS_CHANGED',
  'DOCUMENT_VOIDED',
];

const TRANSITIONS: Readonly<Record<IdentityStatus, Readonly<Record<IdentityEvent, IdentityStatus>>>> = {
  PROV: { INSI_MATCHED: 'RECUP', DOCUMENT_CHECKED: 'VALI', TRAITS_CHANGED: 'PROV', DOCUMENT_VOIDED: 'PROV' },
  RECUP: { INSI_MATCHED: 'RECUP', DOCUMENT_CHECKED: 'QUAL', TRAITS_CHANGED: 'PROV', DOCUMENT_VOIDED: 'RECUP' },
  VALI: { INSI_MATCHED: 'QUAL', DOCUMENT_CHECKED: 'VALI', TRAITS_CHANGED: 'PROV', DOCUMENT_VOIDED: 'PROV' },
  QUAL: { INSI_MATCHED: 'QUAL', DOCUMENT_CHECKED: 'QUAL', TRAITS_CHANGED: 'PROV', DOCUMENT_VOIDED: 'RECUP' },
};

export function nextStatus(status: IdentityStatus, event: IdentityEvent): IdentityStatus {
  return TRANSITIONS[status][event];
}

/** The INS matricule may only leave the desk (DMP, documents) with a qualified identity. */
export function mayShareIns(status: IdentityStatus): boolean {
  return status === 'QUAL';
}
