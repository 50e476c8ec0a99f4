/**
 * With a CPS card every VIHF costs a card signature (slow, and the card may be pulled), yet the
 * token stays valid for a working session. So a signed token is reused for the same patient and
 * access mode for a short while; a different patient or mode always gets its own token.
 */
export interface VihfCache {
  get(key: string, create: () => Promise<string>): Promise<string>;
  clear(): void;
}

export function createVihfCache(ttlMs: number, now: () => number = Date.now): VihfCache {
  const entries = new Map<string, { readonly expires: number; readonly token: Promise<string> }>();
  return {
    async get(key, create) {
      const time = now();
      for (const [k, entry] of entries) if (entry.expires <= time) entries.delete(k);
      const hit = entries.get(key);
      if (hit !== undefined) return hit.token;
      const token = create();
      entries.set(key, { expires: time + ttlMs, token });
      // A failed signature (card pulled, wrong PIN) must not be served from the cache.
      token.catch(() => entries.delete(key));
      return token;
    },
    clear: () => entries.clear(),
  };
}
