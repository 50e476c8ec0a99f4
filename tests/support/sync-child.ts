/**
 * A desk's sync in a process of its own, for the crash trials (tests/integration/sync): the
 * encrypted store on `storeDir` and the sync engine over the real DMP connection
 * (openStandaloneSync), a software key signing the XAdES and the VIHF. It enqueues
 * `enqueue.count` deposits (ids `<prefix>-<n>`, each built and signed once, skipped when already
 * in the outbox), drains the outbox and exits 0. The parent may SIGKILL it at any point.
 *
 * stdout, one line each: `started`, `enqueued <n>`, `drained <json counts>`.
 */
import { readFile } from 'node:fs/promises';
import type { DmpClientConfig } from '../../main/dmp/client';
import { createSoftwareSigner } from '../../main/crypto/software-signer';
import { createKeyProvider } from '../../main/store/keys/key-provider';
import { storeKeyProtectionFor } from '../../main/store/keys/protection';
import { openStandaloneSync } from '../../main/sync';
import { reportFor } from './outbox-deposits';

export interface SyncChildConfig {
  readonly storeDir: string;
  /** The DMP settings, all but the signer (a key pair cannot travel as JSON). */
  readonly dmp: Omit<DmpClientConfig, 'signer' | 'logger' | 'now'>;
  /** The XAdES and VIHF key pair (software). */
  readonly sign: { readonly certPem: string; readonly keyPem: string };
  readonly enqueue: { readonly prefix: string; readonly count: number };
  readonly pdfBytes: number;
}

const config = JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')) as SyncChildConfig;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const sync = await openStandaloneSync({
  storeDir: config.storeDir,
  keys: createKeyProvider(
    storeKeyProtectionFor({ mode: 'training', configured: undefined, env: {}, keystore: undefined }),
  ),
  dmp: { ...config.dmp, signer: createSoftwareSigner(config.sign) },
  // Trials cannot wait minutes for a backoff: short, but still doubling.
  engine: { backoff: { baseMs: 20, maxMs: 400 } },
});
await sync.engine.start();
say('started');

let enqueued = 0;
for (let n = 0; n < config.enqueue.count; n++) {
  const id = `${config.enqueue.prefix}-${n}`;
  if ((await sync.store.call('outbox.get', { id })) !== undefined) continue;
  const entry = await sync.build(reportFor(`Compte rendu ${id}`, config.pdfBytes));
  await sync.engine.enqueue({ ...entry, id });
  enqueued++;
}
say(`enqueued ${enqueued}`);
await sync.engine.drain();
say(`drained ${JSON.stringify(await sync.store.call('outbox.counts', undefined))}`);
await sync.close();
