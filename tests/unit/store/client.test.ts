import { describe, expect, it } from 'vitest';
import { createLazyStore, type Store } from '../../../main/store/client';
import { AppError } from '../../../shared/errors';

/** A store whose only answer is a fixed value: what the lazy wrapper hands calls to once open. */
const answering = (value: unknown): Store => ({
  call: async () => value as never,
  close: async () => undefined,
});

describe('createLazyStore', () => {
  it('opens once, on the first call, and shares that store', async () => {
    let opens = 0;
    const store = createLazyStore(async () => {
      opens++;
      return answering(42);
    });
    expect(opens).toBe(0);
    await Promise.all([store.call('settings.get', { key: 'a' }), store.call('settings.get', { key: 'b' })]);
    expect(await store.call('settings.get', { key: 'c' })).toBe(42);
    expect(opens).toBe(1);
  });

  it('keeps answering a permanent failure (wrong key, no keystore) without trying again', async () => {
    let opens = 0;
    const store = createLazyStore(async () => {
      opens++;
      throw new AppError('STORE_KEYSTORE_UNAVAILABLE');
    });
    await expect(store.call('settings.get', { key: 'a' })).rejects.toMatchObject({
      code: 'STORE_KEYSTORE_UNAVAILABLE',
    });
    await expect(store.call('settings.get', { key: 'a' })).rejects.toMatchObject({
      code: 'STORE_KEYSTORE_UNAVAILABLE',
    });
    expect(opens).toBe(1);
  });

  it('tries again after a failure that may clear (a full disk)', async () => {
    let opens = 0;
    const store = createLazyStore(async () => {
      opens++;
      if (opens === 1) throw new AppError('STORE_DISK_FULL');
      return answering('open');
    });
    await expect(store.call('settings.get', { key: 'a' })).rejects.toMatchObject({ code: 'STORE_DISK_FULL' });
    expect(await store.call('settings.get', { key: 'a' })).toBe('open');
    expect(opens).toBe(2);
  });

  it('closes only what it opened', async () => {
    let closed = 0;
    const store = createLazyStore(async () => ({ ...answering(1), close: async () => void closed++ }));
    await store.close();
    expect(closed).toBe(0);
    await store.call('settings.get', { key: 'a' });
    await store.close();
    expect(closed).toBe(1);
  });
});
