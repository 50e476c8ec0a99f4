import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../../main/events/event-bus';
import { createSettingsService } from '../../../../main/settings/settings-service';
import { DEFAULT_SETTINGS } from '../../../../shared/api';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir();

async function service(dir?: string) {
  const folder = dir ?? (await tempDir());
  const events = createEventBus();
  const changes: unknown[] = [];
  events.subscribe((event, payload) => changes.push({ event, payload }));
  const log = memoryLogger();
  const file = join(folder, 'settings.json');
  return { settings: createSettingsService({ file, events, logger: log.logger }), file, folder, changes, log };
}

describe('settings service', () => {
  it('starts from French defaults when there is no file', async () => {
    const { settings } = await service();
    await expect(settings.get()).resolves.toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.language).toBe('fr');
  });

  it('persists an update, announces it, and a new instance reads it back', async () => {
    const { settings, folder, changes, file } = await service();
    await expect(settings.update({ language: 'en' })).resolves.toEqual({ language: 'en', textSize: 'normal' });
    expect(changes).toEqual([{ event: 'settings.changed', payload: { language: 'en', textSize: 'normal' } }]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ language: 'en', textSize: 'normal' });
    const reopened = await service(folder);
    await expect(reopened.settings.get()).resolves.toEqual({ language: 'en', textSize: 'normal' });
  });

  it('serialises concurrent updates so none is lost', async () => {
    const { settings, folder } = await service();
    await Promise.all([settings.update({ language: 'en' }), settings.update({ textSize: 'large' })]);
    const reopened = await service(folder);
    await expect(reopened.settings.get()).resolves.toEqual({ language: 'en', textSize: 'large' });
  });

  it('keeps valid fields of a partly invalid file and defaults the rest', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ language: 'en', textSize: 'gigantic', extra: 1 }));
    const { settings } = await service(folder);
    await expect(settings.get()).resolves.toEqual({ language: 'en', textSize: 'normal' });
  });

  it('sets a damaged file aside instead of failing or deleting it', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'settings.json'), '{"language": "en", trunc');
    const { settings, log } = await service(folder);
    await expect(settings.get()).resolves.toEqual(DEFAULT_SETTINGS);
    const names = await readdir(folder);
    expect(names.some((name) => name.startsWith('settings.json.damaged-'))).toBe(true);
    expect(log.text()).toContain('settings.damaged_file_set_aside');
  });

  it('refuses an invalid patch without touching the file', async () => {
    const { settings, file } = await service();
    await settings.update({ textSize: 'large' });
    await expect(settings.update({ language: 'de' } as never)).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ language: 'fr', textSize: 'large' });
  });

  it('reports a folder it cannot write as STORAGE_IO, even as root', async () => {
    const folder = await tempDir();
    // A regular file where the settings folder should be: mkdir fails for every user.
    await writeFile(join(folder, 'blocked'), '');
    const events = createEventBus();
    const settings = createSettingsService({
      file: join(folder, 'blocked', 'settings.json'),
      events,
      logger: memoryLogger().logger,
    });
    await expect(settings.update({ language: 'en' })).rejects.toMatchObject({ code: 'STORAGE_IO' });
  });
});
