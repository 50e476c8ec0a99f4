import { rm } from 'node:fs/promises';
import { E2E_LOG_DIR } from './harness';

/** Playwright global setup: the log check reads only this run's logs. */
export default async function clearE2eLogs(): Promise<void> {
  await rm(E2E_LOG_DIR, { recursive: true, force: true });
}
