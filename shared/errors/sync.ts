import type { ErrorDefinition } from './definition';

/** The outbox and its sync engine (main/sync). */
export const SYNC_ERRORS = {
  /** Retry or cancel named an item the outbox no longer holds (sent and dropped, or cancelled). */
  OUTBOX_ITEM_NOT_FOUND: { messageKey: 'errors.outboxItemNotFound', retryable: false },
  /**
   * Retry or cancel refused in the item's state: only a failed item is retried, and an item that
   * may already be in the DMP (an attempt was made) is never cancelled, only retried.
   */
  OUTBOX_ITEM_BUSY: { messageKey: 'errors.outboxItemBusy', retryable: false },
  /** A stored item this version cannot read back (written by another format): it stays failed. */
  OUTBOX_PAYLOAD_UNREADABLE: { messageKey: 'errors.outboxPayloadUnreadable', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
