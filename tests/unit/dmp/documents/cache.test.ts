import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createDocumentCache, isDmpUnreachable } from '../../../../main/dmp/documents/cache';
import type { Store } from '../../../../main/store/client';
import { migrate } from '../../../../main/store/migrations';
import { STORE_OPS } from '../../../../main/store/ops';
import type { DocumentSummary } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';

/** The store's ops on an in-memory database, without the worker: the cache's own logic under test. */
function memoryStore(): Store {
  const db = new Sqlite(':memory:');
  migrate(db);
  return {
    call: async (op, params) => (STORE_OPS[op] as (d: typeof db, p: unknown) => never)(db, params),
    close: async () => {
      db.close();
    },
  };
}

const PATIENT = { oid: '1.2.250.1.213.1.4.10', matricule: '297022202077878' };
const summary = (uniqueId: string, over: Partial<DocumentSummary> = {}): DocumentSummary => ({
  uniqueId,
  entryUuid: `urn:uuid:00000000-0000-4000-8000-00000000000${uniqueId.slice(-1)}`,
  title: `Document ${uniqueId}`,
  type: { code: '11488-4', displayName: 'Compte rendu de consultation' },
  creationTime: '20261101093000',
  author: 'Max LIBRE',
  status: 'approved',
  maskedToProfessionals: false,
  visibility: [],
  version: '1',
  mimeType: 'application/pdf',
  ...over,
});

describe('document cache', () => {
  it('answers a search from the kept summaries, filtered as the DMP would, with the age of the copy', async () => {
    let now = new Date('2026-12-06T09:00:00.000Z');
    const cache = createDocumentCache(memoryStore(), () => now);
    await cache.remember(PATIENT, [
      summary('1.1', { creationTime: '20261101093000' }),
      summary('1.2', { creationTime: '20261120', visibility: ['MASQUE_PS'], maskedToProfessionals: true }),
      summary('1.3', { creationTime: '20261125100000', status: 'archived' }),
    ]);
    now = new Date('2026-12-06T10:00:00.000Z');
    await cache.remember(PATIENT, [summary('1.4', { creationTime: '20261201080000' })]);

    const all = await cache.search(PATIENT, { statuses: ['approved'] });
    expect(all?.documents.map((d) => d.uniqueId)).toEqual(['1.4', '1.2', '1.1']);
    // The oldest part of the answer says how old it is.
    expect(all?.cachedAt).toBe('2026-12-06T09:00:00.000Z');
    expect(all?.documents[2]).toEqual(summary('1.1'));

    const november = await cache.search(PATIENT, {
      statuses: ['approved', 'archived'],
      createdFrom: '2026-11-15T00:00:00.000Z',
      createdTo: '2026-11-30T23:59:59.000Z',
    });
    expect(november?.documents.map((d) => d.uniqueId)).toEqual(['1.3', '1.2']);
    const masked = await cache.search(PATIENT, { statuses: ['approved'], visibility: ['MASQUE_PS'] });
    expect(masked?.documents.map((d) => d.uniqueId)).toEqual(['1.2']);
    const otherType = await cache.search(PATIENT, { statuses: ['approved'], typeCodes: [{ code: '34133-9' }] });
    expect(otherType).toBeUndefined();
    // Submission dates are not kept: only the DMP can answer that.
    expect(await cache.search(PATIENT, { statuses: ['approved'], submittedFrom: '2026-11-01T00:00:00.000Z' })).toBe(
      undefined,
    );
    expect(await cache.search({ ...PATIENT, matricule: '180017500000108' }, { statuses: ['approved'] })).toBe(
      undefined,
    );
  });

  it('keeps a read document’s content and drops an entry the desk changed', async () => {
    const cache = createDocumentCache(memoryStore(), () => new Date('2026-12-06T09:00:00.000Z'));
    await cache.remember(PATIENT, [summary('1.1'), summary('1.2')]);
    await cache.rememberContent(PATIENT, '1.1', { mediaType: 'text/plain', contentBase64: 'Ym9uam91cg==' });
    expect(await cache.content(PATIENT, '1.1')).toEqual({
      mediaType: 'text/plain',
      contentBase64: 'Ym9uam91cg==',
      cachedAt: '2026-12-06T09:00:00.000Z',
    });
    expect(await cache.content(PATIENT, '1.2')).toBeUndefined();

    await cache.drop(PATIENT, summary('1.1').entryUuid);
    expect(await cache.content(PATIENT, '1.1')).toBeUndefined();
    expect((await cache.search(PATIENT, { statuses: ['approved'] }))?.documents.map((d) => d.uniqueId)).toEqual([
      '1.2',
    ]);
  });

  it('stands in for the DMP only when it is out of reach, never over a refusal', () => {
    expect(isDmpUnreachable(new AppError('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(isDmpUnreachable(new AppError('SERVICE_TIMEOUT'))).toBe(true);
    expect(isDmpUnreachable(new AppError('PROXY_UNREACHABLE'))).toBe(true);
    expect(isDmpUnreachable(new AppError('IDENTITY_NOT_QUALIFIED'))).toBe(false);
    expect(isDmpUnreachable(new AppError('DMP_PATIENT_OPPOSED'))).toBe(false);
    expect(isDmpUnreachable(new Error('ECONNREFUSED'))).toBe(false);
  });
});
