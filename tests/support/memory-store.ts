import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { Store } from '../../main/store/client';
import { migrate } from '../../main/store/migrations';
import { STORE_OPS, type StoreOpName } from '../../main/store/ops';

/** The store's real ops on an in-memory database, without the worker: what the engine's unit tests run on. */
export function memoryStore(): Store & { readonly db: Sqlite.Database } {
  const db = new Sqlite(':memory:');
  migrate(db);
  return {
    db,
    call: async (op: StoreOpName, params: unknown) =>
      (STORE_OPS[op] as (db: Sqlite.Database, params: unknown) => unknown)(db, params) as never,
    close: async () => {
      db.close();
    },
  };
}
