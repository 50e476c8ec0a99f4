import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactField } from '../../../main/log/logger';

const capture = () => {
  const lines: string[] = [];
  const logger = createLogger({ sink: (line) => lines.push(line), minLevel: 'debug', now: () => new Date(0) });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe('logger', () => {
  it('writes one JSON object per line: time, level, event, scope and scalar fields', () => {
    const { logger, records } = capture();
    logger.child('dmp').child('ws').info('dmp.transaction', { name: 'TD2.1', ms: 12, ok: true, skipped: undefined });
    expect(records()).toEqual([
      {
        t: '1970-01-01T00:00:00.000Z',
        level: 'info',
        event: 'dmp.transaction',
        scope: 'dmp.ws',
        name: 'TD2.1',
        ms: 12,
        ok: true,
      },
    ]);
  });

  it('drops lines below the minimum level', () => {
    const lines: string[] = [];
    createLogger({ sink: (line) => lines.push(line), minLevel: 'warn' }).info('x');
    expect(lines).toEqual([]);
  });

  it('blanks a field named after a secret or an identity, whatever its value', () => {
    const { logger, records } = capture();
    logger.info('careless', {
      pin: '1234',
      password: 'hunter2',
      nir: 'x',
      birthDate: '1907-05-25',
      lastName: 'PATB-QUATRE',
      pinVerified: true,
    });
    expect(records()[0]).toMatchObject({
      pin: REDACTED,
      password: REDACTED,
      nir: REDACTED,
      birthDate: REDACTED,
      lastName: REDACTED,
      // A boolean says nothing about anyone.
      pinVerified: true,
    });
  });

  it('blanks values that look like a NIR, an INS matricule, an RPPS or key material, under any name', () => {
    const cases = [
      '207058575627097',
      '2 07 05 85 756 270 97',
      '899900063480',
      '-----BEGIN PRIVATE KEY-----',
      'MCowBQYDK2VwAyEAG0vRFg4bHq/q0sDiqx6bB4fQwrYaW+hBoybPe3+2l/o=',
      'a3f1'.repeat(16),
    ];
    for (const value of cases) expect(redactField('channel', value), value).toBe(REDACTED);
    expect(redactField('count', 207058575627097)).toBe(REDACTED);
  });

  it('keeps what IT needs: codes, names of transactions, durations, short numbers', () => {
    expect(redactField('code', 'DMP_ACCESS_DENIED')).toBe('DMP_ACCESS_DENIED');
    expect(redactField('name', 'TD0.2')).toBe('TD0.2');
    expect(redactField('ms', 1234)).toBe(1234);
    expect(redactField('reason', 'origin_or_peer')).toBe('origin_or_peer');
  });

  it('keeps a code-like reason but never a typed sentence (an emergency reason may describe the patient)', () => {
    expect(redactField('reason', 'Patient inconscient, suspicion AVC')).toBe(REDACTED);
  });

  it('redacts the event name too if it carries an identifier', () => {
    const { logger, records } = capture();
    logger.info('opened 207058575627097');
    expect(records()[0]?.['event']).toBe(REDACTED);
  });
});
