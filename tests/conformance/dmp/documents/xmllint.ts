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
    return stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
