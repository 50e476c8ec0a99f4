/**
 * A process that installs the fatal handlers, registers a closer, then fails in the way argv[2]
 * names, carrying a fake patient name in the error message: the parent checks the exit status,
 * that the closer ran, and that the name never reached the log.
 */
import { createLogger } from '../../main/log/logger';
import { installFatalHandlers } from '../../main/process/fatal';

const logger = createLogger({ sink: (line) => process.stderr.write(`${line}\n`) });
const fatal = installFatalHandlers({ logger, closeTimeoutMs: 2_000 });
fatal.onClose(() => {
  process.stdout.write('closed\n');
});
const secret = new TypeError('patient DUPONT Jeanne, PIN 1234');
if (process.argv[2] === 'rejection') void Promise.reject(secret);
else
  setTimeout(() => {
    throw secret;
  }, 10);
// A server-like handle that would keep a process alive forever without the handler.
setInterval(() => undefined, 1_000);
