import { createLogger, type Logger } from '../../main/log/logger';

/** A real logger whose lines are kept, so tests can assert what IT would read. */
export function memoryLogger(): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  return {
    logger: createLogger({ sink: (line) => lines.push(line), minLevel: 'debug' }),
    lines,
    text: () => lines.join('\n'),
  };
}
