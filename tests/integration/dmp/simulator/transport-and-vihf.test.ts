import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createTestPki } from '../../../../simulators/pki';
import { resignVihf } from '../../../support/resign-vihf';
import {
  faultCode,
  officialMessage,
  path,
  postSoap,
  sendOfficial,
  startFixture,
  xp,
  type SimulatorFixture,
} from './harness';
import { indirect, OFFICIAL, removeAttribute, setAttribute } from './requests';

let fx: SimulatorFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => fx.sim.close());

const td02 = (): string => officialMessage(OFFICIAL.td02);
const queryCode = (body: string): string => xp(body, path('queryAck', 'queryResponseCode') + '/@code');

describe('VIHF verification', () => {
  it('accepts SHA-256 and SHA-1 signatures by the CPS signature key', async () => {
    for (const algorithm of ['sha256', 'sha1'] as const) {
      const answer = await sendOfficial(fx, 'patients', td02(), { algorithm });
      expect(queryCode(answer.body)).toBe('OK');
    }
  });

  it('answers DMPInvalidCertificate when the VIHF is signed with the TLS authentication key', async () => {
    const answer = await sendOfficial(fx, 'patients', td02(), { signer: fx.doctor.auth });
    expect(answer.status).toBe(500);
    expect(xp(answer.body, path('Fault', 'Code', 'Value'))).toBe('soap:Sender');
    expect(faultCode(answer.body)).toBe('DMPInvalidCertificate');
    expect(xp(answer.body, path('Fault', 'Reason', 'Text'))).toBe('Not a valid signature certificate');
  });

  it('accepts an establishment certificate in indirect mode, which requires subject-id', async () => {
    const withoutSubject = await sendOfficial(fx, 'patients', td02(), {
      signer: fx.establishment,
      client: fx.establishment,
      mutate: setAttribute('Authentification_mode', 'INDIRECTE'),
    });
    expect(faultCode(withoutSubject.body)).toBe('DMPInvalidVIHF');
    const answer = await sendOfficial(fx, 'patients', td02(), {
      signer: fx.establishment,
      client: fx.establishment,
      mutate: indirect(),
    });
    expect(queryCode(answer.body)).toBe('OK');
  });

  it('refuses a signer that does not fit the authentication mode', async () => {
    const establishmentAsCard = await sendOfficial(fx, 'patients', td02(), { signer: fx.establishment });
    expect(faultCode(establishmentAsCard.body)).toBe('DMPInvalidCertificate');
    const cardAsEstablishment = await sendOfficial(fx, 'patients', td02(), { mutate: indirect() });
    expect(faultCode(cardAsEstablishment.body)).toBe('DMPInvalidCertificate');
    // Direct mode: the card that signs is the card that opened the TLS session.
    const colleague = await fx.pki.issueCps({
      nationalId: '899900038839',
      lastName: 'TRAL',
      firstName: 'ADEMIS',
      profession: '10',
    });
    const otherCard = await sendOfficial(fx, 'patients', td02(), { signer: colleague.sign });
    expect(faultCode(otherCard.body)).toBe('DMPInvalidCertificate');
    expect(xp(otherCard.body, path('Fault', 'Reason', 'Text'))).toBe('The VIHF signer is not the TLS card holder');
  });

  it('refuses a signer from another CA', async () => {
    const foreign = await createTestPki({ seedDir: resolve(import.meta.dirname, '../../../../.tmp/pki-dmp-foreign') });
    const stranger = await foreign.issueCps({
      nationalId: '899900063480',
      lastName: 'LIBRE',
      firstName: 'MAX',
      profession: '10',
    });
    const answer = await sendOfficial(fx, 'patients', td02(), { signer: stranger.sign });
    expect(faultCode(answer.body)).toBe('DMPInvalidCertificate');
    // Nor does the TLS layer let its authentication certificate in.
    await expect(postSoap(fx, 'patients', td02(), stranger.auth)).rejects.toThrow();
  });

  it('refuses an unsigned VIHF, a tampered one and an expired one', async () => {
    const unsigned = await postSoap(fx, 'patients', td02(), fx.doctor.auth);
    expect(faultCode(unsigned.body)).toBe('DMPInvalidSignature');
    const tampered = resignVihf(td02(), fx.doctor.sign).replace('>SA07^', '>SA01^');
    expect(faultCode((await postSoap(fx, 'patients', tampered, fx.doctor.auth)).body)).toBe('DMPInvalidSignature');
    const old = await sendOfficial(fx, 'patients', td02(), { now: new Date(Date.now() - 2 * 86_400_000) });
    expect(faultCode(old.body)).toBe('DMPVIHFExpired');
  });

  it('refuses a VIHF whose required attributes are missing or invalid', async () => {
    const cases = [
      removeAttribute('LPS_Nom'),
      removeAttribute('VIHF_Version'),
      setAttribute('Ressource_URN', 'urn:autre'),
      setAttribute('Secteur_Activite', 'SA07'),
      setAttribute('Authentification_mode', 'SANS'),
      setAttribute('urn:oasis:names:tc:xacml:2.0:resource:resource-id', '207058575627097'),
    ];
    for (const mutate of cases) {
      const answer = await sendOfficial(fx, 'patients', td02(), { mutate });
      expect(faultCode(answer.body)).toBe('DMPInvalidVIHF');
    }
  });

  it('verifies an assertion whose prefixes are declared on the envelope, as signed in place', async () => {
    // The simulator verifies the assertion with its ancestors only (not the body): their namespace
    // declarations must still be there, or an assertion relying on them would canonicalize otherwise.
    const declarations = /<saml2:Assertion (xmlns:saml2="[^"]+") (xmlns:xsi="[^"]+")/;
    const official = td02();
    const [, saml2, xsi] = declarations.exec(official) ?? [];
    expect(saml2).toBeDefined();
    const hoisted = official
      .replace(declarations, '<saml2:Assertion')
      .replace('<soap:Envelope ', `<soap:Envelope ${saml2} ${xsi} `);
    const signed = resignVihf(hoisted, fx.doctor.sign);
    expect(signed).not.toMatch(/<saml2:Assertion [^>]*xmlns:saml2=/);
    expect(queryCode((await postSoap(fx, 'patients', signed, fx.doctor.auth)).body)).toBe('OK');
  });

  it('does not read claims from outside what the signature covers', async () => {
    // A second, unsigned assertion is a wrapping attempt.
    const signed = resignVihf(td02(), fx.doctor.sign);
    const extra = signed.replace(/(<saml2:Assertion[\s\S]*?<\/saml2:Assertion>)/, '$1$1');
    expect(faultCode((await postSoap(fx, 'patients', extra, fx.doctor.auth)).body)).toBe('DMPInvalidVIHF');
  });
});

describe('SOAP transport', () => {
  it('answers with WS-Addressing RelatesTo the request MessageID', async () => {
    const answer = await sendOfficial(fx, 'patients', td02());
    expect(xp(answer.body, path('Header', 'RelatesTo'))).toBe('urn:uuid:f2c3f93b-06e2-4333-b80d-4d0505c332aa');
    expect(xp(answer.body, path('Header', 'Action'))).toBe('urn:hl7-org:v3:PRPA_IN201308UV02');
  });

  it('refuses an action the service does not serve and a SOAP 1.1 envelope', async () => {
    const wrongService = await sendOfficial(fx, 'habilitations', td02());
    expect(faultCode(wrongService.body)).toBe('DMPUnknownAction');
    const soap11 = td02().replace(
      'http://www.w3.org/2003/05/soap-envelope',
      'http://schemas.xmlsoap.org/soap/envelope/',
    );
    expect(faultCode((await sendOfficial(fx, 'patients', soap11)).body)).toBe('DMPInvalidRequest');
  });

  it('refuses XXE and entity expansion before parsing, and malformed XML', async () => {
    const xxe =
      `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
      td02().replace('LPS GIE-SV', '&x;');
    const xxeAnswer = await postSoap(fx, 'patients', xxe, fx.doctor.auth);
    expect(faultCode(xxeAnswer.body)).toBe('DMPInvalidRequest');
    expect(xxeAnswer.body).not.toContain('root:');
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "lol">${lol}]><l>&l9;</l>`;
    expect(faultCode((await postSoap(fx, 'patients', laughs, fx.doctor.auth)).body)).toBe('DMPInvalidRequest');
    expect(faultCode((await postSoap(fx, 'patients', '<soap:Envelope', fx.doctor.auth)).body)).toBe(
      'DMPInvalidRequest',
    );
  });

  it('refuses a content type other than SOAP 1.2', async () => {
    const signed = resignVihf(td02(), fx.doctor.sign);
    const answer = await postSoap(fx, 'patients', signed, fx.doctor.auth, 10_000, 'text/xml; charset=utf-8');
    expect(answer.status).toBe(415);
    expect(faultCode(answer.body)).toBe('DMPInvalidRequest');
  });

  it('refuses a body over the size cap with 413', async () => {
    const huge = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const answer = await postSoap(fx, 'patients', huge, fx.doctor.auth);
    expect(answer.status).toBe(413);
    expect(faultCode(answer.body)).toBe('DMPRequestTooLarge');
  });
});
