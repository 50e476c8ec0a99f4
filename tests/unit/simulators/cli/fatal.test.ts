import { describe, expect, it } from 'vitest';
import { fatalLine } from '../../../../simulators/cli/fatal';

describe('simulator fatal line', () => {
  it('names the class and the throwing place, never the message', () => {
    const line = fatalLine('uncaught exception', new TypeError('NIR 1 84 12 75 123 456 of DUPONT'));
    expect(line).toMatch(/^sim fatal: uncaught exception TypeError at .*fatal\.test\.ts:\d+:\d+$/);
    expect(line).not.toContain('DUPONT');
    expect(fatalLine('unhandled rejection', 'DUPONT')).toBe('sim fatal: unhandled rejection (string)');
  });
});
