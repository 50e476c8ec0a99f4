import { describe, expect, it } from 'vitest';
import { insKindFromOid, insToCx, makeIns } from '../../../main/identity/ins';
import { INS_OIDS } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';

describe('INS kinds come from the OID, never from the digits', () => {
  it('maps .8 NIR, .9 NIA, .10 test, .11 demo; the INS-C OID .2 is no INSi identity', () => {
    expect(insKindFromOid('1.2.250.1.213.1.4.8')).toBe('NIR');
    expect(insKindFromOid('1.2.250.1.213.1.4.9')).toBe('NIA');
    expect(insKindFromOid('1.2.250.1.213.1.4.10')).toBe('NIR_TEST');
    expect(insKindFromOid('1.2.250.1.213.1.4.11')).toBe('NIR_DEMO');
    expect(INS_OIDS.INSC).toBe('1.2.250.1.213.1.4.2');
    expect(insKindFromOid(INS_OIDS.INSC)).toBeUndefined();
    expect(insKindFromOid('toString')).toBeUndefined();
  });

  it('gives the same digits two kinds under two OIDs', () => {
    const nia = makeIns({ nir13: '1090763220888', key: '35', oid: INS_OIDS.NIA });
    const nir = makeIns({ nir13: '1090763220888', key: '35', oid: INS_OIDS.NIR });
    expect([nia.kind, nir.kind]).toEqual(['NIA', 'NIR']);
    expect(nia.keyValid).toBe(true);
  });

  it('refuses an unknown OID', () => {
    expect(() => makeIns({ nir13: '1090763220888', key: '35', oid: '1.2.3' })).toThrow(AppError);
  });

  it('writes the HL7 CX form', () => {
    expect(insToCx(makeIns({ nir13: '297022A020778', key: '78', oid: INS_OIDS.NIR }))).toBe(
      '297022A02077878^^^&1.2.250.1.213.1.4.8&ISO^NH',
    );
  });
});
