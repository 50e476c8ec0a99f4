import { randomUUID } from 'node:crypto';

/**
 * A globally unique OID without a registered root: the UUID-derived arc 2.25 (ITU-T X.667).
 * The LPS may pass OIDs under its own root instead.
 */
export function uuidOid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
}

export const uuidUrn = (): string => `urn:uuid:${randomUUID()}`;
