import { AppError, isAppError } from '../../shared/errors';
import { decodeResponse, encodeCommand, malformed, type CommandApdu, type ResponseApdu } from './apdu';
import type { CardChannel } from './channel';

const GET_RESPONSE_INS = 0xc0;
/** Largest answer we ever assemble (a 2048-bit certificate is ~1.2 KB); bounds a card that keeps saying 61xx. */
const MAX_RESPONSE_BYTES = 16 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

export interface TransportOptions {
  /** Per exchange; a card that does not answer becomes CARD_TIMEOUT instead of a hung screen. */
  readonly timeoutMs?: number;
}

/**
 * APDU exchange with the T=0 conventions both cards use: `61xx` means "xx bytes wait, fetch
 * them with GET RESPONSE", `6Cxx` means "wrong Le, send again with Le = xx". Counts every
 * exchange so benchmarks and tests can hold the flows to their minimal sequence.
 */
export class ApduTransport {
  private exchanges = 0;
  private readonly timeoutMs: number;

  constructor(
    private readonly channel: CardChannel,
    options: TransportOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get apduCount(): number {
    return this.exchanges;
  }

  get atr(): Uint8Array {
    return this.channel.atr;
  }

  async send(command: CommandApdu): Promise<ResponseApdu> {
    let response = await this.exchange(encodeCommand(command));
    if (response.sw >> 8 === 0x6c) {
      if (command.data !== undefined && command.data.length > 0) throw malformed('6c-on-case-3');
      const le = response.sw & 0xff || 256;
      response = await this.exchange(encodeCommand({ ...command, le }));
      if (response.sw >> 8 === 0x6c) throw malformed('repeated-6c');
    }
    if (response.sw >> 8 !== 0x61) return response;
    return this.collect(response);
  }

  /** Sends raw bytes (already built) and wipes them afterwards: used for VERIFY so the PIN does not linger. */
  async sendSensitive(apdu: Uint8Array): Promise<ResponseApdu> {
    try {
      const response = await this.exchange(apdu);
      return response.sw >> 8 === 0x61 ? await this.collect(response) : response;
    } finally {
      apdu.fill(0);
    }
  }

  private async collect(first: ResponseApdu): Promise<ResponseApdu> {
    const chunks: Uint8Array[] = [first.data];
    let total = first.data.length;
    let response = first;
    while (response.sw >> 8 === 0x61) {
      const le = response.sw & 0xff || 256;
      response = await this.exchange(encodeCommand({ cla: 0x00, ins: GET_RESPONSE_INS, p1: 0, p2: 0, le }));
      if (response.data.length > le) throw malformed('get-response-overflow');
      total += response.data.length;
      if (total > MAX_RESPONSE_BYTES) throw malformed('response-too-long');
      chunks.push(response.data);
    }
    const data = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      data.set(chunk, offset);
      offset += chunk.length;
    }
    return { data, sw: response.sw };
  }

  private async exchange(apdu: Uint8Array): Promise<ResponseApdu> {
    this.exchanges += 1;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('CARD_TIMEOUT')), this.timeoutMs);
    });
    try {
      const raw = await Promise.race([this.channel.transmit(apdu), timeout]);
      return decodeResponse(raw);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('CARD_IO', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
