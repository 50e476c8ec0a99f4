/** The `code` of a Node file-system error (ENOSPC, EISDIR…); a path or message never leaves here. */
export function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
}
