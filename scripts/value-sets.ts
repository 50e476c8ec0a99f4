/**
 * Packs the DMP metadata value sets the desk ships (resources/value-sets/*.json) from the ANS
 * CI-SIS files in the shared vectors. Run after a new ANS edition, then commit the JSON:
 *   npx tsx scripts/value-sets.ts            write the files
 *   npx tsx scripts/value-sets.ts --check    exit 1 when a committed file differs from its source
 * The vectors folder is ../shared/vectors, or DMP_DESK_VECTORS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packedValueSetText } from './value-sets-pack';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vectors = process.env['DMP_DESK_VECTORS'] ?? resolve(projectRoot, '../shared/vectors');
const outDir = join(projectRoot, 'resources', 'value-sets');
const check = process.argv.includes('--check');

const files = await packedValueSetText(vectors);
let drift = 0;
for (const { file, text } of files) {
  const target = join(outDir, file);
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // A missing file is drift like any other.
    }
    if (committed !== text) {
      drift += 1;
      process.stderr.write(`out of date: resources/value-sets/${file}\n`);
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote resources/value-sets/${file}\n`);
  }
}
if (drift > 0) process.exit(1);
