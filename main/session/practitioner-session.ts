import type { DeskSession, PractitionerSummary } from '../../shared/api';
import type { CardsStatus, CpsHolder, PinState } from '../../shared/domain/cards';
import { AppError, isAppError } from '../../shared/errors';
import type { CardService } from '../cards/card-service';
import { createCpsSigner } from '../crypto/card-signer';
import type { Signer } from '../crypto/signer';
import { createVihfCache, type VihfCache } from '../dmp/vihf/cache';
import type { VihfPractitioner } from '../dmp/vihf/types';
import type { Logger } from '../log/logger';

/** TRE_G15 professions and TRE_R01 specialties, as the VIHF `subject:role` codes them. */
const PROFESSION_SYSTEM = { codeSystem: '1.2.250.1.71.1.2.7', codeSystemName: 'professions' } as const;
const SPECIALTY_SYSTEM = { codeSystem: '1.2.250.1.71.4.2.5', codeSystemName: 'specialites RPPS' } as const;

export type DmpSignature = DeskSession['dmpSignature'];

/**
 * Who calls the DMP, for as long as their card is in the reader: the holder read from the card,
 * the signer of every VIHF and XAdES, and the VIHF tokens signed so far. Nothing of it outlives
 * the card: pulling it drops the whole context, cache included.
 */
export interface PractitionerContext {
  readonly reader: string;
  readonly atr: string;
  readonly holder: CpsHolder;
  readonly practitioner: VihfPractitioner;
  /** The VIHF/XAdES signature key: the card's, or the establishment's in the INDIRECTE modes. */
  signer(): Promise<Signer>;
  readonly vihfCache: VihfCache;
}

export interface PractitionerSession {
  /** The practitioner for display (header, PIN dialog); null with no CPS in any reader. */
  current(): PractitionerSummary | null;
  /**
   * The context a DMP call is made in. Checks that the very card it was built from is still in
   * its reader; with no CPS anywhere: SESSION_PRACTITIONER_REQUIRED.
   */
  require(): Promise<PractitionerContext>;
  verifyPin(reader: string, pin: string): Promise<PinState>;
  /** The holder and PIN counter of the CPS in `reader` (the card is read once per insertion). */
  holder(reader: string): Promise<{ holder: CpsHolder; pin: PinState }>;
  onChange(listener: () => void): () => void;
  dispose(): void;
}

interface Held {
  readonly reader: string;
  readonly atr: string;
  readonly holder: CpsHolder;
  pin: PinState;
  readonly context: PractitionerContext;
}

export function createPractitionerSession(options: {
  readonly cards: CardService;
  readonly logger: Logger;
  /** The establishment's signature key, when the configuration signs VIHFs with it (INDIRECTE modes). */
  readonly establishmentSigner?: Signer | undefined;
  /** How long a signed VIHF is reused for the same patient and access mode. */
  readonly vihfTtlMs: number;
}): PractitionerSession {
  const { cards, logger } = options;
  let held: Held | undefined;
  /** The read in progress per reader+ATR, so concurrent calls share one card read. */
  const reading = new Map<string, Promise<Held>>();
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const cpsIn = (status: CardsStatus): { reader: string; atr: string } | undefined => {
    const reader = status.readers.find((r) => r.card?.kind === 'cps3');
    return reader?.card === undefined ? undefined : { reader: reader.name, atr: reader.card.atr };
  };

  const stillInserted = (entry: Held, status: CardsStatus): boolean =>
    status.readers.some((r) => r.name === entry.reader && r.card?.atr === entry.atr);

  const drop = (why: string): void => {
    if (held === undefined) return;
    held.context.vihfCache.clear();
    held = undefined;
    logger.info('session.practitioner_ended', { why });
    changed();
  };

  const establish = (reader: string, atr: string): Promise<Held> => {
    const key = `${reader}|${atr}`;
    const pending = reading.get(key);
    if (pending !== undefined) return pending;
    const read = (async (): Promise<Held> => {
      const { holder, pin } = await cards.cpsHolder(reader);
      let signer: Promise<Signer> | undefined;
      const context: PractitionerContext = {
        reader,
        atr,
        holder,
        practitioner: vihfPractitioner(holder),
        signer: () => {
          if (options.establishmentSigner !== undefined) return Promise.resolve(options.establishmentSigner);
          // Read the certificate once per insertion; a failed read is retried on the next call.
          signer ??= createCpsSigner(cards, reader).catch((error: unknown) => {
            signer = undefined;
            throw error;
          });
          return signer;
        },
        vihfCache: createVihfCache(options.vihfTtlMs),
      };
      const entry: Held = { reader, atr, holder, pin, context };
      // The card may have been pulled, or another inserted, while it was being read.
      if (!stillInserted(entry, cards.status())) throw new AppError('CARD_REMOVED');
      held = entry;
      logger.info('session.practitioner_started', { pinVerified: pin.verified });
      changed();
      return entry;
    })().finally(() => reading.delete(key));
    reading.set(key, read);
    return read;
  };

  const follow = (status: CardsStatus): void => {
    if (held !== undefined && !stillInserted(held, status)) drop('card_removed');
    const cps = cpsIn(status);
    if (held === undefined && cps !== undefined) {
      // Reading the holder is two short APDU exchanges and needs no PIN: the header shows who is there at once.
      establish(cps.reader, cps.atr).catch((error: unknown) =>
        logger.warn('session.practitioner_read_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' }),
      );
    }
  };
  const unsubscribe = cards.onChange(follow);
  follow(cards.status());

  const current = async (): Promise<Held> => {
    const status = cards.status();
    if (held !== undefined) {
      if (stillInserted(held, status)) return held;
      drop('card_removed');
    }
    const cps = cpsIn(status);
    if (cps === undefined) throw new AppError('SESSION_PRACTITIONER_REQUIRED');
    return establish(cps.reader, cps.atr);
  };

  return {
    current: () =>
      held === undefined
        ? null
        : {
            reader: held.reader,
            nationalId: held.holder.nationalId,
            lastName: held.holder.lastName,
            firstName: held.holder.firstName,
            profession: held.holder.profession,
            ...(held.holder.specialty === undefined ? {} : { specialty: held.holder.specialty }),
            pin: held.pin,
          },
    require: async () => (await current()).context,
    async holder(reader) {
      const status = cards.status();
      const card = status.readers.find((r) => r.name === reader)?.card;
      if (card?.kind === 'cps3' && held?.reader === reader && held.atr === card.atr) {
        return { holder: held.holder, pin: held.pin };
      }
      if (card?.kind === 'cps3') {
        const entry = await establish(reader, card.atr);
        return { holder: entry.holder, pin: entry.pin };
      }
      // Not a CPS (or no card): the card service answers with the precise error.
      return cards.cpsHolder(reader);
    },
    async verifyPin(reader, pin) {
      try {
        const state = await cards.verifyPin(reader, pin);
        if (held?.reader === reader) {
          held.pin = state;
          changed();
        }
        return state;
      } catch (error) {
        if (held?.reader === reader && isAppError(error) && typeof error.details?.['triesLeft'] === 'number') {
          held.pin = { ...held.pin, verified: false, triesLeft: error.details['triesLeft'] };
          changed();
        }
        throw error;
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      listeners.clear();
      held?.context.vihfCache.clear();
      held = undefined;
    },
  };
}

/** The VIHF `subject` of the card holder: IdNat, name, profession then specialty (TRE_G15, TRE_R01). */
export function vihfPractitioner(holder: CpsHolder): VihfPractitioner {
  return {
    nationalId: holder.nationalId,
    firstName: holder.firstName,
    lastName: holder.lastName,
    roles: [
      { code: holder.profession, ...PROFESSION_SYSTEM },
      ...(holder.specialty === undefined ? [] : [{ code: holder.specialty, ...SPECIALTY_SYSTEM }]),
    ],
  };
}

export function dmpSignatureOf(configured: boolean, establishment: boolean): DmpSignature {
  if (!configured) return 'not_configured';
  return establishment ? 'establishment' : 'cps';
}
