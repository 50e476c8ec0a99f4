import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsiClient, type InsiClient } from '../../../main/identity/insi/client';
import { startInsiSimulator, type InsiSimulator } from '../../../simulators/insi';
import { handleInsiRequest } from '../../../simulators/insi/service';
import { DEFAULT_IDENTITIES } from '../../../simulators/insi/identities';
import { createTestPki } from '../../../simulators/pki';
import { silentLogger } from '../../../main/log/logger';
import { vectorsPath } from '../../support/vectors';
import { INSI_XSD, xsdErrors } from './xsd';

const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  ctxbam: 'urn:siram:bam:ctxbam',
  ctxlps: 'urn:siram:lps:ctxlps',
  siram: 'urn:siram',
};

/** The element `localName` (any namespace) of an envelope, serialized on its own with its namespaces. */
function extract(envelope: string, ns: string | null, localName: string): string {
  const doc = new DOMParser().parseFromString(envelope, 'text/xml');
  const found: Element | undefined = [...doc.getElementsByTagNameNS(ns ?? '*', localName)][0];
  if (found === undefined) throw new Error(`no ${localName}`);
  return new XMLSerializer().serializeToString(found);
}

let sim: InsiSimulator;
let client: InsiClient;

beforeAll(async () => {
  const pki = await createTestPki();
  const server = await pki.issueServer(['127.0.0.1']);
  const cred = await pki.issueEstablishment({ finess: '010000000', name: 'Clinique', commonName: 'INSI-MANU' });
  sim = await startInsiSimulator({ tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem } });
  client = createInsiClient({
    url: sim.url,
    tls: { certPem: cred.certPem, keyPem: cred.keyPem, caPem: pki.caCertPem },
    lps: { idam: 'IDAM-TEST', version: '0.1.0', instance: 'conformance', name: 'DMPDESK' },
    emitter: '010000000',
    logger: silentLogger,
  });
  await client.searchWithTraits({
    birthName: "D'ALMEIDA-JUMEAU",
    firstNames: ['ALEX'],
    sex: 'M',
    birthDate: '2001-09-09',
    birthPlace: '75056',
  });
  await client.searchWithVitale({
    individual: { nir13: '180032B020401', key: '23' },
    holder: { nir13: '180032B020401', key: '23' },
    birthName: 'CORSE',
    birthDate: '1980-03-02',
    birthRank: 1,
  });
});

afterAll(async () => sim.close());

describe('requests the client actually sent validate against the INSi XSDs', () => {
  it('RECSANSVITALE (every query of the strategy, birthplace included)', async () => {
    const traits = sim.received.filter((r) => r.body.includes('RECSANSVITALE'));
    expect(traits.length).toBe(2);
    expect(traits.some((r) => r.body.includes('<LieuNaissance>75056</LieuNaissance>'))).toBe(true);
    for (const request of traits) {
      expect(await xsdErrors(extract(request.body, null, 'RECSANSVITALE'), INSI_XSD.recSans())).toEqual([]);
    }
  });

  it('RECVITALE', async () => {
    const request = sim.received.find((r) => r.body.includes('RECVITALE'));
    expect(request?.action).toBe('urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale');
    expect(await xsdErrors(extract(request?.body ?? '', null, 'RECVITALE'), INSI_XSD.recVit())).toEqual([]);
  });

  it('the ContexteLPS and ContexteBAM headers, and a uuid: MessageID', async () => {
    for (const request of sim.received) {
      expect(await xsdErrors(extract(request.body, NS.ctxlps, 'ContexteLPS'), INSI_XSD.ctxLps())).toEqual([]);
      expect(await xsdErrors(extract(request.body, NS.ctxbam, 'ContexteBAM'), INSI_XSD.ctxBam())).toEqual([]);
      expect(request.body).toMatch(/<MessageID[^>]*>uuid:[0-9a-f-]{36}<\/MessageID>/);
    }
  });

  it('the validator does fail on a wrong body (the check is real)', async () => {
    const wrong =
      '<RECSANSVITALE xmlns="http://www.cnamts.fr/INSiRecSans"><Sexe>M</Sexe><NomNaissance>X</NomNaissance></RECSANSVITALE>';
    expect((await xsdErrors(wrong, INSI_XSD.recSans())).length).toBeGreaterThan(0);
  });
});

describe('simulator answers validate against the INSi XSDs', () => {
  const envelope = (body: string): string =>
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsa="http://www.w3.org/2005/08/addressing"><soap:Header>` +
    '<wsa:MessageID>uuid:1</wsa:MessageID>' +
    '<wsa:Action>urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite</wsa:Action>' +
    `<ctxlps:ContexteLPS xmlns:ctxlps="${NS.ctxlps}" Version="01_00"/><ctxbam:ContexteBAM xmlns:ctxbam="${NS.ctxbam}" Version="01_02"/>` +
    `</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
  const search = (name: string, first: string, date: string): string =>
    envelope(
      `<RECSANSVITALE xmlns="http://www.cnamts.fr/INSiRecSans"><NomNaissance>${name}</NomNaissance><Prenom>${first}</Prenom><DateNaissance>${date}</DateNaissance></RECSANSVITALE>`,
    );

  it.each(
    DEFAULT_IDENTITIES.map((p) => [`${p.birthName} ${p.firstNames.join(' ')} ${p.birthPlace ?? ''}`, p] as const),
  )('00 for %s', async (_label, person) => {
    const exchange = handleInsiRequest(
      search(person.birthName, person.firstNames.join(' '), person.birthDate).replace(
        '</DateNaissance>',
        `</DateNaissance><LieuNaissance>${person.birthPlace ?? ''}</LieuNaissance>`,
      ),
      DEFAULT_IDENTITIES,
    );
    expect(exchange.body).toContain('<CodeCR>00</CodeCR>');
    expect(await xsdErrors(extract(exchange.body, null, 'RESULTAT'), INSI_XSD.resultat())).toEqual([]);
  });

  it('01, 02 and a siram fault', async () => {
    const none = handleInsiRequest(search('ADRUN', 'ZOE', '1990-01-01'), DEFAULT_IDENTITIES);
    const several = handleInsiRequest(search('HOMONYME', 'CAMILLE', '1990-05-12'), DEFAULT_IDENTITIES);
    expect(none.body).toContain('<CodeCR>01</CodeCR>');
    expect(several.body).toContain('<CodeCR>02</CodeCR>');
    expect(await xsdErrors(extract(none.body, null, 'RESULTAT'), INSI_XSD.resultat())).toEqual([]);
    expect(await xsdErrors(extract(several.body, null, 'RESULTAT'), INSI_XSD.resultat())).toEqual([]);
    const fault = handleInsiRequest('<!DOCTYPE x []><x/>', DEFAULT_IDENTITIES);
    expect(fault.status).toBe(400);
    expect(await xsdErrors(extract(fault.body, NS.siram, 'Erreur'), INSI_XSD.fault())).toEqual([]);
  });
});

describe('the official responses against the RESULTAT XSD', () => {
  const official = (name: string) =>
    extract(readFileSync(vectorsPath('insi-responses', name), 'utf8'), null, 'RESULTAT');

  it.each(['REP_CR01.xml', 'TEST_2.05.xml', 'TEST_2.08_cas1.xml', 'TEST_2.08_cas2.xml'])(
    '%s is valid',
    async (name) => {
      expect(await xsdErrors(official(name), INSI_XSD.resultat())).toEqual([]);
    },
  );

  it('TEST_2.04_cas2 breaks the XSD order (DateDeb before IdIndividu): why the client reads by name', async () => {
    const errors = await xsdErrors(official('TEST_2.04_cas2.xml'), INSI_XSD.resultat());
    expect(errors.join('\n')).toMatch(/DateDeb/);
  });
});
