import { readFile, rename } from 'node:fs/promises';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../events/event-bus';
import { toStorageError, writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../log/logger';

export interface SettingsService {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
}

/**
 * User preferences in a JSON file under the user-data folder. A damaged file is set aside
 * (renamed, never deleted: IT may want it) and defaults are used, so a bad file can never
 * keep the desk from starting.
 */
export function createSettingsService(options: { file: string; events: EventBus; logger: Logger }): SettingsService {
  const { file, events, logger } = options;
  let cached: Settings | undefined;
  // Serialise writes: two quick clicks must not interleave read-modify-write cycles.
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Settings> => {
    if (cached !== undefined) return cached;
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        cached = DEFAULT_SETTINGS;
        return cached;
      }
      throw toStorageError(error);
    }
    cached = parseOrRecover(raw) ?? (await setAside());
    return cached;
  };

  const parseOrRecover = (raw: string): Settings | undefined => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    if (typeof json !== 'object' || json === null) return undefined;
    // Keep every field that is still valid; an unknown or invalid one falls back to its default.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const candidate = { ...merged, [key]: (json as Record<string, unknown>)[key] };
      if (SettingsSchema.safeParse(candidate).success) merged[key] = candidate[key];
    }
    return SettingsSchema.parse(merged);
  };

  const setAside = async (): Promise<Settings> => {
    const target = `${file}.damaged-${Date.now()}`;
    await rename(file, target).catch(() => undefined);
    logger.warn('settings.damaged_file_set_aside');
    return DEFAULT_SETTINGS;
  };

  return {
    get: load,
    update(patch) {
      const run = queue.then(async () => {
        const current = await load();
        const next = SettingsSchema.safeParse({ ...current, ...patch });
        if (!next.success) throw new AppError('SETTINGS_INVALID');
        await writeFileAtomic(file, `${JSON.stringify(next.data, null, 2)}\n`);
        cached = next.data;
        logger.info('settings.updated', { fields: Object.keys(patch).join(',') });
        events.emit('settings.changed', next.data);
        return next.data;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
