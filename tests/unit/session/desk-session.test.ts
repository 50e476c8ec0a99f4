import { describe, expect, it } from 'vitest';
import { professionLabelsFrom } from '../../../main/session/desk-session';

const JDV_J01 = new Map([
  ['G15_10', 'Médecin'],
  ['G15_10/SM26', 'Médecin - Qualifié en Médecine Générale (SM)'],
  ['G15_60', 'Infirmier'],
]);
const labels = professionLabelsFrom((code) => JDV_J01.get(code));

describe('desk session', () => {
  it("reads the CPS's profession and specialty codes in the JDV_J01 value set", () => {
    expect(labels('10', 'SM26')).toEqual({
      profession: 'Médecin',
      specialty: 'Médecin - Qualifié en Médecine Générale (SM)',
    });
    expect(labels('60', undefined)).toEqual({ profession: 'Infirmier' });
  });

  it('gives no words for a code the value set does not have, so the screen falls back to the code', () => {
    expect(labels('99', 'SM99')).toEqual({});
    expect(labels('10', 'SM99')).toEqual({ profession: 'Médecin' });
  });
});
