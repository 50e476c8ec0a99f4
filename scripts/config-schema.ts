/**
 * `npm run config-schema`: writes resources/config.schema.json, the JSON schema of the IT
 * configuration file, from its zod schema (main/config/schema.ts). Editors use it to complete
 * and check the file; tests/unit/config/json-schema.test.ts fails when it drifts.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { deskConfigJsonSchemaText } from '../main/config/schema';

const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'resources', 'config.schema.json');
// Formatted as the repository's prettier check expects it.
writeFileSync(out, await format(deskConfigJsonSchemaText(), { ...(await resolveConfig(out)), parser: 'json' }));
process.stdout.write(`wrote ${out}\n`);
