/**
 * The card readers this desk has seen, and which kinds of card were read in each, kept for the
 * diagnostics bundle ("the Vitale reader on desk 3 never shows a card"). Only reader names and
 * card kinds: no ATR, no holder, nothing read from a card.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CardsStatus } from '../../shared/domain/cards';

export const SeenReaderSchema = z
  .object({
    name: z.string().min(1).max(200),
    cardKinds: z.array(z.string().max(20)).max(10),
    firstSeen: z.iso.datetime(),
  })
  .strict();
export type SeenReader = z.infer<typeof SeenReaderSchema>;

const SeenReadersFileSchema = z.array(SeenReaderSchema).max(64);

export function readSeenReaders(file: string): SeenReader[] {
  try {
    return SeenReadersFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return [];
  }
}

/** Merges one card status into what was seen; returns the same array when nothing is new (no write). */
export function mergeSeenReaders(seen: readonly SeenReader[], status: CardsStatus, now: Date): readonly SeenReader[] {
  let next = seen;
  for (const reader of status.readers) {
    const known = next.find((r) => r.name === reader.name);
    const kind = reader.card?.kind;
    if (known === undefined) {
      next = [
        ...next,
        { name: reader.name, cardKinds: kind === undefined ? [] : [kind], firstSeen: now.toISOString() },
      ];
    } else if (kind !== undefined && !known.cardKinds.includes(kind)) {
      next = next.map((r) => (r === known ? { ...r, cardKinds: [...r.cardKinds, kind] } : r));
    }
  }
  return next === seen ? seen : next.slice(0, 64);
}

/** Follows the card service and keeps `file` (0600) up to date; returns the unsubscribe. */
export function trackSeenReaders(options: {
  readonly file: string;
  /** The card service's status now, and its changes. */
  readonly status: () => CardsStatus;
  readonly onChange: (listener: (status: CardsStatus) => void) => () => void;
  readonly now?: () => Date;
}): () => void {
  let seen: readonly SeenReader[] = readSeenReaders(options.file);
  const record = (status: CardsStatus): void => {
    const next = mergeSeenReaders(seen, status, (options.now ?? (() => new Date()))());
    if (next === seen) return;
    seen = next;
    try {
      mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
      writeFileSync(options.file, `${JSON.stringify(seen, null, 2)}\n`, { mode: 0o600 });
    } catch {
      // Diagnostics only: a read-only disk must not break the card reader.
    }
  };
  record(options.status());
  return options.onChange(record);
}
