import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { Signer } from '../../../../main/crypto/signer';
import { buildDeposit, parseValueSet, UUID, type DepositInput } from '../../../../main/dmp/xds';
import { parseXmlSafely, selectElements, selectText } from '../../../../main/xml';
import { vectorsPath } from '../../../support/vectors';
import { clientPki } from '../client/pki';
import { AUTHOR, CONSULTATION_REPORT, PATIENT, PDF, STRUCTURE } from './fixtures';

const RIM = 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0';
const rim = (name: string): string => `*[local-name()='${name}' and namespace-uri()='${RIM}']`;
const jdv = (file: string) => parseValueSet(readFileSync(vectorsPath('cda', 'jeuxDeValeurs', file), 'utf8'));

let signer: Signer;
let input: DepositInput;

beforeAll(async () => {
  signer = createSoftwareSigner((await clientPki()).cps.sign);
  input = {
    content: PDF,
    mediaType: 'application/pdf',
    title: 'Compte rendu de consultation',
    typeCode: CONSULTATION_REPORT,
    patient: PATIENT,
    author: AUTHOR,
    structure: STRUCTURE,
    visibility: ['MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
    serviceStart: new Date('2026-11-22T09:30:00Z'),
    serviceStop: new Date('2026-11-22T09:50:00Z'),
    contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
    sourceId: '1.2.250.1.999.1.1.7898',
    signer,
    now: new Date('2026-11-22T10:00:00Z'),
    valueSets: {
      typeCode: jdv('JDV_J07_XdsTypeCode_CISIS.xml'),
      healthcareFacilityTypeCode: jdv('JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml'),
      practiceSettingCode: jdv('JDV_J04_XdsPracticeSettingCode_CISIS.xml'),
    },
  };
});

function entries(body: string) {
  const doc = parseXmlSafely(body);
  const objects = selectElements(doc, `//${rim('ExtrinsicObject')}`);
  const byId = (id: string) => objects.find((o) => o.getAttribute('id') === id);
  const scheme = (object: Element | undefined, uuid: string) =>
    selectElements(object as Element, `${rim('Classification')}[@classificationScheme='${uuid}']`).map((c) =>
      c.getAttribute('nodeRepresentation'),
    );
  const slotValue = (object: Element | undefined, name: string) =>
    selectText(object as Element, `${rim('Slot')}[@name='${name}']/${rim('ValueList')}/${rim('Value')}`);
  const external = (object: Element | undefined, uuid: string) =>
    selectText(object as Element, `${rim('ExternalIdentifier')}[@identificationScheme='${uuid}']/@value`);
  const associations = selectElements(doc, `//${rim('Association')}`).map((a) => [
    a.getAttribute('associationType'),
    a.getAttribute('sourceObject'),
    a.getAttribute('targetObject'),
  ]);
  return { document: byId('Document01'), signature: byId('Signature01'), scheme, slotValue, external, associations };
}

describe('buildDeposit', () => {
  it('maps the DocumentEntry from the CDA header it built (spec §8 table)', async () => {
    const deposit = await buildDeposit(input);
    const cda = parseXmlSafely(deposit.cda.xml);
    const { document, scheme, slotValue, external } = entries(deposit.request.body);
    expect(external(document, UUID.documentEntryUniqueId)).toBe(selectText(cda, '/hl7:ClinicalDocument/hl7:id/@root'));
    expect(scheme(document, UUID.typeCode)).toEqual([selectText(cda, '/hl7:ClinicalDocument/hl7:code/@code')]);
    expect(scheme(document, UUID.classCode)).toEqual(['10']);
    expect(scheme(document, UUID.formatCode)).toEqual(['urn:ihe:iti:xds-sd:pdf:2008']);
    expect(slotValue(document, 'creationTime')).toBe(
      selectText(cda, '/hl7:ClinicalDocument/hl7:effectiveTime/@value')?.slice(0, 14),
    );
    expect(slotValue(document, 'serviceStartTime')).toBe(
      selectText(cda, '//hl7:serviceEvent/hl7:effectiveTime/hl7:low/@value')?.slice(0, 14),
    );
    expect(scheme(document, UUID.healthcareFacilityTypeCode)).toEqual([
      selectText(cda, '//hl7:encompassingEncounter/hl7:location/hl7:healthCareFacility/hl7:code/@code'),
    ]);
    expect(scheme(document, UUID.practiceSettingCode)).toEqual([
      selectText(cda, '//hl7:serviceEvent//hl7:representedOrganization/hl7:standardIndustryClassCode/@code'),
    ]);
    const ins = selectText(cda, "//hl7:recordTarget/hl7:patientRole/hl7:id[@root='1.2.250.1.213.1.4.10']/@extension");
    expect(external(document, UUID.documentEntryPatientId)).toBe(`${ins}^^^&1.2.250.1.213.1.4.10&ISO^NH`);
    expect(slotValue(document, 'legalAuthenticator')).toMatch(
      new RegExp(`^${selectText(cda, '//hl7:legalAuthenticator/hl7:assignedEntity/hl7:id/@extension')}\\^LIBRE\\^MAX`),
    );
    // The CDA stays "N"; masking and visibility live only in the metadata.
    expect(selectText(cda, '/hl7:ClinicalDocument/hl7:confidentialityCode/@code')).toBe('N');
    expect(scheme(document, UUID.confidentialityCode)).toEqual(['N', 'MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX']);
  });

  it('links the XAdES document by signs and hides it from patient and professionals', async () => {
    const deposit = await buildDeposit(input);
    const { signature, scheme, associations, external } = entries(deposit.request.body);
    expect(scheme(signature, UUID.confidentialityCode)).toEqual(['N', 'MASQUE_PS', 'INVISIBLE_PATIENT']);
    expect(scheme(signature, UUID.formatCode)).toEqual(['http://www.w3.org/2000/09/xmldsig#']);
    expect(external(signature, UUID.documentEntryUniqueId)).toBe(deposit.uniqueIds.signature);
    expect(associations).toEqual([
      ['urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember', 'SubmissionSet01', 'Document01'],
      ['urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember', 'SubmissionSet01', 'Signature01'],
      ['urn:ihe:iti:2007:AssociationType:signs', 'Signature01', 'SubmissionSet01'],
    ]);
    const attachment = deposit.request.attachments.find((a) => a.contentId.startsWith('Signature01'));
    expect(Buffer.from(attachment?.data ?? []).toString('utf8')).toBe(deposit.signatureXml);
    expect(deposit.signatureXml).toContain(`urn:oid:${deposit.uniqueIds.document}`);
  });

  it('replacement: relatedDocument RPLC in the CDA, same setId, next version, RPLC association to the old entry', async () => {
    const old = await buildDeposit(input);
    const replaces = {
      uniqueId: old.uniqueIds.document,
      setId: old.cda.setId,
      versionNumber: old.cda.versionNumber,
      entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
    };
    const deposit = await buildDeposit({ ...input, replaces });
    const cda = parseXmlSafely(deposit.cda.xml);
    expect(selectText(cda, "//hl7:relatedDocument[@typeCode='RPLC']/hl7:parentDocument/hl7:id/@root")).toBe(
      old.uniqueIds.document,
    );
    expect(deposit.cda.setId).toBe(old.cda.setId);
    expect(selectText(cda, '/hl7:ClinicalDocument/hl7:versionNumber/@value')).toBe('2');
    expect(deposit.uniqueIds.document).not.toBe(old.uniqueIds.document);
    expect(entries(deposit.request.body).associations).toContainEqual([
      'urn:ihe:iti:2007:AssociationType:RPLC',
      'Document01',
      replaces.entryUuid,
    ]);
  });

  it('refuses codes outside the DMP value sets before the card is asked to sign', async () => {
    const sign = vi.fn((data: Uint8Array) => signer.sign(data));
    const watched: Signer = { ...signer, sign };
    await expect(
      buildDeposit({ ...input, signer: watched, typeCode: { ...CONSULTATION_REPORT, code: '00000-0' } }),
    ).rejects.toMatchObject({ code: 'DOC_CODE_NOT_IN_VALUE_SET', details: { field: 'typeCode', code: '00000-0' } });
    await expect(
      buildDeposit({
        ...input,
        signer: watched,
        structure: { ...STRUCTURE, practiceSetting: { ...STRUCTURE.practiceSetting, code: 'NOPE' } },
      }),
    ).rejects.toMatchObject({ code: 'DOC_CODE_NOT_IN_VALUE_SET', details: { field: 'practiceSetting' } });
    // In JDV_J07 but with no class mapping known here: refused rather than guessed.
    await expect(
      buildDeposit({ ...input, signer: watched, typeCode: { ...CONSULTATION_REPORT, code: '11369-6' } }),
    ).rejects.toMatchObject({ code: 'DOC_CODE_NOT_IN_VALUE_SET', details: { field: 'classCode' } });
    expect(sign).not.toHaveBeenCalled();
  });

  it('keeps markup and HL7 v2 delimiters of free text inert', async () => {
    const deposit = await buildDeposit({
      ...input,
      title: 'CR <script> & "x"',
      structure: { ...STRUCTURE, name: 'A^B&C|D' },
    });
    const cda = parseXmlSafely(deposit.cda.xml);
    expect(selectText(cda, '/hl7:ClinicalDocument/hl7:title')).toBe('CR <script> & "x"');
    const { document, scheme } = entries(deposit.request.body);
    void scheme;
    const institution = selectText(
      document as Element,
      `${rim('Classification')}/${rim('Slot')}[@name='authorInstitution']/${rim('ValueList')}/${rim('Value')}`,
    );
    expect(institution).toBe('A\\S\\B\\T\\C\\F\\D^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^499900063480001');
  });
});
