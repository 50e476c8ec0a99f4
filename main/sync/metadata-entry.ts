import type { DmpAccessMode } from '../../shared/domain/dmp';
import type { VihfPractitioner } from '../dmp/vihf/types';
import { ACTION } from '../dmp/xds';
import type { NewOutboxEntry } from '../store/outbox-ops';
import { outboxEntry } from './entry';
import type { MetadataCheck } from './request';

export interface MetadataEntryInput {
  /** `visibility`: a new metadata version (TD3.3a/b); `status`: UpdateAvailabilityStatus (TD3.3c/d). */
  readonly kind: 'visibility' | 'status';
  /** The TD code its audit line names once the DMP accepted it. */
  readonly transaction: string;
  readonly patientId: string;
  readonly ins: { readonly oid: string; readonly matricule: string };
  /** For the outbox screen: who the item is about. */
  readonly patient: { readonly family: string; readonly given: string; readonly birthDate: string };
  /** The entry's title as the desk knows it (empty when it does not). */
  readonly title: string;
  /**
   * What the screen and the audit line name the change by: the document's uniqueId when known,
   * else the entryUUID changed. Not a key: a document may have several changes queued, and the
   * outbox's one-per-uniqueId rule is for deposits and replacements only.
   */
  readonly documentId: string;
  /** The practitioner making the change: the VIHF names them, and their CPS signs it when present. */
  readonly author: VihfPractitioner;
  readonly accessMode: DmpAccessMode;
  readonly emergencyReason?: string | undefined;
  /** The ITI-57 SubmitObjectsRequest as built, its ids minted once. */
  readonly body: string;
  /** How the engine finds out whether the change already reached the DMP. */
  readonly check: MetadataCheck;
  readonly enqueuedAt: Date;
  readonly id?: string;
}

/** The outbox item of a built ITI-57 update: the very request every attempt sends. */
export function metadataEntry(input: MetadataEntryInput): NewOutboxEntry {
  return outboxEntry(
    { ...input, uniqueId: input.documentId.slice(0, 128) },
    {
      service: 'registry',
      action: ACTION.updateDocumentSet,
      body: input.body,
      attachments: [],
      transaction: input.transaction,
      check: input.check,
    },
  );
}
