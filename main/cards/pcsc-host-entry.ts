/**
 * Entry of the PC/SC host process, forked by pcsc-backend.ts (built to out/main/pcsc-host.cjs).
 * It is the only place that loads the `smartcard` binding. Why a process and not a worker
 * thread: see pcsc-backend.ts.
 */
import { createPcscHost, type PcscBinding } from './pcsc-host';
import { isHostRequest, type HostMessage } from './pcsc-protocol';

/**
 * Electron's utility process (how the packaged app starts us: its runAsNode fuse is off, so a
 * child_process.fork of the Electron binary cannot run) talks through `process.parentPort`;
 * a Node child (tests, browser harness) through the IPC channel of child_process.fork.
 */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

const send = (message: HostMessage): void => {
  if (parentPort !== undefined) {
    parentPort.postMessage(message);
    return;
  }
  // The app may already be gone (it killed us, or crashed): nothing left to tell.
  if (process.connected) process.send?.(message);
};

const onRequest = (listener: (message: unknown) => void): void => {
  if (parentPort !== undefined) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
};

/** The last answer, then exit; a utility process has no send callback, so its message gets a moment to leave. */
const sendThenExit = (message: HostMessage): void => {
  if (parentPort !== undefined) {
    parentPort.postMessage(message);
    setTimeout(() => process.exit(0), 100);
  } else if (process.connected) process.send?.(message, () => process.exit(0));
  else process.exit(0);
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
    onRequest(() => undefined);
    process.on('disconnect', () => process.exit(0));
    return;
  }
  const host = createPcscHost({ binding, send });
  let stopping = false;
  onRequest((message: unknown) => {
    if (!isHostRequest(message) || stopping) return;
    if (message.op !== 'stop') {
      host.handle(message);
      return;
    }
    stopping = true;
    void host.stop().then(() => sendThenExit({ kind: 'answer', id: message.id }));
  });
  // The app went away without stopping us (a Node parent; Electron ends its utility processes itself):
  // give the cards back and leave.
  process.on('disconnect', () => {
    if (stopping) return;
    stopping = true;
    void host.stop().then(() => process.exit(0));
  });
  host.start();
}

void main();
