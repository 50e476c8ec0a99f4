import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PACKAGED_VALUE_SETS, packValueSet, VALUE_SET_SOURCE_DIR } from '../main/dmp/value-sets';

/**
 * The text of every packaged value set, packed from the ANS files under `vectorsDir` and laid out
 * as prettier lays out the repository's JSON, so the committed files pass the format check and a
 * regeneration from the same sources gives the same bytes.
 */
export async function packedValueSetText(
  vectorsDir: string,
): Promise<{ readonly file: string; readonly text: string }[]> {
  return Promise.all(
    Object.values(PACKAGED_VALUE_SETS).map(async ({ source, file }) => {
      const packed = packValueSet(readFileSync(join(vectorsDir, ...VALUE_SET_SOURCE_DIR, source), 'utf8'));
      const options = (await resolveConfig(join(process.cwd(), 'resources', 'value-sets', file))) ?? {};
      return { file, text: await format(JSON.stringify(packed), { ...options, parser: 'json' }) };
    }),
  );
}
