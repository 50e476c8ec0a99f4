import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Validates with libxml2's xmllint (an independent validator); returns its complaints, empty when valid. */
export async function xsdErrors(xml: string, schemaPath: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dmp-doc-xsd-'));
  const file = join(dir, 'document.xml');
  try {
    await writeFile(file, xml);
    await run('xmllint', ['--noout', '--nonet', '--schema', schemaPath, file], { maxBuffer: 16 * 1024 * 1024 });
    return [];
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    // Keep validity errors only: parser warnings (e.g. a skipped duplicate import) and context lines are noise.
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    const errors = lines.filter((line) => /: Schemas validity error :|: parser error :/.test(line));
    // A schema that failed to compile must never read as "valid": then every line is returned.
    return errors.length > 0 ? errors : lines.length > 0 ? lines : ['xmllint failed'];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
