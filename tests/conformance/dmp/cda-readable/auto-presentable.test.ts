import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clinicalDocumentOf } from '../../../../main/dmp/cda/received';
import { displayableContent } from '../../../../main/dmp/documents/cda-content';
import { replacedVersion } from '../../../../main/dmp/documents/transactions/replace-source';
import { parseXmlSafely, selectText } from '../../../../main/xml';
import { vectorsPath } from '../../../support/vectors';

/**
 * The "auto-présentable" form of the ANS examples (TestContenuCDA `BIO-CR-BIO_2021.01_Auto-Presentable.xml`,
 * `…_Auto-Presentable_avec-image.xml`, `CANCER-PPS_2022.01_Autopresentable.xml`): an xsl:stylesheet
 * root, a `<?xml-stylesheet href="#"?>` pointing at itself, the ClinicalDocument in a top-level
 * `data:Contenu`, then the templates that render it. Every official example of the vectors is
 * put in that very form here, and must show exactly what the plain file shows; any example of the
 * vectors that already has that form goes through examples.test.ts like the others.
 */
const dir = vectorsPath('cda', 'examples');
const examples = readdirSync(dir).filter((name) => name.endsWith('.xml'));

function autoPresentable(plain: string): string {
  const root = plain.indexOf('<ClinicalDocument');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!-- Un document autoprésentable utilise la feuille de style fournie dans le document -->\n' +
    '<?xml-stylesheet type="text/xsl"  href="#"?>\n' +
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" ' +
    'xmlns:data="urn:asip-sante:ci-sis" xmlns:c="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    `<data:Contenu>${plain.slice(root)}</data:Contenu>\n` +
    '<xsl:template match="/"><html><body><h1>XSLT RAN</h1>' +
    '<xsl:apply-templates select="//c:ClinicalDocument"/></body></html></xsl:template>\n' +
    '</xsl:stylesheet>\n'
  );
}

describe('auto-présentable form of the official CDA examples', () => {
  it('has official examples to wrap', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)('%s: shows what the plain file shows, the stylesheet never run', (name) => {
    const plain = readFileSync(`${dir}/${name}`, 'utf8');
    // Any example already in that form is not wrapped twice.
    if (!plain.includes('<ClinicalDocument')) return;
    const wrapped = Buffer.from(autoPresentable(plain), 'utf8');
    const shown = displayableContent(wrapped);
    expect(shown).toEqual(displayableContent(Buffer.from(plain, 'utf8')));
    expect(JSON.stringify(shown)).not.toContain('XSLT RAN');

    // The header a replacement reads (setId, versionNumber) comes from the ClinicalDocument inside.
    const inner = clinicalDocumentOf(parseXmlSafely(wrapped.toString('utf8')).documentElement);
    const uniqueId = selectText(inner, 'hl7:id/@root') ?? '';
    expect(replacedVersion(wrapped, uniqueId)).toEqual(replacedVersion(Buffer.from(plain, 'utf8'), uniqueId));
  });
});
