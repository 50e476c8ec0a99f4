import type { VitaleBeneficiary } from '../../shared/domain/cards';
import { malformed, requireOk, SW_OK } from './apdu';
import { readShortEf } from './ef-reader';
import { findTag, parseTlv, type Tlv } from './tlv';
import type { ApduTransport } from './transport';

/**
 * Carte Vitale 2, public part (spec cards-and-ins §1.2): the identity file (SFI 2 of
 * MF_VITALE, one template 65 per beneficiary: 80 nom, 81 prénom, 82 date, 90 nationalité) and
 * the NIR file (SFI 2 of VITALE, one template 65 per beneficiary: 93 NIR), in the same order.
 * Minimal sequence: SELECT, READ BINARY (+ 6Cxx resend), SELECT, READ BINARY (+ resend).
 */

const AID_MF_VITALE = Uint8Array.from(Buffer.from('D2500000024D465F564954414C45', 'hex'));
const AID_VITALE = Uint8Array.from(Buffer.from('D250000002564954414C45', 'hex'));
const SFI_DATA = 2;

const TAG_BENEFICIARY = 0x65;
const TAG_LAST_NAME = 0x80;
const TAG_FIRST_NAME = 0x81;
const TAG_BIRTH_DATE = 0x82;
const TAG_NATIONALITY = 0x90;
const TAG_NIR = 0x93;

/** 13 characters (Corsica keeps 2A/2B in the department) + 2-digit key. */
const NIR_PATTERN = /^[0-9]{6}[0-9AB][0-9]{8}$/;
/** `AAAAMMJJ`; lunar dates (00 month or day, or days past the month's end) are digits too. */
const BIRTH_DATE_PATTERN = /^[0-9]{8}$/;

const latin1 = new TextDecoder('latin1');

export async function readVitaleBeneficiaries(transport: ApduTransport): Promise<VitaleBeneficiary[]> {
  await selectAid(transport, AID_MF_VITALE, 'select-mf-vitale');
  const identities = beneficiaryTemplates(await readShortEf(transport, SFI_DATA, 'read-identity'));
  await selectAid(transport, AID_VITALE, 'select-vitale');
  const nirs = beneficiaryTemplates(await readShortEf(transport, SFI_DATA, 'read-nir'));
  if (identities.length === 0) throw malformed('vitale-no-beneficiary');
  if (nirs.length !== identities.length) throw malformed('vitale-nir-count');
  return identities.map((identity, index) => toBeneficiary(index, identity, nirs[index]));
}

async function selectAid(transport: ApduTransport, aid: Uint8Array, step: string): Promise<void> {
  // P2=0C: no FCI wanted, so the card answers 9000 directly instead of 61xx.
  const response = await transport.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid });
  if (response.sw !== SW_OK) requireOk(response, step);
}

function beneficiaryTemplates(file: Uint8Array): Tlv[] {
  return parseTlv(file, { padding: true }).filter((item) => item.tag === TAG_BENEFICIARY);
}

function toBeneficiary(index: number, identity: Tlv, nirTemplate: Tlv | undefined): VitaleBeneficiary {
  const lastName = text(identity.children, TAG_LAST_NAME);
  const firstName = text(identity.children, TAG_FIRST_NAME);
  const birthDate = text(identity.children, TAG_BIRTH_DATE);
  const nir = text(nirTemplate?.children ?? [], TAG_NIR);
  if (lastName === undefined || lastName === '') throw malformed('vitale-missing-name');
  if (firstName === undefined) throw malformed('vitale-missing-first-name');
  if (birthDate === undefined || !BIRTH_DATE_PATTERN.test(birthDate)) throw malformed('vitale-birth-date');
  if (nir === undefined || !NIR_PATTERN.test(nir)) throw malformed('vitale-nir');
  const nationality = text(identity.children, TAG_NATIONALITY);
  return {
    index,
    lastName,
    firstName,
    birthDate,
    nir,
    ...(nationality === undefined || nationality === '' ? {} : { nationality }),
  };
}

/** Card text is Latin-1, space-padded; control characters mean the answer is garbage. */
function text(items: readonly Tlv[], tag: number): string | undefined {
  const item = findTag(items, tag);
  if (item === undefined) return undefined;
  if (item.constructed || item.value.length > 64) throw malformed('vitale-field');
  const value = latin1.decode(item.value).trimEnd();
  // eslint-disable-next-line no-control-regex -- rejecting control bytes is the point.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw malformed('vitale-field-charset');
  return value;
}
