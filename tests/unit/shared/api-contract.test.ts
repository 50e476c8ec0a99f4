import { describe, expect, it, vi } from 'vitest';
import { API, EVENTS, findChannel, isEventName, listChannels } from '../../../shared/api';
import { buildClient } from '../../../shared/api/client';
import { ok } from '../../../shared/errors';

describe('API contract', () => {
  it('lists every method once as group.method', () => {
    const channels = listChannels().map((ref) => ref.channel);
    const expected = Object.entries(API).flatMap(([group, methods]) =>
      Object.keys(methods).map((m) => `${group}.${m}`),
    );
    expect(channels).toEqual(expected);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('finds channels by wire name only', () => {
    expect(findChannel('settings.update')?.method).toBe('update');
    expect(findChannel('settings')).toBeUndefined();
    expect(findChannel('__proto__.constructor')).toBeUndefined();
    expect(isEventName('settings.changed')).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });

  it('rejects unknown fields in requests (strict schemas)', () => {
    expect(API.settings.update.request.safeParse({ language: 'en', admin: true }).success).toBe(false);
    expect(API.settings.update.request.safeParse({ language: 'de' }).success).toBe(false);
    expect(API.settings.update.request.safeParse({ textSize: 'large' }).success).toBe(true);
  });
});

describe('buildClient', () => {
  it('exposes exactly one function per contract method plus `on`', () => {
    const client = buildClient(
      async () => ok(null),
      () => () => undefined,
    ) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(client).sort()).toEqual([...Object.keys(API), 'on'].sort());
    for (const [group, methods] of Object.entries(API)) {
      expect(Object.keys(client[group] ?? {}).sort()).toEqual(Object.keys(methods).sort());
    }
  });

  it('routes each function to its own channel and subscribes by event name', async () => {
    const invoke = vi.fn(async () => ok({ language: 'en', textSize: 'normal' }));
    const subscribe = vi.fn(() => () => undefined);
    const client = buildClient(invoke, subscribe);
    await client.settings.update({ language: 'en' });
    expect(invoke).toHaveBeenCalledWith('settings.update', { language: 'en' });
    const listener = vi.fn();
    client.on('settings.changed', listener);
    expect(subscribe).toHaveBeenCalledWith('settings.changed', listener);
    expect(Object.keys(EVENTS)).toContain('settings.changed');
  });
});
