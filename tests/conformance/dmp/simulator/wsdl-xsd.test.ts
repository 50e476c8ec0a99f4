import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { vectorsPath } from '../../../support/vectors';
import { sendOfficial, startFixture, type SimulatorFixture } from '../../../integration/dmp/simulator/harness';
import { td03, td04, td16 } from '../../../integration/dmp/simulator/requests';

const XS = 'http://www.w3.org/2001/XMLSchema';

/** The xs:schema embedded in a kit WSDL, as a standalone schema document. */
function embeddedSchema(wsdl: string): { fileName: string; contents: string } {
  const document = new DOMParser().parseFromString(readFileSync(vectorsPath('dmp-wsdl', wsdl), 'utf8'), 'text/xml');
  const schema = document.getElementsByTagNameNS(XS, 'schema')[0];
  if (schema === undefined) throw new Error(`no schema in ${wsdl}`);
  return { fileName: wsdl.replace('.wsdl', '.xsd'), contents: new XMLSerializer().serializeToString(schema) };
}

/** The operation element of a SOAP answer body, as a standalone document. */
function operation(body: string): string {
  const soapBody = new DOMParser()
    .parseFromString(body, 'text/xml')
    .getElementsByTagNameNS('http://www.w3.org/2003/05/soap-envelope', 'Body')[0];
  const element = Array.from(soapBody?.childNodes ?? []).find((node) => node.nodeType === 1);
  if (element === undefined) throw new Error('empty SOAP body');
  return new XMLSerializer().serializeToString(element);
}

async function errors(xml: string, schema: { fileName: string; contents: string }): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'answer.xml', contents: xml }, schema });
  return result.errors.map((error) => error.message);
}

let fx: SimulatorFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => fx.sim.close());

describe('web-service answers validate against the schemas embedded in the kit WSDLs', () => {
  const habilitations = (): { fileName: string; contents: string } => embeddedSchema('Habilitations.wsdl');

  it('the schema rejects a broken answer (the check can fail)', async () => {
    const answer = await sendOfficial(fx, 'habilitations', td03('AJOUT'));
    const broken = operation(answer.body)
      .replace('<ns1:status>', '<ns1:statut>')
      .replace('</ns1:status>', '</ns1:statut>');
    expect(await errors(broken, habilitations())).not.toEqual([]);
  });

  it('TD0.3 setAuthorizationResponse and TD1.6 listAuthorizationByPatientResponse (Habilitations.wsdl)', async () => {
    const set = await sendOfficial(fx, 'habilitations', td03('AJOUT'));
    expect(await errors(operation(set.body), habilitations())).toEqual([]);
    fx.sim.admin.blockProfessional('207058575627097', '899900071000');
    const list = await sendOfficial(fx, 'habilitations', td16());
    expect(list.body).toContain('specificRight');
    expect(await errors(operation(list.body), habilitations())).toEqual([]);
  });

  it('TD0.4 patientListResponse (PatientsSpecific.wsdl)', async () => {
    const answer = await sendOfficial(fx, 'patientsSpecific', td04());
    expect(answer.body).toContain('patientlistData');
    expect(await errors(operation(answer.body), embeddedSchema('PatientsSpecific.wsdl'))).toEqual([]);
  });
});
