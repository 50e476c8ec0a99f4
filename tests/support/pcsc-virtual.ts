import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCardService, type CardService } from '../../main/cards/card-service';
import { createVirtualBackend } from '../../main/cards/virtual-backend';
import { silentLogger, type Logger } from '../../main/log/logger';
import { VirtualReader } from '../../simulators/cards';
import { createTestPki, type TestPki } from '../../simulators/pki';

/** The whole card stack minus pcscd: in-process virtual readers behind the real card service. */
export function virtualCardStack(
  names: readonly string[] = ['Slot 0', 'Slot 1'],
  options: { logger?: Logger; timeoutMs?: number } = {},
): { readers: VirtualReader[]; service: CardService } {
  const readers = names.map((name) => new VirtualReader(name));
  const service = createCardService({
    backend: createVirtualBackend(readers),
    logger: options.logger ?? silentLogger,
    transport: { timeoutMs: options.timeoutMs ?? 2_000 },
  });
  return { readers, service };
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Test PKI whose keys are cached in .tmp, so card tests do not generate RSA keys on every run. */
export function cachedTestPki(): Promise<TestPki> {
  return createTestPki({ seedDir: resolve(projectRoot, '.tmp', 'test-pki') });
}
