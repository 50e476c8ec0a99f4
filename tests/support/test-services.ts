import { createServices, type Services, type ServicesConfig } from '../../main/services';
import type { Logger } from '../../main/log/logger';
import { silentLogger } from '../../main/log/logger';

/**
 * The real service graph with test-friendly defaults: no PC/SC (virtual readers, none plugged
 * in unless given), no national services configured, training mode.
 */
export function createTestServices(
  userDataDir: string,
  overrides: Partial<Omit<ServicesConfig, 'userDataDir'>> & { logger?: Logger } = {},
): Services {
  return createServices({
    userDataDir,
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.0.0-test',
    platform: 'linux',
    logger: silentLogger,
    cards: { backend: 'virtual', readers: [] },
    ...overrides,
  });
}
