import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { E2E_LOG_DIR, projectRoot } from './harness';

/**
 * Playwright global teardown: after every spec ran, every log line the desks wrote (the same
 * rotating files IT reads) is grepped for the fixtures' names, NIRs, INS, birth dates, the demo
 * PIN and key material (tests/support/sensitive-scan.ts). One hit fails the run; so does finding
 * no log at all (the check would be reading the wrong place).
 */
export default function checkE2eLogs(): void {
  const scan = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'tests/support/sensitive-scan-cli.ts'), E2E_LOG_DIR],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (scan.status === 0) {
    process.stdout.write(`e2e log check: ${scan.stdout}`);
    return;
  }
  throw new Error(
    scan.status === 2
      ? `no desk log under ${E2E_LOG_DIR}: the harness no longer logs where this check reads`
      : `the e2e logs hold fixture identities or key material:\n${scan.stderr}`,
  );
}
