import { describe, expect, it } from 'vitest';
import { buildCdaN1 } from '../../../../main/dmp/cda';
import { vectorsPath } from '../../../support/vectors';
import { cdaInput, PATIENT } from '../../../unit/dmp/documents/fixtures';
import { loadSchematron } from './schematron';
import { xsdErrors } from './xmllint';

/**
 * Every CDA the builder produces passes the CDA R2 schema (CI-SIS extended) and the ANS
 * schematrons that apply to a level-1 document: minimal structuring (header, INS traits, value
 * sets), terminologies, and the IHE / CI-SIS content models (which find no section in an N1 body).
 */
const CDA_XSD = vectorsPath('cda', 'infrastructure', 'cda', 'CDA_extended.xsd');
const PROFILES = vectorsPath('cda', 'schematrons', 'profils');

const variants = {
  'PDF, first version': buildCdaN1(cdaInput()).xml,
  'plain text': buildCdaN1(
    cdaInput({ body: { mediaType: 'text/plain', content: new TextEncoder().encode('Examen normal.') } }),
  ).xml,
  'replacement (RPLC), other legal authenticator, no stop time': buildCdaN1(
    cdaInput({
      uniqueId: '1.2.250.1.999.1.1.7898.4.1002',
      serviceStop: undefined as never,
      legalAuthenticator: {
        nationalId: '810002422979',
        family: 'CHARLES',
        given: 'PASCAL',
        specialty: cdaInput().author.specialty,
      },
      replaces: {
        uniqueId: '1.2.250.1.999.1.1.7898.4.1001',
        setId: '1.2.250.1.999.1.1.7898.4.1001',
        versionNumber: 1,
        entryUuid: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      },
    }),
  ).xml,
};

/** Breaks two rules a real builder bug could break: INS traits (no birth place) and the typeCode value set. */
const broken = buildCdaN1(
  cdaInput({
    patient: { ...PATIENT, birthPlaceCode: 'X' },
    typeCode: { code: '99999-9', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Pas un type DMP' },
  }),
).xml.replace(/<birthplace>.*<\/birthplace>/, '');

const errorsOf = (findings: readonly { role: string; message: string }[]) =>
  findings.filter((f) => f.role !== 'warning' && f.role !== 'info' && f.role !== 'report').map((f) => f.message);

describe('produced CDA against the CDA R2 schema', () => {
  it.each(Object.entries(variants))('%s is valid', async (_, xml) => {
    expect(await xsdErrors(xml, CDA_XSD)).toEqual([]);
  });

  it('the schema check bites (an element out of order is refused)', async () => {
    const swapped = variants['PDF, first version']
      .replace('<languageCode code="fr-FR"/>', '')
      .replace('<realmCode code="FR"/>', '<realmCode code="FR"/><languageCode code="fr-FR"/>');
    expect((await xsdErrors(swapped, CDA_XSD)).length).toBeGreaterThan(0);
  });
});

describe('produced CDA against the ANS schematrons', () => {
  const strucMin = loadSchematron(`${PROFILES}/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch`);

  it.each(Object.entries(variants))(
    'structuration minimale: %s has no error',
    (_, xml) => {
      const report = strucMin.validate(xml);
      expect(errorsOf(report.findings)).toEqual([]);
      // Guards against a silent engine: most header rules really ran.
      expect(report.evaluated).toBeGreaterThan(800);
      expect(report.unevaluable.size).toBeLessThan(15);
    },
    180_000,
  );

  it('structuration minimale catches missing INS traits and a type outside JDV_J07', () => {
    const messages = errorsOf(strucMin.validate(broken).findings).join('\n');
    expect(messages).toMatch(/lieu de naissance/);
    expect(messages).toMatch(/1\.2\.250\.1\.213\.1\.1\.5\.471/);
  }, 180_000);

  it.each([
    'CI-SIS_ModelesDeContenusCDA.sch',
    'CI-SIS_Modeles_ANS.sch',
    'IHE.sch',
    'terminologies/schematron/terminologie.sch',
  ])(
    '%s: no error on any variant',
    (file) => {
      const schematron = loadSchematron(`${PROFILES}/${file}`);
      // IHE.sch names one include (E_directiveAnticipee_int.sch) that the ANS package does not ship.
      expect(schematron.missingIncludes.map((p) => p.split('/').pop())).toEqual(
        file === 'IHE.sch' ? ['E_directiveAnticipee_int.sch'] : [],
      );
      for (const xml of Object.values(variants)) expect(errorsOf(schematron.validate(xml).findings)).toEqual([]);
    },
    180_000,
  );
});
