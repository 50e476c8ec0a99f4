import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { FaultInjector, type FaultPlan } from './faults';
import type { VirtualCard } from './iso-card';

/** vpcd's defaults: reader "Virtual PCD 00 00" listens on 35963, "00 01" on 35964. */
export const VPCD_PORTS = [35963, 35964] as const;

const CONTROL_POWER_OFF = 0;
const CONTROL_POWER_ON = 1;
const CONTROL_RESET = 2;
const CONTROL_GET_ATR = 4;

/**
 * The virtual card's side of the vpcd TCP protocol (spec build-environment §2): frames are a
 * 2-byte big-endian length plus payload; a 1-byte payload is a control code (0 off, 1 on,
 * 2 reset, 4 ATR), anything else is an APDU answered with data + SW. Being connected means
 * "card present"; closing the socket is pulling the card out.
 */
export class VpcdLink {
  private socket: Socket | undefined;
  private buffer = Buffer.alloc(0);
  private injector = new FaultInjector();
  private closedListeners = new Set<() => void>();

  constructor(
    private readonly card: VirtualCard,
    private readonly options: { readonly port: number; readonly host?: string; readonly faults?: FaultPlan },
  ) {}

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** APDUs answered since insertion. */
  get apdus(): number {
    return this.injector.apdus;
  }

  /** Inserts the card: resolves once vpcd accepted the connection. */
  async insert(): Promise<void> {
    if (this.connected) return;
    this.injector = new FaultInjector(this.options.faults);
    this.buffer = Buffer.alloc(0);
    this.card.reset();
    const socket = createConnection({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
    socket.setNoDelay(true);
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      for (const listener of [...this.closedListeners]) listener();
    });
    await once(socket, 'connect');
  }

  /** Pulls the card out. */
  async remove(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return;
    const closed = once(socket, 'close');
    socket.destroy();
    await closed;
  }

  onClosed(listener: () => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  private onData(socket: Socket, chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) return;
      const payload = this.buffer.subarray(2, 2 + length);
      this.buffer = this.buffer.subarray(2 + length);
      if (length === 1) this.onControl(socket, payload[0] ?? -1);
      else this.onApdu(socket, new Uint8Array(payload));
      if (socket.destroyed) return;
    }
  }

  private onControl(socket: Socket, code: number): void {
    // vpcd also asks for the ATR to poll presence: only a reset freezes the card, and the ATR that follows it.
    if (code === CONTROL_RESET ? this.injector.decideReset() === 'mute' : this.injector.muted) return;
    if (code === CONTROL_GET_ATR) this.send(socket, this.card.atr);
    else if (code === CONTROL_POWER_ON || code === CONTROL_RESET || code === CONTROL_POWER_OFF) this.card.reset();
  }

  private onApdu(socket: Socket, apdu: Uint8Array): void {
    // A card that fails on a command answers 6F00 ("no precise diagnosis", ISO 7816-4) like a real
    // one; the link, and the process serving both readers, keep going.
    const decision = this.injector.decide(() => {
      try {
        return this.card.process(apdu);
      } catch {
        return Uint8Array.of(0x6f, 0x00);
      }
    });
    if (decision.kind === 'answer') this.send(socket, decision.response);
    else if (decision.kind === 'remove') socket.destroy();
  }

  private send(socket: Socket, payload: Uint8Array): void {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    socket.write(frame);
  }
}
