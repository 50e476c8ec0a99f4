import { randomUUID } from 'node:crypto';

/** Why a multipart/related body was refused; the server answers a SOAP fault, never crashes. */
export class MtomError extends Error {
  constructor(
    readonly reason: 'no_boundary' | 'malformed' | 'too_many_parts' | 'part_too_large' | 'no_root' | 'unknown_cid',
  ) {
    super(reason);
    this.name = 'MtomError';
  }
}

export interface MimePart {
  readonly headers: ReadonlyMap<string, string>;
  readonly contentId: string | undefined;
  readonly body: Buffer;
}

export interface MtomMessage {
  /** The SOAP envelope (root part) as text. */
  readonly envelope: string;
  /** Attachments by Content-ID, without angle brackets. */
  readonly attachments: ReadonlyMap<string, Buffer>;
}

export interface MtomLimits {
  readonly maxParts: number;
  readonly maxPartBytes: number;
  readonly maxEnvelopeBytes: number;
}

/** Parameters of a Content-Type header: `multipart/related; boundary="x"; start="<a>"`. */
export function contentTypeParameters(header: string): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = header.split(';');
  const params = new Map<string, string>();
  for (const raw of rest) {
    const eq = raw.indexOf('=');
    if (eq < 0) continue;
    const key = raw.slice(0, eq).trim().toLowerCase();
    let value = raw.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    params.set(key, value);
  }
  return { type: type.trim().toLowerCase(), params };
}

const stripAngles = (id: string): string => id.trim().replace(/^<(.*)>$/, '$1');

/**
 * Splits a multipart body on its boundary. Line breaks may be CRLF (RFC 2046) or bare LF, as in
 * the official TD2.1 example; the break before a delimiter belongs to the delimiter, so a part's
 * bytes are exactly what was sent (its hash and size depend on it).
 */
export function splitMultipart(
  body: Buffer,
  boundary: string,
  limits: Pick<MtomLimits, 'maxParts' | 'maxPartBytes'>,
): MimePart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const positions: number[] = [];
  for (let at = body.indexOf(delimiter); at >= 0; at = body.indexOf(delimiter, at + delimiter.length)) {
    // A delimiter starts a line.
    if (at === 0 || body[at - 1] === 0x0a) positions.push(at);
    if (positions.length > limits.maxParts + 1) throw new MtomError('too_many_parts');
  }
  if (positions.length < 2) throw new MtomError('malformed');
  const parts: MimePart[] = [];
  for (let i = 0; i < positions.length - 1; i++) {
    const start = positions[i] ?? 0;
    const next = positions[i + 1] ?? 0;
    if (body.subarray(start + delimiter.length, start + delimiter.length + 2).toString('latin1') === '--') break;
    const lineEnd = body.indexOf(0x0a, start);
    if (lineEnd < 0 || lineEnd >= next) throw new MtomError('malformed');
    let end = next;
    if (body[end - 1] === 0x0a) end -= 1;
    if (body[end - 1] === 0x0d) end -= 1;
    parts.push(readPart(body.subarray(lineEnd + 1, Math.max(lineEnd + 1, end)), limits.maxPartBytes));
  }
  const last = positions[positions.length - 1] ?? 0;
  if (body.subarray(last + delimiter.length, last + delimiter.length + 2).toString('latin1') !== '--') {
    throw new MtomError('malformed');
  }
  return parts;
}

function readPart(raw: Buffer, maxPartBytes: number): MimePart {
  let headerEnd = raw.indexOf('\r\n\r\n');
  let separator = 4;
  const lfOnly = raw.indexOf('\n\n');
  if (headerEnd < 0 || (lfOnly >= 0 && lfOnly < headerEnd)) {
    headerEnd = lfOnly;
    separator = 2;
  }
  if (headerEnd < 0) throw new MtomError('malformed');
  const body = raw.subarray(headerEnd + separator);
  if (body.length > maxPartBytes) throw new MtomError('part_too_large');
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, headerEnd).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MtomError('malformed');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const id = headers.get('content-id');
  return { headers, contentId: id === undefined ? undefined : stripAngles(id), body };
}

/** Reads an MTOM/XOP request: the root part (the `start` one, else the first) and the attachments by cid. */
export function parseMtom(contentType: string, body: Buffer, limits: MtomLimits): MtomMessage {
  const { params } = contentTypeParameters(contentType);
  const boundary = params.get('boundary');
  if (boundary === undefined || boundary === '' || boundary.length > 200) throw new MtomError('no_boundary');
  const parts = splitMultipart(body, boundary, limits);
  const start = params.get('start');
  const root = start === undefined ? parts[0] : parts.find((part) => part.contentId === stripAngles(start));
  if (root === undefined) throw new MtomError('no_root');
  if (root.body.length > limits.maxEnvelopeBytes) throw new MtomError('part_too_large');
  const attachments = new Map<string, Buffer>();
  for (const part of parts) {
    if (part === root || part.contentId === undefined) continue;
    attachments.set(part.contentId, part.body);
  }
  return { envelope: root.body.toString('utf8'), attachments };
}

/** The attachment an `xop:Include href="cid:..."` names (the cid is URL-encoded, RFC 2392). */
export function resolveCid(href: string, attachments: ReadonlyMap<string, Buffer>): Buffer {
  if (!href.startsWith('cid:')) throw new MtomError('unknown_cid');
  let id: string;
  try {
    id = decodeURIComponent(href.slice(4));
  } catch {
    throw new MtomError('unknown_cid');
  }
  const found = attachments.get(id) ?? attachments.get(href.slice(4));
  if (found === undefined) throw new MtomError('unknown_cid');
  return found;
}

export interface OutgoingAttachment {
  readonly contentId: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/** Builds an MTOM answer (ITI-43): the SOAP 1.2 envelope as the xop root, then the binary parts. */
export function buildMtom(
  envelope: string,
  attachments: readonly OutgoingAttachment[],
): {
  contentType: string;
  body: Buffer;
} {
  const boundary = `MIMEBoundary_${randomUUID().replaceAll('-', '')}`;
  const rootId = `root.message@${randomUUID()}`;
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\n` +
        `Content-Transfer-Encoding: binary\r\nContent-ID: <${rootId}>\r\n\r\n`,
      'latin1',
    ),
    Buffer.from(envelope, 'utf8'),
  ];
  for (const part of attachments) {
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${part.contentType}\r\nContent-Transfer-Encoding: binary\r\n` +
          `Content-ID: <${part.contentId}>\r\n\r\n`,
        'latin1',
      ),
      part.data,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'));
  return {
    contentType:
      `multipart/related; boundary="${boundary}"; type="application/xop+xml"; ` +
      `start="<${rootId}>"; start-info="application/soap+xml"`,
    body: Buffer.concat(chunks),
  };
}
