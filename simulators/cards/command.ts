/**
 * Card side of ISO 7816-4 short APDUs: a command as the card sees it. Over T=0 a case-4
 * command arrives without Le (the reader sends it as case 3 and fetches data with GET RESPONSE).
 */
export interface Command {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** 1..256 when present (00 on the wire means 256). */
  readonly le: number | undefined;
}

export interface Reply {
  readonly data?: Uint8Array;
  readonly sw: number;
}

export const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  SECURITY_NOT_SATISFIED: 0x6982,
  PIN_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  REF_NOT_FOUND: 0x6a88,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** Undefined when the bytes cannot be a short APDU (the card then answers 6700). */
export function parseCommand(apdu: Uint8Array): Command | undefined {
  if (apdu.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  if (apdu.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0), le: undefined };
  const p3 = apdu[4] ?? 0;
  if (apdu.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), le: p3 === 0 ? 256 : p3 };
  if (p3 === 0) return undefined;
  if (apdu.length === 5 + p3) return { cla, ins, p1, p2, data: apdu.slice(5), le: undefined };
  if (apdu.length === 6 + p3) {
    const le = apdu[5 + p3] ?? 0;
    return { cla, ins, p1, p2, data: apdu.slice(5, 5 + p3), le: le === 0 ? 256 : le };
  }
  return undefined;
}

export function withStatus(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}
