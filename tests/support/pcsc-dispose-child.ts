/**
 * Builds the whole service graph with the PC/SC card backend, waits until the card service
 * settled (ready or unavailable), disposes it and then simply returns: the process must exit on
 * its own, which it only does if no monitor thread, socket or retry timer is left behind.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../main/log/logger';
import { createServices } from '../../main/services';

const services = createServices({
  userDataDir: mkdtempSync(join(tmpdir(), 'dmp-dispose-')),
  mode: 'production',
  appName: 'DMP Desk',
  appVersion: '0.0.0',
  platform: process.platform,
  logger: silentLogger,
});
const deadline = Date.now() + 10_000;
while (services.cards.status().service === 'starting' && Date.now() < deadline) {
  await new Promise((wait) => setTimeout(wait, 50));
}
// Long enough for a retry to be scheduled when pcscd is unreachable.
await new Promise((wait) => setTimeout(wait, 300));
process.stdout.write(`${services.cards.status().service}\n`);
await services.dispose();
