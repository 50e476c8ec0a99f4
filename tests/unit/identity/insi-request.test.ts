import { describe, expect, it } from 'vitest';
import { contexteBam, contexteLps, recSansVitale, recVitale } from '../../../main/identity/insi/request';
import { parseXmlSafely } from '../../../main/xml';

const context = {
  lps: { idam: 'TEST-IDAM', version: '0.1.0', instance: 'inst-1', name: 'DMPDESK' },
  emitter: '1234567890',
  now: new Date('2026-11-22T15:00:00Z'),
};

describe('INSi request bodies', () => {
  it('keeps hyphens and apostrophes and escapes markup', () => {
    const body = recSansVitale({
      birthName: "D'ALMEIDA-JUMEAU",
      firstNames: ['ALEX<&>'],
      birthDate: '2001-09-09',
      sex: 'M',
    });
    const root = parseXmlSafely(body).documentElement;
    expect(root.getElementsByTagName('NomNaissance')[0]?.textContent).toBe("D'ALMEIDA-JUMEAU");
    expect(root.getElementsByTagName('Prenom')[0]?.textContent).toBe('ALEX<&>');
    expect(body).not.toContain('LieuNaissance');
  });

  it('sends the card matricules in XSD order, the individual one only when known', () => {
    const holder = { nir13: '1850775056301', key: '39' };
    const without = recVitale({ holder, birthName: 'VITALIS', birthDate: '2015-04-10', birthRank: 1 });
    expect(without).not.toContain('MatriculeIndividu');
    const root = parseXmlSafely(without).documentElement;
    const names = Array.from({ length: root.childNodes.length }, (_, i) => root.childNodes.item(i)?.nodeName);
    expect(names).toEqual(['MatriculeOD', 'NomNaissance', 'DateNaissance', 'RangNaissance']);
    const withOwn = recVitale({ individual: holder, holder, birthName: 'V', birthDate: '1985-07-03', birthRank: 2 });
    expect(withOwn.indexOf('MatriculeIndividu')).toBeLessThan(withOwn.indexOf('MatriculeOD'));
    expect(withOwn).toContain('<RangNaissance>2</RangNaissance>');
  });

  it('identifies the software in the LPS context and carries a BAM context', () => {
    const lps = parseXmlSafely(contexteLps(context)).documentElement;
    expect(lps.getAttribute('Nature')).toBe('CTXLPS');
    expect(lps.getElementsByTagName('ctxlps:IDAM')[0]?.getAttribute('R')).toBe('4');
    expect(lps.getElementsByTagName('ctxlps:Nom')[0]?.textContent).toBe('urn:lps:DMPDESK:0.1.0');
    const bam = parseXmlSafely(contexteBam(context)).documentElement;
    expect(bam.getAttribute('Version')).toBe('01_02');
    expect(bam.getElementsByTagName('ctxbam:Temps')[0]?.textContent).toBe('2026-11-22T15:00:00.000Z');
  });
});
