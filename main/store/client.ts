import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, isAppError, isErrorCode, type AppErrorShape } from '../../shared/errors';
import type { KeyProvider } from './keys/key-provider';
import type { StoreOpName, StoreParams, StoreResult } from './ops';
import type { StoreRequest, StoreResponse } from './protocol';

export const STORE_DB_FILE = 'desk.sqlite';
export const STORE_KEY_FILE = 'store.key';

/** The encrypted store, seen from the main thread: every query is a message to its worker. */
export interface Store {
  call<K extends StoreOpName>(op: K, params: StoreParams<K>): Promise<StoreResult<K>>;
  /** Closes the connection (checkpointing the WAL) and stops the worker. */
  close(): Promise<void>;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: AppError) => void };

/**
 * Opens the store in `<dir>` (mode 0700): `desk.sqlite` (+ -wal, -shm) and `store.key`, the
 * wrapped key, all mode 0600. Rejects with STORE_KEYSTORE_UNAVAILABLE, STORE_PASSPHRASE_MISSING,
 * STORE_WRONG_KEY, STORE_CORRUPT, STORE_DISK_FULL or STORE_IO; the worker is stopped then.
 */
export async function openStore(options: { readonly dir: string; readonly keys: KeyProvider }): Promise<Store> {
  const file = join(options.dir, STORE_DB_FILE);
  try {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await chmod(options.dir, 0o700);
  } catch (error) {
    throw new AppError('STORE_IO', { details: { errno: String((error as { code?: unknown }).code) }, cause: error });
  }
  const key = await options.keys.storeKey({ file: join(options.dir, STORE_KEY_FILE), create: !existsSync(file) });

  const worker = spawnWorker();
  // An idle worker never keeps the process alive; one with queries in flight does, until they are answered.
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed: AppError | undefined;
  const failAll = (error: AppError): void => {
    closed ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('message', (response: StoreResponse) => {
    const waiter = pending.get(response.id);
    if (waiter === undefined) return;
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if (response.ok) waiter.resolve(response.value);
    else waiter.reject(fromShape(response.error));
  });
  worker.on('error', () => failAll(new AppError('STORE_CLOSED', { details: { reason: 'worker_error' } })));
  worker.on('exit', () => failAll(new AppError('STORE_CLOSED')));

  const send = (request: StoreRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed !== undefined) {
        reject(closed);
        return;
      }
      if (pending.size === 0) worker.ref();
      pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });

  try {
    await send({ kind: 'open', id: nextId++, file, key });
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    key.fill(0);
  }

  return {
    call: async (op, params) => (await send({ kind: 'call', id: nextId++, op, params })) as never,
    close: async () => {
      if (closed !== undefined) return;
      await send({ kind: 'close', id: nextId++ });
      closed = new AppError('STORE_CLOSED');
      await worker.terminate();
    },
  };
}

/**
 * A store opened on first use, for the composition root (which is synchronous). When it cannot
 * open (no keystore, wrong key), every call answers that error: the desk still starts and says
 * why its local data is unavailable, and the operator sees one stable code.
 */
export function createLazyStore(open: () => Promise<Store>): Store {
  let opened: Promise<Store> | undefined;
  const store = (): Promise<Store> =>
    (opened ??= open().catch((error: unknown) => {
      // A full disk or a passing I/O error may clear: the next call tries again. A wrong key or no keystore will not.
      if (isAppError(error) && error.retryable) opened = undefined;
      throw error;
    }));
  return {
    call: async (op, params) => (await store()).call(op, params),
    close: async () => {
      if (opened === undefined) return;
      await opened.then(
        (s) => s.close(),
        () => undefined,
      );
    },
  };
}

function fromShape(shape: AppErrorShape): AppError {
  const code = isErrorCode(shape.code) ? shape.code : 'INTERNAL_ERROR';
  return new AppError(code, {
    retryable: shape.retryable,
    ...(shape.details === undefined ? {} : { details: shape.details }),
  });
}

/**
 * The packaged app runs the bundled `store-worker.cjs` beside main's bundle; from sources (tests,
 * the browser harness under tsx) the TypeScript worker is loaded through tsx's loader.
 */
function spawnWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'store-worker.cjs');
  if (existsSync(bundled)) return new Worker(bundled);
  const source = pathToFileURL(join(here, 'worker.ts')).href;
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`;
  return new Worker(bootstrap, { eval: true });
}

/** tsx's ESM API file, read from its package exports (its CommonJS twin cannot register hooks from a worker). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as TsxManifest).exports['./esm/api'].import.default;
  return join(dirname(manifest), exports);
}

interface TsxManifest {
  readonly exports: { readonly './esm/api': { readonly import: { readonly default: string } } };
}
