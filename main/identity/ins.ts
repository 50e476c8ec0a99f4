import { INS_OIDS, type Ins, type InsKind } from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';
import { isNirKeyValid } from './nir';

const KIND_BY_OID: Readonly<Record<string, InsKind>> = {
  [INS_OIDS.NIR]: 'NIR',
  [INS_OIDS.NIA]: 'NIA',
  [INS_OIDS.NIR_TEST]: 'NIR_TEST',
  [INS_OIDS.NIR_DEMO]: 'NIR_DEMO',
};

/**
 * A NIR and a NIA look alike (same 13 + 2 shape, same key rule); only the authority OID tells
 * them apart, so the kind always comes from the OID, never from the digits.
 */
export function insKindFromOid(oid: string): InsKind | undefined {
  return Object.hasOwn(KIND_BY_OID, oid) ? KIND_BY_OID[oid] : undefined;
}

export function makeIns(fields: {
  nir13: string;
  key: string;
  oid: string;
  startDate?: string | undefined;
  endDate?: string | undefined;
}): Ins {
  const kind = insKindFromOid(fields.oid);
  if (kind === undefined) throw new AppError('INSI_INVALID_RESPONSE', { details: { reason: 'unknown_oid' } });
  return {
    nir13: fields.nir13,
    key: fields.key,
    oid: fields.oid,
    kind,
    keyValid: isNirKeyValid(fields.nir13, fields.key),
    ...(fields.startDate === undefined ? {} : { startDate: fields.startDate }),
    ...(fields.endDate === undefined ? {} : { endDate: fields.endDate }),
  };
}

/** HL7 v2 / XDS CX form of an INS: `<matricule15>^^^&<oid>&ISO^NH`. */
export function insToCx(ins: Ins): string {
  return `${ins.nir13}${ins.key}^^^&${ins.oid}&ISO^NH`;
}
