import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITIES } from '../../../simulators/insi/identities';
import { matchTraits, matchVitale } from '../../../simulators/insi/matching';
import { handleInsiRequest } from '../../../simulators/insi/service';

const HEADERS =
  '<wsa:MessageID>uuid:1</wsa:MessageID>' +
  '<ctxlps:ContexteLPS xmlns:ctxlps="urn:siram:lps:ctxlps" Version="01_00"/>' +
  '<ctxbam:ContexteBAM xmlns:ctxbam="urn:siram:bam:ctxbam" Version="01_02"/>';
const TRAITS_ACTION = '<wsa:Action>urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite</wsa:Action>';
const envelope = (headers: string, body: string): string =>
  '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">' +
  `<soap:Header>${headers}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
const adrtrois =
  '<RECSANSVITALE xmlns="http://www.cnamts.fr/INSiRecSans"><NomNaissance>ADRTROIS</NomNaissance><Prenom>DOMINIQUE</Prenom><DateNaissance>1997-02-26</DateNaissance></RECSANSVITALE>';

describe('INSi simulator matching', () => {
  const base = DEFAULT_IDENTITIES;
  const query = { birthName: 'HOMONYME', sex: 'F', birthDate: '1990-05-12', birthPlace: undefined };

  it('matches one first name of the list, or the whole list, never a partial list', () => {
    expect(matchTraits(base, { ...query, firstNames: ['CAMILLE'] })).toHaveLength(2);
    expect(matchTraits(base, { ...query, firstNames: ['LOUISE'] })).toHaveLength(1);
    expect(matchTraits(base, { ...query, firstNames: ['CAMILLE LOUISE'] })).toHaveLength(1);
    expect(matchTraits(base, { ...query, firstNames: ['CAMILLE', 'LOUISE'] })).toHaveLength(1);
    expect(matchTraits(base, { ...query, firstNames: ['LOUISE CAMILLE'] })).toHaveLength(0);
    expect(matchTraits(base, { ...query, sex: 'M', firstNames: ['CAMILLE'] })).toHaveLength(0);
  });

  it('matches a card on the own NIR (history included) or on holder NIR and rank', () => {
    const card = { holderNir13: undefined, birthRank: 1, birthDate: '2009-07-14' };
    expect(matchVitale(base, { ...card, individualNir13: '1090763220834' })).toHaveLength(1);
    expect(matchVitale(base, { ...card, individualNir13: '1090763220834', birthDate: '2009-07-15' })).toHaveLength(0);
    const child = { individualNir13: undefined, holderNir13: '1850775056301', birthDate: '2015-04-10' };
    expect(matchVitale(base, { ...child, birthRank: 1 })).toHaveLength(1);
    expect(matchVitale(base, { ...child, birthRank: 2 })).toHaveLength(0);
  });
});

describe('INSi simulator requests', () => {
  it('answers 00 with the person and echoes the message id', () => {
    const exchange = handleInsiRequest(envelope(HEADERS + TRAITS_ACTION, adrtrois), DEFAULT_IDENTITIES);
    expect(exchange.status).toBe(200);
    expect(exchange.body).toContain('<CodeCR>00</CodeCR>');
    expect(exchange.body).toContain('<NumIdentifiant>297022A020778</NumIdentifiant>');
    expect(exchange.body).toContain('<wsa:RelatesTo>uuid:1</wsa:RelatesTo>');
  });

  it.each([
    ['no context headers', envelope('<wsa:MessageID>uuid:1</wsa:MessageID>' + TRAITS_ACTION, adrtrois)],
    ['no message id', envelope(HEADERS.replace('<wsa:MessageID>uuid:1</wsa:MessageID>', '') + TRAITS_ACTION, adrtrois)],
    [
      'a body that does not match the action',
      envelope(HEADERS + TRAITS_ACTION, '<RECVITALE xmlns="http://www.cnamts.fr/INSiRecVit"/>'),
    ],
    [
      'SOAP 1.1',
      envelope(HEADERS, adrtrois).replace(
        'http://www.w3.org/2003/05/soap-envelope',
        'http://schemas.xmlsoap.org/soap/envelope/',
      ),
    ],
    [
      'a DOCTYPE',
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope(HEADERS + TRAITS_ACTION, adrtrois)}`,
    ],
    ['garbage', '<<<'],
  ])('refuses %s with a siram fault, without crashing', (_label, request) => {
    const exchange = handleInsiRequest(request, DEFAULT_IDENTITIES);
    expect(exchange.status).toBe(400);
    expect(exchange.body).toContain('<soap:Fault>');
    expect(exchange.body).toContain('code="DESIR_400"');
  });
});
