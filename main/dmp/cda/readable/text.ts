/** Whitespace as a browser collapses it in normal flow: the narrative's line breaks are layout, not content. */
export function collapse(value: string): string {
  return value.replace(/[\s\u00a0]+/g, ' ');
}

const SHORT = 2_000;

/** Text of a header field (names, codes): collapsed, trimmed, clipped to what the contract accepts. */
export function shortText(value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const text = collapse(value).trim().slice(0, SHORT);
  return text === '' ? null : text;
}

const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/** A link target the reader may see: absolute http(s) only, anything else (javascript:, data:, file:) dropped. */
export function safeHref(value: string | null): string | null {
  if (value === null) return null;
  const href = value.trim();
  if (href.length > SHORT || !HTTP_URL.test(href)) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? href : null;
  } catch {
    return null;
  }
}
