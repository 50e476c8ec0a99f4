import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { NS } from '../xml';
import type { DecodedResponse, EncodedRequest } from './content';

/** A binary part of an MTOM message, referenced from the envelope by `<xop:Include href="cid:…"/>`. */
export interface MtomAttachment {
  /** Content-ID without angle brackets. */
  readonly contentId: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

const ROOT_ID = 'root.message@dmp-desk';
/** A Content-ID (RFC 2392 msg-id) never holds blanks, angle brackets or quotes: one could forge a header. */
const TOKEN = /^[^\s<>"]+$/;
const quoteParam = (value: string): string => value.replace(/["\\\r\n]/g, '');

/** `<xop:Include>` for an attachment; the Content-ID is URL-escaped as RFC 2392 asks for `cid:` URLs. */
export function xopInclude(contentId: string): string {
  return `<xop:Include xmlns:xop="${NS.xop}" href="cid:${encodeURIComponent(contentId)}"/>`;
}

/**
 * SOAP 1.2 over MTOM/XOP (multipart/related; type="application/xop+xml"): the envelope is the root
 * part, each document travels as raw bytes in its own part (no base64 inflation on the wire).
 * One Buffer.concat at the end, so a 1 MB PDF is copied once.
 */
export function encodeMtomRequest(
  envelope: string,
  action: string,
  attachments: readonly MtomAttachment[],
): EncodedRequest {
  const boundary = `MIMEBoundary_${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\n` +
        `Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"; action="${quoteParam(action)}"\r\n` +
        `Content-Transfer-Encoding: binary\r\nContent-ID: <${ROOT_ID}>\r\n\r\n`,
      'utf8',
    ),
    Buffer.from(envelope, 'utf8'),
  ];
  for (const attachment of attachments) {
    if (!TOKEN.test(attachment.contentId)) {
      throw new AppError('DOC_INVALID_INPUT', { details: { field: 'attachment.contentId' } });
    }
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${attachment.contentType.replace(/[\r\n]/g, '')}\r\n` +
          `Content-Transfer-Encoding: binary\r\nContent-ID: <${attachment.contentId}>\r\n\r\n`,
        'utf8',
      ),
      Buffer.from(attachment.data.buffer, attachment.data.byteOffset, attachment.data.byteLength),
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return {
    contentType:
      `multipart/related; type="application/xop+xml"; boundary="${boundary}"; ` +
      `start="<${ROOT_ID}>"; start-info="application/soap+xml"; action="${quoteParam(action)}"`,
    data: Buffer.concat(chunks),
  };
}

/**
 * The bytes an `<xop:Include>` element stands for, or the inline base64 text when the sender did not
 * optimize the part (both are legal for an xs:base64Binary element). Typed error when the cid is absent.
 */
export function resolveXopContent(element: Element, response: DecodedResponse): Buffer {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const include = node as Element;
    if (include.namespaceURI !== NS.xop || include.localName !== 'Include') continue;
    const href = include.getAttribute('href') ?? '';
    if (!href.startsWith('cid:')) throw new AppError('DOC_ATTACHMENT_MISSING', { details: { reason: 'href' } });
    let id: string;
    try {
      id = decodeURIComponent(href.slice(4));
    } catch {
      throw new AppError('DOC_ATTACHMENT_MISSING', { details: { reason: 'href' } });
    }
    const data = response.attachments.get(id) ?? response.attachments.get(href.slice(4));
    if (data === undefined) throw new AppError('DOC_ATTACHMENT_MISSING', { details: { reason: 'cid' } });
    return data;
  }
  const inline = (element.textContent ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(inline) || inline.length % 4 !== 0) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'base64' } });
  }
  return Buffer.from(inline, 'base64');
}
