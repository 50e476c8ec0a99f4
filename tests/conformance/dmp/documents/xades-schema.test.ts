import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import { buildCdaN1 } from '../../../../main/dmp/cda';
import { canonicalDocumentDigest, signXades } from '../../../../main/dmp/xades';
import { useTempDir } from '../../../support/temp-dir';
import { vectorsPath } from '../../../support/vectors';
import { clientPki } from '../../../unit/dmp/client/pki';
import { cdaInput } from '../../../unit/dmp/documents/fixtures';
import { xsdErrors } from './xmllint';

/**
 * The XAdES document against the XAdES 1.1.1 and XML-DSig schemas of the DMP kit. XAdES.xsd imports
 * XML-DSig from the W3C site; a wrapper imports the local copy first so nothing is fetched.
 */
const tempDir = useTempDir('dmp-xades-xsd-');
let schema: string;

// Per test: the temporary directory is removed after each one.
beforeEach(async () => {
  const dir = await tempDir();
  schema = join(dir, 'wrapper.xsd');
  const local = (file: string) => pathToFileURL(vectorsPath('dmp-wsdl', file)).href;
  await writeFile(
    schema,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:dmp-desk:wrapper">` +
      `<xs:import namespace="http://www.w3.org/2000/09/xmldsig#" schemaLocation="${local('xmldsig-core-schema.xsd')}"/>` +
      `<xs:import namespace="http://uri.etsi.org/01903/v1.1.1#" schemaLocation="${local('XAdES.xsd')}"/>` +
      `</xs:schema>`,
  );
});

/** The one complaint the official sample shares: its Signature/@Id (a UUID, here an OID) is not an xs:ID. */
const beyondTheSample = (errors: string[]) =>
  errors.filter((e) => !/attribute 'Id': '[^']*' is not a valid value of the atomic type 'xs:ID'/.test(e));

describe('XAdES signature against the XAdES 1.1.1 schema', () => {
  it('the official TD2.1 sample has only the Id complaint (the check is calibrated)', async () => {
    const sample = readFileSync(vectorsPath('dmp-messages', 'TD2.1-SignatureXades.xml'), 'utf8');
    const errors = await xsdErrors(sample, schema);
    expect(errors.length).toBeGreaterThan(0);
    expect(beyondTheSample(errors)).toEqual([]);
  });

  it('ours has nothing beyond it, and a misplaced element is caught', async () => {
    const cda = buildCdaN1(cdaInput()).xml;
    const signature = await signXades({
      signatureId: '1.2.250.1.999.1.1.7898.5.1',
      submissionSetUniqueId: '1.2.250.1.999.1.1.7898.1.1',
      documents: [{ uniqueId: '1.2.250.1.999.1.1.7898.4.1001', digest: canonicalDocumentDigest(cda) }],
      signingTime: new Date('2026-11-22T10:00:00Z'),
      signer: createSoftwareSigner((await clientPki()).cps.sign),
    });
    expect(beyondTheSample(await xsdErrors(signature, schema))).toEqual([]);
    const broken = signature.replace('<SigningTime>', '<SigningCertificate/><SigningTime>');
    const brokenErrors = await xsdErrors(broken, schema);
    expect(beyondTheSample(brokenErrors).join('\n')).toMatch(/SigningCertificate': This element is not expected/);
  });
});
