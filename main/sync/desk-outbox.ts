import type { DmpHandlers, OutboxSnapshot } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { TransactionAudit } from '../audit/hook';
import type { Signer } from '../crypto/signer';
import type { DocumentOutbox } from '../dmp/documents';
import type { PractitionerSession } from '../session/practitioner-session';
import type { OutboxRow } from '../store/outbox-ops';
import type { SyncEngine } from './engine';
import type { OutboxRequest } from './request';

/** How long `documents.deposit` waits for the first attempt before answering `queued`. */
export const DEFAULT_FIRST_ATTEMPT_WAIT_MS = 8_000;

/**
 * The outbox as the document transactions see it: the item is kept first (a store failure is the
 * deposit's error: nothing was accepted), then the user waits at most `firstAttemptWaitMs` for
 * the engine's first attempt. A permanent refusal of that attempt is the deposit's error, as
 * before the outbox existed; anything later is the outbox screen's to show.
 */
export function documentOutboxOf(
  engine: SyncEngine,
  options: { readonly firstAttemptWaitMs?: number; readonly ensureStarted?: () => Promise<void> } = {},
): DocumentOutbox {
  return {
    async submit(entry) {
      // A desk whose engine could not start (the store was not there yet) starts it now.
      await options.ensureStarted?.();
      // Listening before the item exists: its first attempt may end before enqueue's answer arrives.
      const first = engine.firstOutcome(entry.id, options.firstAttemptWaitMs ?? DEFAULT_FIRST_ATTEMPT_WAIT_MS);
      await engine.enqueue(entry);
      const outcome = await first;
      if (outcome.outcome === 'failed') {
        // Refused for good on its first attempt while the user waits: nothing reached the DMP, and the
        // form (still filled in) says why; the item is not left behind in the outbox as well.
        await engine.cancel(entry.id);
        throw outcome.error;
      }
      return { uniqueId: entry.uniqueId, outboxId: entry.id, outcome: outcome.outcome };
    },
  };
}

/**
 * Who may sign the VIHF of an item now: the author's own CPS when it is the one in the reader;
 * else the establishment's key when the configuration signs with it (AIR, the INDIRECTE modes);
 * else nobody, and the item waits for the card.
 */
export function signerChooser(options: {
  readonly practitioner: PractitionerSession;
  readonly establishmentSigner?: Signer | undefined;
}): (authorId: string) => Promise<Signer | undefined> {
  return async (authorId) => {
    if (options.practitioner.current()?.nationalId === authorId) {
      try {
        const context = await options.practitioner.require();
        if (context.practitioner.nationalId === authorId) return await context.signer();
      } catch {
        // Pulled meanwhile, or its certificate unreadable: as if absent.
      }
    }
    return options.establishmentSigner;
  };
}

/** `outbox.*` handlers: the snapshot, and retry / cancel refused with a reason the screen can show. */
export function outboxHandlers(engine: SyncEngine): DmpHandlers<unknown>['outbox'] {
  const refusal = async (id: string): Promise<AppError> => {
    const { items } = await engine.snapshot();
    return new AppError(items.some((item) => item.id === id) ? 'OUTBOX_ITEM_BUSY' : 'OUTBOX_ITEM_NOT_FOUND');
  };
  const changedOr = async (done: boolean, id: string): Promise<OutboxSnapshot> => {
    if (!done) throw await refusal(id);
    return engine.snapshot();
  };
  return {
    list: () => engine.snapshot(),
    retry: async ({ id }) => changedOr(await engine.retry(id), id),
    cancel: async ({ id }) => changedOr(await engine.cancel(id), id),
  };
}

/**
 * The engine's `onSent`: the audit line that counts a write (TD2.1 is "DMP fed"), written when the
 * DMP holds the item, at the first attempt or long after, as the practitioner it was made as and
 * in its access mode. The trail pseudonymises the INS; the line names the document by its uniqueId
 * (or the entryUUID a status change was made on, when the desk did not know the document).
 */
export function auditDelivery(record: TransactionAudit): (item: OutboxRow, request: OutboxRequest) => Promise<void> {
  return (item, request) =>
    record({
      // Items kept before metadata changes were queued carry no TD code: they were deposits or replacements.
      transaction: request.transaction ?? 'TD2.1',
      accessMode: request.accessMode,
      professional: request.author.nationalId,
      request: { patient: { matricule: item.ins.matricule, oid: item.ins.oid }, uniqueId: item.uniqueId },
      result: { outcome: 'sent' },
    });
}
