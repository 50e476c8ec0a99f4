import type { Store } from './client';

/** Cached DMP documents are a convenience copy, not the record: kept a short while by default. */
export const DEFAULT_CACHE_RETENTION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant before which a cached document has outlived the retention (ISO, as `cached_at` is written). */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/** Deletes the cached documents older than the retention; resolves to how many went. */
export function purgeExpiredDocuments(store: Store, now: Date, retentionDays: number): Promise<number> {
  return store.call('documents.purgeBefore', { before: retentionCutoff(now, retentionDays) });
}
