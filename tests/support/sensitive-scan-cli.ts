/**
 * `node --import tsx tests/support/sensitive-scan-cli.ts DIR`: scans every file under DIR for the
 * fixtures' identities and key material; exit 1 with the findings, 2 when DIR holds no file.
 * A separate process because the simulators' seed imports JSON the way tsx loads it, which
 * Playwright's own loader (where the e2e teardown runs) does not.
 */
import { fixtureIdentities } from './fixture-identities';
import { scanFolder } from './sensitive-scan';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: sensitive-scan-cli.ts DIR');
const { files, lines, findings } = await scanFolder(dir, fixtureIdentities());
if (files === 0) {
  process.stderr.write(`no file under ${dir}\n`);
  process.exit(2);
}
if (findings.length > 0) {
  for (const f of findings) process.stderr.write(`${f.file}:${f.line} ${f.kind} ${f.what}\n`);
  process.exit(1);
}
process.stdout.write(`${files} files, ${lines} lines: no identity, PIN or key material\n`);
