import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGED_VALUE_SETS } from '../../../../main/dmp/value-sets';
import { VALUE_SETS_DIR_NAME } from '../../../../main/dmp/value-sets/location';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

/** The installed app finds its code tables where main looks for them: `process.resourcesPath/value-sets`. */
describe('value sets in the package', () => {
  const root = resolve(import.meta.dirname, '../../../..');
  const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as {
    extraResources?: { from: string; to: string; filter?: string[] }[];
  };

  it('are copied next to the app resources, under the folder main reads', () => {
    const entry = config.extraResources?.find((e) => e.from === 'resources/value-sets');
    expect(entry?.to).toBe(VALUE_SETS_DIR_NAME);
    expect(entry?.filter).toEqual(['*.json']);
  });

  it('are all in the source folder the package copies', () => {
    for (const { file } of Object.values(PACKAGED_VALUE_SETS)) {
      expect(file.endsWith('.json')).toBe(true);
      expect(existsSync(resolve(root, 'resources', 'value-sets', file)), file).toBe(true);
    }
  });
});
