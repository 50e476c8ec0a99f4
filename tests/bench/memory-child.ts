/**
 * The main process's memory with a 10,000-document cache, measured in a process of its own
 * (bundled like main, see tests/support/child-bundle.ts) so no other suite's garbage counts:
 * the real service graph (training mode, no readers), its encrypted store, one patient's
 * 10,000 cached documents written and then read back page by page as the Documents screen
 * asks for them. Prints one JSON line: RSS and heap before (same graph, empty cache) and after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DOCUMENTS_PAGE_MAX, type CachedDocument } from '../../main/store/ops';
import { createTestServices } from '../support/test-services';

const DOCUMENTS = Number(process.argv[2] ?? 10_000);
const PATIENT = { oid: '1.2.250.1.213.1.4.10', matricule: '207058575627097' };
const TYPES = ['11488-4', '34133-9', '18842-5', '11506-3', '60591-5'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
const settle = async (): Promise<{ rss: number; heapUsed: number; external: number }> => {
  for (let n = 0; n < 3; n++) {
    gc();
    await new Promise((done) => setTimeout(done, 20));
  }
  const usage = process.memoryUsage();
  return { rss: mb(usage.rss), heapUsed: mb(usage.heapUsed), external: mb(usage.external + usage.arrayBuffers) };
};

const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-bench-memory-'));
const services = createTestServices(dir);
try {
  const { store } = services;
  await store.call('documents.list', { patient: PATIENT, limit: 1 });
  const before = await settle();

  const documents: CachedDocument[] = Array.from({ length: DOCUMENTS }, (_, n) => ({
    uniqueId: `1.2.250.1.999.1.${n}`,
    entryUuid: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Compte rendu ${n} — consultation de suivi`,
    typeCode: TYPES[n % TYPES.length]!,
    status: n % 10 === 0 ? 'deprecated' : 'approved',
    creationTime: `2026${String(10_000_000 + n).slice(-8)}`,
    cachedAt: new Date().toISOString(),
  }));
  for (let from = 0; from < DOCUMENTS; from += 1_000) {
    await store.call('documents.put', { patient: PATIENT, documents: documents.slice(from, from + 1_000) });
  }
  documents.length = 0;
  // The Documents screen reads the list page by page; what main holds is what the pages keep.
  const pages: CachedDocument[][] = [];
  for (let offset = 0; ; offset += DOCUMENTS_PAGE_MAX) {
    const page = await store.call('documents.list', { patient: PATIENT, offset });
    pages.push(page);
    if (page.length < DOCUMENTS_PAGE_MAX) break;
  }
  const listed = pages.reduce((sum, page) => sum + page.length, 0);
  const after = await settle();
  process.stdout.write(
    `${JSON.stringify({ documents: listed, before, after, maxRssMb: mb(process.resourceUsage().maxRSS * 1024) })}\n`,
  );
  pages.length = 0;
} finally {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
}
