import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { buildEnvelope, decodeSoapResponse, parseEnvelope, wsSecurityHeader } from '../../../main/soap';
import { NS, selectText } from '../../../main/xml';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, details: error.details } : error;
  }
  return 'no error';
};

describe('buildEnvelope', () => {
  it('writes a SOAP 1.2 envelope with WS-Addressing headers in the order of the official examples', () => {
    const xml = buildEnvelope({
      action: 'urn:hl7-org:v3:PRPA_IN201307UV02',
      to: 'https://dmp.test/si-dmp-server/v2/services/patients?a=1&b=2',
      messageId: 'urn:uuid:1',
      extraHeaders: [wsSecurityHeader('<x:A xmlns:x="urn:oasis:names:tc:SAML:2.0:assertion"/>')],
      body: '<b xmlns="urn:hl7-org:v3">é &amp; &lt;</b>',
    });
    const parsed = parseEnvelope(xml);
    expect(parsed.version).toBe('1.2');
    const names = Array.from(parsed.header?.childNodes ?? []).map((n) => (n as Element).localName);
    expect(names).toEqual(['MessageID', 'To', 'ReplyTo', 'Action', 'Security']);
    expect(parsed.action).toBe('urn:hl7-org:v3:PRPA_IN201307UV02');
    expect(selectText(parsed.document, '//wsa:To')).toBe('https://dmp.test/si-dmp-server/v2/services/patients?a=1&b=2');
    expect(selectText(parsed.document, '//wsa:ReplyTo/wsa:Address')).toBe(
      'http://www.w3.org/2005/08/addressing/anonymous',
    );
    expect(
      parsed.header?.getElementsByTagNameNS(NS.wsa, 'Action')[0]?.getAttributeNS(NS.soap12, 'mustUnderstand'),
    ).toBe('true');
    expect(selectText(parsed.document, '//wsse:Security/saml:A')).toBe('');
    expect(parsed.payload?.textContent).toBe('é & <');
    expect(parsed.fault).toBeUndefined();
  });

  it('gives every message a fresh MessageID', () => {
    const a = parseEnvelope(buildEnvelope({ action: 'a', to: 't', body: '<b/>' }));
    const b = parseEnvelope(buildEnvelope({ action: 'a', to: 't', body: '<b/>' }));
    expect(selectText(a.document, '//wsa:MessageID')).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(selectText(a.document, '//wsa:MessageID')).not.toBe(selectText(b.document, '//wsa:MessageID'));
  });
});

describe('parseEnvelope', () => {
  it('reads a SOAP 1.2 fault down to its innermost subcode, prefix stripped', () => {
    const fault = parseEnvelope(
      `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value>` +
        '<s:Subcode><s:Value xmlns:d="urn:dmp">d:DMPAccessDenied</s:Value><s:Subcode><s:Value>DMPInvalidCertificate</s:Value></s:Subcode></s:Subcode>' +
        '</s:Code><s:Reason><s:Text xml:lang="fr">Not a valid signature certificate for DUPONT</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>',
    ).fault;
    expect(fault).toEqual({ code: 'Sender', subcode: 'DMPInvalidCertificate' });
  });

  it('reads a SOAP 1.1 fault (tolerated: one official DMP example uses 1.1)', () => {
    const parsed = parseEnvelope(
      `<e:Envelope xmlns:e="${NS.soap11}"><e:Body><e:Fault><faultcode>e:Server</faultcode><faultstring>x</faultstring></e:Fault></e:Body></e:Envelope>`,
    );
    expect(parsed.version).toBe('1.1');
    expect(parsed.fault).toEqual({ code: 'Server', subcode: null });
  });

  it('keeps free text out of fault codes', () => {
    const fault = parseEnvelope(
      `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value>` +
        '<s:Subcode><s:Value>patient DUPONT 1840575123456 not found</s:Value></s:Subcode></s:Code></s:Fault></s:Body></s:Envelope>',
    ).fault;
    expect(fault).toEqual({ code: 'Receiver', subcode: null });
  });

  it('refuses what is not an envelope, or has no body', () => {
    expect(codeOf(() => parseEnvelope('<html><body>500</body></html>'))).toEqual({
      code: 'SOAP_INVALID_RESPONSE',
      details: { reason: 'not_an_envelope' },
    });
    expect(codeOf(() => parseEnvelope(`<s:Envelope xmlns:s="${NS.soap12}"><s:Header/></s:Envelope>`))).toEqual({
      code: 'SOAP_INVALID_RESPONSE',
      details: { reason: 'no_body' },
    });
  });

  it('refuses a hostile envelope', () => {
    const hostile = `<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]><s:Envelope xmlns:s="${NS.soap12}"><s:Body>&x;</s:Body></s:Envelope>`;
    expect(codeOf(() => parseEnvelope(hostile))).toMatchObject({ code: 'XML_HOSTILE' });
  });
});

describe('decodeSoapResponse', () => {
  it('takes the root part of an MTOM answer and keeps the other parts by Content-ID', () => {
    const envelope = `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><r/></s:Body></s:Envelope>`;
    const body = Buffer.concat([
      Buffer.from(
        '--B1\r\nContent-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\nContent-ID: <root@x>\r\n\r\n' +
          envelope +
          '\r\n--B1\r\nContent-Type: application/octet-stream\r\nContent-ID: <doc1@x>\r\n\r\n',
      ),
      Buffer.from([0, 1, 2, 13, 10, 3]),
      Buffer.from('\r\n--B1--\r\n'),
    ]);
    const decoded = decodeSoapResponse(
      'multipart/related; type="application/xop+xml"; boundary="B1"; start="<root@x>"; start-info="application/soap+xml"',
      body,
    );
    expect(decoded.envelopeXml).toBe(envelope);
    expect([...(decoded.attachments.get('doc1@x') ?? [])]).toEqual([0, 1, 2, 13, 10, 3]);
  });

  it('refuses a multipart answer without its root part', () => {
    expect(
      codeOf(() =>
        decodeSoapResponse(
          'multipart/related; boundary=B1; start="<nope>"',
          Buffer.from('--B1\r\nContent-ID: <a>\r\n\r\nx\r\n--B1--'),
        ),
      ),
    ).toMatchObject({ code: 'SOAP_INVALID_RESPONSE' });
  });

  describe('budgets', () => {
    const type = 'multipart/related; type="application/xop+xml"; boundary="B1"';
    const envelope = `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><r/></s:Body></s:Envelope>`;
    const message = (parts: number, partBody = 'x'): Buffer =>
      Buffer.from(
        `--B1\r\nContent-ID: <root@x>\r\n\r\n${envelope}` +
          Array.from({ length: parts - 1 }, (_, i) => `\r\n--B1\r\nContent-ID: <p${i}@x>\r\n\r\n${partBody}`).join('') +
          '\r\n--B1--\r\n',
      );

    it('refuses more parts than the cap, and reads the same message within it', () => {
      const limits = { maxParts: 10, maxPartBytes: 1024 };
      expect(codeOf(() => decodeSoapResponse(type, message(11), limits))).toMatchObject({
        code: 'SOAP_MTOM_TOO_COMPLEX',
        details: { limit: 'parts' },
      });
      expect(decodeSoapResponse(type, message(10), limits).attachments.size).toBe(9);
    });

    it('refuses 100 000 empty parts under the default cap', () => {
      expect(codeOf(() => decodeSoapResponse(type, message(100_000, '')))).toMatchObject({
        code: 'SOAP_MTOM_TOO_COMPLEX',
        details: { limit: 'parts' },
      });
    });

    it('refuses a part larger than the cap', () => {
      const limits = { maxParts: 10, maxPartBytes: 1024 };
      expect(codeOf(() => decodeSoapResponse(type, message(2, 'y'.repeat(1025)), limits))).toMatchObject({
        code: 'SOAP_MTOM_TOO_COMPLEX',
        details: { limit: 'part_bytes' },
      });
      expect(decodeSoapResponse(type, message(2, 'y'.repeat(1024)), limits).attachments.get('p0@x')?.length).toBe(1024);
    });

    it('refuses a part whose headers never end within their cap', () => {
      const headers = `X-Filler: ${'h'.repeat(64)}\r\n`.repeat(1000);
      const body = Buffer.from(`--B1\r\nContent-ID: <root@x>\r\n${headers}\r\n${envelope}\r\n--B1--\r\n`);
      expect(codeOf(() => decodeSoapResponse(type, body))).toMatchObject({
        code: 'SOAP_MTOM_TOO_COMPLEX',
        details: { limit: 'part_headers' },
      });
    });
  });
});
