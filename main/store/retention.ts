import type { Store } from './client';

/** Cached DMP documents are a convenience copy, not the record: kept a short while by default. */
export const DEFAULT_CACHE_RETENTION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant before which a cached document has outlived the retention (ISO, as `cached_at` is written). */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/**
 * Deletes what the DMP answered and has outlived the retention: cached documents and DMP statuses
 * (both copies of the national record, neither the record itself); resolves to how many of each went.
 */
export async function purgeExpiredCache(
  store: Store,
  now: Date,
  retentionDays: number,
): Promise<{ readonly documents: number; readonly dmpStatus: number }> {
  const before = retentionCutoff(now, retentionDays);
  const documents = await store.call('documents.purgeBefore', { before });
  const dmpStatus = await store.call('dmpStatus.purgeBefore', { before });
  return { documents, dmpStatus };
}
