import { XMLSerializer } from '@xmldom/xmldom';

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;' };

/** Characters XML 1.0 forbids outright: dropped rather than sent, a service would refuse the whole message. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXmlText(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function escapeXmlAttribute(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node as never);
}
