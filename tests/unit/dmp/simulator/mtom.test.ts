import { describe, expect, it } from 'vitest';
import { buildMtom, MtomError, parseMtom, resolveCid, splitMultipart } from '../../../../simulators/national-dmp/mtom';

const LIMITS = { maxParts: 8, maxPartBytes: 1024, maxEnvelopeBytes: 512 };
const binary = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x00, 0xff, 0x0a, 0x2d, 0x2d]);

function multipart(boundary: string, eol: string, parts: { id: string; body: Buffer | string }[]): Buffer {
  return Buffer.concat([
    ...parts.flatMap((part) => [
      Buffer.from(
        `--${boundary}${eol}Content-Type: application/octet-stream${eol}Content-ID: <${part.id}>${eol}${eol}`,
      ),
      typeof part.body === 'string' ? Buffer.from(part.body) : part.body,
      Buffer.from(eol),
    ]),
    Buffer.from(`--${boundary}--${eol}`),
  ]);
}

const type = (boundary: string, start?: string): string =>
  `multipart/related; boundary="${boundary}"; type="application/xop+xml"` +
  (start === undefined ? '' : `; start="<${start}>"`);

describe('MTOM / XOP parsing', () => {
  it('reads the root part and keeps attachments byte for byte, with CRLF or bare LF', () => {
    for (const eol of ['\r\n', '\n']) {
      const body = multipart('b1', eol, [
        { id: 'root', body: '<Envelope/>' },
        { id: 'doc@x', body: binary },
      ]);
      const message = parseMtom(type('b1', 'root'), body, LIMITS);
      expect(message.envelope).toBe('<Envelope/>');
      expect(message.attachments.get('doc@x')).toEqual(binary);
    }
  });

  it('resolves URL-encoded cid references (RFC 2392)', () => {
    const attachments = new Map([['a-1@urn:ihe:iti:xds-b:2007', binary]]);
    expect(resolveCid('cid:a-1@urn%3Aihe%3Aiti%3Axds-b%3A2007', attachments)).toEqual(binary);
    expect(() => resolveCid('cid:missing', attachments)).toThrow(MtomError);
    expect(() => resolveCid('http://evil/', attachments)).toThrow(MtomError);
  });

  it('refuses bodies without boundary, unterminated, with too many or too large parts', () => {
    const body = multipart('b2', '\r\n', [{ id: 'root', body: '<E/>' }]);
    const reason = (run: () => unknown): string => {
      try {
        run();
        return 'accepted';
      } catch (error) {
        return error instanceof MtomError ? error.reason : 'crash';
      }
    };
    expect(reason(() => parseMtom('multipart/related; type="application/xop+xml"', body, LIMITS))).toBe('no_boundary');
    expect(reason(() => parseMtom(type('b2'), body.subarray(0, body.length - 8), LIMITS))).toBe('malformed');
    const many = multipart(
      'b3',
      '\r\n',
      Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, body: 'x' })),
    );
    expect(reason(() => parseMtom(type('b3'), many, LIMITS))).toBe('too_many_parts');
    const big = multipart('b4', '\r\n', [
      { id: 'root', body: '<E/>' },
      { id: 'big', body: Buffer.alloc(2048) },
    ]);
    expect(reason(() => parseMtom(type('b4'), big, LIMITS))).toBe('part_too_large');
    expect(reason(() => parseMtom(type('b2', 'nope'), body, LIMITS))).toBe('no_root');
    expect(reason(() => splitMultipart(Buffer.from('no parts at all'), 'b5', LIMITS))).toBe('malformed');
  });

  it('builds an answer that it can read back', () => {
    const built = buildMtom('<Envelope>é</Envelope>', [
      { contentId: 'doc-1@x', contentType: 'application/pdf', data: binary },
    ]);
    const message = parseMtom(built.contentType, built.body, { ...LIMITS, maxEnvelopeBytes: 1024 });
    expect(message.envelope).toBe('<Envelope>é</Envelope>');
    expect(message.attachments.get('doc-1@x')).toEqual(binary);
  });
});
