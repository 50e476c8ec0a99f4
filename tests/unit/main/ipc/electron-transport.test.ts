import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here; the transport's contract with ipcMain is what we check.
const handlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerElectronTransport, senderFacts } = await import('../../../../main/ipc/electron-transport');
const { createEventBus } = await import('../../../../main/events/event-bus');
const { createRouter } = await import('../../../../main/ipc/router');
import type { CallContext } from '../../../../main/ipc/router';
import type { DmpHandlers } from '../../../../shared/api';
const { IPC_EVENT_CHANNEL, listChannels } = await import('../../../../shared/api');
const { memoryLogger } = await import('../../../support/memory-logger');

const trustedEvent = { senderFrame: { url: 'app://desk/index.html', parent: null } };

function setup() {
  const events = createEventBus();
  const router = createRouter(
    {
      app: {
        info: async (_request: unknown, ctx: CallContext) => ({
          name: 'DMP Desk',
          version: '0.1.0',
          mode: 'training',
          transport: ctx.transport,
          platform: 'linux',
        }),
      },
      settings: {
        get: async () => ({ language: 'fr', textSize: 'normal' }),
        update: async () => ({ language: 'en', textSize: 'normal' }),
      },
      // Only the groups this test calls; the rest of the contract is not reached.
    } as unknown as DmpHandlers<CallContext>,
    events,
    memoryLogger().logger,
  );
  const sent: unknown[] = [];
  const contents = {
    isDestroyed: () => false,
    getURL: () => 'app://desk/index.html',
    send: (channel: string, message: unknown) => sent.push({ channel, message }),
  };
  const foreign = { isDestroyed: () => false, getURL: () => 'https://example.org/', send: () => sent.push('leak') };
  const log = memoryLogger();
  const dispose = registerElectronTransport({
    router,
    logger: log.logger,
    eventTargets: () => [contents, foreign] as never,
  });
  return { events, sent, dispose, log };
}

describe('Electron IPC transport', () => {
  beforeEach(() => handlers.clear());

  it('registers one prefixed handler per contract method and nothing else', () => {
    const { dispose } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      listChannels()
        .map((ref) => `dmp:${ref.channel}`)
        .sort(),
    );
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('serves our top-level page through the router', async () => {
    setup();
    const result = await handlers.get('dmp:app.info')?.(trustedEvent, {});
    expect(result).toMatchObject({ ok: true, value: { transport: 'electron' } });
  });

  it.each([
    ['a sub-frame', { senderFrame: { url: 'app://desk/index.html', parent: {} } }],
    ['another origin', { senderFrame: { url: 'https://example.org/', parent: null } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s with IPC_FORBIDDEN_SENDER', async (_label, event) => {
    const { log } = setup();
    const result = await handlers.get('dmp:settings.update')?.(event, { language: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN_SENDER' } });
    expect(log.text()).toContain('ipc.forbidden_sender');
  });

  it('forwards events only to our own pages', () => {
    const { events, sent } = setup();
    events.emit('settings.changed', { language: 'en', textSize: 'large' });
    expect(sent).toEqual([
      {
        channel: IPC_EVENT_CHANNEL,
        message: { event: 'settings.changed', payload: { language: 'en', textSize: 'large' } },
      },
    ]);
  });

  it('reads sender facts off the invoke event', () => {
    expect(senderFacts(trustedEvent as never)).toEqual({ frameUrl: 'app://desk/index.html', isMainFrame: true });
    expect(senderFacts({ senderFrame: null })).toEqual({ frameUrl: undefined, isMainFrame: false });
  });
});
