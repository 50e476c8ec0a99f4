import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskConfigJsonSchema } from '../../../main/config/schema';

const shipped = join(import.meta.dirname, '../../../resources/config.schema.json');

describe('config.schema.json (for IT editors)', () => {
  it('is exactly what the zod schema generates (run `npm run config-schema` after changing main/config/schema.ts)', async () => {
    // Compared as data: the file's layout is prettier's.
    expect(JSON.parse(await readFile(shipped, 'utf8'))).toEqual(deskConfigJsonSchema());
  });

  it('describes the fields IT fills and forbids unknown ones', async () => {
    const schema = JSON.parse(await readFile(shipped, 'utf8')) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
    };
    expect(schema.required).toEqual(['structure', 'software', 'authentication', 'trustAnchors']);
    expect(schema.additionalProperties).toBe(false);
    for (const field of ['dmp', 'insi', 'structure', 'authentication', 'proxy', 'logLevel']) {
      expect(schema.properties[field]?.description, field).toBeTruthy();
    }
    // A password has no place in the file: only the name of the secret that holds it.
    expect(JSON.stringify(schema)).not.toMatch(/"password"\s*:/);
  });
});
