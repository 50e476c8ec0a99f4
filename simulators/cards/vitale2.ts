import { SW, type Command, type Reply } from './command';
import { IsoCard } from './iso-card';
import { concatBytes, hexBytes, latin1, tlv } from './tlv';

/**
 * Virtual carte Vitale 2, written from spec cards-and-ins §1.2 and §1.7: two applications
 * (MF_VITALE, VITALE), the identity file (SFI 2 / FID D001 of MF_VITALE: one template 65 per
 * beneficiary with 80 nom, 81 prénom, 82 AAAAMMJJ, 90 nationalité) and the NIR file (SFI 2 of
 * VITALE: one template 65 with 93 NIR per beneficiary, same order), padded with 00.
 */

export interface VitaleBeneficiaryData {
  readonly lastName: string;
  readonly firstName: string;
  /** `AAAAMMJJ`, lunar values allowed. */
  readonly birthDate: string;
  /** 15 characters: NIR13 + key. */
  readonly nir: string;
  readonly nationality?: string;
}

export interface Vitale2Options {
  readonly beneficiaries: readonly VitaleBeneficiaryData[];
  /** Variable ATR nibble (spec: 3..9, B, C); 9 by default as §1.7 suggests. */
  readonly atrVariant?: number;
  readonly serial?: string;
}

const AID_MF_VITALE = 'D2500000024D465F564954414C45';
const AID_VITALE = 'D250000002564954414C45';

interface Ef {
  readonly fid: number;
  readonly sfi?: number;
  readonly content: Uint8Array;
}

interface Df {
  readonly aid: string;
  readonly files: readonly Ef[];
}

export class VirtualVitale2 extends IsoCard {
  readonly atr: Uint8Array;
  private readonly mf: Df;
  private readonly vitale: Df;
  private currentDf: Df;
  private currentEf: Ef | undefined;

  constructor(options: Vitale2Options) {
    super();
    const variant = options.atrVariant ?? 9;
    this.atr = hexBytes(`3B751300004${variant.toString(16).toUpperCase()}09EA9000`);
    const identity = padded(
      options.beneficiaries.map((b) =>
        tlv(0x65, [
          tlv(0x80, latin1(b.lastName.toUpperCase())),
          tlv(0x81, latin1(b.firstName.toUpperCase())),
          tlv(0x82, latin1(b.birthDate)),
          ...(b.nationality === undefined ? [] : [tlv(0x90, latin1(b.nationality))]),
        ]),
      ),
    );
    const nirs = padded(options.beneficiaries.map((b) => tlv(0x65, tlv(0x93, latin1(b.nir)))));
    this.mf = {
      aid: AID_MF_VITALE,
      files: [
        { fid: 0x2f00, content: tlv(0x61, [tlv(0x4f, hexBytes(AID_VITALE)), tlv(0x50, latin1('VITALE'))]) },
        { fid: 0x2f02, content: tlv(0x5a, latin1(options.serial ?? '0000000001')) },
        { fid: 0xd001, sfi: 2, content: identity },
      ],
    };
    this.vitale = {
      aid: AID_VITALE,
      files: [
        { fid: 0x2001, content: pointerFile() },
        { fid: 0xd002, sfi: 2, content: nirs },
      ],
    };
    this.currentDf = this.mf;
  }

  protected onReset(): void {
    this.currentDf = this.mf;
    this.currentEf = undefined;
  }

  protected handle(command: Command): Reply {
    switch (command.ins) {
      case 0xa4:
        return this.select(command);
      case 0xb0:
        return this.readBinary(command);
      default:
        return { sw: SW.INS_NOT_SUPPORTED };
    }
  }

  private select(command: Command): Reply {
    if (command.p2 !== 0x00 && command.p2 !== 0x0c) return { sw: SW.WRONG_P1P2 };
    const wantsFci = command.p2 === 0x00;
    const id = Buffer.from(command.data).toString('hex').toUpperCase();
    if (command.p1 === 0x00 && id === '3F00') {
      this.currentDf = this.mf;
      this.currentEf = undefined;
      return wantsFci ? { data: fci(this.mf.aid), sw: SW.OK } : { sw: SW.OK };
    }
    if (command.p1 === 0x04) {
      const df = [this.mf, this.vitale].find((candidate) => candidate.aid === id);
      if (df === undefined) return { sw: SW.FILE_NOT_FOUND };
      this.currentDf = df;
      this.currentEf = undefined;
      return wantsFci ? { data: fci(df.aid), sw: SW.OK } : { sw: SW.OK };
    }
    if (command.p1 === 0x02 && command.data.length === 2) {
      const fid = ((command.data[0] ?? 0) << 8) | (command.data[1] ?? 0);
      const ef = this.currentDf.files.find((file) => file.fid === fid);
      if (ef === undefined) return { sw: SW.FILE_NOT_FOUND };
      this.currentEf = ef;
      return wantsFci ? { data: fcp(ef), sw: SW.OK } : { sw: SW.OK };
    }
    return { sw: SW.WRONG_P1P2 };
  }

  private readBinary(command: Command): Reply {
    let offset: number;
    if ((command.p1 & 0x80) !== 0) {
      const sfi = command.p1 & 0x1f;
      const ef = this.currentDf.files.find((file) => file.sfi === sfi);
      if (ef === undefined) return { sw: SW.FILE_NOT_FOUND };
      this.currentEf = ef;
      offset = command.p2;
    } else {
      offset = (command.p1 << 8) | command.p2;
    }
    const ef = this.currentEf;
    if (ef === undefined) return { sw: SW.NO_CURRENT_EF };
    if (offset >= ef.content.length) return { sw: SW.WRONG_OFFSET };
    return { data: ef.content.subarray(offset, offset + 256), sw: SW.OK };
  }
}

/** Fixed-size files end in 00 padding, which is how readers find the last beneficiary. */
function padded(templates: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(templates);
  const size = Math.ceil((body.length + 1) / 32) * 32;
  const out = new Uint8Array(size);
  out.set(body);
  return out;
}

function fci(aid: string): Uint8Array {
  return tlv(0x6f, tlv(0x84, hexBytes(aid)));
}

function fcp(ef: Ef): Uint8Array {
  return tlv(0x62, [
    tlv(0x80, Uint8Array.of(ef.content.length >> 8, ef.content.length & 0xff)),
    tlv(0x82, Uint8Array.of(0x01)),
    tlv(0x83, Uint8Array.of(ef.fid >> 8, ef.fid & 0xff)),
  ]);
}

/** Map file 2001 as cardpeek parses it: E0 { A0 { 82 entry+AID }, 80 name+entry+FID }. */
function pointerFile(): Uint8Array {
  const entry = tlv(0x82, concatBytes([Uint8Array.of(0, 1, 0, 0), hexBytes(AID_VITALE)]));
  const file = tlv(0x80, concatBytes([latin1('NIR     '), Uint8Array.of(0, 1, 0xd0, 0x02)]));
  return tlv(0xe0, [tlv(0xa0, entry), file]);
}
