import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGED_VALUE_SETS, VALUE_SET_SOURCE_DIR } from '../../../../main/dmp/value-sets';
import { parseValueSet } from '../../../../main/dmp/xds/value-sets';
import { packedValueSetText } from '../../../../scripts/value-sets-pack';
import { vectorsPath } from '../../../support/vectors';

/**
 * The code tables the desk ships are exactly what the generator makes from the ANS files: a new
 * edition of the vectors, or a hand edit of the JSON, fails here until `npx tsx scripts/value-sets.ts`
 * is run and its output committed.
 */
describe('packaged value sets against the ANS jeuxDeValeurs', () => {
  it('regenerate byte for byte from the vectors', async () => {
    const regenerated = await packedValueSetText(vectorsPath());
    expect(regenerated.map((r) => r.file).sort()).toEqual(
      Object.values(PACKAGED_VALUE_SETS)
        .map((p) => p.file)
        .sort(),
    );
    for (const { file, text } of regenerated) {
      expect(readFileSync(resolve('resources', 'value-sets', file), 'utf8'), file).toBe(text);
    }
  });

  it('keep every concept of the source, with its code system', () => {
    for (const { source, file } of Object.values(PACKAGED_VALUE_SETS)) {
      const original = parseValueSet(readFileSync(vectorsPath(...VALUE_SET_SOURCE_DIR, source), 'utf8'));
      const packed = JSON.parse(readFileSync(resolve('resources', 'value-sets', file), 'utf8')) as {
        id: string;
        concepts: [string, string, string][];
      };
      expect(packed.id).toBe(original.id);
      expect(packed.concepts).toHaveLength(original.concepts.length);
      expect(new Set(packed.concepts.map(([code, system]) => `${system}|${code}`))).toEqual(
        new Set(original.concepts.map((c) => `${c.codeSystem}|${c.code}`)),
      );
    }
  });
});
