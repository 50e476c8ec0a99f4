import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { vectorsPath } from '../../support/vectors';

const XSD_DIR = ['insi-wsdl', 'xsd'];

const file = (...path: string[]) => ({
  fileName: path.at(-1) ?? '',
  contents: readFileSync(vectorsPath(...XSD_DIR, ...path), 'utf8'),
});

/** The INSi schemas (flat: none of them imports another). */
export const INSI_XSD = {
  recSans: () => file('ServiceIdentiteCertifiee', 'INSi_RECSANS_INS.xsd'),
  recVit: () => file('ServiceIdentiteCertifiee', 'INSi_RECVITALE_INS.xsd'),
  resultat: () => file('ServiceIdentiteCertifiee', 'INSi_RESULTAT_INS.xsd'),
  ctxBam: () => file('CTX', 'ROOT_ctxbam_CTXBAM_V01_02.xsd'),
  ctxLps: () => file('CTX', 'ROOT_ctxlps_CTXLPS_V01_00.xsd'),
  fault: () => file('schema_faultSOAP_V01_01.xsd'),
} as const;

/** Validates one XML document against one schema with libxml2 (wasm); returns the error messages. */
export async function xsdErrors(xml: string, schema: { fileName: string; contents: string }): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'message.xml', contents: xml }, schema });
  return result.errors.map((error) => error.message);
}
