/**
 * The store's worker thread: it alone owns the SQLite connection, so a slow query (a purge, a
 * list of 10,000 documents) never holds up Electron's main thread. Bundled as its own entry
 * (electron.vite.config.ts -> out/main/store-worker.cjs).
 */
import { parentPort } from 'node:worker_threads';
import { AppError, toErrorShape } from '../../shared/errors';
import { openDatabase, storeErrorOf, type Db } from './database';
import { STORE_OPS } from './ops';
import type { StoreRequest, StoreResponse } from './protocol';

const port = parentPort;
if (port === null) throw new Error('the store worker must run in a worker thread');

let db: Db | undefined;

const answer = (request: StoreRequest): StoreResponse => {
  try {
    switch (request.kind) {
      case 'open': {
        try {
          db ??= openDatabase(request.file, request.key);
        } finally {
          request.key.fill(0);
        }
        return { id: request.id, ok: true, value: null };
      }
      case 'call': {
        if (db === undefined) throw new AppError('STORE_CLOSED');
        if (!Object.hasOwn(STORE_OPS, request.op)) throw new AppError('INTERNAL_ERROR', { details: { op: 'unknown' } });
        const run = STORE_OPS[request.op] as (db: Db, params: unknown) => unknown;
        return { id: request.id, ok: true, value: run(db, request.params) };
      }
      case 'close': {
        db?.close();
        db = undefined;
        return { id: request.id, ok: true, value: null };
      }
    }
  } catch (error) {
    return { id: request.id, ok: false, error: toErrorShape(storeErrorOf(error)) };
  }
};

port.on('message', (request: StoreRequest) => port.postMessage(answer(request)));
