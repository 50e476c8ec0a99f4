import { AppError } from '../../shared/errors';

/**
 * HTTP body encodings of SOAP messages. Plain SOAP 1.2 today; MTOM/XOP (multipart/related),
 * needed to deposit and read documents, plugs in here without touching the transport.
 */
export interface EncodedRequest {
  readonly contentType: string;
  readonly data: Buffer;
}

export interface DecodedResponse {
  readonly envelopeXml: string;
  /** MTOM parts by Content-ID (without angle brackets), referenced from the envelope by `cid:`. */
  readonly attachments: ReadonlyMap<string, Buffer>;
}

/** Budgets of an MTOM answer, enforced while splitting, before any part is copied or parsed. */
export interface MtomLimits {
  /** Parts, root included: an ITI-43 answer carries one per document asked for. */
  readonly maxParts: number;
  /** Bytes of one part: a document, or the envelope. */
  readonly maxPartBytes: number;
}

/**
 * Far above what a retrieval asks for (a handful of documents per call), far below what would
 * strain memory: without a part cap, 20 MB of empty parts is hundreds of thousands of Buffers and
 * map entries.
 */
export const DEFAULT_MTOM_LIMITS: MtomLimits = { maxParts: 128, maxPartBytes: 16 * 1024 * 1024 };

const quoteParam = (value: string): string => value.replace(/["\\\r\n]/g, '');

export function encodeSoap12Request(envelope: string, action: string): EncodedRequest {
  return {
    contentType: `application/soap+xml; charset=utf-8; action="${quoteParam(action)}"`,
    data: Buffer.from(envelope, 'utf8'),
  };
}

function parameter(contentType: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(contentType);
  return match?.[1] ?? match?.[2];
}

function charsetOf(contentType: string): BufferEncoding {
  const charset = parameter(contentType, 'charset')?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return 'utf8';
  if (charset === 'iso-8859-1' || charset === 'latin1') return 'latin1';
  throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'charset' } });
}

/** A part's MIME headers are a few short lines; more is no MTOM answer. */
const MAX_PART_HEADER_BYTES = 16 * 1024;

const tooComplex = (limit: 'parts' | 'part_bytes' | 'part_headers'): AppError =>
  new AppError('SOAP_MTOM_TOO_COMPLEX', { details: { limit } });

/** Splits a multipart/related body into its parts (headers lower-cased), within the budgets. */
function splitMultipart(
  data: Buffer,
  boundary: string,
  limits: MtomLimits,
): { headers: Map<string, string>; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Map<string, string>; body: Buffer }[] = [];
  let position = data.indexOf(delimiter);
  if (position < 0) throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'multipart' } });
  for (;;) {
    position += delimiter.length;
    if (data.subarray(position, position + 2).toString() === '--') return parts;
    if (parts.length >= limits.maxParts) throw tooComplex('parts');
    const next = data.indexOf(delimiter, position);
    if (next < 0) throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'multipart' } });
    const part = data.subarray(position, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'multipart' } });
    if (headerEnd > MAX_PART_HEADER_BYTES) throw tooComplex('part_headers');
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, headerEnd).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    // The CRLF before the next delimiter belongs to the delimiter, not to the part.
    let body = part.subarray(headerEnd + 4);
    if (body.subarray(-2).toString() === '\r\n') body = body.subarray(0, -2);
    if (body.length > limits.maxPartBytes) throw tooComplex('part_bytes');
    parts.push({ headers, body });
    position = next;
  }
}

const stripAngles = (id: string): string => id.replace(/^<|>$/g, '');

/** The envelope and attachments of an answer. Throws SOAP_INVALID_RESPONSE or SOAP_MTOM_TOO_COMPLEX. */
export function decodeSoapResponse(
  contentType: string,
  data: Buffer,
  limits: MtomLimits = DEFAULT_MTOM_LIMITS,
): DecodedResponse {
  if (!/^\s*multipart\/related/i.test(contentType)) {
    return { envelopeXml: data.toString(charsetOf(contentType)), attachments: new Map() };
  }
  const boundary = parameter(contentType, 'boundary');
  if (boundary === undefined) throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'multipart' } });
  const parts = splitMultipart(data, boundary, limits);
  const start = parameter(contentType, 'start');
  const rootIndex = start === undefined ? 0 : parts.findIndex((p) => p.headers.get('content-id') === start);
  const root = parts[rootIndex];
  if (root === undefined) throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'multipart_root' } });
  const attachments = new Map<string, Buffer>();
  parts.forEach((part, index) => {
    const id = part.headers.get('content-id');
    if (index !== rootIndex && id !== undefined) attachments.set(stripAngles(id), part.body);
  });
  return { envelopeXml: root.body.toString(charsetOf(root.headers.get('content-type') ?? '')), attachments };
}
