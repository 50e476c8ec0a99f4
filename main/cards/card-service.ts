import type {
  CardInReader,
  CardsStatus,
  CpsHolder,
  PinState,
  ReaderState,
  VitaleBeneficiary,
} from '../../shared/domain/cards';
import { AppError, isAppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { toHex } from './apdu';
import type { ReaderBackend } from './backend';
import { readCertificate, readCpsHolder, readPinCounter, signWithCard, verifyPin, type KeyRole } from './cps-reader';
import { identifyCard } from './registry';
import { ApduTransport, type TransportOptions } from './transport';
import { readVitaleBeneficiaries } from './vitale-reader';

/** A signing key on a CPS, as the signer adapters need it. */
export interface CardKey {
  readonly certificateDer: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface CardService {
  status(): CardsStatus;
  readVitale(reader: string): Promise<VitaleBeneficiary[]>;
  cpsHolder(reader: string): Promise<{ holder: CpsHolder; pin: PinState }>;
  verifyPin(reader: string, pin: string): Promise<PinState>;
  /** A key of the CPS in `reader`; its operations fail with CARD_REMOVED once that card is pulled. */
  cardKey(reader: string, role: KeyRole): Promise<CardKey>;
  onChange(listener: (status: CardsStatus) => void): () => void;
  /** APDUs exchanged and private-key operations made since start, over every reader (benchmarks, diagnostics). */
  counters(): CardCounters;
  dispose(): Promise<void>;
}

export interface CardCounters {
  readonly apdus: number;
  readonly signatures: number;
}

interface Session {
  readonly atr: string;
  readonly transport: ApduTransport;
  pinVerified: boolean;
  /** Learnt from the PIN SDO; a successful VERIFY resets the counter to it, so no re-read is needed. */
  maxTries: number | undefined;
  /** Serialises APDU sequences: two flows interleaved on one card would corrupt each other's selection. */
  queue: Promise<unknown>;
  /** The beneficiaries read from this insertion of a carte Vitale: the desk lists them, then opens one. */
  vitale?: Promise<VitaleBeneficiary[]>;
}

export function createCardService(options: {
  readonly backend: ReaderBackend;
  readonly logger: Logger;
  readonly transport?: TransportOptions;
}): CardService {
  const { backend, logger } = options;
  const sessions = new Map<string, Session>();
  let apdus = 0;
  let signatures = 0;
  const listeners = new Set<(status: CardsStatus) => void>();

  const status = (): CardsStatus => ({
    backend: backend.kind,
    service: backend.service(),
    readers: backend.readers().map((reader): ReaderState => {
      if (reader.atr === undefined) return { name: reader.name };
      const atr = toHex(reader.atr);
      const card: CardInReader = { kind: identifyCard(atr), atr };
      return { name: reader.name, card };
    }),
  });

  const unsubscribe = backend.onChange(() => {
    const current = status();
    // A session belongs to one insertion: a different ATR or an empty reader ends it.
    for (const [name, session] of sessions) {
      const reader = current.readers.find((candidate) => candidate.name === name);
      if (reader?.card?.atr !== session.atr) sessions.delete(name);
    }
    for (const listener of [...listeners]) listener(current);
  });

  const session = (reader: string): Session => {
    const channel = backend.channel(reader);
    const atr = toHex(channel.atr);
    const existing = sessions.get(reader);
    if (existing !== undefined && existing.atr === atr) return existing;
    const created: Session = {
      atr,
      transport: new ApduTransport(channel, options.transport),
      pinVerified: false,
      maxTries: undefined,
      queue: Promise.resolve(),
    };
    sessions.set(reader, created);
    return created;
  };

  const run = async <T>(
    reader: string,
    expected: 'vitale2' | 'cps3',
    step: string,
    work: (s: Session) => Promise<T>,
  ): Promise<T> => {
    const current = session(reader);
    const kind = identifyCard(current.atr);
    if (kind === 'vitale1' || kind === 'unsupported') throw new AppError('CARD_UNSUPPORTED', { details: { kind } });
    if (kind !== expected) throw new AppError('CARD_WRONG_KIND', { details: { kind, expected } });
    const result = current.queue.then(async () => {
      const before = current.transport.apduCount;
      try {
        const value = await work(current);
        apdus += current.transport.apduCount - before;
        logger.info('cards.flow', { step, apdus: current.transport.apduCount - before });
        return value;
      } catch (error) {
        apdus += current.transport.apduCount - before;
        if (isAppError(error) && error.code === 'CARD_REMOVED') sessions.delete(reader);
        // The card forgot the PIN (reset by another application, power glitch): so do we.
        if (isAppError(error) && error.code === 'PIN_REQUIRED') current.pinVerified = false;
        logger.warn('cards.flow_failed', { step, code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
        throw error;
      }
    });
    current.queue = result.catch(() => undefined);
    return result;
  };

  backend.start();

  return {
    status,
    readVitale: async (reader) => {
      const owner = session(reader);
      // One read per insertion: the card cannot change while it stays in the reader.
      owner.vitale ??= run(reader, 'vitale2', 'read-vitale', (s) => readVitaleBeneficiaries(s.transport)).catch(
        (error: unknown) => {
          delete owner.vitale;
          throw error;
        },
      );
      return [...(await owner.vitale)];
    },
    cpsHolder: (reader) =>
      run(reader, 'cps3', 'cps-holder', async (s) => {
        const holder = await readCpsHolder(s.transport);
        const counter = await readPinCounter(s.transport);
        s.maxTries = counter.maxTries;
        return { holder, pin: { ...counter, verified: s.pinVerified } };
      }),
    verifyPin: (reader, pin) =>
      run(reader, 'cps3', 'verify-pin', async (s) => {
        try {
          await verifyPin(s.transport, pin);
        } catch (error) {
          // A refused PIN clears the card's security status; a malformed one never reached the card.
          if (!isAppError(error) || error.code !== 'PIN_FORMAT') s.pinVerified = false;
          throw error;
        }
        s.pinVerified = true;
        const maxTries = s.maxTries ?? (await readPinCounter(s.transport)).maxTries;
        s.maxTries = maxTries;
        return { maxTries, triesLeft: maxTries, verified: true };
      }),
    cardKey: async (reader, role) => {
      const owner = session(reader);
      const certificateDer = await run(reader, 'cps3', 'read-certificate', (s) => readCertificate(s.transport, role));
      return {
        certificateDer,
        sign: (data) => {
          if (sessions.get(reader) !== owner) return Promise.reject(new AppError('CARD_REMOVED'));
          return run(reader, 'cps3', role === 'signature' ? 'sign' : 'authenticate', (s) => {
            if (s !== owner) throw new AppError('CARD_REMOVED');
            signatures += 1;
            return signWithCard(s.transport, role, data);
          });
        },
      };
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    counters: () => ({ apdus, signatures }),
    dispose: async () => {
      unsubscribe();
      listeners.clear();
      sessions.clear();
      await backend.stop();
    },
  };
}
