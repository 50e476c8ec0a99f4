/**
 * Runs the real PC/SC backend in its own process, so the test can point libpcsclite at a socket
 * that does not exist yet (PCSCLITE_CSOCK_NAME is read once per process) and then make it appear.
 * Prints one JSON line per status change; exits on stdin end.
 */
import { createCardService } from '../../main/cards/card-service';
import { createPcscBackend } from '../../main/cards/pcsc-backend';
import { silentLogger } from '../../main/log/logger';

const service = createCardService({
  backend: createPcscBackend({ logger: silentLogger }),
  logger: silentLogger,
});
const print = (): void => {
  process.stdout.write(`${JSON.stringify(service.status())}\n`);
};
service.onChange(print);
print();
process.stdin.resume();
process.stdin.on('end', () => {
  void service.dispose().then(() => process.exit(0));
});
