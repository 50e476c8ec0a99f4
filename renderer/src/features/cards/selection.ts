import type { VitaleBeneficiary } from '../../../../shared/domain/cards';

/**
 * The beneficiary picked on the carte Vitale in a reader. The identity panel opens the patient
 * session with the reader and the index only: main reads the card itself, never takes its data back.
 */
export interface BeneficiarySelection {
  readonly reader: string;
  readonly beneficiary: VitaleBeneficiary;
}
