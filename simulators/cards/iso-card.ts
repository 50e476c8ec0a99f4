import { parseCommand, SW, withStatus, type Command, type Reply } from './command';

/** What every virtual card offers to a reader (vpcd link or in-process slot). */
export interface VirtualCard {
  readonly atr: Uint8Array;
  /** One command APDU in, response (data + SW) out. */
  process(apdu: Uint8Array): Uint8Array;
  /** Power-on / warm reset: volatile state (selected file, verified PIN, pending data) is lost. */
  reset(): void;
}

/**
 * T=0 behaviour shared by both cards (spec §1.1 and §2.2): a command that carried data and
 * produces an answer says `61xx` and keeps it for GET RESPONSE; a command whose Le does not
 * match the available length says `6Cxx` with the right one.
 */
export abstract class IsoCard implements VirtualCard {
  abstract readonly atr: Uint8Array;
  private pending: Uint8Array | undefined;

  protected abstract handle(command: Command): Reply;
  protected abstract onReset(): void;

  process(apdu: Uint8Array): Uint8Array {
    const command = parseCommand(apdu);
    if (command === undefined) return withStatus(new Uint8Array(0), SW.WRONG_LENGTH);
    if (command.cla !== 0x00) return withStatus(new Uint8Array(0), SW.CLA_NOT_SUPPORTED);
    if (command.ins === 0xc0) return this.getResponse(command);
    this.pending = undefined;
    const reply = this.handle(command);
    const data = reply.data ?? new Uint8Array(0);
    if (reply.sw !== SW.OK || data.length === 0) return withStatus(new Uint8Array(0), reply.sw);
    if (command.le === undefined) {
      this.pending = data;
      return withStatus(new Uint8Array(0), 0x6100 | (Math.min(data.length, 256) & 0xff));
    }
    if (command.le > data.length) return withStatus(new Uint8Array(0), 0x6c00 | (data.length & 0xff));
    return withStatus(data.subarray(0, command.le), SW.OK);
  }

  reset(): void {
    this.pending = undefined;
    this.onReset();
  }

  private getResponse(command: Command): Uint8Array {
    const pending = this.pending;
    if (pending === undefined || command.data.length > 0) {
      return withStatus(new Uint8Array(0), SW.CONDITIONS_NOT_SATISFIED);
    }
    const le = command.le ?? 256;
    if (le > pending.length) return withStatus(new Uint8Array(0), 0x6c00 | (pending.length & 0xff));
    const rest = pending.subarray(le);
    this.pending = rest.length > 0 ? rest : undefined;
    const sw = rest.length > 0 ? 0x6100 | (Math.min(rest.length, 256) & 0xff) : SW.OK;
    return withStatus(pending.subarray(0, le), sw);
  }
}
