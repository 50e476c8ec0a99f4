/**
 * Entry of the PC/SC host process, forked by pcsc-backend.ts (built to out/main/pcsc-host.cjs).
 * It is the only place that loads the `smartcard` binding. Why a process and not a worker
 * thread: see pcsc-backend.ts.
 */
import { createPcscHost, type PcscBinding } from './pcsc-host';
import { isHostRequest, type HostMessage } from './pcsc-protocol';

const send = (message: HostMessage): void => {
  // The app may already be gone (it killed us, or crashed): nothing left to tell.
  if (process.connected) process.send?.(message);
};

async function main(): Promise<void> {
  let binding: PcscBinding;
  try {
    const smartcard = await import('smartcard');
    binding = {
      createMonitor: () => new smartcard.ReaderMonitor(),
      createContext: () => new smartcard.Context(),
      SCARD_STATE_PRESENT: smartcard.SCARD_STATE_PRESENT,
      SCARD_SHARE_SHARED: smartcard.SCARD_SHARE_SHARED,
      SCARD_PROTOCOL_T0: smartcard.SCARD_PROTOCOL_T0,
      SCARD_PROTOCOL_T1: smartcard.SCARD_PROTOCOL_T1,
      SCARD_LEAVE_CARD: smartcard.SCARD_LEAVE_CARD,
      SCARD_RESET_CARD: smartcard.SCARD_RESET_CARD,
    };
  } catch {
    // A machine without libpcsclite: the app says "unavailable" and keeps running.
    send({ kind: 'log', level: 'error', event: 'cards.pcsc_binding_missing' });
    send({ kind: 'state', service: 'unavailable', readers: [] });
    process.on('message', () => undefined);
    process.on('disconnect', () => process.exit(0));
    return;
  }
  const host = createPcscHost({ binding, send });
  let stopping = false;
  process.on('message', (message: unknown) => {
    if (!isHostRequest(message) || stopping) return;
    if (message.op !== 'stop') {
      host.handle(message);
      return;
    }
    stopping = true;
    void host.stop().then(() => {
      const done: HostMessage = { kind: 'answer', id: message.id };
      if (process.connected) process.send?.(done, () => process.exit(0));
      else process.exit(0);
    });
  });
  // The app went away without stopping us: give the cards back and leave.
  process.on('disconnect', () => {
    if (stopping) return;
    stopping = true;
    void host.stop().then(() => process.exit(0));
  });
  host.start();
}

void main();
