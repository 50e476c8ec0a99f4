import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCreation, buildPatientQuery, buildRevision, type Hl7Author } from '../../../../main/dmp/hl7v3';
import { buildPatientSearch } from '../../../../main/dmp/hl7v3/patient-search';
import {
  buildListAuthorizationByPatient,
  buildPatientList,
  buildSetAuthorization,
} from '../../../../main/dmp/ws/messages';
import { useTempDir } from '../../../support/temp-dir';
import { vectorsPath } from '../../../support/vectors';

/**
 * Every HL7v3 request the client builds is valid against the HL7v3 NE2009 schemas shipped with
 * the official WSDLs (checked by libxml2's xmllint, an independent validator).
 */
const run = promisify(execFile);
const tempDir = useTempDir('dmp-xsd-');
const SENDER = { oid: '1.3.6.1.4.1.48364', softwareName: 'DMP Desk' };
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' };
const NAME = { family: 'DUPONT', given: 'JEANNE', prefix: 'MME' };
const AUTHOR: Hl7Author = {
  nationalId: '899900063480',
  name: { family: 'LIBRE', given: 'MAX' },
  specialty: { code: 'SM26', displayName: 'Qualifié en Médecine Générale (SM)' },
  structure: { id: '499900063480001', name: 'CABINET DR LIBRE & ASSOCIÉS' },
};
const NOW = new Date('2026-11-22T10:00:00Z');

async function validate(xml: string, schema: string): Promise<{ ok: boolean; output: string }> {
  const file = join(await tempDir(), 'message.xml');
  await writeFile(file, xml);
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', schema, file]);
    return { ok: true, output: stderr };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr) };
  }
}

/** NE2009 for the patients service; PDQSupplier.wsdl (TD0.5) includes the NE2008 set, the one with PRPA_MT201306UV02. */
const hl7Schema = (interaction: string): string =>
  vectorsPath(
    'dmp-wsdl',
    'schema',
    'HL7V3',
    interaction === 'PRPA_IN201305UV02' ? 'NE2008' : 'NE2009',
    'multicacheschemas',
    `${interaction}.xsd`,
  );

describe('HL7v3 requests against the official schemas', () => {
  it.each([
    ['TD0.2', buildPatientQuery('TEST_EXST', PATIENT, SENDER, NOW).xml, 'PRPA_IN201307UV02'],
    ['TD1.3a', buildPatientQuery('CNSLT_DATA', PATIENT, SENDER, NOW).xml, 'PRPA_IN201307UV02'],
    [
      'TD1.1',
      buildCreation({ patient: PATIENT, name: NAME, sex: 'F', birthDate: '1980-02-29', author: AUTHOR }, SENDER, NOW)
        .xml,
      'PRPA_IN201311UV02',
    ],
    [
      'TD1.2',
      buildRevision({ reason: 'REAC', patient: PATIENT, name: NAME, author: AUTHOR }, SENDER, NOW).xml,
      'PRPA_IN201314UV02',
    ],
    [
      'TD1.3b',
      buildRevision(
        {
          reason: 'MODIF_DATA',
          patient: PATIENT,
          name: NAME,
          author: AUTHOR,
          telecoms: [
            { use: 'HP', value: 'tel:0123456789' },
            { use: null, value: 'mailto:j@example.invalid' },
          ],
          sex: 'F',
          birthDate: '1980-02-29',
          address: { lines: ['20 rue des edelweiss'], postalCode: '75005', city: 'Paris', country: 'France' },
          oppositions: { breakGlass: true, emergency: false },
        },
        SENDER,
        NOW,
      ).xml,
      'PRPA_IN201314UV02',
    ],
    [
      'TD1.4',
      buildRevision({ reason: 'FERM', patient: PATIENT, name: NAME, author: AUTHOR }, SENDER, NOW).xml,
      'PRPA_IN201314UV02',
    ],
    ['TD0.5 by name', buildPatientSearch({ family: 'DECHAINE' }, SENDER, NOW).xml, 'PRPA_IN201305UV02'],
    [
      'TD0.5 by every trait',
      buildPatientSearch({ family: 'DECHAINE', given: 'IRENE', sex: 'F', birthDate: '1957-06-28' }, SENDER, NOW).xml,
      'PRPA_IN201305UV02',
    ],
  ])('%s is schema-valid', async (_td, xml, interaction) => {
    const verdict = await validate(xml, hl7Schema(interaction));
    expect(verdict.output).toContain('validates');
    expect(verdict.ok).toBe(true);
  });

  it('the validator does catch a broken message (the check can fail)', async () => {
    const broken = buildPatientQuery('TEST_EXST', PATIENT, SENDER, NOW).xml.replace('<processingCode code="P"/>', '');
    expect((await validate(broken, hl7Schema('PRPA_IN201307UV02'))).ok).toBe(false);
  });
});

describe('DMP web-service requests follow their WSDL types', () => {
  it('writes the elements the WSDLs declare, in their order', () => {
    expect(buildSetAuthorization('SUPPRESSION', true)).toBe(
      '<setAuthorization xmlns="urn:si-dmp-habilitations"><action>SUPPRESSION</action><role>MEDECIN_TRAITANT</role></setAuthorization>',
    );
    expect(buildListAuthorizationByPatient('INTERDITE')).toBe(
      '<listAuthorizationByPatient xmlns="urn:si-dmp-habilitations"><mode>INTERDITE</mode></listAuthorizationByPatient>',
    );
    // startDate as the interface's timestamps (the official TD0.4 request: 20101010202010).
    expect(buildPatientList('2026-01-31', 'LASTDOC')).toBe(
      '<patientList xmlns="urn:si-dmp-patients"><startDate>20260131000000</startDate><dateType>LASTDOC</dateType></patientList>',
    );
    expect(buildPatientList('20101010202010', 'LASTAUTORIZATION')).toContain('<startDate>20101010202010</startDate>');
    expect(() => buildPatientList('2026-01', 'LASTDOC')).toThrow(RangeError);
  });

  /** The xs:schema a kit WSDL embeds, written out as a standalone schema file for xmllint. */
  async function embeddedSchema(wsdl: string): Promise<string> {
    const text = await readFile(vectorsPath('dmp-wsdl', wsdl), 'utf8');
    const schema = /<xs:schema[\s\S]*<\/xs:schema>/.exec(text)?.[0];
    if (schema === undefined) throw new Error(`no schema in ${wsdl}`);
    const file = join(await tempDir(), wsdl.replace('.wsdl', '.xsd'));
    await writeFile(file, schema);
    return file;
  }

  it('validates against the schemas embedded in Habilitations.wsdl and PatientsSpecific.wsdl', async () => {
    const habilitations = await embeddedSchema('Habilitations.wsdl');
    const patientsSpecific = await embeddedSchema('PatientsSpecific.wsdl');
    for (const xml of [
      buildSetAuthorization('AJOUT', false),
      buildSetAuthorization('SUPPRESSION', true),
      buildListAuthorizationByPatient('TOUTE'),
    ]) {
      expect(await validate(xml, habilitations)).toMatchObject({ ok: true });
    }
    for (const dateType of ['LASTAUTORIZATION', 'LASTDOC'] as const) {
      expect(await validate(buildPatientList('2026-01-31', dateType), patientsSpecific)).toMatchObject({ ok: true });
    }
    // The check can fail: a dateType outside the WSDL's enumeration.
    const broken = buildPatientList('2026-01-31', 'LASTDOC').replace('LASTDOC', 'LASTDOCUMENT');
    expect((await validate(broken, patientsSpecific)).ok).toBe(false);
  });
});
