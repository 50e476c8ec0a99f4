import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFatal, installFatalHandlers } from '../../../main/process/fatal';
import { memoryLogger } from '../../support/memory-logger';

const root = resolve(import.meta.dirname, '../../..');

function setup(closeTimeoutMs = 1_000) {
  const source = new EventEmitter();
  const log = memoryLogger();
  const exits: number[] = [];
  let exited: () => void = () => undefined;
  const exitedOnce = new Promise<void>((done) => (exited = done));
  const handler = installFatalHandlers({
    logger: log.logger,
    source,
    closeTimeoutMs,
    exit: (code) => {
      exits.push(code);
      exited();
    },
  });
  return { source, log, exits, handler, exitedOnce };
}

describe('describeFatal', () => {
  it('keeps the class and the first frame location, never the message', () => {
    const error = new RangeError('DUPONT Jeanne 1 84 12 75 123 456');
    const described = describeFatal(error);
    expect(described.type).toBe('RangeError');
    expect(described.at).toMatch(/fatal\.test\.ts:\d+:\d+$/);
    expect(JSON.stringify(described)).not.toContain('DUPONT');
    expect(describeFatal('DUPONT')).toEqual({ type: 'string', at: null });
  });
});

describe('installFatalHandlers', () => {
  it('logs an uncaught exception, runs the closers last-registered first, then exits 1', async () => {
    const { source, log, exits, handler, exitedOnce } = setup();
    const order: string[] = [];
    handler.onClose(async () => {
      order.push('stores');
    });
    handler.onClose(() => {
      order.push('servers');
    });
    source.emit('uncaughtException', new Error('DUPONT'));
    await exitedOnce;
    expect(order).toEqual(['servers', 'stores']);
    expect(exits).toEqual([1]);
    expect(log.text()).toContain('"event":"process.fatal"');
    expect(log.text()).toContain('"kind":"uncaught_exception"');
    expect(log.text()).not.toContain('DUPONT');
  });

  it('treats an unhandled rejection the same way, and survives a failing closer', async () => {
    const { source, log, exits, handler, exitedOnce } = setup();
    let later = false;
    handler.onClose(() => {
      later = true;
    });
    handler.onClose(() => Promise.reject(new Error('DUPONT')));
    source.emit('unhandledRejection', new Error('x'));
    await exitedOnce;
    expect(later).toBe(true);
    expect(exits).toEqual([1]);
    expect(log.text()).toContain('unhandled_rejection');
    expect(log.text()).toContain('process.close_failed');
    expect(log.text()).not.toContain('DUPONT');
  });

  it('exits within its budget when a closer hangs', async () => {
    const { source, log, exits, handler, exitedOnce } = setup(50);
    handler.onClose(() => new Promise(() => undefined));
    source.emit('uncaughtException', new Error('x'));
    await exitedOnce;
    expect(exits).toEqual([1]);
    expect(log.text()).toContain('process.close_timeout');
  });

  it('uninstalls its listeners', () => {
    const { source, handler } = setup();
    expect(source.listenerCount('uncaughtException')).toBe(1);
    handler.uninstall();
    expect(source.listenerCount('uncaughtException')).toBe(0);
    expect(source.listenerCount('unhandledRejection')).toBe(0);
  });

  it.each(['exception', 'rejection'])(
    'ends a real process on an uncaught %s: logged, closed, status 1',
    async (kind) => {
      const outcome = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(
          process.execPath,
          ['--import', 'tsx', resolve(root, 'tests/support/fatal-child.ts'), kind],
          { cwd: root, timeout: 15_000 },
          (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
        );
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toBe('closed\n');
      expect(outcome.stderr).toContain('"event":"process.fatal"');
      expect(outcome.stderr).not.toContain('DUPONT');
    },
  );
});
