import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInsiResult } from '../../../main/identity/insi/response';
import { parseEnvelope } from '../../../main/soap';
import { INS_OIDS } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { vectorsPath } from '../../support/vectors';

const official = (name: string): string => readFileSync(vectorsPath('insi-responses', name), 'utf8');
const read = (xml: string) => readInsiResult(parseEnvelope(xml).payload);

const failure = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.details } : error;
  }
  return undefined;
};

const wrap = (resultat: string): string =>
  '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>' +
  `<RESULTAT xmlns="http://www.cnamts.fr/INSiResultat">${resultat}</RESULTAT></soap:Body></soap:Envelope>`;

describe('the five official CNAM responses', () => {
  it('REP_CR01: no identity', () => {
    expect(read(official('REP_CR01.xml'))).toEqual({ code: '01' });
  });

  it('TEST_2.04_cas2: ECETINSI with history, dates before IdIndividu', () => {
    const result = read(official('TEST_2.04_cas2.xml'));
    if (result.code !== '00') throw new Error('expected 00');
    const { active, history, traits } = result.individual;
    expect(active).toMatchObject({ nir13: '1090763220834', key: '89', kind: 'NIR', keyValid: true });
    expect(history.map((h) => `${h.nir13}${h.key}`)).toEqual(['209076322083439', '209066322012355']);
    expect(history[0]).toMatchObject({ startDate: '2019-03-01', endDate: '2019-02-28' });
    expect(traits).toEqual({
      birthName: 'ECETINSI',
      firstNames: ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT'],
      sex: 'M',
      birthDate: '2009-07-14',
      birthPlace: '63220',
    });
  });

  it('TEST_2.05: a NIA is told apart by its OID only', () => {
    const result = read(official('TEST_2.05.xml'));
    if (result.code !== '00') throw new Error('expected 00');
    expect(result.individual.active).toMatchObject({ nir13: '1090763220888', oid: INS_OIDS.NIA, kind: 'NIA' });
    expect(result.individual.traits.firstNames).toEqual(['MATRICULE']);
  });

  it('TEST_2.08_cas1: Corsican matricule 2B', () => {
    const result = read(official('TEST_2.08_cas1.xml'));
    if (result.code !== '00') throw new Error('expected 00');
    expect(result.individual.active).toMatchObject({ nir13: '180032B020401', key: '23', keyValid: true });
    expect(result.individual.traits.birthPlace).toBe('2B020');
  });

  it('TEST_2.08_cas2: HERMANN, whose keys fail mod 97, is read and flagged', () => {
    const result = read(official('TEST_2.08_cas2.xml'));
    if (result.code !== '00') throw new Error('expected 00');
    expect(result.individual.active.keyValid).toBe(false);
    expect(result.individual.history).toHaveLength(2);
  });
});

describe('malformed INSi answers', () => {
  it('refuses an unknown result code, a missing individual and a foreign body', () => {
    expect(failure(() => read(wrap('<CR><CodeCR>07</CodeCR><LibelleCR>?</LibelleCR></CR>')))).toEqual({
      code: 'INSI_INVALID_RESPONSE',
      reason: 'unknown_code',
    });
    expect(failure(() => read(wrap('<CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR>')))).toEqual({
      code: 'INSI_INVALID_RESPONSE',
      reason: 'missing_INDIVIDU',
    });
    const foreign =
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><RESULTAT/></soap:Body></soap:Envelope>';
    expect(failure(() => read(foreign))).toEqual({ code: 'INSI_INVALID_RESPONSE', reason: 'not_resultat' });
  });

  it('refuses a bad matricule, an unknown OID and a bad sex', () => {
    const individu = (num: string, oid: string, sex: string): string =>
      `<CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR><INDIVIDU><INSACTIF><IdIndividu><NumIdentifiant>${num}</NumIdentifiant><Cle>12</Cle></IdIndividu><OID>${oid}</OID></INSACTIF><TIQ><NomNaissance>X</NomNaissance><Sexe>${sex}</Sexe><DateNaissance>2000-01-01</DateNaissance></TIQ></INDIVIDU>`;
    expect(failure(() => read(wrap(individu('12345', INS_OIDS.NIR, 'M'))))).toMatchObject({
      reason: 'matricule_format',
    });
    expect(failure(() => read(wrap(individu('1090763220888', '1.2.3', 'M'))))).toMatchObject({
      reason: 'unknown_oid',
    });
    expect(failure(() => read(wrap(individu('1090763220888', INS_OIDS.NIR_TEST, 'X'))))).toMatchObject({
      reason: 'sex',
    });
    const ok = read(wrap(individu('1090763220888', INS_OIDS.NIR_TEST, 'M')));
    expect(ok.code === '00' && ok.individual.active.kind).toBe('NIR_TEST');
  });
});

describe('hostile INSi answers', () => {
  const response = official('REP_CR01.xml');

  it('refuses an external entity (XXE)', () => {
    const xxe = response
      .replace('<soap:Envelope', '<!DOCTYPE x [<!ENTITY f SYSTEM "file:///etc/passwd">]><soap:Envelope')
      .replace('Aucune identite trouvee', '&f;');
    expect(failure(() => read(xxe))).toMatchObject({ code: 'XML_HOSTILE' });
  });

  it('refuses entity expansion (billion laughs)', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      response.replace(/^<\?xml[^>]*>/, '').replace('Aucune identite trouvee', '&lol2;');
    expect(failure(() => read(lol))).toMatchObject({ code: 'XML_HOSTILE' });
  });

  it('refuses an oversized answer before parsing it', () => {
    const big = response.replace('Aucune identite trouvee', 'A'.repeat(300_000));
    expect(failure(() => readInsiResult(parseEnvelope(big, { maxBytes: 256 * 1024 }).payload))).toMatchObject({
      code: 'XML_TOO_LARGE',
    });
  });
});
