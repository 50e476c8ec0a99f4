import { describe, expect, it } from 'vitest';
import { vitaleIdentityFromBeneficiary } from '../../../main/identity/vitale';

describe('vitaleIdentityFromBeneficiary', () => {
  it('takes the NIR as the beneficiary own when its year and month agree with the birth date', () => {
    const own = vitaleIdentityFromBeneficiary({
      index: 0,
      lastName: 'CORSE',
      firstName: 'ANTHONY',
      birthDate: '19800302',
      nir: '1 80 03 2B 020 401 23',
    });
    expect(own).toMatchObject({ holderNir: '180032B02040123', ownNir: '180032B02040123' });
  });

  it("keeps a child's card NIR as the holder's only", () => {
    const child = vitaleIdentityFromBeneficiary({
      index: 1,
      lastName: 'VITALIS',
      firstName: 'LEA',
      birthDate: '20150410',
      nir: '185077505630139',
    });
    expect(child.holderNir).toBe('185077505630139');
    expect(child.ownNir).toBeUndefined();
  });

  it('does not guess with a lunar birth month', () => {
    const lunar = vitaleIdentityFromBeneficiary({
      index: 0,
      lastName: 'X',
      firstName: 'FRANCK',
      birthDate: '19380000',
      nir: '138039010402728',
    });
    expect(lunar.ownNir).toBeUndefined();
  });
});
