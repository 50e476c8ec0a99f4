import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { SW, type Command, type Reply } from './command';
import { IsoCard } from './iso-card';
import { concatBytes, hexBytes, latin1, tlv } from './tlv';

/**
 * Virtual CPS3 (IAS-ECC, contact), from spec cards-and-ins §2. Public behaviour: exact ATR,
 * EF.ATR / EF.DIR / EF.SN.ICC with the ANS issuer prefix, select by path (P1=09, from 3F00),
 * FID (02), AID (04), P2=04 (FCP) or 0C; GET DATA on the PIN SDO; VERIFY with `63Cx` then
 * `6983`; MSE SET + PSO CDS; INTERNAL AUTHENTICATE. RSA-2048 keys from the test PKI.
 *
 * The business-data layout is not public (spec §2.3 [P]); this card uses the project's
 * convention: EF 3F00/0001/D002 = `A0 { 80 type IdNat, 81 IdNat, 82 nom, 83 prénom,
 * 84 profession, 85 spécialité }`, EF D120 = first activity (PIN-protected); in the PKCS#15
 * application EF C001 / C002 hold the authentication / signature certificates; keys 81 / 82;
 * algorithm reference 42 = RSA PKCS#1 v1.5 SHA-256; PIN reference 01 as 4 ASCII digits.
 */

export interface CpsHolderData {
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly profession: string;
  readonly specialty?: string;
}

export interface CpsKeyMaterial {
  readonly keyPem: string;
  readonly certDer: Uint8Array;
}

export interface Cps3Options {
  readonly holder: CpsHolderData;
  readonly auth: CpsKeyMaterial;
  readonly sign: CpsKeyMaterial;
  /** Default 1234, as the Cryptolib tests. */
  readonly pin?: string;
  readonly maxTries?: number;
  /** Start with fewer tries (0 = blocked card). */
  readonly triesLeft?: number;
  /** 9 digits, BCD in EF.SN.ICC. */
  readonly serial?: string;
}

export const CPS3_ATR = hexBytes('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');
const AID_PKCS15 = 'E828BD080F8025000001FF0010';
const EF_ATR_CONTENT = hexBytes(
  '80 43 01 B8 46 04 04 B0 EC C1 47 03 94 01 80 4F 08 80 25 00 00 01 FF 01 00 E0 10 02 02 01 04 02 02 01 04 02 02 01 00 02 02 01 00 78 08 06 06 2B 81 22 F8 78 02 82 02 90 00',
);
const PIN_REF = 0x01;
const KEY_AUTH = 0x81;
const KEY_SIGN = 0x82;
const ALG_RSA_SHA256 = 0x42;
const SHA256_DIGEST_INFO = hexBytes('3031300d060960864801650304020105000420');

interface Node {
  readonly fid: number;
  readonly aid?: string;
  readonly content?: Uint8Array;
  readonly children?: readonly Node[];
  /** Reading needs the verified PIN. */
  readonly protected?: boolean;
}

interface SecurityEnvironment {
  readonly template: number;
  readonly key: number;
}

export class VirtualCps3 extends IsoCard {
  readonly atr = CPS3_ATR;
  private readonly root: Node;
  private readonly pin: Uint8Array;
  private readonly maxTries: number;
  private triesLeft: number;
  private readonly keys: ReadonlyMap<number, KeyObject>;
  private verified = false;
  private path: Node[] = [];
  private currentEf: Node | undefined;
  private environment: SecurityEnvironment | undefined;

  constructor(options: Cps3Options) {
    super();
    this.pin = latin1(options.pin ?? '1234');
    this.maxTries = options.maxTries ?? 3;
    this.triesLeft = options.triesLeft ?? this.maxTries;
    this.keys = new Map([
      [KEY_AUTH, createPrivateKey(options.auth.keyPem)],
      [KEY_SIGN, createPrivateKey(options.sign.keyPem)],
    ]);
    const h = options.holder;
    const holderFile = tlv(0xa0, [
      tlv(0x80, latin1(h.nationalId.slice(0, 1))),
      tlv(0x81, latin1(h.nationalId)),
      tlv(0x82, latin1(h.lastName.toUpperCase())),
      tlv(0x83, latin1(h.firstName.toUpperCase())),
      tlv(0x84, latin1(h.profession)),
      ...(h.specialty === undefined ? [] : [tlv(0x85, latin1(h.specialty))]),
    ]);
    this.root = {
      fid: 0x3f00,
      children: [
        { fid: 0x2f00, content: tlv(0x61, [tlv(0x4f, hexBytes(AID_PKCS15)), tlv(0x50, latin1('CPS3 IAS'))]) },
        { fid: 0x2f01, content: EF_ATR_CONTENT },
        { fid: 0xd003, content: serialFile(options.serial ?? '992138450') },
        {
          fid: 0x0001,
          children: [
            { fid: 0xd002, content: holderFile },
            { fid: 0xd120, content: tlv(0xa1, tlv(0x80, latin1(h.profession))), protected: true },
          ],
        },
        {
          fid: 0x5000,
          aid: AID_PKCS15,
          children: [
            { fid: 0xc001, content: options.auth.certDer },
            { fid: 0xc002, content: options.sign.certDer },
          ],
        },
      ],
    };
    this.path = [this.root];
  }

  /** Tries left on the PIN; for tests that check the card's own state. */
  get pinTriesLeft(): number {
    return this.triesLeft;
  }

  protected onReset(): void {
    this.verified = false;
    this.path = [this.root];
    this.currentEf = undefined;
    this.environment = undefined;
  }

  protected handle(command: Command): Reply {
    switch (command.ins) {
      case 0xa4:
        return this.select(command);
      case 0xb0:
        return this.readBinary(command);
      case 0xcb:
        return this.getData(command);
      case 0x20:
        return this.verify(command);
      case 0x22:
        return this.manageSecurityEnvironment(command);
      case 0x2a:
        return this.performSecurityOperation(command);
      case 0x88:
        return this.internalAuthenticate(command);
      default:
        return { sw: SW.INS_NOT_SUPPORTED };
    }
  }

  private select(command: Command): Reply {
    if (command.p2 !== 0x04 && command.p2 !== 0x0c) return { sw: SW.WRONG_P1P2 };
    let target: { path: Node[]; node: Node } | undefined;
    const ids = fids(command.data);
    if (command.p1 === 0x00 && ids.length === 1 && ids[0] === 0x3f00) target = { path: [this.root], node: this.root };
    else if (command.p1 === 0x09 && ids[0] === 0x3f00) target = this.walk(ids.slice(1));
    else if (command.p1 === 0x02 && ids.length === 1) target = this.child(ids[0] ?? -1);
    else if (command.p1 === 0x04) target = this.application(Buffer.from(command.data).toString('hex').toUpperCase());
    else return { sw: SW.WRONG_P1P2 };
    if (target === undefined) return { sw: SW.FILE_NOT_FOUND };
    this.path = target.path;
    this.currentEf = target.node.children === undefined ? target.node : undefined;
    return command.p2 === 0x04 ? { data: fcp(target.node), sw: SW.OK } : { sw: SW.OK };
  }

  private walk(ids: readonly number[]): { path: Node[]; node: Node } | undefined {
    const path = [this.root];
    let node = this.root;
    for (const id of ids) {
      const next = node.children?.find((child) => child.fid === id);
      if (next === undefined) return undefined;
      node = next;
      if (next.children !== undefined) path.push(next);
    }
    return { path, node };
  }

  private child(id: number): { path: Node[]; node: Node } | undefined {
    const df = this.path[this.path.length - 1] ?? this.root;
    const node = df.children?.find((candidate) => candidate.fid === id);
    if (node === undefined) return undefined;
    return { path: node.children === undefined ? [...this.path] : [...this.path, node], node };
  }

  private application(aid: string): { path: Node[]; node: Node } | undefined {
    const node = this.root.children?.find((candidate) => candidate.aid === aid);
    return node === undefined ? undefined : { path: [this.root, node], node };
  }

  private readBinary(command: Command): Reply {
    if ((command.p1 & 0x80) !== 0) return { sw: SW.WRONG_P1P2 };
    const ef = this.currentEf;
    if (ef?.content === undefined) return { sw: SW.NO_CURRENT_EF };
    if (ef.protected === true && !this.verified) return { sw: SW.SECURITY_NOT_SATISFIED };
    const offset = (command.p1 << 8) | command.p2;
    if (offset >= ef.content.length) return { sw: SW.WRONG_OFFSET };
    return { data: ef.content.subarray(offset, offset + 256), sw: SW.OK };
  }

  /** GET DATA on the PIN SDO: `4D 08 70 06 BF 81 <ref> 02 A0 80` -> `70 { BF81<ref> { A0 { 9A, 9B, A1 } } }`. */
  private getData(command: Command): Reply {
    if (command.p1 !== 0x3f || command.p2 !== 0xff) return { sw: SW.WRONG_P1P2 };
    const query = hexBytes(`4D08 7006 BF81${PIN_REF.toString(16).padStart(2, '0')} 02 A080`);
    if (!equal(command.data, query)) return { sw: SW.REF_NOT_FOUND };
    const attributes = tlv(0xa0, [
      tlv(0x9a, Uint8Array.of(this.maxTries)),
      tlv(0x9b, Uint8Array.of(this.triesLeft)),
      tlv(0xa1, tlv(0x8c, hexBytes('F3 00 00 13 FF 00'))),
    ]);
    return { data: tlv(0x70, tlv(0xbf8100 | PIN_REF, attributes)), sw: SW.OK };
  }

  private verify(command: Command): Reply {
    if (command.p1 !== 0x00 || command.p2 !== PIN_REF) return { sw: SW.REF_NOT_FOUND };
    if (this.triesLeft === 0) return { sw: SW.PIN_BLOCKED };
    if (command.data.length === 0) return { sw: this.verified ? SW.OK : 0x63c0 | this.triesLeft };
    if (command.data.length !== this.pin.length) return { sw: SW.WRONG_LENGTH };
    if (equal(command.data, this.pin)) {
      this.triesLeft = this.maxTries;
      this.verified = true;
      return { sw: SW.OK };
    }
    this.triesLeft -= 1;
    this.verified = false;
    return { sw: 0x63c0 | this.triesLeft };
  }

  private manageSecurityEnvironment(command: Command): Reply {
    if (command.p1 !== 0x41 || (command.p2 !== 0xb6 && command.p2 !== 0xa4)) return { sw: SW.WRONG_P1P2 };
    const expected = hexBytes(`800142 8401${(command.p2 === 0xb6 ? KEY_SIGN : KEY_AUTH).toString(16)}`);
    if (!equal(command.data, expected) || (command.data[2] ?? 0) !== ALG_RSA_SHA256) return { sw: SW.WRONG_DATA };
    this.environment = { template: command.p2, key: command.data[5] ?? 0 };
    return { sw: SW.OK };
  }

  private performSecurityOperation(command: Command): Reply {
    if (command.p1 !== 0x9e || command.p2 !== 0x9a) return { sw: SW.WRONG_P1P2 };
    if (this.environment?.template !== 0xb6) return { sw: SW.CONDITIONS_NOT_SATISFIED };
    if (!this.verified) return { sw: SW.SECURITY_NOT_SATISFIED };
    if (command.data.length !== 32) return { sw: SW.WRONG_LENGTH };
    return this.rsaSign(this.environment.key, concatBytes([SHA256_DIGEST_INFO, command.data]));
  }

  private internalAuthenticate(command: Command): Reply {
    if (command.p1 !== 0x00 || command.p2 !== 0x00) return { sw: SW.WRONG_P1P2 };
    if (this.environment?.template !== 0xa4) return { sw: SW.CONDITIONS_NOT_SATISFIED };
    if (!this.verified) return { sw: SW.SECURITY_NOT_SATISFIED };
    // PKCS#1 v1.5 type 1 needs 11 bytes of padding in a 256-byte block.
    if (command.data.length === 0 || command.data.length > 245) return { sw: SW.WRONG_LENGTH };
    return this.rsaSign(this.environment.key, command.data);
  }

  private rsaSign(keyRef: number, block: Uint8Array): Reply {
    const key = this.keys.get(keyRef);
    if (key === undefined) return { sw: SW.REF_NOT_FOUND };
    return { data: privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, block), sw: SW.OK };
  }
}

function fids(data: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < data.length; i += 2) out.push(((data[i] ?? 0) << 8) | (data[i + 1] ?? 0));
  return data.length % 2 === 0 ? out : [];
}

function fcp(node: Node): Uint8Array {
  const size = node.content?.length ?? 0;
  return tlv(0x62, [
    tlv(0x80, Uint8Array.of(size >> 8, size & 0xff)),
    tlv(0x82, Uint8Array.of(node.children === undefined ? 0x01 : 0x38)),
    tlv(0x83, Uint8Array.of(node.fid >> 8, node.fid & 0xff)),
    tlv(0x8a, Uint8Array.of(0x05)),
  ]);
}

/** `5A 0A 80 25 00 00 01` + the serial in BCD, F-padded to 5 bytes (spec §2.2). */
function serialFile(serial: string): Uint8Array {
  const digits = `${serial}FFFFFFFFFF`.slice(0, 10);
  return concatBytes([hexBytes('5A0A8025000001'), hexBytes(digits)]);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
