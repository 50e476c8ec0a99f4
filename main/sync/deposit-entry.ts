import type { DmpAccessMode } from '../../shared/domain/dmp';
import type { VihfPractitioner } from '../dmp/vihf/types';
import { ACTION, type Deposit } from '../dmp/xds';
import type { NewOutboxEntry } from '../store/outbox-ops';
import { outboxEntry } from './entry';

export interface DepositEntryInput {
  /** A replacement (RPLC) when the deposit was built with `replaces`. */
  readonly kind: 'deposit' | 'replace';
  readonly patientId: string;
  readonly ins: { readonly oid: string; readonly matricule: string };
  /** For the outbox screen: who the item is about. */
  readonly patient: { readonly family: string; readonly given: string; readonly birthDate: string };
  readonly title: string;
  /** The practitioner who signed the document: the VIHF names them, and their CPS signs it when present. */
  readonly author: VihfPractitioner;
  readonly accessMode: DmpAccessMode;
  readonly emergencyReason?: string | undefined;
  /** The deposit as built (CDA, XAdES, ITI-41 body and MTOM parts), its uniqueIds minted. */
  readonly deposit: Deposit;
  readonly enqueuedAt: Date;
  readonly id?: string;
}

/** The outbox item of a built deposit: the very request that will be sent, retries included. */
export function depositEntry(input: DepositEntryInput): NewOutboxEntry {
  return outboxEntry(
    { ...input, uniqueId: input.deposit.uniqueIds.document },
    {
      service: 'repository',
      action: ACTION.provideAndRegister,
      body: input.deposit.request.body,
      attachments: input.deposit.request.attachments,
    },
  );
}
