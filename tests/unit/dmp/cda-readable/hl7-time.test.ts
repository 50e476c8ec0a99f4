import { describe, expect, it } from 'vitest';
import { hl7Time } from '../../../../renderer/src/features/documents/content';

describe('hl7Time', () => {
  it('shows the wall-clock time written in the document, whatever its offset', () => {
    expect(hl7Time('20191203133000+0100', 'fr')).toBe('03/12/2019 13:30');
    expect(hl7Time('20191203133000-0500', 'fr')).toBe('03/12/2019 13:30');
  });

  it('keeps only the precision the document gives', () => {
    expect(hl7Time('19790328', 'fr')).toBe('28/03/1979');
    expect(hl7Time('197903', 'fr')).toBe('mars 1979');
    expect(hl7Time('1979', 'fr')).toBe('1979');
  });

  it('shows an impossible date as written rather than rolling it over', () => {
    expect(hl7Time('20191301', 'fr')).toBe('20191301');
    expect(hl7Time('20190230', 'fr')).toBe('20190230');
    expect(hl7Time('201912031375', 'fr')).toBe('201912031375');
    expect(hl7Time('00500101', 'fr')).toBe('00500101');
  });
});
