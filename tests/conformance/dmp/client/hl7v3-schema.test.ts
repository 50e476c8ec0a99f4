import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCreation, buildPatientQuery, buildRevision, type Hl7Author } from '../../../../main/dmp/hl7v3';
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

const hl7Schema = (interaction: string): string =>
  vectorsPath('dmp-wsdl', 'schema', 'HL7V3', 'NE2009', 'multicacheschemas', `${interaction}.xsd`);

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
    expect(buildPatientList('2026-01-31', 'LASTDOC')).toBe(
      '<patientList xmlns="urn:si-dmp-patients"><startDate>20260131</startDate><dateType>LASTDOC</dateType></patientList>',
    );
  });
});
