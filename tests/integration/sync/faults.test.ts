import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import { openStandaloneSync } from '../../../main/sync';
import type { DmpFaults } from '../../../simulators/national-dmp';
import { memoryLogger } from '../../support/memory-logger';
import { PATB_QUATRE, reportFor } from '../../support/outbox-deposits';
import { useDmpSimulator } from '../../support/simulated-dmp';
import { testKeystore } from '../../support/test-keystore';
import { useTempDir } from '../../support/temp-dir';

/**
 * Issue #11 item 5, the simulator's faults during a sync of several deposits: each document must
 * reach the DMP exactly once and the outbox must end empty, whether the fault lost the request
 * (dropped connection, HTTP 500 before anything was stored), lost only the answer (stored, then
 * the connection dropped or a 500 sent: the ambiguous faults), or made the answer slower than
 * the client waits. Faults that would fail every attempt forever are lifted after a while, as
 * a network comes back; the ambiguous ones stay on: the engine must get through by looking up.
 */
const DEPOSITS = 6;
const tempDir = useTempDir('dmp-desk-sync-faults-');
const simulated = useDmpSimulator({ pkiName: 'sync-faults' });

interface FaultCase {
  readonly label: string;
  readonly faults: DmpFaults;
  /** Lifted after this long; absent: on for the whole drain. */
  readonly liftAfterMs?: number;
  /** The client's own timeout (default: the connection's). */
  readonly timeoutMs?: number;
  /** The fault made at least one attempt fail (not for plain latency). */
  readonly failsAttempts: boolean;
}

const CASES: readonly FaultCase[] = [
  { label: 'stored then dropped', faults: { repository: { afterCommit: 'drop' } }, failsAttempts: true },
  { label: 'stored then 500', faults: { repository: { afterCommit: 'http500' } }, failsAttempts: true },
  { label: 'dropped', faults: { repository: { drop: true } }, liftAfterMs: 700, failsAttempts: true },
  { label: 'http 500', faults: { repository: { http500: true } }, liftAfterMs: 700, failsAttempts: true },
  {
    label: 'slower than the timeout',
    faults: { repository: { latencyMs: 500 } },
    timeoutMs: 200,
    liftAfterMs: 1_500,
    failsAttempts: true,
  },
  { label: 'latency', faults: { '*': { latencyMs: 200 } }, failsAttempts: false },
];

describe('sync under the DMP simulator faults', () => {
  it.each(CASES)(
    '$label: every deposit once, outbox empty',
    async (fault) => {
      const dir = await tempDir();
      const dmp = simulated.dmpConfig();
      const log = memoryLogger();
      const sync = await openStandaloneSync({
        storeDir: join(dir, 'store'),
        keys: createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }),
        dmp: fault.timeoutMs === undefined ? dmp : { ...dmp, timeoutMs: fault.timeoutMs },
        engine: { backoff: { baseMs: 50, maxMs: 300 }, logger: log.logger },
      });
      const { store, engine } = sync;
      let lift: NodeJS.Timeout | undefined;
      try {
        for (let n = 0; n < DEPOSITS; n++) {
          const id = `${fault.label}-${n}`;
          await store.call('outbox.insert', { item: { ...(await sync.build(reportFor(`Faults ${id}`, 1_024))), id } });
        }
        simulated.simulator.setFaults(fault.faults);
        if (fault.liftAfterMs !== undefined)
          lift = setTimeout(() => simulated.simulator.setFaults({}), fault.liftAfterMs);
        await engine.start();
        await engine.drain();

        const rows = await store.call('outbox.list', { limit: 1_000 });
        expect(rows.map((row) => row.state)).toEqual(Array.from({ length: DEPOSITS }, () => 'sent'));
        const inDmp = simulated.simulator.admin
          .listDocuments(PATB_QUATRE.patient.matricule)
          .filter((document) => !document.isSignature && document.title?.startsWith(`Faults ${fault.label}-`) === true)
          .map((document) => document.uniqueId);
        expect([...inDmp].sort()).toEqual(rows.map((row) => row.uniqueId).sort());
        const failed = log.lines.filter((line) => line.includes('sync.attempt_failed')).length;
        if (fault.failsAttempts) expect(failed).toBeGreaterThan(0);
        else expect(failed).toBe(0);
      } finally {
        clearTimeout(lift);
        simulated.simulator.setFaults({});
        await sync.close();
      }
    },
    60_000,
  );
});
