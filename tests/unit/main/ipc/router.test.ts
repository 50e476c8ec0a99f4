import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../../main/events/event-bus';
import { createRouter, type CallContext } from '../../../../main/ipc/router';
import type { DmpHandlers } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import { memoryLogger } from '../../../support/memory-logger';

const context: CallContext = { transport: 'websocket' };

function routerWith(
  overrides: Partial<{ info: () => Promise<unknown>; update: (patch: unknown) => Promise<unknown> }>,
) {
  const handlers = {
    app: {
      info:
        overrides.info ??
        (async () => ({
          name: 'DMP Desk',
          version: '1.0.0',
          mode: 'training',
          transport: 'websocket',
          platform: 'linux',
        })),
    },
    settings: {
      get: async () => ({ language: 'fr', textSize: 'normal' }),
      update: overrides.update ?? (async () => ({ language: 'en', textSize: 'normal' })),
    },
  } as unknown as DmpHandlers<CallContext>;
  const log = memoryLogger();
  const events = createEventBus();
  return { router: createRouter(handlers, events, log.logger), events, log };
}

describe('router', () => {
  it('answers a valid call with the handler value', async () => {
    const { router } = routerWith({});
    await expect(router.dispatch('settings.get', {}, context)).resolves.toEqual({
      ok: true,
      value: { language: 'fr', textSize: 'normal' },
    });
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const { router } = routerWith({});
    for (const channel of ['settings.delete', 'constructor', '__proto__', 'app.info.extra']) {
      const result = await router.dispatch(channel, {}, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    }
  });

  it('refuses a request that does not match the schema, naming the field', async () => {
    const { router } = routerWith({});
    const result = await router.dispatch('settings.update', { language: 'de' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST', details: { path: 'language' } } });
  });

  it('passes the parsed request, not the raw one, to the handler', async () => {
    let seen: unknown;
    const { router } = routerWith({
      update: async (patch) => {
        seen = patch;
        return { language: 'en', textSize: 'normal' };
      },
    });
    await router.dispatch('settings.update', { language: 'en' }, context);
    expect(seen).toEqual({ language: 'en' });
  });

  it('refuses to return a response that breaks the contract', async () => {
    const { router, log } = routerWith({ info: async () => ({ name: 'x' }) });
    const result = await router.dispatch('app.info', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_RESPONSE' } });
    expect(log.text()).toContain('ipc.invalid_response');
  });

  it('maps an AppError to its shape', async () => {
    const { router } = routerWith({
      update: async () => {
        throw new AppError('STORAGE_FULL');
      },
    });
    const result = await router.dispatch('settings.update', { language: 'en' }, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'STORAGE_FULL', messageKey: 'errors.storageFull', retryable: true },
    });
  });

  it('hides an unexpected error: INTERNAL_ERROR, and its text in neither result nor log', async () => {
    const { router, log } = routerWith({
      update: async () => {
        throw new TypeError('MARTIN Zoé née le 12/03/1984, PIN 1234');
      },
    });
    const result = await router.dispatch('settings.update', { language: 'en' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(result)).not.toContain('MARTIN');
    expect(log.text()).not.toContain('MARTIN');
    expect(log.text()).not.toContain('1234');
    expect(log.text()).toContain('TypeError');
  });

  it('forwards events to subscribers and validates them against the contract', () => {
    const { router, events } = routerWith({});
    const received: unknown[] = [];
    const unsubscribe = router.subscribe((event, payload) => received.push({ event, payload }));
    events.emit('settings.changed', { language: 'en', textSize: 'large' });
    expect(received).toEqual([{ event: 'settings.changed', payload: { language: 'en', textSize: 'large' } }]);
    expect(() => events.emit('settings.changed', { language: 'xx' } as never)).toThrow();
    unsubscribe();
    events.emit('settings.changed', { language: 'fr', textSize: 'normal' });
    expect(received).toHaveLength(1);
  });
});
